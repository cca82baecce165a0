package dev.evident.connector;

import java.time.Duration;
import java.util.Optional;

/**
 * Collection failed. The app records the run as an error (never as a passing or failing check)
 * and uses {@link #retryable()} to decide whether to try again soon or wait for someone to fix
 * the configuration.
 */
public class CollectionException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    /** A permanent failure, such as revoked credentials or a deleted organization. */
    public CollectionException(String message) {
        this(message, null, false, null);
    }

    public CollectionException(String message, Throwable cause, boolean retryable, Duration retryAfter) {
        super(message, cause);
        if (retryAfter != null && (!retryable || retryAfter.isNegative())) {
            throw new IllegalArgumentException("retryAfter needs a retryable failure and a non-negative duration");
        }
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static CollectionException permanent(String message, Throwable cause) {
        return new CollectionException(message, cause, false, null);
    }

    /** A transient failure: timeouts, 5xx responses, dropped connections. */
    public static CollectionException retryable(String message, Throwable cause) {
        return new CollectionException(message, cause, true, null);
    }

    /** The source asked us to back off, e.g. an HTTP 429 with Retry-After. */
    public static CollectionException rateLimited(String message, Duration retryAfter) {
        return new CollectionException(message, null, true, retryAfter);
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the source asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
