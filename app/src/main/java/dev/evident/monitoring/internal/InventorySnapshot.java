package dev.evident.monitoring.internal;

import dev.evident.integration.Inventory;
import dev.evident.integration.InventoryResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The inventory as one evaluation run sees it: each type read once and turned into CEL values, and
 * each join index built once, however many checks use it.
 */
final class InventorySnapshot {

    /**
     * A resource with its CEL value, or the reason its attributes could not be read, and its key (made
     * once here rather than once per check that evaluates it).
     */
    record Loaded(InventoryResource resource, Map<String, Object> value, String problem, String key) {

        Loaded(InventoryResource resource, Map<String, Object> value, String problem) {
            this(resource, value, problem, resourceKey(resource));
        }
    }

    private final Inventory inventory;
    private final UUID orgId;
    private final Map<String, List<Loaded>> byType = new HashMap<>();
    private final Map<String, Map<String, List<Map<String, Object>>>> indexes = new HashMap<>();
    private List<CheckEvaluator.SyncFailure> failures;
    private Inventory.Reader reader;

    InventorySnapshot(Inventory inventory, UUID orgId) {
        this.inventory = inventory;
        this.orgId = orgId;
    }

    /** The stable key of a resource in results and exceptions: its connection and its id there. */
    static String resourceKey(InventoryResource r) {
        return dev.evident.monitoring.MonitoringHistory.resourceKey(r.connectionId(), r.externalId());
    }

    /**
     * Every connection's types that currently fail to collect (read once per run), with {@code current}
     * (the failure of the sync that asked for this run) in place of what the store says of its connection.
     */
    List<CheckEvaluator.SyncFailure> failures(CheckEvaluator.SyncFailure current) {
        if (failures == null) {
            Map<UUID, List<Inventory.FailedCollection>> byConnection = new java.util.LinkedHashMap<>();
            inventory.failedCollections(orgId).forEach(f -> byConnection.computeIfAbsent(f.connectionId(),
                    k -> new ArrayList<>()).add(f));
            List<CheckEvaluator.SyncFailure> loaded = new ArrayList<>();
            byConnection.forEach((connectionId, failed) -> {
                if (current == null || !current.connectionId().equals(connectionId)) {
                    loaded.add(new CheckEvaluator.SyncFailure(connectionId, failed.get(0).connector(),
                            failed.stream().map(Inventory.FailedCollection::type).toList(), failed.get(0).error()));
                }
            });
            if (current != null) {
                loaded.add(current);
            }
            failures = List.copyOf(loaded);
        }
        return failures;
    }

    private Inventory.Reader reader() {
        if (reader == null) {
            reader = inventory.reader(orgId);
        }
        return reader;
    }

    List<Loaded> resources(String type) {
        return byType.computeIfAbsent(type, t -> {
            List<Loaded> loaded = new ArrayList<>();
            reader().forEach(t, r -> {
                try {
                    loaded.add(new Loaded(r, ResourceValues.of(r), null));
                } catch (IllegalArgumentException e) {
                    loaded.add(new Loaded(r, null, e.getMessage()));
                }
            });
            return loaded;
        });
    }

    /** The joined type's resources (as CEL values) grouped by join key; key "" holds all for joins on all. */
    Map<String, List<Map<String, Object>>> index(CompiledCheck.JoinPlan plan) {
        CheckJoin j = plan.join();
        String id = j.type() + "|" + j.on() + "|" + j.key();
        return indexes.computeIfAbsent(id, ignored -> {
            Map<String, List<Map<String, Object>>> index = new HashMap<>();
            for (Loaded l : resources(j.type())) {
                if (l.value() == null) {
                    continue;
                }
                String key = j.onAll() ? ""
                        : j.byPerson() ? ResourceValues.identityKey(l.value())
                        : CompiledCheck.key(plan.key(), l.value());
                if (key != null) {
                    index.computeIfAbsent(key, k -> new ArrayList<>()).add(l.value());
                }
            }
            return index;
        });
    }
}
