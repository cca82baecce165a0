package dev.evident.evidence.internal;

import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.internal.blob.BlobStore;
import dev.evident.evidence.internal.ledger.LedgerVerification;
import dev.evident.evidence.internal.ledger.LedgerVerification.Finding;
import dev.evident.evidence.internal.ledger.LedgerVerification.Report;
import dev.evident.verifier.Hashes;
import dev.evident.verifier.Json;
import dev.evident.verifier.JsonParseException;
import jakarta.annotation.PreDestroy;
import dev.evident.verifier.LedgerVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Service;

/**
 * Full verification of an organization's evidence: the ledger chain and checkpoints, every item's
 * row against the metadata hash its ledger entry sealed, and (on request) every stored file against
 * its content hash. Problems name the entry or item and the kind of damage.
 */
@Service
public class LedgerAudit {

    static final int MAX_FINDINGS = 100;
    /** Items read per query while verifying. */
    private static final int PAGE = 5000;

    private final LedgerVerification ledger;
    private final EvidenceItems items;
    private final BlobStore blobs;
    private final Clock clock;

    /**
     * Runs the chain pass next to the items pass: the two read different tables and are independent,
     * so on a machine with two or more cores a verification takes about as long as the longer of them.
     * Two threads at most, shared by concurrent verifications.
     */
    private final ExecutorService chainLane = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "ledger-verify-chain");
        thread.setDaemon(true);
        return thread;
    });

    LedgerAudit(LedgerVerification ledger, EvidenceItems items, BlobStore blobs, Clock clock) {
        this.ledger = ledger;
        this.items = items;
        this.blobs = blobs;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        chainLane.shutdownNow();
    }

    public Report verify(UUID orgId, boolean checkContent) {
        long last = ledger.lastSeq(orgId);
        Additions sealed = new Additions(last);
        Future<LedgerVerifier.Result> chainPass = chainLane.submit(() -> ledger.verifyChain(orgId, last, (seq, entry) -> {
            if ("evidence.added".equals(entry.get("event"))) {
                sealed.add(seq, String.valueOf(entry.get("evidenceId")), String.valueOf(entry.get("metadataSha256")),
                        String.valueOf(entry.get("contentSha256")));
            }
        }));
        Additions claimed = new Additions(last);
        long[] lastNow = {last};
        List<Finding> itemFindings = new ArrayList<>();
        int[] itemsChecked = {0};
        int[] contentChecked = {0};
        try {
            items.streamItems(orgId, checkContent, sealedItem -> {
                EvidenceItem item = sealedItem.item();
                itemsChecked[0]++;
                checkMetadata(item, itemFindings);
                if (item.ledgerSeq() > last) {
                    // Added while this verification runs (its entry is past the part being checked), or
                    // pointing past the end of the ledger.
                    if (item.ledgerSeq() > lastNow[0]) {
                        lastNow[0] = ledger.lastSeq(orgId);
                    }
                    if (item.ledgerSeq() > lastNow[0]) {
                        itemFindings.add(Finding.item("metadata", item, "ledger entry " + item.ledgerSeq()
                                + " does not record its addition: there is no such entry in the ledger"));
                    }
                } else {
                    claimed.add(item.ledgerSeq(), item.id().toString(), item.metadataSha256(), item.contentSha256());
                }
                if (checkContent && item.removedAt() == null) {
                    contentChecked[0]++;
                    if (item.kind().isRecord()) {
                        checkRecord(item, sealedItem.recordContent(), itemFindings);
                    } else {
                        checkContent(orgId, item, itemFindings);
                    }
                }
                return itemFindings.size() < MAX_FINDINGS;
            });
        } catch (RuntimeException e) {
            chainPass.cancel(true);
            throw e;
        }
        LedgerVerifier.Result chain = chainResult(chainPass);
        List<Finding> findings = new ArrayList<>();
        chain.problems().forEach(p -> findings.add(p.seq() == null ? Finding.of(p)
                : Finding.of(p, ledger.evidenceAt(orgId, p.seq()).orElse(null))));
        findings.addAll(itemFindings);
        if (!claimed.matches(sealed)) {
            nameMismatches(orgId, sealed, claimed, findings);
        }
        List<Finding> reported = findings.size() > MAX_FINDINGS ? findings.subList(0, MAX_FINDINGS) : findings;
        return new Report(reported.isEmpty(), chain.entriesChecked(), chain.checkpointsChecked(), itemsChecked[0],
                contentChecked[0], chain.headHash(), clock.instant(), List.copyOf(reported));
    }

    /**
     * The fingerprints disagree: some item does not match the entry that should record its addition,
     * or an addition has no item. Walks the items again with their entries (the slow path) to name
     * each, then names the additions nobody claimed.
     */
    private void nameMismatches(UUID orgId, Additions sealed, Additions claimed, List<Finding> findings) {
        items.forEachSealed(orgId, PAGE, sealedItem -> {
            EvidenceItem item = sealedItem.item();
            if (item.ledgerSeq() <= sealed.last() && !claimed.sameAt(sealed, item.ledgerSeq())
                    && EvidenceMetadata.sha256(item).equals(item.metadataSha256())) {
                checkAgainstEntry(item, sealedItem.addedEntry(), findings);
            }
            return findings.size() < MAX_FINDINGS;
        });
        sealed.unclaimedBy(claimed).forEach(seq -> {
            if (findings.size() < MAX_FINDINGS) {
                UUID evidenceId = ledger.evidenceAt(orgId, seq).orElse(null);
                findings.add(new Finding("metadata", seq, null, evidenceId, "ledger entry " + seq + " records the addition of "
                        + "evidence " + evidenceId + ", but no item in the database is that evidence: its row was deleted"));
            }
        });
    }

    private static LedgerVerifier.Result chainResult(Future<LedgerVerifier.Result> chainPass) {
        try {
            return chainPass.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            chainPass.cancel(true);
            throw new IllegalStateException("interrupted while verifying the ledger chain", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("verifying the ledger chain failed", e.getCause());
        }
    }

    /** The row against the metadata hash it carries. */
    private static void checkMetadata(EvidenceItem item, List<Finding> findings) {
        if (!Hashes.matchesHex(Hashes.sha256(EvidenceMetadata.canonical(item)), item.metadataSha256())) {
            findings.add(Finding.item("metadata", item, "its stored details no longer match the metadata hash sealed when it "
                    + "was added: the row was edited in the database"));
        }
    }

    /** The row's hashes against the ledger entry at its position. */
    private static void checkAgainstEntry(EvidenceItem item, String entryJson, List<Finding> findings) {
        if (entryJson == null) {
            findings.add(Finding.item("metadata", item, "ledger entry " + item.ledgerSeq()
                    + " does not record its addition: there is no such entry in the ledger"));
            return;
        }
        Map<?, ?> entry;
        try {
            entry = Json.parse(entryJson) instanceof Map<?, ?> map ? map : Map.of();
        } catch (JsonParseException e) {
            entry = Map.of(); // the chain pass names the damaged entry itself
        }
        if (!"evidence.added".equals(entry.get("event")) || !item.id().toString().equals(entry.get("evidenceId"))) {
            findings.add(Finding.item("metadata", item, "ledger entry " + item.ledgerSeq() + " does not record its addition"));
        } else if (!item.metadataSha256().equals(entry.get("metadataSha256"))
                || !item.contentSha256().equals(entry.get("contentSha256"))) {
            findings.add(Finding.item("metadata", item, "its hashes differ from those sealed in ledger entry "
                    + item.ledgerSeq() + ": the row was edited in the database"));
        }
    }

    private void checkContent(UUID orgId, EvidenceItem item, List<Finding> findings) {
        try (InputStream in = blobs.open(orgId, item.contentSha256())) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                size += n;
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(item.contentSha256()) || size != item.size()) {
                findings.add(Finding.item("content", item, "its stored file no longer matches its hash ("
                        + actual.substring(0, 12) + "… instead of " + item.contentSha256().substring(0, 12)
                        + "…): the file was altered in " + blobs.describe()));
            }
        } catch (NoSuchFileException e) {
            findings.add(Finding.item("content", item, "its stored file is missing from " + blobs.describe()));
        } catch (IOException e) {
            findings.add(Finding.item("content", item, "its stored file could not be read: " + e.getMessage()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkRecord(EvidenceItem item, String content, List<Finding> findings) {
        if (content == null || !Hashes.matchesHex(Hashes.sha256(content), item.contentSha256())) {
            findings.add(Finding.item("content", item, "its record data no longer matches its hash: the row was edited"));
        }
    }
}
