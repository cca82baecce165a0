package dev.evident.integration;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Read access to an organization's current inventory of collected resources. */
public interface Inventory {

    /** Every current resource of the type in the organization, across its connections, in no particular order. */
    void forEach(UUID orgId, String type, Consumer<InventoryResource> consumer);

    /** The resource types present in the organization's inventory. */
    List<String> types(UUID orgId);
}
