package dev.evident.shared.problem;

import java.util.List;

/** Base of the exceptions that map one-to-one onto a {@link ProblemType}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** A problem with one field of the input; {@code field} is a JSON path or form field name. */
    public record FieldError(String field, String message) {
    }
}
