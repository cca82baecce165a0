package dev.evident.monitoring.internal;

import static dev.evident.shared.Timestamps.fromDb;

import dev.evident.integration.ResourceChecks;
import dev.evident.monitoring.internal.CheckService.CheckState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The checks' current outcomes per inventory resource, for the integration module's inventory pages
 * (it declares {@link ResourceChecks}; this module depends on it, so it cannot call here itself).
 * Queries name the organization's checks so the (org, check, resource key) index answers them.
 */
@Service
class InventoryOutcomes implements ResourceChecks {

    private static final List<Outcome> ORDER = List.of(Outcome.FAIL, Outcome.ERROR, Outcome.EXCEPTED, Outcome.PASS);

    private final JdbcClient jdbc;
    private final CheckService checks;

    InventoryOutcomes(JdbcClient jdbc, CheckService checks) {
        this.jdbc = jdbc;
        this.checks = checks;
    }

    @Override
    public Map<ResourceRef, Summary> summaries(UUID orgId, Collection<ResourceRef> resources) {
        List<UUID> checkIds = checkIds(orgId);
        if (resources.isEmpty() || checkIds.isEmpty()) {
            return Map.of();
        }
        Map<String, ResourceRef> byKey = new HashMap<>();
        resources.forEach(r -> byKey.put(r.type() + '\u0000' + key(r), r));
        Map<ResourceRef, int[]> counts = new HashMap<>();
        jdbc.sql("""
                SELECT resource_type, resource_key, outcome, COUNT(*) AS n FROM monitoring_result_interval
                WHERE org_id = :org AND check_id IN (:checks) AND resource_key IN (:keys) AND to_at IS NULL
                GROUP BY resource_type, resource_key, outcome""")
                .param("org", orgId).param("checks", checkIds)
                .param("keys", resources.stream().map(InventoryOutcomes::key).distinct().toList())
                .query((rs, n) -> {
                    ResourceRef ref = byKey.get(rs.getString("resource_type") + '\u0000' + rs.getString("resource_key"));
                    if (ref != null) {
                        counts.computeIfAbsent(ref, k -> new int[ORDER.size()])[ORDER.indexOf(Outcome.of(rs.getString("outcome")))]
                                += rs.getInt("n");
                    }
                    return null;
                }).list();
        Map<ResourceRef, Summary> summaries = new HashMap<>();
        counts.forEach((ref, c) -> summaries.put(ref, new Summary(c[0], c[1], c[2], c[3])));
        return summaries;
    }

    @Override
    public List<CheckOutcome> outcomes(UUID orgId, ResourceRef resource) {
        Map<UUID, CheckState> byId = new LinkedHashMap<>();
        checks.list(orgId, false).forEach(c -> byId.put(c.row().id(), c));
        if (byId.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Row>> history = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT check_id, check_version, outcome, detail, from_at, to_at FROM monitoring_result_interval
                WHERE org_id = :org AND check_id IN (:checks) AND resource_key = :key AND resource_type = :type
                ORDER BY check_id, from_at""")
                .param("org", orgId).param("checks", List.copyOf(byId.keySet())).param("key", key(resource))
                .param("type", resource.type())
                .query((rs, n) -> history.computeIfAbsent(rs.getObject("check_id", UUID.class), k -> new ArrayList<>())
                        .add(new Row(rs.getInt("check_version"), Outcome.of(rs.getString("outcome")), rs.getString("detail"),
                                fromDb(rs.getObject("from_at", OffsetDateTime.class)),
                                fromDb(rs.getObject("to_at", OffsetDateTime.class)))))
                .list();
        List<CheckOutcome> outcomes = new ArrayList<>();
        history.forEach((checkId, rows) -> {
            Row last = rows.get(rows.size() - 1);
            CheckState check = byId.get(checkId);
            if (last.to() != null || check == null) {
                return; // no current outcome: the resource left the check's scope, or the check is gone
            }
            outcomes.add(new CheckOutcome(check.row().key(), check.definition().title(), check.definition().severity().id(),
                    last.outcome().id(), last.detail(), since(rows), last.version()));
        });
        outcomes.sort(Comparator.comparing((CheckOutcome o) -> ORDER.indexOf(Outcome.of(o.outcome())))
                .thenComparing(CheckOutcome::title));
        return outcomes;
    }

    private record Row(int version, Outcome outcome, String detail, Instant from, Instant to) {
    }

    /** The start of the unbroken run of intervals with the last interval's outcome (a new version may open a new one). */
    private static Instant since(List<Row> rows) {
        int i = rows.size() - 1;
        Outcome outcome = rows.get(i).outcome();
        while (i > 0 && rows.get(i - 1).outcome() == outcome && rows.get(i).from().equals(rows.get(i - 1).to())) {
            i--;
        }
        return rows.get(i).from();
    }

    private List<UUID> checkIds(UUID orgId) {
        return jdbc.sql("SELECT id FROM monitoring_check WHERE org_id = :org").param("org", orgId).query(UUID.class).list();
    }

    /** The key results are stored under. */
    private static String key(ResourceRef r) {
        return dev.evident.monitoring.MonitoringHistory.resourceKey(r.connectionId(), r.externalId());
    }
}
