package dev.evident.integration.internal;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connector.ConfigField;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.FieldType;
import dev.evident.connector.InvalidConfigException;
import dev.evident.connector.UncheckedCollectionException;
import dev.evident.connector.UploadedDocument;
import dev.evident.integration.ConnectionSynced;
import dev.evident.integration.internal.ConnectionStore.Connection;
import dev.evident.integration.internal.InventoryStore.NewResource;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * One sync of a connection: every collector runs; a type collected completely replaces that type's
 * inventory in one transaction as soon as it is collected (so a sync holds one type's resources in
 * memory, not the connection's), a type that fails keeps its previous resources and records why.
 * Checks are evaluated only after the whole sync ({@link ConnectionSynced}), never on a half-synced
 * connection.
 * Transient failures are tried again after a doubling backoff, or after the wait the source asked
 * for. The run is logged, the connection's failure streak updated, and {@link ConnectionSynced} published.
 */
@Component
class SyncEngine {

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    /**
     * What a sync came to, for scheduling the next one.
     *
     * @param retryAfter the wait a source asked for that was too long to wait in place, if any
     */
    record Outcome(UUID syncId, String status, Duration interval, int consecutiveFailures, Duration retryAfter) {
        boolean ok() {
            return "ok".equals(status);
        }
    }

    private record TypeResult(String type, List<NewResource> resources, String error, Duration retryAfter) {
        boolean ok() {
            return error == null;
        }
    }

    /** A type once stored (or recorded as failed): what the sync's record needs, without the resources. */
    private record StoredType(String type, int count, String error, Duration retryAfter) {
        boolean ok() {
            return error == null;
        }
    }

    private static final class Failure extends Exception {
        private final Duration retryAfter;

        Failure(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
    }

    private final ConnectionStore store;
    private final InventoryStore inventory;
    private final ConnectionService connections;
    private final IntegrationProperties properties;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final SyncPause pause;
    private final Clock clock;

    SyncEngine(ConnectionStore store, InventoryStore inventory, ConnectionService connections,
               IntegrationProperties properties, TransactionTemplate transaction, ApplicationEventPublisher events,
               SyncPause pause, Clock clock) {
        this.store = store;
        this.inventory = inventory;
        this.connections = connections;
        this.properties = properties;
        this.transaction = transaction;
        this.events = events;
        this.pause = pause;
        this.clock = clock;
    }

    /** Syncs the connection; empty when it no longer exists or is disabled (its schedule should end). */
    Optional<Outcome> sync(UUID orgId, UUID connectionId, String trigger) {
        Optional<Connection> found = store.find(orgId, connectionId);
        if (found.isEmpty() || !found.get().enabled()) {
            return Optional.empty();
        }
        Connection connection = found.get();
        UUID syncId = Ids.next(clock);
        store.startSync(orgId, connectionId, syncId, trigger, Timestamps.now(clock));
        List<StoredType> results = new ArrayList<>();
        MessageDigest digest = sha256();
        int[] attempts = {0};
        String setupError = null;
        try {
            ConnectorFactory factory = connections.factory(connection);
            ConnectorConfig config = connections.config(connection, factory).requireValid();
            Map<String, UploadedDocument> documents = connections.documents(connection);
            setupError = missingDocuments(factory, documents);
            if (setupError == null) {
                try (Connector connector = factory.create(config)) {
                    CollectionContext context = CollectionContext.of(clock, null, documents);
                    for (Collector collector : connector.collectors()) {
                        results.add(store(connection, collect(collector, context, attempts), digest));
                    }
                }
            }
        } catch (InvalidConfigException e) {
            setupError = "The settings are not usable: " + e.problems().stream()
                    .map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
        } catch (RuntimeException e) {
            log.warn("Sync {} of connection {} failed", syncId, connectionId, e);
            setupError = (e instanceof org.springframework.dao.DataAccessException ? "Storing the inventory failed: "
                    : "The connector failed: ") + e.getMessage();
        }
        return Optional.of(finish(connection, syncId, results, digest, setupError, Math.max(attempts[0], 1)));
    }

    private TypeResult collect(Collector collector, CollectionContext context, int[] attempts) {
        String type = collector.resourceType();
        Duration backoff = properties.retry().initialBackoff();
        for (int attempt = 1; ; attempt++) {
            attempts[0]++;
            try {
                return new TypeResult(type, read(collector, context), null, null);
            } catch (CollectionException e) {
                Duration asked = e.retryAfter().orElse(null);
                boolean again = e.retryable() && attempt < properties.retry().maxAttempts();
                Duration wait = asked == null ? backoff : asked.compareTo(backoff) > 0 ? asked : backoff;
                if (!again || wait.compareTo(properties.retry().maxWait()) > 0) {
                    return new TypeResult(type, null, describe(e, attempt), asked);
                }
                try {
                    pause.pause(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return new TypeResult(type, null, "interrupted while waiting to try again: " + e.getMessage(), null);
                }
                backoff = backoff.multipliedBy(2);
            } catch (Failure e) {
                return new TypeResult(type, null, e.getMessage(), null);
            } catch (RuntimeException e) {
                log.warn("Collector {} failed", type, e);
                return new TypeResult(type, null, "the collector failed: " + e, null);
            }
        }
    }

    /** Reads the whole iterator; a page failing half-way fails the type, never leaving a partial inventory. */
    private List<NewResource> read(Collector collector, CollectionContext context) throws CollectionException, Failure {
        Map<String, NewResource> byId = new LinkedHashMap<>();
        Iterator<CollectedResource> it = collector.collect(context);
        try {
            while (it.hasNext()) {
                CollectedResource r = it.next();
                if (!r.type().equals(collector.resourceType())) {
                    throw new Failure("the collector of " + collector.resourceType() + " produced a " + r.type()
                            + " resource (" + r.externalId() + ")", null);
                }
                JsonNode attributes;
                try {
                    attributes = ConnectionStore.JSON.readTree(r.attributesJson());
                } catch (RuntimeException e) {
                    throw new Failure("the attributes of " + r.externalId() + " are not JSON", null);
                }
                if (!attributes.isObject()) {
                    throw new Failure("the attributes of " + r.externalId() + " are not a JSON object", null);
                }
                byId.remove(r.externalId()); // a repeated id counts once, in its last position
                byId.put(r.externalId(), new NewResource(r.type(), r.externalId(), r.displayName(), r.attributesJson(),
                        attributes.has("email"), InventoryStore.emailOf(attributes), InventoryStore.aliasesOf(attributes), r.collectedAt(),
                        r.rawDigest()));
            }
        } catch (UncheckedCollectionException e) {
            throw e.getCause();
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * Replaces the type's inventory (and adds its raw digests to the sync's) or records its failure,
     * keeping only the count.
     */
    private StoredType store(Connection c, TypeResult result, MessageDigest digest) {
        Instant now = Timestamps.now(clock);
        if (!result.ok()) {
            store.typeFailed(c.orgId(), c.id(), result.type(), result.error(), now);
            return new StoredType(result.type(), 0, result.error(), result.retryAfter());
        }
        transaction.executeWithoutResult(tx -> {
            inventory.replaceType(c.orgId(), c.id(), c.connector(), result.type(), result.resources());
            store.typeSucceeded(c.orgId(), c.id(), result.type(), result.resources().size(), now);
        });
        for (NewResource r : result.resources()) {
            if (r.rawDigest() != null) {
                digest.update((r.rawDigest() + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        return new StoredType(result.type(), result.resources().size(), null, null);
    }

    private Outcome finish(Connection c, UUID syncId, List<StoredType> results, MessageDigest digest, String setupError,
                           int attempts) {
        Instant now = Timestamps.now(clock);
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> okTypes = new ArrayList<>();
        List<String> failedTypes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (setupError != null) {
            errors.add(setupError);
        }
        Duration retryAfter = null;
        for (StoredType result : results) {
            if (result.ok()) {
                counts.put(result.type(), result.count());
                okTypes.add(result.type());
            } else {
                failedTypes.add(result.type());
                errors.add(result.type() + ": " + result.error());
                if (result.retryAfter() != null && (retryAfter == null || result.retryAfter().compareTo(retryAfter) > 0)) {
                    retryAfter = result.retryAfter();
                }
            }
        }
        String status = errors.isEmpty() ? "ok" : okTypes.isEmpty() ? "failed" : "partial";
        String error = errors.isEmpty() ? null : ConnectionStore.clip(String.join("; ", errors));
        String payloadDigest = HexFormat.of().formatHex(digest.digest());
        transaction.executeWithoutResult(tx -> {
            store.finishSync(c.orgId(), syncId, now, status, counts, failedTypes, attempts, error, payloadDigest);
            store.recordOutcome(c.orgId(), c.id(), now, error == null, error);
            ConnectionSynced synced = new ConnectionSynced(c.orgId(), c.id(), c.connector(), syncId, now,
                    List.copyOf(okTypes), List.copyOf(failedTypes), error, payloadDigest);
            try {
                events.publishEvent(synced);
            } catch (RuntimeException e) {
                // A listener's failure (recording the evaluation request, say) must not undo the record of what was collected.
                log.error("A listener of ConnectionSynced failed for sync {} of connection {}", syncId, c.id(), e);
            }
        });
        int failures = error == null ? 0 : c.consecutiveFailures() + 1;
        if (failures == properties.failingAfter()) {
            log.warn("Connection {} ({}) has failed {} syncs in a row: {}", c.displayName(), c.id(), failures, error);
        }
        return new Outcome(syncId, status, c.syncInterval(), failures, retryAfter);
    }

    private static String missingDocuments(ConnectorFactory factory, Map<String, UploadedDocument> documents) {
        List<String> missing = factory.configSchema().fields().stream()
                .filter(f -> f.type() == FieldType.FILE && f.required() && !documents.containsKey(f.name()))
                .map(ConfigField::label).toList();
        return missing.isEmpty() ? null : "Upload the " + String.join(" and the ", missing) + " document first";
    }

    private static String describe(CollectionException e, int attempts) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String tries = attempts == 1 ? "" : " (after " + attempts + " tries)";
        return e.retryAfter().map(d -> message + tries + "; the source asked to wait " + d.toSeconds() + " s")
                .orElse(message + tries);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
