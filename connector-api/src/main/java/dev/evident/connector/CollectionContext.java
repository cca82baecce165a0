package dev.evident.connector;

import java.time.Clock;
import java.time.Instant;

/** What the app tells a collector about the run it is part of. */
public interface CollectionContext {

    /** The time source to stamp resources with; tests control it. */
    Clock clock();

    /**
     * Start of an incremental run: the collector may skip what has not changed since. Null for a
     * full collection, which collectors must always support.
     */
    Instant since();

    static CollectionContext of(Clock clock, Instant since) {
        record Simple(Clock clock, Instant since) implements CollectionContext {
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        return new Simple(clock, since);
    }
}
