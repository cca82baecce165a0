package dev.evident.monitoring;

import dev.evident.shared.security.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writing a check history that happened before Evident watched it: the demo company's months of
 * results. Everything else only appends history as syncs are evaluated; this is the one way to put
 * results in the past, and it publishes no {@link CheckStateChanged} (owners are not told of old news).
 */
public interface MonitoringHistory {

    /** The key of a resource in results and exceptions: its connection and its id there. */
    static String resourceKey(UUID connectionId, String externalId) {
        return connectionId + "/" + externalId;
    }

    /**
     * A check's current result for one resource: its open interval.
     *
     * @param outcome {@code pass}, {@code fail}, {@code error} or {@code excepted}
     */
    record OpenResult(String checkKey, String resourceType, String resourceKey, String resourceName, String outcome,
                      String detail, Instant since) {
    }

    /** The open result of every check of the organization, by check key and resource key. */
    List<OpenResult> openResults(UUID orgId);

    /**
     * One stretch of a result's past. With {@code to} null it is the open result, which is moved back to
     * start at {@code from} (its outcome must be the open one); otherwise a closed interval [from, to).
     */
    record PastResult(String checkKey, String resourceType, String resourceKey, String resourceName, String outcome,
                      String detail, Instant from, Instant to) {
    }

    /**
     * Writes the history before {@code before}: closed intervals of the named checks that started at or
     * after {@code before} (the brief states of the evaluations that just ran) are dropped, open results are
     * moved back and past stretches inserted, all with each check's current version, in one transaction.
     *
     * @return the intervals written or moved
     */
    int backfill(UUID orgId, Instant before, List<PastResult> past);

    /** A sync that happened in the past, whose evaluated checks should have left evidence. */
    record PastSync(UUID syncId, UUID connectionId, String connector, Instant finishedAt, List<String> resourceTypes,
                    String payloadDigest) {
    }

    /**
     * Publishes, for each past sync, the {@link ChecksEvaluated} record its evaluation would have made: the
     * checks reading its types, with the results the history holds at its finish.
     *
     * @return the check records published
     */
    int recordEvidence(UUID orgId, List<PastSync> syncs);

    /**
     * Evaluates, in this thread, what the connection's finished syncs asked for (otherwise a background
     * task does it soon after): for seeding that must see the results before going on.
     */
    void evaluateNow(UUID orgId, UUID connectionId);

    /**
     * The organization's controls that enabled checks prove: their evidence comes from check results,
     * so nothing else should make up monitoring evidence for them.
     */
    Set<UUID> checkedControls(UUID orgId);

    /** A new version of the check with these parameter values (the other fields unchanged). */
    void setParameters(Actor actor, String checkKey, Map<String, Object> parameters);

    /** Accepts a failing result until {@code expiresAt}, as the actor (who must be a member). */
    void accept(Actor actor, String checkKey, String resourceKey, String reason, Instant expiresAt);
}
