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

    /**
     * Whether the item leads to the current page: its path is the current one or a parent of it, and no
     * other item's path is a closer parent (so /integrations/inventory marks Inventory, not Integrations).
     */
    public boolean isActive(NavigationItem item) {
        return leadsHere(item) && navigation.stream().flatMap(s -> s.items().stream())
                .noneMatch(other -> other.path().length() > item.path().length() && leadsHere(other));
    }

    private boolean leadsHere(NavigationItem item) {
        return "/".equals(item.path()) ? "/".equals(currentPath)
                : currentPath.equals(item.path()) || currentPath.startsWith(item.path() + "/");
    }
}
