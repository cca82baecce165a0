package dev.evident.shared.problem;

public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(long limitBytes) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "Request body exceeds the limit of " + limitBytes + " bytes");
    }

    /** @param setting the setting an operator changes to raise the limit */
    public PayloadTooLargeException(long limitBytes, String setting) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "Request body exceeds the limit of " + limitBytes + " bytes (" + setting + ")");
    }
}
