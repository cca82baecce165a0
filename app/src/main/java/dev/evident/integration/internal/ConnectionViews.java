package dev.evident.integration.internal;

import dev.evident.connector.ConfigField;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.ConnectorFactory;
import dev.evident.integration.InventoryResource;
import dev.evident.integration.internal.ConnectionService.ConnectionDetails;
import dev.evident.integration.internal.ConnectionStore.Document;
import dev.evident.integration.internal.ConnectionStore.SyncRun;
import dev.evident.integration.internal.ConnectionStore.TypeState;
import dev.evident.integration.internal.InventoryStore.IdentityLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/** What the API answers; secrets only ever appear masked. */
final class ConnectionViews {

    private ConnectionViews() {
    }

    record FieldView(String name, String label, String help, String type, boolean required, boolean secret,
                     String defaultValue, List<String> options) {
        static FieldView of(ConfigField f) {
            return new FieldView(f.name(), f.label(), f.help(), f.type().name(), f.required(), f.secret(), f.defaultValue(),
                    f.options());
        }
    }

    record ConnectorView(String name, String displayName, String description, List<FieldView> fields) {
        static ConnectorView of(ConnectorFactory f) {
            return new ConnectorView(f.name(), f.displayName(), f.description(),
                    f.configSchema().fields().stream().map(FieldView::of).toList());
        }
    }

    record DocumentView(UUID id, String field, String fileName, long size, String sha256, Instant uploadedAt) {
        static DocumentView of(Document d) {
            return new DocumentView(d.id(), d.fieldName(), d.fileName(), d.size(), d.sha256(), d.uploadedAt());
        }
    }

    /** @param status {@code never_synced}, {@code ok}, {@code error} (the last sync failed) or {@code failing} */
    record ConnectionView(UUID id, String connector, String connectorDisplayName, String displayName,
                          Map<String, String> settings, List<String> secretsSet, Map<String, DocumentView> documents,
                          long syncIntervalMinutes, boolean enabled, String status, boolean failing, int consecutiveFailures,
                          Instant lastSyncAt, Instant lastSuccessAt, String lastError, Instant nextSyncAt,
                          Instant createdAt, Instant updatedAt) {
        static ConnectionView of(ConnectionDetails d, Instant nextSyncAt) {
            var c = d.connection();
            Map<String, DocumentView> documents = new LinkedHashMap<>();
            d.documents().forEach((field, doc) -> documents.put(field, DocumentView.of(doc)));
            return new ConnectionView(c.id(), c.connector(), d.factory() == null ? c.connector() : d.factory().displayName(),
                    c.displayName(), d.maskedSettings(), d.secretsSet(), documents, c.syncInterval().toMinutes(), c.enabled(),
                    status(d), d.failing(), c.consecutiveFailures(), c.lastSyncAt(), c.lastSuccessAt(), c.lastError(),
                    c.enabled() ? nextSyncAt : null, c.createdAt(), c.updatedAt());
        }

        static String status(ConnectionDetails d) {
            var c = d.connection();
            return d.failing() ? "failing" : c.lastSyncAt() == null ? "never_synced"
                    : c.consecutiveFailures() > 0 ? "error" : "ok";
        }
    }

    record StepView(String name, boolean passed, String message) {
    }

    record TestView(boolean passed, List<StepView> steps) {
        static TestView of(ConnectionTestResult r) {
            return new TestView(r.passed(), r.steps().stream().map(s -> new StepView(s.name(), s.passed(), s.message()))
                    .toList());
        }
    }

    record SyncView(UUID id, String trigger, Instant startedAt, Instant finishedAt, String status,
                    Map<String, Integer> typeCounts, List<String> failedTypes, int attempts, String error,
                    String payloadDigest) {
        static SyncView of(SyncRun r) {
            return new SyncView(r.id(), r.trigger(), r.startedAt(), r.finishedAt(), r.status(), r.typeCounts(),
                    r.failedTypes(), r.attempts(), r.error(), r.payloadDigest());
        }
    }

    /**
     * One resource type of a connection: how many resources the inventory holds and when they were collected.
     *
     * @param lastCollectedAt the last successful collection
     * @param stale           the last collection of the type failed ({@code lastFailureAt}, {@code lastError}): the
     *                        resources are those collected at {@code lastCollectedAt}, before the failure
     */
    record InventoryTypeView(String type, int count, Instant lastCollectedAt, Instant lastFailureAt, String lastError,
                             boolean stale) {
        static List<InventoryTypeView> of(Map<String, Integer> counts, List<TypeState> states) {
            Map<String, TypeState> byType = new LinkedHashMap<>();
            states.forEach(s -> byType.put(s.resourceType(), s));
            TreeSet<String> types = new TreeSet<>(counts.keySet());
            types.addAll(byType.keySet());
            List<InventoryTypeView> views = new ArrayList<>();
            for (String type : types) {
                TypeState s = byType.get(type);
                Instant success = s == null ? null : s.lastSuccessAt();
                Instant failure = s == null ? null : s.lastFailureAt();
                boolean stale = failure != null; // a success clears the failure
                views.add(new InventoryTypeView(type, counts.getOrDefault(type, 0), success, failure,
                        stale && s != null ? s.lastError() : null, stale));
            }
            return views;
        }
    }

    record ResourceView(UUID connectionId, String connector, String type, String externalId, String displayName,
                        Object attributes, String personEmail, Instant collectedAt, String rawDigest) {
        static ResourceView of(InventoryResource r) {
            return new ResourceView(r.connectionId(), r.connector(), r.type(), r.externalId(), r.displayName(),
                    ConnectionStore.JSON.readTree(r.attributesJson()), r.personEmail(), r.collectedAt(), r.rawDigest());
        }
    }

    record LinkView(UUID id, UUID connectionId, String connector, String resourceType, String externalId,
                    String personEmail, Instant createdAt, String createdBy) {
        static LinkView of(IdentityLink l) {
            return new LinkView(l.id(), l.connectionId(), l.connector(), l.resourceType(), l.externalId(), l.personEmail(),
                    l.createdAt(), l.createdBy());
        }
    }
}
