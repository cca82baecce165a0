package dev.evident.shared.problem;

/** The request conflicts with the current state (duplicate, wrong state, stale version). */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(ProblemType.CONFLICT, detail);
    }

    private ConflictException(ProblemType type, String detail) {
        super(type, detail);
    }

    /** Optimistic locking: the client updated from a version that is no longer current. */
    public static ConflictException staleVersion(String what, long expected, long actual) {
        return new ConflictException(ProblemType.STALE_VERSION,
                what + " was changed by someone else: you sent version " + expected + ", current is " + actual
                        + ". Reload and apply your change again.");
    }
}
