package dev.evident.shared;

import dev.evident.shared.problem.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Cursor pagination: {@code limit} (default 50, at most 1000) and an opaque {@code cursor} that
 * encodes the sort key of the last item already returned.
 */
public record PageRequest(int limit, String after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public static PageRequest of(Integer limit, String cursor) {
        int effective = limit == null ? DEFAULT_LIMIT : limit;
        if (effective < 1 || effective > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + effective);
        }
        return new PageRequest(effective, cursor == null || cursor.isBlank() ? null : decodeCursor(cursor));
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    public int fetchSize() {
        return limit + 1;
    }

    static String encodeCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "is not a cursor returned by this API");
        }
    }

    /** The cursor key as a UUID, for lists ordered by id. */
    public java.util.UUID afterId() {
        if (after == null) {
            return null;
        }
        try {
            return java.util.UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "is not a cursor returned by this API");
        }
    }

    /** The cursor key as a number, for lists ordered by a sequence. */
    public Long afterNumber() {
        if (after == null) {
            return null;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "is not a cursor returned by this API");
        }
    }
}
