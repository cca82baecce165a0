package dev.evident.shared.web;

import dev.evident.shared.security.Permission;

/**
 * An entry of the main navigation. Each module declares its own as beans; the layout shows those
 * whose permission the current actor holds, grouped by section and sorted by order.
 */
public record NavigationItem(String section, String label, String path, Permission permission, int order) {
}
