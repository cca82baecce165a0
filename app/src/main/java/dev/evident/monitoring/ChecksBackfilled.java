package dev.evident.monitoring;

import java.util.List;
import java.util.UUID;

/**
 * The evaluations of past syncs, written after the fact ({@link MonitoringHistory#recordEvidence}): each
 * holds what its {@link ChecksEvaluated} would have held. One event for many syncs, so the evidence module
 * stores them in a few large batches instead of one per sync.
 */
public record ChecksBackfilled(UUID orgId, List<ChecksEvaluated> evaluations) {

    public ChecksBackfilled {
        evaluations = List.copyOf(evaluations);
    }
}
