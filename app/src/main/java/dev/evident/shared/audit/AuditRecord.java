package dev.evident.shared.audit;

import dev.evident.shared.security.Actor;
import dev.evident.shared.security.ActorType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of an organization's audit log, as described by the module where the change happened.
 *
 * @param action  dotted, past tense, stable: {@code member.role_changed}, {@code sign_in.failed}
 * @param summary what changed; values must be strings, whole numbers, booleans, lists or maps
 *                (they are hashed in canonical JSON). For updates use {"field": {"from": …, "to": …}}.
 */
public record AuditRecord(UUID orgId, ActorType actorType, String actorId, String actorLabel, String clientIp,
                          String action, String targetType, String targetId, Map<String, Object> summary) {

    public AuditRecord {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(action, "action");
        summary = summary == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }

    public static AuditRecord by(Actor actor, String action, String targetType, Object targetId,
                                 Map<String, Object> summary) {
        return new AuditRecord(actor.orgId(), actor.type(), actor.id() == null ? null : actor.id().toString(),
                actor.label(), actor.clientIp(), action, targetType, targetId == null ? null : targetId.toString(), summary);
    }

    /** Builds {"from": old, "to": new} for an update summary. */
    public static Map<String, Object> change(Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from == null ? null : from.toString());
        change.put("to", to == null ? null : to.toString());
        return change;
    }
}
