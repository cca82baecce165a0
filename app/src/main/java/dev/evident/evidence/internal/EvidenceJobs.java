package dev.evident.evidence.internal;

import dev.evident.evidence.internal.ledger.Checkpoints;
import dev.evident.shared.config.EvidentProperties;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Periodic evidence work on every node: signing checkpoints for ledgers that grew, and retention.
 * Both are safe to run on several nodes at once: a checkpoint of a given size is stored once, and a
 * removal takes the ledger lock and finds nothing left to remove on the second node.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EvidenceJobs implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EvidenceJobs.class);

    private final Checkpoints checkpoints;
    private final EvidenceRetention retention;
    private final EvidentProperties properties;

    EvidenceJobs(Checkpoints checkpoints, EvidenceRetention retention, EvidentProperties properties) {
        this.checkpoints = checkpoints;
        this.retention = retention;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // First runs one interval after start, so a starting node (or a test) is not raced by its own jobs.
        registrar.addFixedDelayTask(new FixedDelayTask(this::checkpointAll, properties.evidence().checkpointInterval(),
                properties.evidence().checkpointInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(this::runRetention, Duration.ofHours(24), Duration.ofHours(1)));
    }

    void checkpointAll() {
        for (UUID orgId : checkpoints.organizationsBehind()) {
            try {
                checkpoints.current(orgId);
            } catch (RuntimeException e) {
                log.warn("Could not sign a checkpoint for organization {}: {}", orgId, e.getMessage());
            }
        }
    }

    void runRetention() {
        try {
            retention.run();
        } catch (RuntimeException e) {
            log.warn("Evidence retention failed: {}", e.getMessage(), e);
        }
    }
}
