package dev.evident.shared.problem;

/**
 * The resource does not exist in the caller's organization. Also used for resources of other
 * organizations, so their existence never leaks.
 */
public class NotFoundException extends ProblemException {

    public NotFoundException(String what) {
        super(ProblemType.NOT_FOUND, what + " not found");
    }
}
