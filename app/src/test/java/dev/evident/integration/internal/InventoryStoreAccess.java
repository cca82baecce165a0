package dev.evident.integration.internal;

import dev.evident.integration.Inventory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The integration module's real inventory store for the monitoring benchmark (test scope only): it
 * writes the generated inventory the way a sync does and reads it back the way checks do.
 */
public final class InventoryStoreAccess {

    /** One resource to write; {@code email} is the lower-cased email attribute, {@code account} whether it has one. */
    public record Row(String type, String externalId, String displayName, String attributesJson, boolean account,
                      String email, Instant collectedAt) {
    }

    private final InventoryStore store;

    public InventoryStoreAccess(JdbcClient jdbc, JdbcTemplate template) {
        this.store = new InventoryStore(jdbc, template);
    }

    public Inventory inventory() {
        return store;
    }

    /** Makes {@code rows} the connection's whole inventory of the type; the caller holds the transaction. */
    public void replaceType(UUID orgId, UUID connectionId, String connector, String type, List<Row> rows) {
        store.replaceType(orgId, connectionId, connector, type, rows.stream().map(r -> new InventoryStore.NewResource(
                r.type(), r.externalId(), r.displayName(), r.attributesJson(), r.account(), r.email(),
                aliases(r.attributesJson()), r.collectedAt(), null)).toList());
    }

    private static String aliases(String attributesJson) {
        return attributesJson == null ? null : InventoryStore.aliasesOf(ConnectionStore.JSON.readTree(attributesJson));
    }
}
