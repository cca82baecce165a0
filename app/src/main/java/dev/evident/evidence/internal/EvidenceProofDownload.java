package dev.evident.evidence.internal;

import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The inclusion proof of {@code GET /api/v1/evidence/{id}/proof} for a signed-in browser (the API takes
 * tokens only), linked from the evidence page: the same JSON, as a file.
 */
@Controller
class EvidenceProofDownload {

    private final LedgerApi ledger;

    EvidenceProofDownload(LedgerApi ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/evidence/{evidenceId}/proof.json")
    @RequiresPermission(Permission.EVIDENCE_READ)
    ResponseEntity<LedgerApi.ProofView> proof(Actor actor, @PathVariable String evidenceId) {
        LedgerApi.ProofView proof = ledger.proof(actor, evidenceId);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("proof-" + proof.evidenceId() + ".json").build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(proof);
    }
}
