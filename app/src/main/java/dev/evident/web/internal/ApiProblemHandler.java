package dev.evident.web.internal;

import dev.evident.shared.problem.PayloadTooLargeException;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Every API error as application/problem+json with a stable type slug and, where known, the field. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e, HttpServletRequest request) {
        return Problems.of(e.type(), e.getMessage(), request.getRequestURI(), e.errors());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof PayloadTooLargeException tooLarge) {
                return problem(tooLarge, request);
            }
        }
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof JacksonException jackson) {
                return Problems.of(ProblemType.MALFORMED_REQUEST, describe(jackson), request.getRequestURI(),
                        field(jackson));
            }
            cause = cause.getCause();
        }
        String detail = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "A JSON request body is required" : "The request body could not be read as JSON";
        return Problems.of(ProblemType.MALFORMED_REQUEST, detail, request.getRequestURI(), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        String supported = e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        return Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content type '" + e.getContentType()
                + "' is not supported; send " + (supported.isEmpty() ? "application/json" : supported),
                request.getRequestURI(), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return Problems.of(ProblemType.NOT_ACCEPTABLE, "This endpoint responds with application/json",
                request.getRequestURI(), List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return Problems.of(ProblemType.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here",
                request.getRequestURI(), List.of());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return Problems.of(ProblemType.VALIDATION_FAILED, e.getParameterName() + " is required",
                request.getRequestURI(), List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        String message = "is not a valid " + ("Instant".equals(type) ? "ISO-8601 instant (e.g. 2026-01-31T00:00:00Z)" : type);
        return Problems.of(ProblemType.VALIDATION_FAILED, e.getName() + " " + message, request.getRequestURI(),
                List.of(new FieldError(e.getName(), message)));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return Problems.of(ProblemType.NOT_FOUND, "No such endpoint", request.getRequestURI(), List.of());
    }

    /** A constraint caught a race the service checks missed (e.g. two identical invitations at once). */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.warn("Constraint violation on {}: {}", request.getRequestURI(), e.getMostSpecificCause().getMessage());
        return Problems.of(ProblemType.CONFLICT, "The change conflicts with existing data; reload and try again",
                request.getRequestURI(), List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problems.of(ProblemType.INTERNAL_ERROR, "Something went wrong on our side; the error was logged",
                request.getRequestURI(), List.of());
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message != null) {
            int nl = message.indexOf('\n');
            message = nl > 0 ? message.substring(0, nl) : message;
        }
        String path = e.getPathReference() == null ? "" : pathOf(e);
        StringBuilder sb = new StringBuilder("Malformed JSON");
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            sb.append(" at line ").append(e.getLocation().getLineNr()).append(", column ").append(e.getLocation().getColumnNr());
        }
        if (!path.isEmpty()) {
            sb.append(" (field ").append(path).append(")");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return sb.append(": unknown field '").append(unknown.getPropertyName()).append("'").toString();
        }
        return sb.append(": ").append(message == null ? "unreadable" : message).toString();
    }

    private static List<FieldError> field(JacksonException e) {
        String path = pathOf(e);
        return path.isEmpty() ? List.of() : List.of(new FieldError(path, "is malformed or of the wrong type"));
    }

    private static String pathOf(JacksonException e) {
        return e.getPath().stream().map(ref -> ref.getPropertyName() != null ? ref.getPropertyName()
                : "[" + ref.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
    }
}
