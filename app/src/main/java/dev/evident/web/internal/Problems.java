package dev.evident.web.internal;

import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.problem.ProblemType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 responses with Evident's stable type URIs and an optional list of field errors. */
final class Problems {

    static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {
    }

    static ResponseEntity<ProblemDetail> of(ProblemType type, String detail, String instance, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (instance != null) {
            problem.setInstance(java.net.URI.create(instance));
        }
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors.stream().map(Problems::error).toList());
        }
        return ResponseEntity.status(type.status()).contentType(PROBLEM_JSON).body(problem);
    }

    /** field and message; file, line and column only for errors located in an uploaded file. */
    private static Map<String, Object> error(FieldError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", e.field());
        error.put("message", e.message());
        if (e.location() != null) {
            error.put("file", e.location().file());
            error.put("line", e.location().line());
            error.put("column", e.location().column());
        }
        return error;
    }
}
