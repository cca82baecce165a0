package dev.evident.shared.problem;

import java.util.List;

/** Input that is well-formed but not acceptable; names the offending field(s). */
public class InvalidInputException extends ProblemException {

    public InvalidInputException(String field, String message) {
        super(ProblemType.VALIDATION_FAILED, field + " " + message, List.of(new FieldError(field, message)));
    }

    public InvalidInputException(List<FieldError> errors) {
        super(ProblemType.VALIDATION_FAILED, summarize(errors), errors);
    }

    private static String summarize(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input");
    }
}
