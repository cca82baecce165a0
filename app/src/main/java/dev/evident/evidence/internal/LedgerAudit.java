package dev.evident.evidence.internal;

import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.internal.blob.BlobStore;
import dev.evident.evidence.internal.ledger.LedgerVerification;
import dev.evident.evidence.internal.ledger.LedgerVerification.Finding;
import dev.evident.evidence.internal.ledger.LedgerVerification.Report;
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
    private static final int PAGE = 2000;

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
        Future<LedgerVerifier.Result> chainPass = chainLane.submit(() -> ledger.verifyChain(orgId));
        List<Finding> itemFindings = new ArrayList<>();
        int[] itemsChecked = {0};
        int[] contentChecked = {0};
        try {
            items.forEachSealed(orgId, PAGE, checkContent, sealed -> {
                EvidenceItem item = sealed.item();
                itemsChecked[0]++;
                checkRow(item, sealed.addedEntry(), itemFindings);
                if (checkContent && item.removedAt() == null) {
                    contentChecked[0]++;
                    if (item.kind().isRecord()) {
                        checkRecord(item, sealed.recordContent(), itemFindings);
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
        findings.addAll(itemFindings.subList(0, Math.min(itemFindings.size(), Math.max(0, MAX_FINDINGS - findings.size()))));
        return new Report(findings.isEmpty(), chain.entriesChecked(), chain.checkpointsChecked(), itemsChecked[0],
                contentChecked[0], chain.headHash(), clock.instant(), List.copyOf(findings));
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

    private void checkRow(EvidenceItem item, String entryJson, List<Finding> findings) {
        String recomputed = EvidenceMetadata.sha256(item);
        if (!recomputed.equals(item.metadataSha256())) {
            findings.add(Finding.item("metadata", item, "its stored details no longer match the metadata hash sealed when it "
                    + "was added: the row was edited in the database"));
            return;
        }
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
        if (content == null || !dev.evident.verifier.Hashes.sha256Hex(content).equals(item.contentSha256())) {
            findings.add(Finding.item("content", item, "its record data no longer matches its hash: the row was edited"));
        }
    }
}
