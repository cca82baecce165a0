package dev.evident.identity;

import dev.evident.shared.security.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Read-only facts about an organization for other modules (dashboard, reports). */
public interface OrganizationDirectory {

    OrganizationOverview overview(UUID orgId);

    /** Every member of the organization, ordered by name. */
    List<MemberSummary> members(UUID orgId);

    Optional<MemberSummary> member(UUID orgId, UUID userId);

    /** A member found by email, compared without regard to case. */
    Optional<MemberSummary> memberByEmail(UUID orgId, String email);

    /** A member as other modules show them (owners of controls, reviewers). */
    record MemberSummary(UUID userId, String displayName, String email, Role role) {
    }

    record OrganizationOverview(UUID id, String name, String slug, Map<Role, Integer> membersByRole,
                                int pendingInvitations, int activeApiTokens, int membersWithoutTwoFactor) {
        public int memberCount() {
            return membersByRole.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
