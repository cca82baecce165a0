package dev.evident.integration.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code evident.integration.*}; documented in docs/configuration.md.
 *
 * @param defaultSyncInterval how often a new connection syncs when its form does not say
 * @param minSyncInterval     the shortest interval a connection may ask for
 * @param firstSyncDelay      how long after it is created (or enabled) a connection first syncs on its own,
 *                            leaving time to upload documents and test it
 * @param failingAfter        consecutive failed or partial syncs after which a connection is flagged failing
 * @param maxDocumentSize     largest document accepted for a FILE setting, in bytes
 * @param retry               retries of a collector inside one sync
 * @param scheduler           the db-scheduler instance that runs syncs
 */
@ConfigurationProperties("evident.integration")
public record IntegrationProperties(@DefaultValue("1h") Duration defaultSyncInterval,
                             @DefaultValue("5m") Duration minSyncInterval,
                             @DefaultValue("1m") Duration firstSyncDelay,
                             @DefaultValue("3") int failingAfter,
                             @DefaultValue("10485760") long maxDocumentSize,
                             @DefaultValue Retry retry,
                             @DefaultValue Scheduler scheduler) {

    /**
     * @param maxAttempts    tries per resource type in one sync, the first included
     * @param initialBackoff wait after the first transient failure; doubled after each further one
     * @param maxWait        the longest a sync waits in place (backoff or a source's Retry-After); a source
     *                       asking for longer ends the attempt, and the next sync is scheduled after that time
     */
    public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("2s") Duration initialBackoff,
                 @DefaultValue("2m") Duration maxWait) {
    }

    /**
     * @param enabled         false runs no syncs on this node (sync now and schedules are still recorded)
     * @param pollingInterval how often the scheduler looks for due syncs
     * @param threads         syncs run at once on this node
     */
    public record Scheduler(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration pollingInterval,
                     @DefaultValue("2") int threads) {
    }
}
