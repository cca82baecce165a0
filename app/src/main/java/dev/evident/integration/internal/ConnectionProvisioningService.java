package dev.evident.integration.internal;

import dev.evident.integration.ConnectionProvisioning;
import dev.evident.integration.internal.ConnectionService.ConnectionInput;
import dev.evident.integration.internal.ConnectionStore.Connection;
import dev.evident.integration.internal.ConnectionStore.SyncRun;
import dev.evident.shared.security.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ConnectionProvisioning} over the connection service, the sync engine and the sync log. */
@Service
class ConnectionProvisioningService implements ConnectionProvisioning {

    private final ConnectionService connections;
    private final ConnectionStore store;
    private final SyncEngine engine;
    private final TransactionTemplate transaction;
    private final IdentityLinks links;

    ConnectionProvisioningService(ConnectionService connections, ConnectionStore store, SyncEngine engine,
                                  TransactionTemplate transaction, IdentityLinks links) {
        this.connections = connections;
        this.store = store;
        this.engine = engine;
        this.transaction = transaction;
        this.links = links;
    }

    @Override
    public Optional<UUID> connectionNamed(UUID orgId, String displayName) {
        return store.list(orgId).stream().filter(c -> c.displayName().equals(displayName)).map(Connection::id).findFirst();
    }

    @Override
    public UUID create(Actor actor, String connector, String displayName,
                       Map<String, String> settings, int syncIntervalMinutes) {
        return connections.create(actor, new ConnectionInput(connector, displayName, settings, syncIntervalMinutes, true))
                .connection().id();
    }

    @Override
    public void updateSettings(Actor actor, UUID connectionId, Map<String, String> settings) {
        connections.update(actor, connectionId, new ConnectionInput(null, null, settings, null, null));
    }

    @Override
    public void upload(Actor actor, UUID connectionId, String field, String fileName,
                       byte[] content) {
        connections.upload(actor, connectionId, field, fileName, content);
    }

    @Override
    public void linkAccount(Actor actor, UUID connectionId, String resourceType, String externalId, String personEmail) {
        links.create(actor, new IdentityLinks.LinkInput(connectionId, null, resourceType, externalId, personEmail));
    }

    @Override
    public SyncSummary syncNow(UUID orgId, UUID connectionId) {
        SyncEngine.Outcome outcome = engine.sync(orgId, connectionId, SyncScheduler.MANUAL)
                .orElseThrow(() -> new IllegalStateException("connection " + connectionId + " is gone or disabled"));
        SyncRun run = store.syncs(orgId, connectionId, null, 1).get(0);
        return new SyncSummary(outcome.syncId(), run.status(), run.typeCounts(), run.payloadDigest(), run.error());
    }

    @Override
    public void recordPastSync(UUID orgId, UUID connectionId, UUID syncId, Instant startedAt, Instant finishedAt,
                               SyncSummary like) {
        transaction.executeWithoutResult(status -> {
            store.startSync(orgId, connectionId, syncId, SyncScheduler.SCHEDULED, startedAt);
            store.finishSync(orgId, syncId, finishedAt, like.status(), like.counts(), List.of(), 1, like.error(),
                    like.payloadDigest());
        });
    }
}
