package dev.evident.shared.security;

import static dev.evident.shared.security.Permission.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The five roles of an organization member or API token. */
public enum Role {
    ADMIN("Admin", "Full control of the organization, its members and its settings",
            EnumSet.allOf(Permission.class)),
    COMPLIANCE_MANAGER("Compliance manager", "Runs the compliance program; invites people and manages API tokens",
            EnumSet.of(ORGANIZATION_READ, MEMBERS_READ, INVITATIONS_MANAGE, TOKENS_MANAGE, AUDIT_LOG_READ,
                    PROGRAMS_READ, PROGRAMS_MANAGE, CONTROLS_READ, CONTROLS_MANAGE, CONTROLS_OPERATE, EVIDENCE_READ,
                    EVIDENCE_WRITE, EVIDENCE_EXPORT, INTEGRATIONS_READ, INTEGRATIONS_MANAGE,
                    CHECKS_READ, CHECKS_MANAGE)),
    CONTRIBUTOR("Contributor", "Owns controls: fixes failing checks and uploads evidence",
            EnumSet.of(ORGANIZATION_READ, MEMBERS_READ, PROGRAMS_READ, CONTROLS_READ, CONTROLS_OPERATE, EVIDENCE_READ,
                    EVIDENCE_WRITE, INTEGRATIONS_READ, CHECKS_READ)),
    EMPLOYEE("Employee", "Accepts policies and completes training",
            EnumSet.of(ORGANIZATION_READ)),
    AUDITOR("Auditor", "Read-only access for the CPA firm",
            EnumSet.of(ORGANIZATION_READ, MEMBERS_READ, AUDIT_LOG_READ, PROGRAMS_READ, CONTROLS_READ, EVIDENCE_READ,
                    EVIDENCE_EXPORT, INTEGRATIONS_READ, CHECKS_READ));

    private final String label;
    private final String description;
    private final Set<Permission> permissions;

    Role(String label, String description, Set<Permission> permissions) {
        this.label = label;
        this.description = description;
        this.permissions = Set.copyOf(permissions);
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** A role may only hand out roles whose permissions it holds itself (no privilege escalation). */
    public boolean covers(Role other) {
        return permissions.containsAll(other.permissions);
    }

    public static Role parse(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Role role : values()) {
            if (role.name().equals(normalized)) {
                return role;
            }
        }
        throw new IllegalArgumentException("must be one of " + allowedValues());
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(Role::name).collect(Collectors.joining(", "));
    }
}
