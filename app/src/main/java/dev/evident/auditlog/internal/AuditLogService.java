package dev.evident.auditlog.internal;

import dev.evident.auditlog.AuditEntry;
import dev.evident.auditlog.AuditLog;
import dev.evident.auditlog.AuditQuery;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.Timestamps;
import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.audit.Audited;
import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.ChainLink;
import dev.evident.verifier.ChainVerification;
import dev.evident.verifier.HashChain;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends audited events to the per-organization hash chain, inside the transaction that made the
 * change, and reads, verifies and exports the chain.
 */
@Service
class AuditLogService implements AuditLog {

    private static final int BATCH = 1000;
    private final AuditEntries entries;
    private final Clock clock;

    AuditLogService(AuditEntries entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /** Synchronous on purpose: a change whose audit entry cannot be written is rolled back with it. */
    @EventListener
    @Transactional
    public void on(Audited event) {
        for (AuditRecord record : event.auditRecords()) {
            append(record);
        }
    }

    @SuppressWarnings("unchecked")
    AuditEntry append(AuditRecord r) {
        var head = entries.lockHead(r.orgId(), HashChain.GENESIS);
        Map<String, Object> summary = (Map<String, Object>) AuditChain.normalize(r.summary());
        AuditEntry unsigned = new AuditEntry(Ids.next(clock), r.orgId(), head.seq() + 1, Timestamps.now(clock),
                r.actorType().name(), r.actorId(), r.actorLabel(), r.clientIp(), r.action(), r.targetType(), r.targetId(),
                summary, head.hash(), null);
        String hash = HashChain.link(head.hash(), AuditChain.content(unsigned));
        AuditEntry entry = new AuditEntry(unsigned.id(), unsigned.orgId(), unsigned.seq(), unsigned.occurredAt(),
                unsigned.actorType(), unsigned.actorId(), unsigned.actorLabel(), unsigned.clientIp(), unsigned.action(),
                unsigned.targetType(), unsigned.targetId(), summary, unsigned.prevHash(), hash);
        entries.append(entry, CanonicalJson.encode(summary));
        return entry;
    }

    @Override
    public Page<AuditEntry> search(UUID orgId, AuditQuery query, PageRequest page) {
        return Page.of(entries.search(orgId, query, page), page, e -> Long.toString(e.seq()));
    }

    @Override
    public Optional<AuditEntry> find(UUID orgId, UUID entryId) {
        return entries.find(orgId, entryId);
    }

    @Override
    public List<AuditEntry> recent(UUID orgId, int count) {
        return entries.search(orgId, AuditQuery.all(), PageRequest.first(count));
    }

    @Override
    @Transactional(readOnly = true)
    public ChainVerification verify(UUID orgId) {
        // Read the head first and verify up to it: entries appended while we verify are not part of
        // this check, and can never look like a truncated tail.
        long expected = entries.head(orgId).map(AuditEntries.Head::seq).orElse(0L);
        ChainVerification result = HashChain.verify(() -> stream(orgId, expected));
        if (result.valid() && result.entriesChecked() != expected) {
            // The head row records the last appended entry; fewer entries than that means the tail was cut off.
            return new ChainVerification(false, result.entriesChecked(), result.headHash(),
                    new ChainVerification.Problem(result.entriesChecked() + 1, null, "entries missing at the end: the chain head "
                            + "records " + expected + " entries but only " + result.entriesChecked() + " are present"));
        }
        return result;
    }

    @Override
    @Transactional(readOnly = true)
    public void export(UUID orgId, Writer out) throws IOException {
        Iterator<ChainLink> links = stream(orgId, Long.MAX_VALUE);
        while (links.hasNext()) {
            ChainLink link = links.next();
            Map<String, Object> line = new java.util.TreeMap<>();
            line.put("seq", link.seq());
            line.put("id", link.id());
            line.put("prevHash", link.prevHash());
            line.put("hash", link.hash());
            line.put("entry", link.content());
            out.write(CanonicalJson.encode(line));
            out.write('\n');
        }
        out.flush();
    }

    /** Iterates the chain oldest first up to {@code lastSeq}, a batch at a time so memory stays flat. */
    private Iterator<ChainLink> stream(UUID orgId, long lastSeq) {
        return new Iterator<>() {
            private List<AuditEntry> batch = entries.batchAfter(orgId, 0, lastSeq, BATCH);
            private int index;

            @Override
            public boolean hasNext() {
                if (index < batch.size()) {
                    return true;
                }
                if (batch.size() < BATCH) {
                    return false;
                }
                batch = entries.batchAfter(orgId, batch.get(batch.size() - 1).seq(), lastSeq, BATCH);
                index = 0;
                return !batch.isEmpty();
            }

            @Override
            public ChainLink next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return AuditChain.link(batch.get(index++));
            }
        };
    }
}
