package dev.evident.evidence.internal;

import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.internal.ledger.Checkpoints;
import dev.evident.evidence.internal.ledger.EvidenceLedger;
import dev.evident.evidence.internal.ledger.LedgerKeys;
import dev.evident.evidence.internal.ledger.LedgerVerification.Report;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/evidence")
@Tag(name = "Evidence ledger", description = "The tamper-evident ledger: verification, checkpoints, inclusion proofs, "
        + "the public key")
class LedgerApi {

    record CheckpointView(long treeSize, String headHash, String merkleRoot, Instant signedAt, String keyId,
                          String statement, String signature) {
        static CheckpointView of(Checkpoints.Checkpoint c) {
            return new CheckpointView(c.treeSize(), c.headHash(), c.merkleRoot(), c.signedAt(), c.keyId(), c.statement(),
                    c.signature());
        }
    }

    record LedgerView(long entries, String headHash, CheckpointView latestCheckpoint, String keyId) {
    }

    record ProofView(String evidenceId, long seq, String entryHash, String entry, int leafIndex, long treeSize,
                     List<String> path, CheckpointView checkpoint) {
    }

    private final LedgerAudit audit;
    private final EvidenceLedger ledger;
    private final Checkpoints checkpoints;
    private final LedgerKeys keys;
    private final EvidenceService evidence;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    LedgerApi(LedgerAudit audit, EvidenceLedger ledger, Checkpoints checkpoints, LedgerKeys keys, EvidenceService evidence,
              org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.audit = audit;
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.evidence = evidence;
        this.jdbc = jdbc;
    }

    @GetMapping("/ledger")
    @RequiresPermission(Permission.EVIDENCE_READ)
    @Operation(summary = "The ledger's head and latest checkpoint")
    LedgerView ledger(Actor actor) {
        EvidenceLedger.Head head = ledger.head(actor.orgId());
        return new LedgerView(head.seq(), head.hash(), checkpoints.latest(actor.orgId()).map(CheckpointView::of).orElse(null),
                keys.keyId());
    }

    @GetMapping("/ledger/verify")
    @RequiresPermission(Permission.EVIDENCE_READ)
    @Operation(summary = "Verify the ledger", description = "Recomputes the hash chain, checks every checkpoint (Merkle "
            + "root, head, Ed25519 signature) and every item's row against the metadata hash sealed in the ledger; with "
            + "content=true also rehashes every stored file. The same code as the offline verifier")
    Report verify(Actor actor, @RequestParam(required = false, defaultValue = "false") boolean content) {
        return audit.verify(actor.orgId(), content);
    }

    @GetMapping(value = "/ledger/public-key", produces = "application/x-pem-file")
    @RequiresPermission(Permission.EVIDENCE_READ)
    @Operation(summary = "The public key that signs checkpoints (PEM)")
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header("X-Key-Id", keys.keyId()).body(keys.publicKeyPem());
    }

    @GetMapping("/{evidenceId}/proof")
    @RequiresPermission(Permission.EVIDENCE_READ)
    @Operation(summary = "Prove an item's inclusion", description = "The ledger entry that added the item, and its Merkle "
            + "inclusion proof against a signed checkpoint covering it (made now if the latest does not)")
    ProofView proof(Actor actor, @PathVariable String evidenceId) {
        EvidenceItem item = evidence.get(actor, Ids.parseOrNotFound(evidenceId, "Evidence"));
        Checkpoints.Checkpoint checkpoint = checkpoints.current(actor.orgId())
                .orElseThrow(() -> new ConflictException("The ledger is empty"));
        Checkpoints.Proof proof = checkpoints.proofs(checkpoint, List.of(item.ledgerSeq())).get(0);
        var entry = jdbc.sql("SELECT hash, entry FROM evidence_ledger_entry WHERE org_id = :org AND seq = :seq")
                .param("org", actor.orgId()).param("seq", item.ledgerSeq()).query().singleRow();
        return new ProofView(item.id().toString(), item.ledgerSeq(), ((String) entry.get("hash")).trim(),
                (String) entry.get("entry"), proof.leafIndex(), proof.treeSize(), proof.path(), CheckpointView.of(checkpoint));
    }
}
