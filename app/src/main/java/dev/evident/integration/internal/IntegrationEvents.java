package dev.evident.integration.internal;

import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.audit.Audited;
import dev.evident.shared.security.Actor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Audited changes to connections and identity links. Summaries name secret fields, never their values. */
final class IntegrationEvents {

    private IntegrationEvents() {
    }

    record ConnectionCreated(Actor actor, UUID connectionId, String connector, String displayName,
                             List<String> secretsSet) implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("connector", connector);
            summary.put("name", displayName);
            summary.put("secretsSet", secretsSet);
            return List.of(AuditRecord.by(actor, "connection.created", "connection", connectionId, summary));
        }
    }

    /** @param changes field → {from, to}; secret fields appear as {@code "rotated"} or {@code "removed"} only */
    record ConnectionUpdated(Actor actor, UUID connectionId, String displayName, Map<String, Object> changes)
            implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", displayName);
            summary.putAll(changes);
            return List.of(AuditRecord.by(actor, "connection.updated", "connection", connectionId, summary));
        }
    }

    record ConnectionDeleted(Actor actor, UUID connectionId, String connector, String displayName) implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "connection.deleted", "connection", connectionId,
                    Map.of("connector", connector, "name", displayName)));
        }
    }

    record DocumentUploaded(Actor actor, UUID connectionId, String field, String fileName, long size, String sha256)
            implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("field", field);
            summary.put("fileName", fileName);
            summary.put("size", size);
            summary.put("sha256", sha256);
            return List.of(AuditRecord.by(actor, "connection.document_uploaded", "connection", connectionId, summary));
        }
    }

    record SyncRequested(Actor actor, UUID connectionId, String displayName) implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "connection.sync_requested", "connection", connectionId,
                    Map.of("name", displayName)));
        }
    }

    record IdentityLinked(Actor actor, UUID linkId, String scope, String resourceType, String externalId,
                          String personEmail) implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("scope", scope);
            summary.put("resourceType", resourceType);
            summary.put("externalId", externalId);
            summary.put("personEmail", personEmail);
            return List.of(AuditRecord.by(actor, "identity_link.created", "identity_link", linkId, summary));
        }
    }

    record IdentityUnlinked(Actor actor, UUID linkId, String resourceType, String externalId, String personEmail)
            implements Audited {
        @Override
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "identity_link.deleted", "identity_link", linkId,
                    Map.of("resourceType", resourceType, "externalId", externalId, "personEmail", personEmail)));
        }
    }
}
