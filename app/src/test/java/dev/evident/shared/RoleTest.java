package dev.evident.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.shared.problem.ForbiddenException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.ActorType;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {

    @ParameterizedTest
    @EnumSource(Role.class)
    void adminCoversEveryRole(Role role) {
        assertThat(Role.ADMIN.covers(role)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleCoversItself(Role role) {
        assertThat(role.covers(role)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void noOtherRoleCoversAdmin(Role role) {
        assertThat(role.covers(Role.ADMIN)).isFalse();
    }

    @Test
    void adminHoldsEveryPermission() {
        assertThat(Role.ADMIN.permissions()).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void complianceManagerCoversTheRolesItMayHandOut() {
        assertThat(Role.COMPLIANCE_MANAGER.covers(Role.AUDITOR)).isTrue();
        assertThat(Role.COMPLIANCE_MANAGER.covers(Role.CONTRIBUTOR)).isTrue();
        assertThat(Role.COMPLIANCE_MANAGER.covers(Role.EMPLOYEE)).isTrue();
    }

    @Test
    void contributorDoesNotCoverAuditorBecauseItCannotReadTheAuditLog() {
        assertThat(Role.CONTRIBUTOR.can(Permission.AUDIT_LOG_READ)).isFalse();
        assertThat(Role.CONTRIBUTOR.covers(Role.AUDITOR)).isFalse();
    }

    @Test
    void contributorsOperateTheirControlsWhichAuditorsOnlyRead() {
        assertThat(Role.CONTRIBUTOR.can(Permission.CONTROLS_OPERATE)).isTrue();
        assertThat(Role.CONTRIBUTOR.can(Permission.CONTROLS_MANAGE)).isFalse();
        assertThat(Role.AUDITOR.can(Permission.CONTROLS_OPERATE)).isFalse();
        assertThat(Role.AUDITOR.covers(Role.CONTRIBUTOR)).isFalse();
    }

    @Test
    void complianceManagersRunProgramsAndControls() {
        assertThat(Role.COMPLIANCE_MANAGER.permissions()).contains(Permission.PROGRAMS_MANAGE, Permission.CONTROLS_MANAGE,
                Permission.CONTROLS_OPERATE);
    }

    @Test
    void employeeCoversNoOtherRole() {
        for (Role other : Role.values()) {
            assertThat(Role.EMPLOYEE.covers(other)).as(other.name()).isEqualTo(other == Role.EMPLOYEE);
        }
    }

    @Test
    void auditorIsReadOnly() {
        assertThat(Role.AUDITOR.permissions()).containsExactlyInAnyOrder(
                Permission.ORGANIZATION_READ, Permission.MEMBERS_READ, Permission.AUDIT_LOG_READ,
                Permission.PROGRAMS_READ, Permission.CONTROLS_READ, Permission.EVIDENCE_READ, Permission.EVIDENCE_EXPORT,
                Permission.INTEGRATIONS_READ, Permission.CHECKS_READ);
        assertThat(Role.AUDITOR.can(Permission.INVITATIONS_MANAGE)).isFalse();
        assertThat(Role.AUDITOR.can(Permission.INTEGRATIONS_MANAGE)).isFalse();
        assertThat(Role.AUDITOR.can(Permission.CHECKS_MANAGE)).isFalse();
        assertThat(Role.AUDITOR.can(Permission.TOKENS_MANAGE)).isFalse();
    }

    @Test
    void employeeMayOnlySeeTheOrganization() {
        assertThat(Role.EMPLOYEE.permissions()).containsExactly(Permission.ORGANIZATION_READ);
    }

    @Test
    void onlyAdminsMayCreateOrganizationsOrReadMetrics() {
        for (Role role : Role.values()) {
            assertThat(role.can(Permission.ORGANIZATION_CREATE)).as(role.name()).isEqualTo(role == Role.ADMIN);
            assertThat(role.can(Permission.METRICS_READ)).as(role.name()).isEqualTo(role == Role.ADMIN);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"compliance-manager", "COMPLIANCE_MANAGER", "Compliance_Manager", " compliance-manager "})
    void complianceManagerIsParsedFromItsUsualSpellings(String value) {
        assertThat(Role.parse(value)).isEqualTo(Role.COMPLIANCE_MANAGER);
    }

    @Test
    void lowerCaseRoleNamesAreParsed() {
        assertThat(Role.parse("admin")).isEqualTo(Role.ADMIN);
        assertThat(Role.parse("auditor")).isEqualTo(Role.AUDITOR);
        assertThat(Role.parse("employee")).isEqualTo(Role.EMPLOYEE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "", "compliance manager", "ADMINS"})
    void unknownRoleIsRefusedListingTheAllowedValues(String value) {
        assertThatThrownBy(() -> Role.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be one of ADMIN, COMPLIANCE_MANAGER, CONTRIBUTOR, EMPLOYEE, AUDITOR");
    }

    @Test
    void missingRoleIsRefusedListingTheAllowedValues() {
        assertThatThrownBy(() -> Role.parse(null)).hasMessageContaining(Role.allowedValues());
    }

    @Test
    void actorWithoutThePermissionIsForbiddenNamingIt() {
        Actor auditor = new Actor(ActorType.USER, UUID.randomUUID(), "elena@ruizhart-cpa.example", UUID.randomUUID(),
                Role.AUDITOR, null, "203.0.113.7");

        assertThat(auditor.can(Permission.AUDIT_LOG_READ)).isTrue();
        assertThatThrownBy(() -> auditor.require(Permission.MEMBERS_MANAGE)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("Auditor").hasMessageNotContaining("MEMBERS_MANAGE");
    }

    @Test
    void actorWithoutARoleMayDoNothing() {
        Actor outsider = new Actor(ActorType.USER, UUID.randomUUID(), "x@acme.example", null, null, null, null);

        assertThat(outsider.can(Permission.ORGANIZATION_READ)).isFalse();
    }

    @Test
    void permissionsAppearToSpringSecurityWithAPrefix() {
        assertThat(Permission.METRICS_READ.authority()).isEqualTo("PERM_METRICS_READ");
    }
}
