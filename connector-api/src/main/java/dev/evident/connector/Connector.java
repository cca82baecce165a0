package dev.evident.connector;

import java.util.List;

/**
 * One configured connection to a system. Closing it releases clients and connection pools; the
 * default does nothing because most connectors hold none.
 */
public interface Connector extends AutoCloseable {

    /** One collector per resource type this connection can produce. */
    List<Collector> collectors();

    @Override
    default void close() {
    }
}
