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

    /**
     * A problem with one field of the input; {@code field} is a JSON path or form field name.
     *
     * @param location where in an uploaded file the problem is, or null for JSON bodies and forms
     */
    public record FieldError(String field, String message, Location location) {

        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }

    /** A position in a file the caller sent (a YAML import): 1-based line and column (in characters). */
    public record Location(String file, int line, int column) {
    }
}
