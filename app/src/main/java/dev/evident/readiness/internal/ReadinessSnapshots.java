package dev.evident.readiness.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.readiness.Readiness;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness over time: one row per program and clock hour. A change within an hour replaces that
 * hour's row, so history grows with the hours in which something changed, not with every change.
 */
@Repository
public class ReadinessSnapshots {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Integer>> SCORES = new TypeReference<>() {
    };

    /** One point of history; {@code categories} maps category id to its score in basis points. */
    public record Snapshot(Instant takenAt, int basisPoints, int criteria, int met, int partiallyMet, int gap, int controls,
                    int readyControls, Map<String, Integer> categories) {
    }

    private final JdbcClient jdbc;

    ReadinessSnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID orgId, Readiness r, Instant takenAt) {
        Instant hour = takenAt.truncatedTo(ChronoUnit.HOURS);
        Map<String, Integer> categories = new LinkedHashMap<>();
        r.categories().forEach(c -> categories.put(c.id(), c.score().basisPoints()));
        String json = JSON.writeValueAsString(categories);
        // Update, else insert; an insert that loses a race with another node is followed by the update.
        if (update(orgId, r, hour, takenAt, json) == 0
                && insert(orgId, r, hour, takenAt, json) == 0) {
            update(orgId, r, hour, takenAt, json);
        }
    }

    private int update(UUID orgId, Readiness r, Instant hour, Instant takenAt, String categories) {
        return jdbc.sql("""
                UPDATE readiness_snapshot SET taken_at = :takenAt, score_bp = :score, criteria_total = :criteria,
                       criteria_met = :met, criteria_partial = :partial, criteria_gap = :gap, controls_total = :controls,
                       controls_ready = :ready, categories = :categories
                WHERE program_id = :program AND org_id = :org AND hour_start = :hour""")
                .params(params(orgId, r, hour, takenAt, categories)).update();
    }

    private int insert(UUID orgId, Readiness r, Instant hour, Instant takenAt, String categories) {
        return jdbc.sql("""
                INSERT INTO readiness_snapshot (program_id, org_id, hour_start, taken_at, score_bp, criteria_total,
                    criteria_met, criteria_partial, criteria_gap, controls_total, controls_ready, categories)
                VALUES (:program, :org, :hour, :takenAt, :score, :criteria, :met, :partial, :gap, :controls, :ready,
                    :categories)
                ON CONFLICT DO NOTHING""").params(params(orgId, r, hour, takenAt, categories)).update();
    }

    private static Map<String, Object> params(UUID orgId, Readiness r, Instant hour, Instant takenAt, String categories) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("program", r.programId());
        p.put("org", orgId);
        p.put("hour", toDb(hour));
        p.put("takenAt", toDb(takenAt));
        p.put("score", r.overall().basisPoints());
        p.put("criteria", r.overall().criteria());
        p.put("met", r.overall().met());
        p.put("partial", r.overall().partiallyMet());
        p.put("gap", r.overall().gap());
        p.put("controls", r.controls().applicable());
        p.put("ready", r.controls().ready());
        p.put("categories", categories);
        return p;
    }

    /** History between two instants (inclusive start, exclusive end), oldest first, at most {@code limit} points. */
    List<Snapshot> history(UUID orgId, UUID programId, Instant from, Instant to, int limit) {
        List<Snapshot> newestFirst = jdbc.sql("""
                SELECT * FROM readiness_snapshot
                WHERE org_id = :org AND program_id = :program AND hour_start >= :from AND hour_start < :to
                ORDER BY hour_start DESC LIMIT :limit""")
                .param("org", orgId).param("program", programId).param("from", toDb(from)).param("to", toDb(to))
                .param("limit", limit)
                .query((rs, i) -> new Snapshot(fromDb(rs.getObject("taken_at", OffsetDateTime.class)), rs.getInt("score_bp"),
                        rs.getInt("criteria_total"), rs.getInt("criteria_met"), rs.getInt("criteria_partial"),
                        rs.getInt("criteria_gap"), rs.getInt("controls_total"), rs.getInt("controls_ready"),
                        JSON.readValue(rs.getString("categories"), SCORES)))
                .list();
        List<Snapshot> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
