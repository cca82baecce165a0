package dev.evident.integration.internal;

import dev.evident.connector.ConfigField;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.ConnectorRegistry;
import dev.evident.connector.FieldType;
import dev.evident.connector.InvalidConfigException;
import dev.evident.connector.TestStep;
import dev.evident.connector.Testable;
import dev.evident.connector.UploadedDocument;
import dev.evident.integration.internal.ConnectionStore.Connection;
import dev.evident.integration.internal.ConnectionStore.Document;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.crypto.SecretBox;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.problem.PayloadTooLargeException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connections: settings checked against the connector's schema, secrets sealed with {@link SecretBox}
 * and shown only masked, documents for FILE settings, connection tests and "sync now".
 */
@Service
class ConnectionService {

    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

    /** What the API and the pages show instead of a stored secret. */
    static final String MASK = ConnectionSettings.MASK;

    static final int MAX_NAME = 200;

    /**
     * A create or update request. Null means "keep" on update. For a secret setting, the mask (or a
     * missing key) keeps the stored value, a blank value removes it and anything else replaces it.
     */
    record ConnectionInput(String connector, String displayName, Map<String, String> settings, Integer syncIntervalMinutes,
                           Boolean enabled) {
    }

    /** A connection with its settings as they may be shown: secrets masked, documents described. */
    record ConnectionDetails(Connection connection, ConnectorFactory factory, Map<String, String> maskedSettings,
                             List<String> secretsSet, Map<String, Document> documents, boolean failing) {
    }

    private final ConnectionStore store;
    private final InventoryStore inventory;
    private final ConnectorRegistry registry;
    private final ConnectionSettings settings;
    private final SyncScheduler scheduler;
    private final IntegrationProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConnectionService(ConnectionStore store, InventoryStore inventory, ConnectorRegistry registry, ConnectionSettings settings,
                      SyncScheduler scheduler,
                      IntegrationProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.inventory = inventory;
        this.registry = registry;
        this.settings = settings;
        this.scheduler = scheduler;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    List<ConnectorFactory> connectors() {
        return registry.factories();
    }

    ConnectorFactory connector(String name) {
        return registry.find(name).orElseThrow(() -> new NotFoundException("Connector " + name));
    }

    List<ConnectionDetails> list(Actor actor) {
        actor.require(Permission.INTEGRATIONS_READ);
        return store.list(actor.orgId()).stream().map(this::details).toList();
    }

    ConnectionDetails get(Actor actor, UUID id) {
        actor.require(Permission.INTEGRATIONS_READ);
        return details(find(actor.orgId(), id));
    }

    /** The connection's sync runs, newest first, before the given run id when paging. */
    List<ConnectionStore.SyncRun> syncs(Actor actor, UUID id, UUID before, int limit) {
        actor.require(Permission.INTEGRATIONS_READ);
        find(actor.orgId(), id);
        return store.syncs(actor.orgId(), id, before, limit);
    }

    /** Per resource type: how many resources the inventory holds, when collected, and a later failure. */
    List<ConnectionViews.InventoryTypeView> inventory(Actor actor, UUID id) {
        actor.require(Permission.INTEGRATIONS_READ);
        find(actor.orgId(), id);
        return ConnectionViews.InventoryTypeView.of(inventory.counts(actor.orgId(), id), store.typeStates(actor.orgId(), id));
    }

    List<dev.evident.integration.InventoryResource> resources(Actor actor, UUID id, String type, int limit) {
        actor.require(Permission.INTEGRATIONS_READ);
        find(actor.orgId(), id);
        return inventory.ofConnection(actor.orgId(), id, type, limit);
    }

    java.util.Optional<Instant> nextSync(UUID connectionId) {
        return scheduler.nextRun(connectionId);
    }

    long maxDocumentSize() {
        return properties.maxDocumentSize();
    }

    List<Connection> failing(UUID orgId) {
        return store.failing(orgId, properties.failingAfter());
    }

    boolean isFailing(Connection c) {
        return c.consecutiveFailures() >= properties.failingAfter();
    }

    @Transactional
    ConnectionDetails create(Actor actor, ConnectionInput input) {
        actor.require(Permission.INTEGRATIONS_MANAGE);
        if (input.connector() == null || input.connector().isBlank()) {
            throw new InvalidInputException("connector", "is required: one of " + names());
        }
        ConnectorFactory factory = registry.find(input.connector().strip())
                .orElseThrow(() -> new InvalidInputException("connector", "'" + input.connector() + "' is not an "
                        + "installed connector; installed: " + names()));
        List<FieldError> errors = new ArrayList<>();
        String name = displayName(actor.orgId(), input.displayName(), factory.displayName(), null, errors);
        Duration interval = interval(input.syncIntervalMinutes(), properties.defaultSyncInterval(), errors);
        Map<String, String> stored = settings.merge(factory.configSchema(), Map.of(), input.settings(), null, errors, new LinkedHashMap<>());
        if (errors.isEmpty()) {
            settings.tryConnector(factory, stored, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = Timestamps.now(clock);
        boolean enabled = input.enabled() == null || input.enabled();
        Connection connection = new Connection(Ids.next(clock), actor.orgId(), factory.name(), name, stored, interval,
                enabled, 0, null, null, null, now, now);
        store.insert(connection);
        events.publishEvent(new IntegrationEvents.ConnectionCreated(actor, connection.id(), factory.name(), name,
                ConnectionSettings.secretNames(factory.configSchema(), stored)));
        if (enabled) {
            scheduler.schedule(connection.orgId(), connection.id(), now.plus(properties.firstSyncDelay()));
        }
        return details(find(actor.orgId(), connection.id()));
    }

    @Transactional
    ConnectionDetails update(Actor actor, UUID id, ConnectionInput input) {
        actor.require(Permission.INTEGRATIONS_MANAGE);
        Connection current = find(actor.orgId(), id);
        ConnectorFactory factory = factory(current);
        if (input.connector() != null && !input.connector().strip().equals(current.connector())) {
            throw new InvalidInputException("connector", "cannot be changed; add a new connection for another connector");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = input.displayName() == null ? current.displayName()
                : displayName(actor.orgId(), input.displayName(), null, id, errors);
        Duration interval = input.syncIntervalMinutes() == null ? current.syncInterval()
                : interval(input.syncIntervalMinutes(), null, errors);
        Map<String, Object> changes = new LinkedHashMap<>();
        Map<String, String> stored = settings.merge(factory.configSchema(), current.settings(), input.settings(), current, errors, changes);
        if (errors.isEmpty()) {
            settings.tryConnector(factory, stored, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        boolean enabled = input.enabled() == null ? current.enabled() : input.enabled();
        if (!name.equals(current.displayName())) {
            changes.put("name", dev.evident.shared.audit.AuditRecord.change(current.displayName(), name));
        }
        if (!interval.equals(current.syncInterval())) {
            changes.put("syncIntervalMinutes", dev.evident.shared.audit.AuditRecord.change(current.syncInterval().toMinutes(),
                    interval.toMinutes()));
        }
        if (enabled != current.enabled()) {
            changes.put("enabled", dev.evident.shared.audit.AuditRecord.change(current.enabled(), enabled));
        }
        if (changes.isEmpty()) {
            return details(current);
        }
        Instant now = Timestamps.now(clock);
        store.update(actor.orgId(), id, name, stored, interval, enabled, now);
        events.publishEvent(new IntegrationEvents.ConnectionUpdated(actor, id, name, changes));
        if (!enabled) {
            scheduler.cancel(id);
        } else if (!current.enabled()) {
            scheduler.schedule(actor.orgId(), id, now.plus(properties.firstSyncDelay()));
        } else if (!interval.equals(current.syncInterval())) {
            Instant base = current.lastSyncAt() == null ? now : current.lastSyncAt();
            Instant next = base.plus(interval);
            scheduler.schedule(actor.orgId(), id, next.isBefore(now) ? now : next);
        }
        return details(find(actor.orgId(), id));
    }

    @Transactional
    void delete(Actor actor, UUID id) {
        actor.require(Permission.INTEGRATIONS_MANAGE);
        Connection current = find(actor.orgId(), id);
        store.delete(actor.orgId(), id);
        scheduler.cancel(id);
        events.publishEvent(new IntegrationEvents.ConnectionDeleted(actor, id, current.connector(), current.displayName()));
        events.publishEvent(new dev.evident.integration.ConnectionRemoved(actor.orgId(), id, current.connector(),
                Timestamps.now(clock)));
    }

    /** Runs the connector's own test with the stored settings; never throws for a failing connection. */
    ConnectionTestResult test(Actor actor, UUID id) {
        actor.require(Permission.INTEGRATIONS_MANAGE);
        Connection connection = find(actor.orgId(), id);
        ConnectorFactory factory = factory(connection);
        ConnectorConfig config;
        try {
            config = ConnectionSettings.withoutMissingDocuments(config(connection, factory));
        } catch (InvalidConfigException e) {
            return new ConnectionTestResult(e.problems().stream()
                    .map(p -> TestStep.failed("Settings", p.field() + ": " + p.message())).toList());
        }
        try (Connector connector = factory.create(config)) {
            if (connector instanceof Testable testable) {
                // The context a sync would get, so a connector fed by a document can test that document.
                return testable.testConnection(dev.evident.connector.CollectionContext.of(clock, null, documents(connection)));
            }
            return ConnectionTestResult.of(TestStep.passed("Settings", "complete"),
                    TestStep.failed("Test", factory.displayName() + " cannot be tested without collecting; run a sync "
                            + "and look at its result"));
        } catch (InvalidConfigException e) {
            return new ConnectionTestResult(e.problems().stream()
                    .map(p -> TestStep.failed("Settings", p.field() + ": " + p.message())).toList());
        } catch (RuntimeException e) {
            log.warn("Connection test of {} failed unexpectedly", id, e);
            return ConnectionTestResult.of(TestStep.failed("Test", "the connector failed: " + e.getMessage()));
        }
    }

    /** Asks the scheduler to sync the connection now; false when a sync of it is already running. */
    @Transactional
    boolean syncNow(Actor actor, UUID id) {
        actor.require(Permission.INTEGRATIONS_MANAGE);
        Connection connection = find(actor.orgId(), id);
        if (!connection.enabled()) {
            throw new ConflictException("The connection " + connection.displayName() + " is disabled; enable it to sync");
        }
        boolean scheduled = scheduler.runNow(actor.orgId(), id);
        if (scheduled) {
            events.publishEvent(new IntegrationEvents.SyncRequested(actor, id, connection.displayName()));
        }
        return scheduled;
    }

    /** Stores a document as the current value of a FILE setting, replacing the previous one. */
    @Transactional
    Document upload(Actor actor, UUID id, String field, String fileName, byte[] content) {
        actor.require(Permission.INTEGRATIONS_MANAGE);
        Connection connection = find(actor.orgId(), id);
        ConfigField configField = factory(connection).configSchema().field(field)
                .filter(f -> f.type() == FieldType.FILE)
                .orElseThrow(() -> new InvalidInputException("field", "'" + field + "' is not a document setting of this "
                        + "connection"));
        if (content.length > properties.maxDocumentSize()) {
            throw new PayloadTooLargeException(properties.maxDocumentSize(), "evident.integration.max-document-size");
        }
        if (content.length == 0) {
            throw new InvalidInputException("file", "is empty: upload the " + configField.label() + " document");
        }
        String name = fileName == null || fileName.isBlank() ? field : fileName;
        Instant now = Timestamps.now(clock);
        Document document = new Document(Ids.next(clock), actor.orgId(), id, field, name, content.length,
                dev.evident.verifier.Hashes.sha256Hex(content), now);
        store.replaceDocument(document, content);
        Map<String, String> withDocument = new LinkedHashMap<>(connection.settings());
        withDocument.put(field, document.id().toString());
        store.updateSettings(actor.orgId(), id, withDocument, now);
        events.publishEvent(new IntegrationEvents.DocumentUploaded(actor, id, field, name, content.length, document.sha256()));
        return document;
    }

    /** The connection's effective configuration, secrets decrypted. */
    ConnectorConfig config(Connection connection, ConnectorFactory factory) {
        return settings.config(connection, factory);
    }

    /** The documents of the connection's FILE settings, read from the database when a collector opens them. */
    Map<String, UploadedDocument> documents(Connection connection) {
        Map<String, UploadedDocument> documents = new LinkedHashMap<>();
        for (Document d : store.documents(connection.orgId(), connection.id())) {
            documents.put(d.fieldName(), new UploadedDocument(d.fileName(), d.size(), d.sha256(), d.uploadedAt(),
                    () -> new ByteArrayInputStream(store.documentContent(connection.orgId(), d.id()))));
        }
        return documents;
    }

    ConnectorFactory factory(Connection connection) {
        return registry.find(connection.connector()).orElseThrow(() -> new ConflictException("The connector "
                + connection.connector() + " of connection " + connection.displayName() + " is not installed"));
    }

    Connection find(UUID orgId, UUID id) {
        return store.find(orgId, id).orElseThrow(() -> new NotFoundException("Connection"));
    }

    private String displayName(UUID orgId, String requested, String fallback, UUID self, List<FieldError> errors) {
        String name = requested == null || requested.isBlank() ? fallback : requested.strip();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("displayName", "is required"));
            return "";
        }
        if (name.length() > MAX_NAME) {
            errors.add(new FieldError("displayName", "must be at most " + MAX_NAME + " characters"));
        } else if (store.nameTaken(orgId, name, self)) {
            errors.add(new FieldError("displayName", "'" + name + "' is the name of another connection; choose another"));
        }
        return name;
    }

    private Duration interval(Integer minutes, Duration fallback, List<FieldError> errors) {
        if (minutes == null) {
            return fallback;
        }
        Duration interval = Duration.ofMinutes(minutes);
        if (interval.compareTo(properties.minSyncInterval()) < 0 || interval.compareTo(Duration.ofDays(7)) > 0) {
            errors.add(new FieldError("syncIntervalMinutes", "must be between " + properties.minSyncInterval().toMinutes()
                    + " and " + Duration.ofDays(7).toMinutes() + " minutes"));
            return fallback == null ? properties.defaultSyncInterval() : fallback;
        }
        return interval;
    }

    private ConnectionDetails details(Connection c) {
        ConnectorFactory factory = registry.find(c.connector()).orElse(null);
        Map<String, String> masked = new LinkedHashMap<>();
        List<String> secretsSet = new ArrayList<>();
        Map<String, Document> documents = new LinkedHashMap<>();
        store.documents(c.orgId(), c.id()).forEach(d -> documents.put(d.fieldName(), d));
        if (factory != null) {
            for (ConfigField field : factory.configSchema().fields()) {
                String value = c.settings().get(field.name());
                if (value == null) {
                    continue;
                }
                if (field.secret()) {
                    masked.put(field.name(), settings.mask(value));
                    secretsSet.add(field.name());
                } else if (field.type() == FieldType.FILE) {
                    Document d = documents.get(field.name());
                    if (d != null) {
                        masked.put(field.name(), d.fileName());
                    }
                } else {
                    masked.put(field.name(), value);
                }
            }
        }
        return new ConnectionDetails(c, factory, masked, secretsSet, documents, isFailing(c));
    }

    private String names() {
        return String.join(", ", registry.factories().stream().map(ConnectorFactory::name).toList());
    }
}
