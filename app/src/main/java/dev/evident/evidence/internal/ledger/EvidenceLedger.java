package dev.evident.evidence.internal.ledger;

import static dev.evident.shared.Timestamps.toDb;

import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.security.Actor;
import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.HashChain;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends evidence events to an organization's hash chain, in the caller's transaction. The head
 * row is locked ({@code SELECT … FOR UPDATE}) for the whole append, so concurrent writers on any
 * node go one after another and the chain cannot fork; a batch of events costs one lock and one
 * JDBC batch, whatever its size. Entries are stored as the exact canonical JSON that was hashed.
 */
@Component
public class EvidenceLedger {

    /** An appended entry: its position and hash, and the object that was hashed. */
    public record Appended(long seq, UUID id, String hash, Map<String, Object> entry) {
    }

    private static final String INSERT = """
            INSERT INTO evidence_ledger_entry (org_id, seq, id, occurred_at, event, evidence_id, entry, prev_hash, hash)
            VALUES (:org, :seq, :id, :occurredAt, :event, :evidence, :entry, :prev, :hash)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    EvidenceLedger(JdbcClient jdbc, NamedParameterJdbcTemplate named, Clock clock) {
        this.jdbc = jdbc;
        this.named = named;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<Appended> append(UUID orgId, Actor actor, List<LedgerEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        jdbc.sql("INSERT INTO evidence_ledger_head (org_id, seq, hash) VALUES (:org, 0, :genesis) ON CONFLICT DO NOTHING")
                .param("org", orgId).param("genesis", HashChain.GENESIS).update();
        Map<String, Object> head = jdbc.sql("SELECT seq, hash FROM evidence_ledger_head WHERE org_id = :org FOR UPDATE")
                .param("org", orgId).query().singleRow();
        long seq = ((Number) head.get("seq")).longValue();
        String prev = ((String) head.get("hash")).trim();
        Instant now = Timestamps.now(clock);
        Map<String, Object> actorJson = actor(actor);
        List<Appended> appended = new ArrayList<>(events.size());
        List<SqlParameterSource> rows = new ArrayList<>(events.size());
        for (LedgerEvent e : events) {
            seq++;
            UUID id = Ids.next(clock);
            Map<String, Object> entry = entry(orgId, seq, id, now, e, actorJson);
            String canonical = CanonicalJson.encode(entry);
            String hash = dev.evident.verifier.Hashes.sha256Hex(prev + "\n" + canonical);
            rows.add(new MapSqlParameterSource().addValue("org", orgId).addValue("seq", seq).addValue("id", id)
                    .addValue("occurredAt", toDb(now)).addValue("event", e.event()).addValue("evidence", e.evidenceId())
                    .addValue("entry", canonical).addValue("prev", prev).addValue("hash", hash));
            appended.add(new Appended(seq, id, hash, entry));
            prev = hash;
        }
        named.batchUpdate(INSERT, rows.toArray(SqlParameterSource[]::new));
        jdbc.sql("UPDATE evidence_ledger_head SET seq = :seq, hash = :hash WHERE org_id = :org")
                .param("seq", seq).param("hash", prev).param("org", orgId).update();
        return appended;
    }

    static Map<String, Object> entry(UUID orgId, long seq, UUID id, Instant at, LedgerEvent e, Map<String, Object> actor) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("v", 1L);
        entry.put("orgId", orgId.toString());
        entry.put("seq", seq);
        entry.put("id", id.toString());
        entry.put("occurredAt", at.toString());
        entry.put("event", e.event());
        entry.put("evidenceId", e.evidenceId().toString());
        entry.put("contentSha256", e.contentSha256());
        entry.put("metadataSha256", e.metadataSha256());
        if (e.targetType() == null) {
            entry.put("target", null);
        } else {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("type", e.targetType());
            target.put("id", e.targetId().toString());
            entry.put("target", target);
        }
        entry.put("related", e.related() == null ? null : e.related().toString());
        entry.put("actor", actor);
        return entry;
    }

    private static Map<String, Object> actor(Actor actor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", actor.type().name());
        json.put("id", actor.id() == null ? null : actor.id().toString());
        json.put("label", actor.label());
        return json;
    }

    /** The current head (number of entries and last hash); seq 0 and the genesis hash when empty. */
    public Head head(UUID orgId) {
        return jdbc.sql("SELECT seq, hash FROM evidence_ledger_head WHERE org_id = :org").param("org", orgId)
                .query((rs, i) -> new Head(rs.getLong("seq"), rs.getString("hash").trim())).optional()
                .orElse(new Head(0, HashChain.GENESIS));
    }

    public record Head(long seq, String hash) {
    }
}
