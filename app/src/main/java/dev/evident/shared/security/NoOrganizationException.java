package dev.evident.shared.security;

import dev.evident.shared.problem.ForbiddenException;

/** A signed-in user who belongs to no organization (e.g. removed from their last one). */
public class NoOrganizationException extends ForbiddenException {

    public NoOrganizationException() {
        super("You are not a member of any organization");
    }
}
