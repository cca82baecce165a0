package dev.evident.evidence.internal;

import dev.evident.evidence.EvidenceEvents.EvidenceRemoved;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.internal.blob.BlobStore;
import dev.evident.evidence.internal.ledger.EvidenceLedger;
import dev.evident.evidence.internal.ledger.LedgerEvent;
import dev.evident.shared.Timestamps;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.security.Actor;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes evidence content older than the retention period ({@code evident.evidence.retention},
 * counted from the end of the interval the evidence proves). Each removal leaves the item's row and
 * an {@code evidence.removed} tombstone in the ledger, so the history stays complete and
 * verifiable; only the bytes go. Content another kept item shares is not deleted.
 */
@Service
public class EvidenceRetention {

    private static final Logger log = LoggerFactory.getLogger(EvidenceRetention.class);
    private static final int BATCH = 500;

    private final EvidenceItems items;
    private final EvidenceLedger ledger;
    private final BlobStore blobs;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final EvidentProperties properties;
    private final Clock clock;

    EvidenceRetention(EvidenceItems items, EvidenceLedger ledger, BlobStore blobs, TransactionTemplate transaction,
                      ApplicationEventPublisher events, EvidentProperties properties, Clock clock) {
        this.items = items;
        this.ledger = ledger;
        this.blobs = blobs;
        this.transaction = transaction;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs retention for every organization; returns the number of items whose content was removed. */
    public int run() {
        LocalDate cutoff = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minus(properties.evidence().retention());
        int total = 0;
        for (UUID orgId : items.organizationsWithEvidence()) {
            total += removeExpired(orgId, cutoff);
        }
        return total;
    }

    int removeExpired(UUID orgId, LocalDate cutoff) {
        Actor system = Actor.system(orgId, "retention");
        int removed = 0;
        List<EvidenceItem> expired;
        while (!(expired = items.expired(orgId, cutoff, BATCH)).isEmpty()) {
            List<EvidenceItem> batch = expired;
            Instant now = Timestamps.now(clock);
            List<String> unused = transaction.execute(status -> {
                List<LedgerEvent> tombstones = new ArrayList<>();
                List<String> deletable = new ArrayList<>();
                for (EvidenceItem item : batch) {
                    items.markRemoved(orgId, item.id(), now);
                    tombstones.add(LedgerEvent.removed(item.id(), item.contentSha256()));
                    if (!item.kind().isRecord() && !items.contentStillUsed(orgId, item.contentSha256(), item.id())) {
                        deletable.add(item.contentSha256());
                    }
                }
                ledger.append(orgId, system, tombstones);
                events.publishEvent(new EvidenceRemoved(system, orgId, batch.size(), "interval ended before " + cutoff
                        + " (retention " + properties.evidence().retention() + ")"));
                return deletable;
            });
            // after commit: a crash here leaves unreferenced bytes, never a row without its bytes
            for (String sha : unused) {
                try {
                    blobs.delete(orgId, sha);
                } catch (IOException e) {
                    log.warn("Could not delete removed evidence content {} of {}: {}", sha, orgId, e.getMessage());
                }
            }
            removed += batch.size();
        }
        if (removed > 0) {
            log.info("Retention removed the content of {} evidence items of organization {}", removed, orgId);
        }
        return removed;
    }
}
