package dev.evident.evidence.internal.coverage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily coverage sweep: occurrences fall due with time alone, so once a day every organization
 * that collects evidence has its controls' status re-evaluated and stale coverage reported to owners.
 * Safe on several nodes: notifications are de-duplicated by key, and a move already made is not repeated.
 */
@Component
class CoverageJobs {

    private static final Logger log = LoggerFactory.getLogger(CoverageJobs.class);

    private final CoverageWatch watch;

    CoverageJobs(CoverageWatch watch) {
        this.watch = watch;
    }

    @Scheduled(cron = "${evident.evidence.coverage-sweep-cron:0 15 2 * * *}", zone = "UTC")
    void daily() {
        CoverageWatch.Outcome outcome = watch.sweep();
        log.info("Coverage sweep: {} controls evidenced, {} back to implemented, {} owners notified of stale evidence",
                outcome.evidenced(), outcome.backToImplemented(), outcome.notified());
    }
}
