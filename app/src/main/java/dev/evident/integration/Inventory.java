package dev.evident.integration;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Read access to an organization's current inventory of collected resources. */
public interface Inventory {

    /**
     * A type one connection's last sync could not collect (the sync before held, or nothing was ever
     * collected): what the inventory holds of it is stale or missing.
     */
    record FailedCollection(UUID connectionId, String connector, String type, String error) {
    }

    /** Every current resource of the type in the organization, across its connections, in no particular order. */
    void forEach(UUID orgId, String type, Consumer<InventoryResource> consumer);

    /** Reads several types of one organization with the identity joins worked out once for all of them. */
    @FunctionalInterface
    interface Reader {
        void forEach(String type, Consumer<InventoryResource> consumer);
    }

    /**
     * A reader for one organization, for callers that read many types in a row (an evaluation run):
     * who each account belongs to is worked out once, not once per type. It sees links and aliases as they
     * were when it was made.
     */
    default Reader reader(UUID orgId) {
        return (type, consumer) -> forEach(orgId, type, consumer);
    }

    /** The types whose last collection failed, per connection, until a later collection of the type succeeds. */
    default List<FailedCollection> failedCollections(UUID orgId) {
        return List.of();
    }

    /** The resource types present in the organization's inventory. */
    List<String> types(UUID orgId);
}
