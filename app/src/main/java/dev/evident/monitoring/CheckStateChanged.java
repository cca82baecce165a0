package dev.evident.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outcome of a check for one resource changed (pass to fail, fail to pass, anything to or from
 * error). Notification channels send it to the owners of the mapped controls.
 *
 * @param outcome         {@code pass}, {@code fail}, {@code error}, or {@code excepted} (a failure accepted
 *                        with a valid exception; it turns back to {@code fail} when the exception ends)
 * @param previousOutcome the outcome before, or null for a resource seen for the first time
 * @param detail          why: the failing reason, the error, or the exception that accepted it
 */
public record CheckStateChanged(UUID orgId, UUID checkId, String checkKey, String checkTitle, int checkVersion,
                                String severity, String resourceType, String resourceId, String resourceName,
                                String outcome, String previousOutcome, String detail, Instant at, List<UUID> controlIds) {
}
