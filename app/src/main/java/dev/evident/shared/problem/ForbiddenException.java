package dev.evident.shared.problem;

/** The caller is known but lacks the permission; never used to hide cross-organization ids. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(ProblemType.FORBIDDEN, detail);
    }
}
