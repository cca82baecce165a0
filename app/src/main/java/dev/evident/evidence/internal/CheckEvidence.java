package dev.evident.evidence.internal;

import dev.evident.evidence.EvidenceIngest;
import dev.evident.evidence.EvidenceIngest.NewRecord;
import dev.evident.evidence.EvidenceKind;
import dev.evident.monitoring.ChecksBackfilled;
import dev.evident.monitoring.ChecksEvaluated;
import dev.evident.program.ProgramDirectory;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stores the records of checks evaluated after a sync as connector evidence, effective on the sync's
 * day (UTC), idempotent per sync and check. Organizations without a program get none: evidence needs a
 * period to prove, and a sync's day outside every period is skipped the same way.
 */
@Component
class CheckEvidence {

    private static final Logger log = LoggerFactory.getLogger(CheckEvidence.class);
    /** Records per ingest call for backfilled evaluations; well under evident.evidence.max-records-per-batch's default. */
    static final int BATCH = 1000;

    private final EvidenceIngest ingest;
    private final ProgramDirectory programs;

    CheckEvidence(EvidenceIngest ingest, ProgramDirectory programs) {
        this.ingest = ingest;
        this.programs = programs;
    }

    @EventListener
    void on(ChecksEvaluated evaluated) {
        if (evaluated.checks().isEmpty() || programs.programs(evaluated.orgId()).isEmpty()) {
            return;
        }
        store(evaluated.orgId(), records(evaluated), "sync " + evaluated.syncId());
    }

    /** Evaluations of past syncs: the same records, in batches of up to {@value #BATCH}. */
    @EventListener
    void on(ChecksBackfilled backfilled) {
        if (programs.programs(backfilled.orgId()).isEmpty()) {
            return;
        }
        List<NewRecord> records = backfilled.evaluations().stream().flatMap(e -> records(e).stream()).toList();
        for (int i = 0; i < records.size(); i += BATCH) {
            store(backfilled.orgId(), records.subList(i, Math.min(records.size(), i + BATCH)), "past syncs");
        }
    }

    private static List<NewRecord> records(ChecksEvaluated evaluated) {
        LocalDate day = LocalDate.ofInstant(evaluated.finishedAt(), ZoneOffset.UTC);
        return evaluated.checks().stream().map(c -> new NewRecord(EvidenceKind.CONNECTOR_RECORD,
                c.title(), c.description(), c.data(), day, day, evaluated.finishedAt(), evaluated.connector(), c.query(),
                c.controlIds(), List.of(), c.idempotencyKey())).toList();
    }

    private void store(java.util.UUID orgId, List<NewRecord> records, String what) {
        try {
            ingest.addRecords(Actor.system(orgId, "Monitoring"), records);
        } catch (InvalidInputException e) {
            log.info("No evidence for {} of organization {}: {}", what, orgId, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Could not store check evidence for {} of organization {}: {}", what, orgId, e.getMessage(), e);
        }
    }
}
