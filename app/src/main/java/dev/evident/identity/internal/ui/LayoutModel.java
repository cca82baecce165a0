package dev.evident.identity.internal.ui;

import dev.evident.shared.security.Role;
import dev.evident.shared.web.NavigationItem;
import java.util.List;
import java.util.UUID;

/** What the page layout needs: who is signed in, where, and what they may navigate to. */
public record LayoutModel(String userName, String email, UUID orgId, String orgName, Role role,
                          List<OrgChoice> organizations, List<NavSection> navigation, String currentPath) {

    public record OrgChoice(UUID id, String name, boolean current) {
    }

    public record NavSection(String title, List<NavigationItem> items) {
    }

    public boolean isActive(NavigationItem item) {
        return "/".equals(item.path()) ? "/".equals(currentPath)
                : currentPath.equals(item.path()) || currentPath.startsWith(item.path() + "/");
    }
}
