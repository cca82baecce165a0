package dev.evident.evidence.internal;

import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.internal.blob.BlobStore;
import dev.evident.evidence.internal.ledger.LedgerVerification;
import dev.evident.evidence.internal.ledger.LedgerVerification.Finding;
import dev.evident.evidence.internal.ledger.LedgerVerification.Report;
import dev.evident.verifier.Json;
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

    LedgerAudit(LedgerVerification ledger, EvidenceItems items, BlobStore blobs, Clock clock) {
        this.ledger = ledger;
        this.items = items;
        this.blobs = blobs;
        this.clock = clock;
    }

    public Report verify(UUID orgId, boolean checkContent) {
        LedgerVerifier.Result chain = ledger.verifyChain(orgId);
        List<Finding> findings = new ArrayList<>();
        chain.problems().forEach(p -> findings.add(p.seq() == null ? Finding.of(p)
                : Finding.of(p, ledger.evidenceAt(orgId, p.seq()).orElse(null))));
        int[] itemsChecked = {0};
        int[] contentChecked = {0};
        items.forEachSealed(orgId, PAGE, sealed -> {
            EvidenceItem item = sealed.item();
            itemsChecked[0]++;
            checkRow(item, sealed.addedEntry(), chain, findings);
            if (checkContent && item.removedAt() == null) {
                contentChecked[0]++;
                if (item.kind().isRecord()) {
                    checkRecord(item, sealed.recordContent(), findings);
                } else {
                    checkContent(orgId, item, findings);
                }
            }
            return findings.size() < MAX_FINDINGS;
        });
        return new Report(findings.isEmpty(), chain.entriesChecked(), chain.checkpointsChecked(), itemsChecked[0],
                contentChecked[0], chain.headHash(), clock.instant(), List.copyOf(findings));
    }

    private void checkRow(EvidenceItem item, String entryJson, LedgerVerifier.Result chain, List<Finding> findings) {
        String recomputed = EvidenceMetadata.sha256(item);
        if (!recomputed.equals(item.metadataSha256())) {
            findings.add(Finding.item("metadata", item, "its stored details no longer match the metadata hash sealed when it "
                    + "was added: the row was edited in the database"));
            return;
        }
        if (item.ledgerSeq() < 1 || item.ledgerSeq() > chain.entriesChecked()) {
            findings.add(Finding.item("metadata", item, "it points at ledger entry " + item.ledgerSeq() + ", which does not exist"));
            return;
        }
        Map<?, ?> entry = entryJson == null ? Map.of() : (Map<?, ?>) Json.parse(entryJson);
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
