package dev.evident.connector;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What the app tells a collector about the run it is part of. */
public interface CollectionContext {

    /** The time source to stamp resources with; tests control it. */
    Clock clock();

    /**
     * Start of an incremental run: the collector may skip what has not changed since. Null for a
     * full collection, which collectors must always support.
     */
    Instant since();

    /**
     * The document currently uploaded for a {@link FieldType#FILE} field of the connection, if any.
     */
    default Optional<UploadedDocument> document(String fieldName) {
        return Optional.empty();
    }

    static CollectionContext of(Clock clock, Instant since) {
        return of(clock, since, Map.of());
    }

    /** A context that offers the given documents, by field name. */
    static CollectionContext of(Clock clock, Instant since, Map<String, UploadedDocument> documents) {
        record Simple(Clock clock, Instant since, Map<String, UploadedDocument> documents) implements CollectionContext {
            @Override
            public Optional<UploadedDocument> document(String fieldName) {
                return Optional.ofNullable(documents.get(fieldName));
            }
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        return new Simple(clock, since, Map.copyOf(documents));
    }
}
