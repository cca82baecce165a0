package dev.evident.integration.internal;

import dev.evident.integration.InventoryResource;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The organization's inventory across connections, as the inventory browser and the resources API read it. */
@Service
class InventoryReads {

    private final InventoryStore inventory;

    InventoryReads(InventoryStore inventory) {
        this.inventory = inventory;
    }

    /** A page of the organization's inventory, in the stable order of {@link InventoryStore#search}. */
    Page<InventoryResource> search(Actor actor, String type, UUID connectionId, String text, PageRequest page) {
        actor.require(Permission.INTEGRATIONS_READ);
        var after = InventoryStore.ResourcePosition.parse(page.after());
        return Page.of(inventory.search(actor.orgId(), type, connectionId, text, after, page.fetchSize()),
                page, r -> InventoryStore.ResourcePosition.of(r).key());
    }

    /** The resource types present in the organization's inventory. */
    List<String> types(Actor actor) {
        actor.require(Permission.INTEGRATIONS_READ);
        return inventory.types(actor.orgId());
    }

    /** One current resource; another organization's, or one no longer collected, is not found. */
    InventoryResource resource(Actor actor, UUID connectionId, String type, String externalId) {
        actor.require(Permission.INTEGRATIONS_READ);
        return inventory.find(actor.orgId(), connectionId, type, externalId)
                .orElseThrow(() -> new NotFoundException("Resource"));
    }
}
