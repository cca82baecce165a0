package dev.evident.evidence.internal.pack;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.Requirement;
import dev.evident.control.Control;
import dev.evident.control.ControlDirectory;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.internal.EvidenceMetadata;
import dev.evident.evidence.internal.blob.BlobStore;
import dev.evident.evidence.internal.ledger.Checkpoints;
import dev.evident.evidence.internal.ledger.LedgerKeys;
import dev.evident.evidence.internal.pack.PackageItems.Row;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.program.Program;
import dev.evident.program.ProgramDirectory;
import dev.evident.program.ReportType;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.Ed25519;
import dev.evident.verifier.Json;
import dev.evident.verifier.MerkleTree;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ReadableByteChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audit packages (docs/evidence-format.md, "Audit packages"): a zip of a program's evidence for an
 * interval, with the manifest, the ledger up to a signed checkpoint that covers every item, the
 * public key, a readable index and instructions. Planned first (items and proofs from the
 * database, a few hundred bytes each), then streamed: evidence files go from the blob store to the
 * response through one fixed buffer, stored uncompressed (evidence is mostly compressed already,
 * and deflating would make the export CPU-bound), so memory stays flat whatever the size.
 */
@Service
public class AuditPackages {

    static final String ROOT = "evident-package/";
    static final String FORMAT = "evident-evidence-package/1";
    private static final int BUFFER = 1024 * 1024;

    private final ProgramDirectory programs;
    private final ControlDirectory controls;
    private final OrganizationDirectory organizations;
    private final Catalog catalog;
    private final PackageItems items;
    private final Checkpoints checkpoints;
    private final LedgerKeys keys;
    private final BlobStore blobs;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AuditPackages(ProgramDirectory programs, ControlDirectory controls, OrganizationDirectory organizations, Catalog catalog,
                  PackageItems items, Checkpoints checkpoints, LedgerKeys keys, BlobStore blobs,
                  ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
        this.programs = programs;
        this.controls = controls;
        this.organizations = organizations;
        this.catalog = catalog;
        this.items = items;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.blobs = blobs;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Everything a package holds except the bytes of the files and the ledger, which are streamed. */
    public record Plan(Actor actor, String organizationName, Program program, LocalDate from, LocalDate to,
                       Checkpoints.Checkpoint checkpoint, String publicKeyPem, List<Row> rows, List<String> entryHashes,
                       MerkleTree tree, Map<UUID, Control> controlsById, Instant generatedAt) {

        public String fileName() {
            String slug = program.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("(^-|-$)", "");
            return "evidence-" + (slug.isEmpty() ? "program" : slug) + "-" + from + "-to-" + to + ".zip";
        }

        public long evidenceBytes() {
            return rows.stream().mapToLong(r -> r.item().size()).sum();
        }
    }

    /**
     * Validates the request, makes sure a checkpoint covers the whole ledger, reads the items and
     * records the export in the audit log.
     *
     * @param from first day, or null for the start of the program's period (its as-of date for Type I)
     * @param to   last day, or null for the end of the period
     */
    public Plan plan(Actor actor, UUID programId, String from, String to) {
        Program program = programs.program(actor.orgId(), programId).orElseThrow(() -> new NotFoundException("Program"));
        LocalDate start = program.reportType() == ReportType.TYPE_1 ? program.asOfDate() : program.periodStart();
        LocalDate end = program.reportType() == ReportType.TYPE_1 ? program.asOfDate() : program.periodEnd();
        if (start == null || end == null) {
            throw new ConflictException("The program has no period or as-of date yet; set it before exporting evidence");
        }
        LocalDate first = date("from", from, start);
        LocalDate last = date("to", to, end);
        String period = start.equals(end) ? "the program's as-of date " + start : "the program's period " + start + " to " + end;
        if (first.isBefore(start) || first.isAfter(end)) {
            throw new InvalidInputException("from", "must lie within " + period);
        }
        if (last.isBefore(start) || last.isAfter(end)) {
            throw new InvalidInputException("to", "must lie within " + period);
        }
        if (last.isBefore(first)) {
            throw new InvalidInputException("to", "must not be before from (" + first + ")");
        }
        Checkpoints.Checkpoint checkpoint = checkpoints.current(actor.orgId())
                .orElseThrow(() -> new ConflictException("The organization has no evidence yet; there is nothing to export"));
        String pem = Ed25519.toPem(keys.publicKey(checkpoint.keyId()).orElseThrow(() -> new IllegalStateException(
                "the key " + checkpoint.keyId() + " that signed checkpoint " + checkpoint.treeSize() + " is unknown")));

        Map<UUID, Control> all = controls.controls(actor.orgId()).stream()
                .collect(Collectors.toMap(Control::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Set<String> criteria = new HashSet<>();
        catalog.index(program.frameworkId()).ifPresent(index -> index.leaves().stream().filter(program::inScope)
                .map(Requirement::id).forEach(criteria::add));
        List<UUID> serving = all.values().stream().filter(Control::applicable)
                .filter(c -> c.criteria().stream().anyMatch(criteria::contains)).map(Control::id).toList();

        List<Row> rows = items.items(actor.orgId(), program.id(), serving, first, last, checkpoint.treeSize());
        List<String> hashes = items.entryHashes(actor.orgId(), checkpoint.treeSize());
        MerkleTree tree = MerkleTree.ofEntryHashes(hashes);
        if (!tree.rootHex().equals(checkpoint.merkleRoot())) {
            throw new ConflictException("The evidence ledger does not match its checkpoint of " + checkpoint.treeSize()
                    + " entries; run GET /api/v1/evidence/ledger/verify to find the damage before exporting");
        }
        String orgName = organizations.overview(actor.orgId()).name();
        Plan plan = new Plan(actor, orgName, program, first, last, checkpoint, pem, rows, hashes, tree, all,
                Timestamps.now(clock));
        transaction.executeWithoutResult(status -> events.publishEvent(new AuditPackageExported(actor, program.id(),
                program.name(), first, last, rows.size(), plan.evidenceBytes(), checkpoint.treeSize())));
        return plan;
    }

    private static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    /**
     * Streams the package; the caller owns {@code out} and closes it. Give it the servlet's own output
     * stream, unbuffered: evidence files are then handed to the socket from a direct buffer.
     */
    public void write(Plan plan, OutputStream out) throws IOException {
        ZipStream zip = new ZipStream(out, plan.generatedAt(), BUFFER);

        try (Writer text = text(zip, "manifest.json")) {
            writeManifest(plan, text);
        }
        try (Writer text = text(zip, "ledger.jsonl")) {
            items.ledger(plan.actor().orgId(), plan.checkpoint().treeSize(), row -> {
                try {
                    text.write("{\"seq\":" + row.seq() + ",\"id\":\"" + row.id() + "\",\"prevHash\":\"" + row.prevHash()
                            + "\",\"hash\":\"" + row.hash() + "\",\"entry\":" + row.entry() + "}\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        try (Writer text = text(zip, "checkpoint.json")) {
            text.write(CanonicalJson.encode(checkpointJson(plan.checkpoint())));
        }
        try (Writer text = text(zip, "public-key.pem")) {
            text.write(plan.publicKeyPem());
        }

        UUID orgId = plan.actor().orgId();
        List<Row> rows = plan.rows();
        for (int from = 0; from < rows.size(); from += PackageItems.PAGE) {
            List<Row> page = rows.subList(from, Math.min(rows.size(), from + PackageItems.PAGE));
            Map<UUID, String> records = items.recordContents(orgId, page.stream()
                    .filter(r -> r.item().kind().isRecord()).map(r -> r.item().id()).toList());
            for (Row row : page) {
                EvidenceItem item = row.item();
                String name = ROOT + path(item);
                if (item.kind().isRecord()) {
                    zip.stored(name, records.getOrDefault(item.id(), "").getBytes(StandardCharsets.UTF_8));
                } else if (row.crc32() != null) {
                    try (ReadableByteChannel in = blobs.openChannel(orgId, item.contentSha256())) {
                        zip.stored(name, item.size(), row.crc32(), in);
                    }
                } else {
                    // no CRC on record for the content: let the zip's own checksum cover it
                    try (InputStream in = blobs.open(orgId, item.contentSha256());
                         OutputStream entry = zip.deflated(name)) {
                        in.transferTo(entry);
                    }
                }
            }
        }

        try (Writer text = text(zip, "index.html")) {
            PackageIndex.write(plan, text);
        }
        try (Writer text = text(zip, "README.txt")) {
            text.write(readme(plan));
        }
        zip.finish();
    }

    /** A deflated text entry; closing the writer ends the entry. */
    private static Writer text(ZipStream zip, String name) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(zip.deflated(ROOT + name), StandardCharsets.UTF_8), 16 * 1024);
    }

    /** Where an item's content sits in the package, relative to {@code evident-package/}. */
    static String path(EvidenceItem item) {
        String name;
        if (item.kind().isRecord()) {
            name = "record.json";
        } else {
            name = item.fileName() == null || item.fileName().isBlank() ? "content" : item.fileName();
            name = name.replace('/', '_').replace('\\', '_');
            if (name.equals(".") || name.equals("..")) {
                name = "content";
            }
        }
        return "evidence/" + item.id() + "/" + name;
    }

    static Map<String, Object> checkpointJson(Checkpoints.Checkpoint c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statement", Json.parse(c.statement()));
        json.put("signature", c.signature());
        return json;
    }

    private void writeManifest(Plan plan, Writer out) throws IOException {
        Program p = plan.program();
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("id", plan.actor().orgId().toString());
        organization.put("name", plan.organizationName());
        Map<String, Object> program = new LinkedHashMap<>();
        program.put("id", p.id().toString());
        program.put("name", p.name());
        program.put("frameworkId", p.frameworkId());
        program.put("reportType", p.reportType().name());
        program.put("asOfDate", p.asOfDate() == null ? null : p.asOfDate().toString());
        program.put("periodStart", p.periodStart() == null ? null : p.periodStart().toString());
        program.put("periodEnd", p.periodEnd() == null ? null : p.periodEnd().toString());
        Map<String, Object> interval = new LinkedHashMap<>();
        interval.put("from", plan.from().toString());
        interval.put("to", plan.to().toString());
        out.write("{\"format\":\"" + FORMAT + "\",\n\"generatedAt\":\"" + plan.generatedAt() + "\",\n");
        out.write("\"organization\":" + CanonicalJson.encode(organization) + ",\n");
        out.write("\"program\":" + CanonicalJson.encode(program) + ",\n");
        out.write("\"interval\":" + CanonicalJson.encode(interval) + ",\n");
        out.write("\"checkpoint\":" + CanonicalJson.encode(checkpointJson(plan.checkpoint())) + ",\n");
        out.write("\"items\":[");
        Set<UUID> usedControls = new java.util.LinkedHashSet<>();
        boolean first = true;
        for (Row row : plan.rows()) {
            out.write(first ? "\n" : ",\n");
            first = false;
            out.write(CanonicalJson.encode(item(plan, row.item(), usedControls)));
        }
        out.write("],\n\"controls\":[");
        first = true;
        for (UUID id : usedControls) {
            Control c = plan.controlsById().get(id);
            Map<String, Object> control = new LinkedHashMap<>();
            control.put("id", id.toString());
            control.put("ref", c.ref());
            control.put("title", c.title());
            out.write((first ? "\n" : ",\n") + CanonicalJson.encode(control));
            first = false;
        }
        out.write("]}\n");
    }

    private Map<String, Object> item(Plan plan, EvidenceItem item, Set<UUID> usedControls) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("evidenceId", item.id().toString());
        json.put("path", path(item));
        json.put("contentSha256", item.contentSha256());
        json.put("size", item.size());
        json.put("metadata", EvidenceMetadata.document(item));
        json.put("metadataSha256", item.metadataSha256());
        json.put("supersededBy", item.supersededBy() == null ? null : item.supersededBy().toString());
        List<Map<String, Object>> links = new ArrayList<>();
        for (EvidenceItem.Link l : item.links()) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("type", l.targetType());
            link.put("id", l.targetId().toString());
            if (l.targetType().equals("control")) {
                Control c = plan.controlsById().get(l.targetId());
                if (c != null) {
                    usedControls.add(c.id());
                    link.put("ref", c.ref());
                    link.put("title", c.title());
                }
            } else if (l.targetId().equals(plan.program().id())) {
                link.put("name", plan.program().name());
            }
            links.add(link);
        }
        json.put("links", links);
        Map<String, Object> ledger = new LinkedHashMap<>();
        ledger.put("seq", item.ledgerSeq());
        ledger.put("hash", plan.entryHashes().get((int) item.ledgerSeq() - 1));
        json.put("ledger", ledger);
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("leafIndex", item.ledgerSeq() - 1);
        proof.put("treeSize", plan.checkpoint().treeSize());
        proof.put("path", plan.tree().inclusionProof((int) item.ledgerSeq() - 1));
        json.put("inclusionProof", proof);
        return json;
    }

    private static String readme(Plan plan) {
        return """
                Evident evidence package
                ========================

                Organization: %s
                Program:      %s (%s)
                Interval:     %s to %s
                Items:        %d
                Checkpoint:   %d ledger entries, signed %s with key %s
                Generated:    %s

                What is in here
                  manifest.json    every item: metadata, hashes, ledger position, inclusion proof, links
                  ledger.jsonl     the organization's evidence ledger (hash chain), entries 1 to %d
                  checkpoint.json  the signed statement of the ledger's Merkle root and head
                  public-key.pem   the Ed25519 key that signed it (key id %s)
                  evidence/        each item's file, under its evidence id
                  index.html       a readable list of the items (not verified)

                How to verify, offline and without trusting Evident
                  java -jar evident-verify.jar --public-key organization-key.pem this-package.zip

                The verifier recomputes every file's SHA-256, every item's metadata hash, the whole
                hash chain, every inclusion proof and the checkpoint's Ed25519 signature, and names
                any item or entry that does not match. Obtain the organization's public key from
                Evident (GET /api/v1/evidence/ledger/public-key) through a channel you trust; without
                --public-key the verifier trusts the key in this package and says so.

                Formats: docs/evidence-format.md in the Evident source.
                """.formatted(plan.organizationName(), plan.program().name(), plan.program().periodLabel(), plan.from(),
                plan.to(), plan.rows().size(), plan.checkpoint().treeSize(), plan.checkpoint().signedAt(),
                plan.checkpoint().keyId(), plan.generatedAt(), plan.checkpoint().treeSize(), plan.checkpoint().keyId());
    }
}
