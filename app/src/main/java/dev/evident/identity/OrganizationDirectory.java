package dev.evident.identity;

import dev.evident.shared.security.Role;
import java.util.Map;
import java.util.UUID;

/** Read-only facts about an organization for other modules (dashboard, reports). */
public interface OrganizationDirectory {

    OrganizationOverview overview(UUID orgId);

    record OrganizationOverview(UUID id, String name, String slug, Map<Role, Integer> membersByRole,
                                int pendingInvitations, int activeApiTokens, int membersWithoutTwoFactor) {
        public int memberCount() {
            return membersByRole.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
