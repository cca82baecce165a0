package dev.evident.evidence.internal;

import dev.evident.control.ControlDirectory;
import dev.evident.evidence.EvidenceDirectory;
import dev.evident.evidence.EvidenceEvents.EvidenceAdded;
import dev.evident.evidence.EvidenceEvents.EvidenceLinked;
import dev.evident.evidence.EvidenceEvents.EvidenceUnlinked;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.EvidenceItem.Link;
import dev.evident.evidence.EvidenceItem.Source;
import dev.evident.evidence.EvidenceKind;
import dev.evident.evidence.internal.blob.BlobStore;
import dev.evident.evidence.internal.blob.StagedContent;
import dev.evident.evidence.internal.ledger.EvidenceLedger;
import dev.evident.evidence.internal.ledger.EvidenceLedger.Appended;
import dev.evident.evidence.internal.ledger.LedgerEvent;
import dev.evident.program.ProgramDirectory;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.ActorType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds evidence files and links, links evidence to controls, and reads it back. Content is written
 * to the blob store first; the item, its links and its ledger entries then commit in one
 * transaction, so a crash leaves at most unreferenced content, never a half-recorded item.
 */
@Service
public class EvidenceService implements EvidenceDirectory {

    /** An upload's outcome: the item, and whether it was created now or existed already. */
    public record Added(EvidenceItem item, boolean created) {
    }

    private final EvidenceItems items;
    private final EvidenceLedger ledger;
    private final BlobStore blobs;
    private final ControlDirectory controls;
    private final ProgramDirectory programs;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EvidenceService(EvidenceItems items, EvidenceLedger ledger, BlobStore blobs, ControlDirectory controls,
                    ProgramDirectory programs, TransactionTemplate transaction, ApplicationEventPublisher events, Clock clock) {
        this.items = items;
        this.ledger = ledger;
        this.blobs = blobs;
        this.controls = controls;
        this.programs = programs;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores an uploaded file (or a captured link) as evidence. A request repeated with the same
     * idempotency key, or the same file with the same title and interval, returns the item made the
     * first time instead of a duplicate.
     */
    public Added addFile(Actor actor, StagedContent staged, String fileName, NewEvidence meta, String idempotencyKey) {
        String key = idempotencyKey(idempotencyKey);
        if (key != null) {
            Optional<EvidenceItem> existing = items.byIdempotencyKey(actor.orgId(), key);
            if (existing.isPresent()) {
                return new Added(existing.get(), false);
            }
        }
        if (meta == null) {
            throw new InvalidInputException("metadata", "is required: a JSON part with title and effectiveFrom at least");
        }
        EvidenceRules rules = new EvidenceRules(controls, programs, actor.orgId(), clock);
        EvidenceKind kind = kind(rules, meta.kind());
        String title = rules.text("title", meta.title(), EvidenceRules.MAX_TITLE, true);
        String description = rules.text("description", meta.description(), EvidenceRules.MAX_DESCRIPTION, false);
        String url = kind == EvidenceKind.LINK ? rules.url("url", meta.url()) : null;
        if (kind == EvidenceKind.FILE && meta.url() != null && !meta.url().isBlank()) {
            rules.error("url", "only applies to a LINK; a FILE has no address");
        }
        EvidenceRules.Placement placement = rules.placement("", meta.effectiveFrom(), meta.effectiveTo(), meta.collectedAt(),
                meta.controlIds(), meta.programIds());
        EvidenceItem superseded = supersedes(rules, actor, meta.supersedes(), kind);
        if (!rules.errors.isEmpty()) {
            throw new InvalidInputException(rules.errors);
        }
        if (superseded == null && key == null) {
            Optional<EvidenceItem> same = items.sameUpload(actor.orgId(), staged.sha256(), title, placement.from(), placement.to());
            if (same.isPresent()) {
                return new Added(same.get(), false);
            }
        }
        try {
            blobs.put(actor.orgId(), staged.sha256(), staged.file(), staged.size(), staged.contentType());
        } catch (IOException e) {
            throw new UncheckedIOException("could not store evidence content in " + blobs.describe(), e);
        }
        Instant now = Timestamps.now(clock);
        EvidenceItem draft = new EvidenceItem(Ids.next(clock), actor.orgId(), kind, title, description, source(actor, null, null),
                placement.collectedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS), placement.from(), placement.to(),
                fileName, staged.contentType(), staged.size(), url, staged.sha256(), null,
                superseded == null ? null : superseded.id(), null, 0, null, now, List.of());
        Set<Link> links = new LinkedHashSet<>();
        if (superseded != null) {
            links.addAll(superseded.links());
        }
        placement.controls().forEach(id -> links.add(new Link("control", id)));
        placement.programs().forEach(id -> links.add(new Link("program", id)));
        try {
            EvidenceItem item = transaction.execute(status -> {
                items.insertBlobIfAbsent(actor.orgId(), staged.sha256(), staged.size(), staged.crc32(), staged.contentType(), now);
                return record(actor, draft, null, key, List.copyOf(links), now);
            });
            events.publishEvent(new EvidenceAdded(actor, item));
            return new Added(item, true);
        } catch (DataIntegrityViolationException race) {
            if (key != null) {
                Optional<EvidenceItem> existing = items.byIdempotencyKey(actor.orgId(), key);
                if (existing.isPresent()) {
                    return new Added(existing.get(), false);
                }
            }
            if (superseded != null) {
                throw new ConflictException("Evidence " + superseded.id() + " was corrected by someone else meanwhile; "
                        + "supersede the newest version instead");
            }
            throw race;
        }
    }

    /**
     * Appends the ledger entries of a new item (added, superseded, linked) and inserts the item and its
     * links with their ledger positions. Runs inside the caller's transaction.
     */
    EvidenceItem record(Actor actor, EvidenceItem draft, String recordContent, String key, List<Link> links, Instant now) {
        EvidenceItem withHash = withMetadataHash(draft);
        List<LedgerEvent> ledgerEvents = new ArrayList<>();
        ledgerEvents.add(LedgerEvent.added(withHash.id(), withHash.contentSha256(), withHash.metadataSha256(),
                withHash.supersedes()));
        if (withHash.supersedes() != null) {
            ledgerEvents.add(LedgerEvent.superseded(withHash.supersedes(), withHash.id()));
        }
        links.forEach(l -> ledgerEvents.add(LedgerEvent.linked(withHash.id(), l.targetType(), l.targetId())));
        List<Appended> appended = ledger.append(actor.orgId(), actor, ledgerEvents);
        EvidenceItem stored = withSeq(withHash, appended.get(0).seq(), links);
        items.insertAll(List.of(new EvidenceItems.NewRow(stored, recordContent, key)));
        List<EvidenceItems.LinkRow> rows = new ArrayList<>();
        int first = withHash.supersedes() == null ? 1 : 2;
        for (int i = 0; i < links.size(); i++) {
            rows.add(new EvidenceItems.LinkRow(stored.id(), links.get(i).targetType(), links.get(i).targetId(),
                    appended.get(first + i).seq()));
        }
        items.insertLinks(actor.orgId(), rows, now);
        return stored;
    }

    static EvidenceItem withMetadataHash(EvidenceItem d) {
        EvidenceItem hashed = new EvidenceItem(d.id(), d.orgId(), d.kind(), d.title(), d.description(), d.source(),
                d.collectedAt(), d.effectiveFrom(), d.effectiveTo(), d.fileName(), d.contentType(), d.size(), d.url(),
                d.contentSha256(), null, d.supersedes(), null, 0, null, d.createdAt(), List.of());
        return new EvidenceItem(d.id(), d.orgId(), d.kind(), d.title(), d.description(), d.source(), d.collectedAt(),
                d.effectiveFrom(), d.effectiveTo(), d.fileName(), d.contentType(), d.size(), d.url(), d.contentSha256(),
                EvidenceMetadata.sha256(hashed), d.supersedes(), null, 0, null, d.createdAt(), List.of());
    }

    static EvidenceItem withSeq(EvidenceItem d, long seq, List<Link> links) {
        return new EvidenceItem(d.id(), d.orgId(), d.kind(), d.title(), d.description(), d.source(), d.collectedAt(),
                d.effectiveFrom(), d.effectiveTo(), d.fileName(), d.contentType(), d.size(), d.url(), d.contentSha256(),
                d.metadataSha256(), d.supersedes(), null, seq, null, d.createdAt(), links);
    }

    /** Links an item to a control; linking again is a no-op. */
    public EvidenceItem link(Actor actor, UUID evidenceId, UUID controlId) {
        EvidenceItem item = get(actor, evidenceId);
        var control = controls.control(actor.orgId(), controlId).orElseThrow(() -> new NotFoundException("Control"));
        if (item.linkedTo(controlId)) {
            return item;
        }
        if (!item.current()) {
            throw new ConflictException("This evidence was " + (item.removedAt() != null ? "removed by retention"
                    : "corrected by a newer version (" + item.supersededBy() + ")") + "; link the current version instead");
        }
        Instant now = Timestamps.now(clock);
        transaction.executeWithoutResult(status -> {
            Appended entry = ledger.append(actor.orgId(), actor, List.of(LedgerEvent.linked(evidenceId, "control", controlId)))
                    .get(0);
            items.insertLinks(actor.orgId(), List.of(new EvidenceItems.LinkRow(evidenceId, "control", controlId, entry.seq())), now);
            events.publishEvent(new EvidenceLinked(actor, actor.orgId(), evidenceId, "control", controlId, control.ref()));
        });
        return get(actor, evidenceId);
    }

    public EvidenceItem unlink(Actor actor, UUID evidenceId, UUID controlId) {
        EvidenceItem item = get(actor, evidenceId);
        var control = controls.control(actor.orgId(), controlId).orElseThrow(() -> new NotFoundException("Control"));
        if (!item.linkedTo(controlId)) {
            throw new NotFoundException("Link to " + control.ref());
        }
        transaction.executeWithoutResult(status -> {
            if (items.deleteLink(actor.orgId(), evidenceId, "control", controlId)) {
                ledger.append(actor.orgId(), actor, List.of(LedgerEvent.unlinked(evidenceId, "control", controlId)));
                events.publishEvent(new EvidenceUnlinked(actor, actor.orgId(), evidenceId, "control", controlId, control.ref()));
            }
        });
        return get(actor, evidenceId);
    }

    public EvidenceItem get(Actor actor, UUID id) {
        return items.find(actor.orgId(), id).orElseThrow(() -> new NotFoundException("Evidence"));
    }

    public Page<EvidenceItem> search(Actor actor, EvidenceFilter filter, PageRequest page) {
        return Page.of(items.search(actor.orgId(), filter, page.afterId(), page.fetchSize()), page, i -> i.id().toString());
    }

    /** The content of an item: the stored file, or a record's canonical JSON. */
    public InputStream content(Actor actor, EvidenceItem item) throws IOException {
        if (item.removedAt() != null) {
            throw new ConflictException("The content of this evidence was removed by retention on " + item.removedAt()
                    + "; its hash stays in the ledger");
        }
        if (item.kind().isRecord()) {
            String json = items.recordContent(actor.orgId(), item.id()).orElse("{}");
            return new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return blobs.open(actor.orgId(), item.contentSha256());
    }

    @Override
    public Optional<EvidenceItem> item(UUID orgId, UUID evidenceId) {
        return items.find(orgId, evidenceId);
    }

    @Override
    public List<EvidenceItem> currentForControl(UUID orgId, UUID controlId, LocalDate from, LocalDate to) {
        return items.currentLinkedTo(orgId, List.of(controlId), from, to);
    }

    @Override
    public List<EvidenceItem> currentForControls(UUID orgId, List<UUID> controlIds, LocalDate from, LocalDate to) {
        return items.currentLinkedTo(orgId, controlIds, from, to);
    }

    private EvidenceItem supersedes(EvidenceRules rules, Actor actor, String value, EvidenceKind kind) {
        if (value == null || value.isBlank()) {
            return null;
        }
        UUID id;
        try {
            id = UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            rules.error("supersedes", "'" + value + "' is not an evidence id");
            return null;
        }
        Optional<EvidenceItem> old = items.find(actor.orgId(), id);
        if (old.isEmpty()) {
            rules.error("supersedes", "'" + value + "' is not evidence of this organization");
            return null;
        }
        if (old.get().supersededBy() != null) {
            rules.error("supersedes", "that evidence was already corrected by " + old.get().supersededBy()
                    + "; supersede the newest version");
            return null;
        }
        if (old.get().kind().isRecord() != kind.isRecord()) {
            rules.error("supersedes", "a " + kind + " cannot correct a " + old.get().kind());
            return null;
        }
        return old.get();
    }

    private static EvidenceKind kind(EvidenceRules rules, String value) {
        if (value == null || value.isBlank()) {
            return EvidenceKind.FILE;
        }
        String v = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (v.equals("FILE") || v.equals("LINK")) {
            return EvidenceKind.valueOf(v);
        }
        rules.error("kind", "'" + value + "' cannot be uploaded; FILE or LINK (records go to /api/v1/evidence/records)");
        return EvidenceKind.FILE;
    }

    static String idempotencyKey(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String key = value.strip();
        if (key.length() > 200) {
            throw new InvalidInputException("Idempotency-Key", "must be at most 200 characters");
        }
        return key;
    }

    static Source source(Actor actor, String connector, String query) {
        String type = connector != null ? "CONNECTOR" : actor.type() == ActorType.SYSTEM ? "SYSTEM" : actor.type().name();
        return new Source(type, actor.id() == null ? null : actor.id().toString(), actor.label(), connector, query);
    }
}
