package dev.evident.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything one evaluation changed in one check's history, published once after the individual
 * {@link CheckStateChanged} events (which it carries, in order). Notification channels work from
 * this batch so that they can group: the first evaluation of a check, or a run that changes many
 * resources at once, becomes one summary instead of one message per resource (docs/checks.md).
 *
 * @param firstEvaluation the check had no open result before this evaluation (it never ran, or every
 *                        resource it knew is gone), so every resource is new to it
 */
public record CheckStateChanges(UUID orgId, UUID checkId, String checkKey, String checkTitle, int checkVersion,
                                String severity, Instant at, List<UUID> controlIds, boolean firstEvaluation,
                                List<CheckStateChanged> changes) {

    public CheckStateChanges {
        changes = List.copyOf(changes);
        controlIds = controlIds == null ? List.of() : List.copyOf(controlIds);
    }

    /** A batch of one change (a later evaluation that changed a single resource). */
    public static CheckStateChanges of(CheckStateChanged change) {
        return new CheckStateChanges(change.orgId(), change.checkId(), change.checkKey(), change.checkTitle(),
                change.checkVersion(), change.severity(), change.at(), change.controlIds(), false, List.of(change));
    }
}
