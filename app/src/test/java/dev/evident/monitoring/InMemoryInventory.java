package dev.evident.monitoring;

import dev.evident.integration.Inventory;
import dev.evident.integration.InventoryResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/** An inventory tests fill by hand, standing in for the integration module's. */
public class InMemoryInventory implements Inventory {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    private record Entry(UUID orgId, InventoryResource resource) {
    }

    @Override
    public void forEach(UUID orgId, String type, Consumer<InventoryResource> consumer) {
        entries.stream().filter(e -> e.orgId().equals(orgId) && e.resource().type().equals(type))
                .forEach(e -> consumer.accept(e.resource()));
    }

    @Override
    public List<String> types(UUID orgId) {
        return entries.stream().filter(e -> e.orgId().equals(orgId)).map(e -> e.resource().type()).distinct().toList();
    }

    /** Adds or replaces (same connection, type and external id) a resource. */
    public InventoryResource put(UUID orgId, UUID connectionId, String connector, String type, String externalId,
                                 String displayName, String personEmail, Map<String, Object> attributes) {
        InventoryResource r = new InventoryResource(connectionId, connector, type, externalId, displayName,
                JSON.writeValueAsString(attributes), personEmail, Instant.now(), null);
        remove(orgId, connectionId, type, externalId);
        entries.add(new Entry(orgId, r));
        return r;
    }

    public void remove(UUID orgId, UUID connectionId, String type, String externalId) {
        entries.removeIf(e -> e.orgId().equals(orgId) && Objects.equals(e.resource().connectionId(), connectionId)
                && e.resource().type().equals(type) && e.resource().externalId().equals(externalId));
    }

    public void clear(UUID orgId) {
        entries.removeIf(e -> e.orgId().equals(orgId));
    }

    public List<InventoryResource> all(UUID orgId) {
        List<InventoryResource> out = new ArrayList<>();
        entries.stream().filter(e -> e.orgId().equals(orgId)).forEach(e -> out.add(e.resource()));
        return out;
    }
}
