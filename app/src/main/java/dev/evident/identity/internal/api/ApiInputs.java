package dev.evident.identity.internal.api;

import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Role;

final class ApiInputs {

    private ApiInputs() {
    }

    static Role role(String field, String value) {
        try {
            return Role.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage() + " (was '" + value + "')");
        }
    }
}
