package dev.evident.evidence.internal.pack;

import dev.evident.shared.Ids;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Evidence", description = "Evidence files, links and records; their links to controls; content")
class AuditPackageApi {

    private static final Logger log = LoggerFactory.getLogger(AuditPackageApi.class);

    /** The interval to export; either bound may be left out (the program's period). */
    record IntervalInput(String from, String to) {
    }

    private final AuditPackages packages;

    AuditPackageApi(AuditPackages packages) {
        this.packages = packages;
    }

    // no "produces": clients that accept only JSON still get their errors as problem+json, and the zip on success
    @PostMapping("/api/v1/programs/{programId}/audit-package")
    @RequiresPermission(Permission.EVIDENCE_EXPORT)
    @Operation(summary = "Export an audit package", description = "Streams a zip of the program's evidence for an "
            + "interval (default: the program's period, or its as-of date for Type I; narrow it with 'from' and 'to' as "
            + "query parameters or a JSON body): the files, a manifest with every item's metadata, hashes, ledger position "
            + "and inclusion proof, the ledger up to a signed checkpoint covering every item (made now if needed), the "
            + "public key and a readable index. Current and superseded items linked to the program or to its applicable "
            + "controls are included. Check it offline with `java -jar evident-verify.jar package.zip`")
    void export(Actor actor, @PathVariable String programId, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestBody(required = false) IntervalInput body,
                HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        AuditPackages.Plan plan = packages.plan(actor, Ids.parseOrNotFound(programId, "Program"),
                from != null ? from : body == null ? null : body.from(), to != null ? to : body == null ? null : body.to());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(plan.fileName())
                .build().toString());
        response.setHeader("X-Evidence-Items", String.valueOf(plan.rows().size()));
        response.setHeader("X-Checkpoint-Tree-Size", String.valueOf(plan.checkpoint().treeSize()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // Written here rather than as a StreamingResponseBody: a large package may take longer than
        // the async request timeout, and the request thread is busy either way.
        long planned = System.nanoTime();
        OutputStream out = new BufferedOutputStream(response.getOutputStream(), 256 * 1024);
        try {
            packages.write(plan, out);
            out.flush();
            log.info("Exported the audit package of program {} for organization {}: {} items, {} bytes of evidence, "
                    + "checkpoint of {} entries; planned in {} ms, streamed in {} ms", plan.program().id(), actor.orgId(),
                    plan.rows().size(), plan.evidenceBytes(), plan.checkpoint().treeSize(), (planned - start) / 1_000_000,
                    (System.nanoTime() - planned) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // The status line is gone: abort so the client sees a broken download, not a short zip.
            log.warn("Audit package export of program {} for organization {} failed after the response began: {}",
                    plan.program().id(), actor.orgId(), e.toString());
            throw e;
        }
    }
}
