package dev.evident.monitoring.internal;

import static dev.evident.shared.Timestamps.fromDb;
import static dev.evident.shared.Timestamps.toDb;

import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.shared.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for result intervals. They are stored as narrow spans of a subject (a check and resource pair,
 * written once: V10) and read through the {@code monitoring_result_interval} view, which joins the
 * two. Every statement names the organization.
 */
@Repository
class ResultIntervals {

    static final int MAX_DETAIL = 1000;

    /** One stored interval; {@code to} is null while it is open. */
    record Interval(long id, UUID checkId, int checkVersion, String resourceType, String resourceKey, String resourceName,
                    Outcome outcome, String detail, Instant from, Instant to) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    ResultIntervals(JdbcClient jdbc, NamedParameterJdbcTemplate named, Clock clock) {
        this.jdbc = jdbc;
        this.named = named;
        this.clock = clock;
    }

    /**
     * Locks the check's row for the rest of the transaction, so two evaluations of one check (two syncs
     * finishing together, on one node or several) plan against each other's writes, never the same state.
     */
    void lock(UUID orgId, UUID checkId) {
        jdbc.sql("SELECT id FROM monitoring_check WHERE org_id = :org AND id = :check FOR UPDATE")
                .param("org", orgId).param("check", checkId).query(UUID.class).optional();
    }

    Map<String, IntervalPlan.Open> open(UUID orgId, UUID checkId) {
        Map<String, IntervalPlan.Open> open = new HashMap<>();
        jdbc.sql("""
                SELECT * FROM monitoring_result_interval
                WHERE org_id = :org AND check_id = :check AND to_at IS NULL""")
                .param("org", orgId).param("check", checkId).query(ResultIntervals::interval).list()
                .forEach(i -> open.put(i.resourceKey(), new IntervalPlan.Open(i.id(), i.checkVersion(), i.outcome(),
                        i.detail(), i.resourceType(), i.resourceName())));
        return open;
    }

    /**
     * Closes and opens intervals as planned, all at {@code at}, in JDBC batches. Intervals are spans of a
     * subject (the check and resource pair, written once); a resource met for the first time gets one.
     */
    void apply(UUID orgId, UUID checkId, int version, IntervalPlan plan, Instant at) {
        if (!plan.close().isEmpty()) {
            named.batchUpdate("""
                    UPDATE monitoring_result_span SET to_at = :at
                    WHERE subject_id = :id AND to_at IS NULL
                      AND EXISTS (SELECT 1 FROM monitoring_result_subject s WHERE s.id = :id AND s.org_id = :org)""",
                    plan.close().stream().map(id -> new MapSqlParameterSource().addValue("at", toDb(at)).addValue("org", orgId)
                            .addValue("id", id)).toArray(SqlParameterSource[]::new));
        }
        if (!plan.open().isEmpty()) {
            Map<String, Long> subjects = subjects(orgId, checkId, plan.open().stream()
                    .map(r -> new Subject(r.resourceType(), r.resourceKey(), r.resourceName())).toList());
            named.batchUpdate("""
                    INSERT INTO monitoring_result_span (subject_id, check_version, outcome, detail, from_at, to_at)
                    VALUES (:subject, :version, :outcome, :detail, :at, NULL)""",
                    plan.open().stream().map(r -> new MapSqlParameterSource().addValue("subject", subjects.get(r.resourceKey()))
                            .addValue("version", version).addValue("outcome", r.outcome().id())
                            .addValue("detail", truncate(r.detail(), MAX_DETAIL)).addValue("at", toDb(at)))
                            .toArray(SqlParameterSource[]::new));
        }
    }

    /** What identifies a result's resource. */
    private record Subject(String resourceType, String resourceKey, String resourceName) {
    }

    /**
     * The subject ids of the check's pairs with these resources, creating the missing ones and renaming
     * those whose resource was renamed.
     */
    private Map<String, Long> subjects(UUID orgId, UUID checkId, List<Subject> wanted) {
        Map<String, Long> ids = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        read(orgId, checkId, wanted, ids, names);
        List<SqlParameterSource> inserts = new ArrayList<>();
        List<SqlParameterSource> renames = new ArrayList<>();
        List<Subject> created = new ArrayList<>();
        for (Subject s : wanted) {
            String name = truncate(s.resourceName(), 300);
            Long id = ids.get(s.resourceKey());
            if (id == null) {
                created.add(s);
                inserts.add(new MapSqlParameterSource().addValue("org", orgId).addValue("check", checkId)
                        .addValue("type", s.resourceType()).addValue("key", s.resourceKey()).addValue("name", name));
            } else if (!java.util.Objects.equals(names.get(s.resourceKey()), name)) {
                renames.add(new MapSqlParameterSource().addValue("id", id).addValue("org", orgId).addValue("name", name));
            }
        }
        if (!inserts.isEmpty()) {
            named.batchUpdate("""
                    INSERT INTO monitoring_result_subject (org_id, check_id, resource_type, resource_key, resource_name)
                    VALUES (:org, :check, :type, :key, :name)""", inserts.toArray(SqlParameterSource[]::new));
            read(orgId, checkId, created, ids, names); // the numbers the database gave them
        }
        if (!renames.isEmpty()) {
            named.batchUpdate("UPDATE monitoring_result_subject SET resource_name = :name WHERE org_id = :org AND id = :id",
                    renames.toArray(SqlParameterSource[]::new));
        }
        return ids;
    }

    /** Reads the subject numbers and names of these resources of the check into the maps. */
    private void read(UUID orgId, UUID checkId, List<Subject> wanted, Map<String, Long> ids, Map<String, String> names) {
        RowCallback read = rs -> {
            ids.put(rs.getString("resource_key"), rs.getLong("id"));
            names.put(rs.getString("resource_key"), rs.getString("resource_name"));
        };
        if (wanted.size() > SUBJECT_LOOKUP) {
            jdbc.sql("SELECT id, resource_key, resource_name FROM monitoring_result_subject WHERE org_id = :org AND check_id = :check")
                    .param("org", orgId).param("check", checkId).query(read::row).list();
            return;
        }
        for (int from = 0; from < wanted.size(); from += SUBJECT_LOOKUP) {
            List<String> keys = wanted.subList(from, Math.min(wanted.size(), from + SUBJECT_LOOKUP)).stream()
                    .map(Subject::resourceKey).toList();
            jdbc.sql("""
                    SELECT id, resource_key, resource_name FROM monitoring_result_subject
                    WHERE org_id = :org AND check_id = :check AND resource_key IN (:keys)""")
                    .param("org", orgId).param("check", checkId).param("keys", keys).query(read::row).list();
        }
    }

    /** Above this many resources, a check's subjects are read whole rather than by key. */
    private static final int SUBJECT_LOOKUP = 500;

    @FunctionalInterface
    private interface RowCallback {
        void accept(ResultSet rs) throws SQLException;

        default Object row(ResultSet rs, int n) throws SQLException {
            accept(rs);
            return null;
        }
    }

    /**
     * Ends, at {@code at}, every open interval of a resource the connection collected (resource keys are
     * {@code <connection id>/<external id>}), in every check; returns how many.
     */
    int closeConnection(UUID orgId, UUID connectionId, Instant at) {
        return jdbc.sql("""
                UPDATE monitoring_result_span SET to_at = :at
                WHERE to_at IS NULL AND subject_id IN (
                    SELECT id FROM monitoring_result_subject WHERE org_id = :org AND resource_key LIKE :prefix)""")
                .param("at", toDb(at)).param("org", orgId).param("prefix", connectionId + "/%").update();
    }

    /** Drops closed intervals of the check that started at or after {@code from}; for writing history before it. */
    int deleteClosedSince(UUID orgId, UUID checkId, Instant from) {
        return jdbc.sql("""
                DELETE FROM monitoring_result_span
                WHERE to_at IS NOT NULL AND from_at >= :from AND subject_id IN (
                    SELECT id FROM monitoring_result_subject WHERE org_id = :org AND check_id = :check)""")
                .param("org", orgId).param("check", checkId).param("from", toDb(from)).update();
    }

    /** Moves the start of an open interval (history written before it); {@code id} is the interval's (its subject's). */
    void moveOpenStart(UUID orgId, long id, Instant from) {
        jdbc.sql("""
                UPDATE monitoring_result_span SET from_at = :from
                WHERE subject_id = :id AND to_at IS NULL
                  AND EXISTS (SELECT 1 FROM monitoring_result_subject s WHERE s.id = :id AND s.org_id = :org)""")
                .param("from", toDb(from)).param("org", orgId).param("id", id).update();
    }

    /** Inserts closed intervals [from, to) of a check, for history written after the fact. */
    void insertClosed(UUID orgId, UUID checkId, int version, List<Interval> closed) {
        if (closed.isEmpty()) {
            return;
        }
        Map<String, Subject> distinct = new java.util.LinkedHashMap<>();
        closed.forEach(i -> distinct.putIfAbsent(i.resourceKey(), new Subject(i.resourceType(), i.resourceKey(), i.resourceName())));
        Map<String, Long> subjects = subjects(orgId, checkId, List.copyOf(distinct.values()));
        named.batchUpdate("""
                INSERT INTO monitoring_result_span (subject_id, check_version, outcome, detail, from_at, to_at)
                VALUES (:subject, :version, :outcome, :detail, :from, :to)""",
                closed.stream().map(i -> new MapSqlParameterSource().addValue("subject", subjects.get(i.resourceKey()))
                        .addValue("version", version).addValue("outcome", i.outcome().id())
                        .addValue("detail", truncate(i.detail(), MAX_DETAIL)).addValue("from", toDb(i.from()))
                        .addValue("to", toDb(i.to()))).toArray(SqlParameterSource[]::new));
    }

    /** The intervals that held at an instant: the state of every resource then. */
    List<Interval> at(UUID orgId, UUID checkId, Instant at) {
        return jdbc.sql("""
                SELECT * FROM monitoring_result_interval
                WHERE org_id = :org AND check_id = :check AND from_at <= :at AND (to_at IS NULL OR to_at > :at)
                ORDER BY resource_key""")
                .param("org", orgId).param("check", checkId).param("at", toDb(at)).query(ResultIntervals::interval).list();
    }

    /** Intervals of a check overlapping [from, to), optionally of one resource and one outcome, oldest first. */
    List<Interval> overlapping(UUID orgId, UUID checkId, String resourceKey, Outcome outcome, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT * FROM monitoring_result_interval
                WHERE org_id = :org AND check_id = :check AND from_at < :to AND (to_at IS NULL OR to_at > :from)
                  AND (CAST(:key AS VARCHAR(400)) IS NULL OR resource_key = :key)
                  AND (CAST(:outcome AS VARCHAR(10)) IS NULL OR outcome = :outcome)
                ORDER BY from_at, resource_key""")
                .param("org", orgId).param("check", checkId).param("from", toDb(from)).param("to", toDb(to))
                .param("key", resourceKey).param("outcome", outcome == null ? null : outcome.id())
                .query(ResultIntervals::interval).list();
    }

    /** Open intervals per outcome, per check: the current status counts of every check. */
    Map<UUID, Map<Outcome, Integer>> openCounts(UUID orgId) {
        Map<UUID, Map<Outcome, Integer>> counts = new HashMap<>();
        jdbc.sql("""
                SELECT check_id, outcome, COUNT(*) AS n FROM monitoring_result_interval
                WHERE org_id = :org AND to_at IS NULL GROUP BY check_id, outcome""")
                .param("org", orgId).query((rs, n) -> {
                    counts.computeIfAbsent(rs.getObject("check_id", UUID.class), k -> new java.util.EnumMap<>(Outcome.class))
                            .put(Outcome.of(rs.getString("outcome")), rs.getInt("n"));
                    return null;
                }).list();
        return counts;
    }

    /** Every open interval of the organization: the current result of each check for each resource. */
    List<Interval> allOpen(UUID orgId) {
        return jdbc.sql("SELECT * FROM monitoring_result_interval WHERE org_id = :org AND to_at IS NULL ORDER BY resource_key")
                .param("org", orgId).query(ResultIntervals::interval).list();
    }

    /** Open intervals with the given outcome across checks, for the exception sweep. */
    List<Interval> openWithOutcome(UUID orgId, Outcome outcome) {
        return jdbc.sql("""
                SELECT * FROM monitoring_result_interval WHERE org_id = :org AND to_at IS NULL AND outcome = :outcome""")
                .param("org", orgId).param("outcome", outcome.id()).query(ResultIntervals::interval).list();
    }

    List<UUID> organizationsWithOpen(Outcome outcome) {
        return jdbc.sql("SELECT DISTINCT org_id FROM monitoring_result_interval WHERE to_at IS NULL AND outcome = :outcome")
                .param("outcome", outcome.id()).query(UUID.class).list();
    }

    private static Interval interval(ResultSet rs, int n) throws SQLException {
        return new Interval(rs.getLong("id"), rs.getObject("check_id", UUID.class), rs.getInt("check_version"),
                rs.getString("resource_type"), rs.getString("resource_key"), rs.getString("resource_name"),
                Outcome.of(rs.getString("outcome")), rs.getString("detail"),
                fromDb(rs.getObject("from_at", OffsetDateTime.class)), fromDb(rs.getObject("to_at", OffsetDateTime.class)));
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
