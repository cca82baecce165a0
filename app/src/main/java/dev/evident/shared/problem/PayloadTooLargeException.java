package dev.evident.shared.problem;

public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(long limitBytes) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "Request body exceeds the limit of " + limitBytes + " bytes");
    }
}
