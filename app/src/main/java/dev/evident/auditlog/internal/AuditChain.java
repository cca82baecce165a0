package dev.evident.auditlog.internal;

import dev.evident.auditlog.AuditEntry;
import dev.evident.verifier.ChainLink;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical content of an entry, the part covered by its hash. Kept in one place so the writer,
 * the server-side verifier and the export agree byte for byte.
 */
final class AuditChain {

    private AuditChain() {
    }

    static Map<String, Object> content(AuditEntry e) {
        Map<String, Object> actor = new TreeMap<>();
        actor.put("type", e.actorType());
        actor.put("id", e.actorId());
        actor.put("label", e.actorLabel());
        actor.put("clientIp", e.clientIp());
        Map<String, Object> target = new TreeMap<>();
        target.put("type", e.targetType());
        target.put("id", e.targetId());
        Map<String, Object> content = new TreeMap<>();
        content.put("id", e.id().toString());
        content.put("orgId", e.orgId().toString());
        content.put("seq", e.seq());
        content.put("occurredAt", e.occurredAt().toString());
        content.put("actor", actor);
        content.put("action", e.action());
        content.put("target", target);
        content.put("summary", e.summary());
        return content;
    }

    static ChainLink link(AuditEntry e) {
        return new ChainLink(e.seq(), e.id().toString(), e.prevHash(), e.hash(), content(e));
    }

    /** Summaries may hold ids, enums and instants; the canonical form holds only JSON primitives. */
    static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Short) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(AuditChain::normalize).toList();
        }
        if (value instanceof Instant || value instanceof Enum<?> || value instanceof java.util.UUID) {
            return value.toString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return String.valueOf(value);
    }

}
