package dev.evident.evidence.internal;

import dev.evident.control.ControlDirectory;
import dev.evident.evidence.EvidenceEvents.EvidenceRecordsAdded;
import dev.evident.evidence.EvidenceIngest;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.EvidenceItem.Link;
import dev.evident.evidence.EvidenceKind;
import dev.evident.evidence.internal.ledger.EvidenceLedger;
import dev.evident.evidence.internal.ledger.EvidenceLedger.Appended;
import dev.evident.evidence.internal.ledger.LedgerEvent;
import dev.evident.program.ProgramDirectory;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records as evidence, in batches: a whole batch is validated first (every problem reported under
 * {@code records[i]}), then written in one transaction with one ledger lock and JDBC batches, so a
 * batch is all or nothing and costs a few round trips whatever its size. A record's content is the
 * canonical JSON of its data, kept in the database.
 */
@Service
public class EvidenceRecords implements EvidenceIngest {

    private final EvidenceItems items;
    private final EvidenceLedger ledger;
    private final ControlDirectory controls;
    private final ProgramDirectory programs;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final EvidentProperties properties;
    private final Clock clock;

    EvidenceRecords(EvidenceItems items, EvidenceLedger ledger, ControlDirectory controls, ProgramDirectory programs,
                    TransactionTemplate transaction, ApplicationEventPublisher events, EvidentProperties properties,
                    Clock clock) {
        this.items = items;
        this.ledger = ledger;
        this.controls = controls;
        this.programs = programs;
        this.transaction = transaction;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    private record Prepared(int index, EvidenceItem draft, String content, String key, List<Link> links) {
    }

    @Override
    public List<Stored> addRecords(Actor actor, List<NewRecord> records) {
        if (records == null || records.isEmpty()) {
            throw new InvalidInputException("records", "must hold at least one record");
        }
        int max = properties.evidence().maxRecordsPerBatch();
        if (records.size() > max) {
            throw new InvalidInputException("records", "may hold at most " + max + " records per request, has "
                    + records.size() + " (evident.evidence.max-records-per-batch)");
        }
        EvidenceRules rules = new EvidenceRules(controls, programs, actor.orgId(), clock);
        Instant now = Timestamps.now(clock);
        List<Prepared> prepared = new ArrayList<>();
        Set<String> keysInBatch = new LinkedHashSet<>();
        for (int i = 0; i < records.size(); i++) {
            Prepared p = prepare(rules, actor, records.get(i), i, now);
            if (p != null && p.key() != null && !keysInBatch.add(p.key())) {
                rules.error("records[" + i + "].idempotencyKey", "repeats a key used earlier in this batch");
            }
            prepared.add(p);
        }
        if (!rules.errors.isEmpty()) {
            throw new InvalidInputException(rules.errors);
        }
        Map<String, EvidenceItem> existing = items.byIdempotencyKeys(actor.orgId(), keysInBatch);
        List<Prepared> fresh = prepared.stream().filter(p -> p.key() == null || !existing.containsKey(p.key())).toList();
        List<EvidenceItem> stored;
        try {
            stored = fresh.isEmpty() ? List.of() : transaction.execute(status -> write(actor, fresh, now));
        } catch (DataIntegrityViolationException race) {
            throw new dev.evident.shared.problem.ConflictException("Another request stored some of these records (same "
                    + "idempotency keys) at the same moment; send the batch again and those records will be reported as existing");
        }
        if (!stored.isEmpty()) {
            events.publishEvent(new EvidenceRecordsAdded(actor, actor.orgId(), stored.size(), stored.get(0).ledgerSeq(),
                    stored.get(stored.size() - 1).ledgerSeq()));
        }
        Map<Integer, EvidenceItem> byIndex = new HashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            byIndex.put(fresh.get(i).index(), stored.get(i));
        }
        List<Stored> out = new ArrayList<>();
        for (Prepared p : prepared) {
            EvidenceItem created = byIndex.get(p.index());
            out.add(created != null ? new Stored(created, false) : new Stored(existing.get(p.key()), true));
        }
        return out;
    }

    private List<EvidenceItem> write(Actor actor, List<Prepared> batch, Instant now) {
        List<LedgerEvent> ledgerEvents = new ArrayList<>();
        List<EvidenceItem> hashed = new ArrayList<>();
        for (Prepared p : batch) {
            EvidenceItem h = EvidenceService.withMetadataHash(p.draft());
            hashed.add(h);
            ledgerEvents.add(LedgerEvent.added(h.id(), h.contentSha256(), h.metadataSha256(), null));
            p.links().forEach(l -> ledgerEvents.add(LedgerEvent.linked(h.id(), l.targetType(), l.targetId())));
        }
        List<Appended> appended = ledger.append(actor.orgId(), actor, ledgerEvents);
        List<EvidenceItems.NewRow> rows = new ArrayList<>();
        List<EvidenceItems.LinkRow> links = new ArrayList<>();
        List<EvidenceItem> stored = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < batch.size(); i++) {
            Prepared p = batch.get(i);
            EvidenceItem item = EvidenceService.withSeq(hashed.get(i), appended.get(at).seq(), p.links());
            at++;
            for (Link l : p.links()) {
                links.add(new EvidenceItems.LinkRow(item.id(), l.targetType(), l.targetId(), appended.get(at++).seq()));
            }
            rows.add(new EvidenceItems.NewRow(item, p.content(), p.key()));
            stored.add(item);
        }
        items.insertAll(rows);
        items.insertLinks(actor.orgId(), links, now);
        return stored;
    }

    private Prepared prepare(EvidenceRules rules, Actor actor, NewRecord r, int i, Instant now) {
        String at = "records[" + i + "].";
        if (r == null) {
            rules.error("records[" + i + "]", "is empty");
            return null;
        }
        int before = rules.errors.size();
        EvidenceKind kind = r.kind() == null ? EvidenceKind.CONNECTOR_RECORD : r.kind();
        if (!kind.isRecord()) {
            rules.error(at + "kind", "must be CONNECTOR_RECORD or SYSTEM_RECORD; files are uploaded to /api/v1/evidence");
        }
        String title = rules.text(at + "title", r.title(), EvidenceRules.MAX_TITLE, true);
        String description = rules.text(at + "description", r.description(), EvidenceRules.MAX_DESCRIPTION, false);
        String connector = rules.text(at + "connector", r.connector(), 100, false);
        String query = rules.text(at + "query", r.query(), 2000, false);
        EvidenceRules.Placement placement = rules.placement(at, r.effectiveFrom() == null ? null : r.effectiveFrom().toString(),
                r.effectiveTo() == null ? null : r.effectiveTo().toString(),
                r.collectedAt() == null ? null : r.collectedAt().toString(),
                r.controlIds() == null ? null : r.controlIds().stream().map(UUID::toString).toList(),
                r.programIds() == null ? null : r.programIds().stream().map(UUID::toString).toList());
        String content = null;
        if (r.data() == null) {
            rules.error(at + "data", "is required: the facts the record holds, as a JSON object");
        } else {
            try {
                content = CanonicalJson.encode(r.data());
                int size = content.getBytes(StandardCharsets.UTF_8).length;
                if (size > properties.evidence().maxRecordSize()) {
                    rules.error(at + "data", "is " + size + " bytes; a record may hold at most "
                            + properties.evidence().maxRecordSize() + " (evident.evidence.max-record-size)");
                }
            } catch (IllegalArgumentException e) {
                rules.error(at + "data", "cannot be stored: " + e.getMessage());
            }
        }
        String key = null;
        try {
            key = EvidenceService.idempotencyKey(r.idempotencyKey());
        } catch (InvalidInputException e) {
            rules.error(at + "idempotencyKey", "must be at most 200 characters");
        }
        if (rules.errors.size() > before) {
            return null;
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        List<Link> links = new ArrayList<>();
        placement.controls().forEach(id -> links.add(new Link("control", id)));
        placement.programs().forEach(id -> links.add(new Link("program", id)));
        EvidenceItem draft = new EvidenceItem(Ids.next(clock), actor.orgId(), kind, title, description,
                EvidenceService.source(actor, connector, query), placement.collectedAt().truncatedTo(ChronoUnit.MICROS),
                placement.from(), placement.to(), null, "application/json", bytes.length, null, Hashes.sha256Hex(bytes),
                null, null, null, 0, null, now, List.of());
        return new Prepared(i, draft, content, key, List.copyOf(links));
    }
}
