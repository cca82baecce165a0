package dev.evident.shared.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Stable problem types for RFC 9457 responses. The slug is part of the API contract: clients
 * branch on it, so a slug is never renamed.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST,
            "The body is not valid JSON (or, for a controls-as-code import, not readable YAML), has an unknown field, or a value of the wrong type; the detail names the line, column and field."),
    VALIDATION_FAILED("validation-failed", "Validation failed", HttpStatus.BAD_REQUEST,
            "The JSON is well-formed but a value is not acceptable; the errors array names each field and what is wrong (for an uploaded file, also the line and column)."),
    UNAUTHENTICATED("unauthenticated", "Authentication required", HttpStatus.UNAUTHORIZED,
            "No API token was sent, or it is unknown, expired or revoked. Send Authorization: Bearer <token>."),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN,
            "The caller's role does not include the permission this operation needs."),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND,
            "No such resource in the caller's organization (resources of other organizations are reported the same way)."),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED,
            "The path exists but does not support this HTTP method."),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE,
            "The Accept header asks for a format this endpoint does not produce."),
    CONFLICT("conflict", "Conflict", HttpStatus.CONFLICT,
            "The request conflicts with the current state, e.g. a duplicate invitation or removing the last admin."),
    STALE_VERSION("stale-version", "Stale version", HttpStatus.CONFLICT,
            "Someone changed the resource since you read it: read it again and re-apply your change with the new version."),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE,
            "The request body is larger than the configured limit (evident.api.max-body-size; for a controls-as-code import, evident.controls.import-max-size)."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "The Content-Type is not one this endpoint reads; JSON endpoints need application/json."),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR,
            "An unexpected error on the server; it was logged. Retrying may help.");

    private final String slug;
    private final String title;
    private final HttpStatus status;
    private final String description;

    ProblemType(String slug, String title, HttpStatus status, String description) {
        this.slug = slug;
        this.title = title;
        this.status = status;
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static java.util.Optional<ProblemType> bySlug(String slug) {
        return java.util.Arrays.stream(values()).filter(t -> t.slug.equals(slug)).findFirst();
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /** Relative URI, resolved against the API origin; documented in docs/api.md. */
    public URI uri() {
        return URI.create("/api/problems/" + slug);
    }
}
