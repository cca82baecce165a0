package dev.evident.identity.internal;

import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Role;

/** Reads a role from API or form input; a wrong value is a field error listing the allowed ones. */
public final class RoleInput {

    private RoleInput() {
    }

    public static Role parse(String field, String value) {
        try {
            return Role.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage() + " (was '" + value + "')");
        }
    }
}
