package dev.evident.connector;

import java.util.Iterator;

/**
 * Pulls one type of resource (repositories, users, buckets) out of a system. Collectors never
 * write anywhere: the app consumes the iterator, stores the inventory and runs checks on it.
 *
 * <p>Results are streamed so large inventories are fetched page by page. A failure while paging
 * is thrown from the iterator as {@link UncheckedCollectionException}; the app treats it like a
 * {@link CollectionException} from {@link #collect}, and marks the run as errored rather than
 * treating a partial inventory as complete.
 */
public interface Collector {

    /** The type of every resource produced, e.g. {@code "github.repository"}. */
    String resourceType();

    Iterator<CollectedResource> collect(CollectionContext ctx) throws CollectionException;
}
