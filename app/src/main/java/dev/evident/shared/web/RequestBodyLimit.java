package dev.evident.shared.web;

/**
 * A request-body limit for one API path that differs from {@code evident.api.max-body-size}, declared
 * as a bean by the module that owns the path (the controls-as-code import, say). It holds for a
 * declared Content-Length as well as for chunked bodies.
 *
 * @param path     the exact request path, without context path: {@code /api/v1/controls/import}; a
 *                 segment that is just an asterisk stands for any one segment, such as an id
 * @param maxBytes the largest body accepted, in bytes
 * @param setting  the setting that controls it, named in the 413 answer so operators know what to raise
 */
public record RequestBodyLimit(String path, long maxBytes, String setting) {

    public RequestBodyLimit {
        if (path == null || !path.startsWith("/api/")) {
            throw new IllegalArgumentException("path must be an API path (/api/...): " + path);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(setting + " must be a positive number of bytes, is " + maxBytes);
        }
    }
}
