package dev.evident.auditlog.internal;

import dev.evident.auditlog.AuditEntry;
import dev.evident.auditlog.AuditLog;
import dev.evident.auditlog.AuditQuery;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.verifier.ChainVerification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/audit-log")
@Tag(name = "Audit log", description = "Append-only, hash-chained record of every change and sign-in")
class AuditLogApi {

    record VerificationView(boolean valid, long entriesChecked, String headHash, Long brokenSeq, String brokenEntryId,
                            String problem) {
        static VerificationView of(ChainVerification v) {
            var p = v.firstProblem();
            return new VerificationView(v.valid(), v.entriesChecked(), v.headHash(), p == null ? null : p.seq(),
                    p == null ? null : p.id(), p == null ? null : p.reason());
        }
    }

    private final AuditLog auditLog;

    AuditLogApi(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping
    @RequiresPermission(Permission.AUDIT_LOG_READ)
    @Operation(summary = "Search the audit log", description = "Newest first. action matches exactly or, ending in *, "
            + "as a prefix; from (inclusive) and to (exclusive) are ISO-8601 instants")
    Page<AuditEntry> search(Actor actor, @RequestParam(required = false) String action,
                            @RequestParam(required = false) String actorId,
                            @RequestParam(required = false) String targetType,
                            @RequestParam(required = false) String targetId,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return auditLog.search(actor.orgId(), new AuditQuery(action, actorId, targetType, targetId, from, to),
                PageRequest.of(limit, cursor));
    }

    @GetMapping("/verify")
    @RequiresPermission(Permission.AUDIT_LOG_READ)
    @Operation(summary = "Verify the hash chain", description = "Recomputes every hash; names the first broken entry")
    VerificationView verify(Actor actor) {
        return VerificationView.of(auditLog.verify(actor.orgId()));
    }

    @GetMapping(value = "/export", produces = "application/x-ndjson")
    @RequiresPermission(Permission.AUDIT_LOG_READ)
    @Operation(summary = "Export the chain", description = "JSON lines, oldest first; check offline with "
            + "`java -jar evident-verify.jar audit-log.jsonl`")
    ResponseEntity<StreamingResponseBody> export(Actor actor) {
        StreamingResponseBody body = out -> auditLog.export(actor.orgId(),
                new OutputStreamWriter(out, StandardCharsets.UTF_8));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-log.jsonl\"")
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(body);
    }

    @GetMapping("/{entryId}")
    @RequiresPermission(Permission.AUDIT_LOG_READ)
    @Operation(summary = "Get one entry")
    AuditEntry get(Actor actor, @PathVariable String entryId) {
        return auditLog.find(actor.orgId(), Ids.parseOrNotFound(entryId, "Audit log entry"))
                .orElseThrow(() -> new NotFoundException("Audit log entry"));
    }
}
