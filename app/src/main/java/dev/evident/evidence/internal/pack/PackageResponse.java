package dev.evident.evidence.internal.pack;

import dev.evident.shared.security.Actor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * Streams a planned audit package as the HTTP response, for the API and the program page alike.
 * Written on the request thread rather than as a StreamingResponseBody: a large package may take
 * longer than the async request timeout, and the request thread is busy either way.
 */
public final class PackageResponse {

    private static final Logger log = LoggerFactory.getLogger(PackageResponse.class);

    private PackageResponse() {
    }

    /** @param plannedSince when planning started ({@link System#nanoTime()}), for the log line */
    public static void send(AuditPackages packages, AuditPackages.Plan plan, Actor actor, HttpServletResponse response,
                            long plannedSince) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(plan.fileName())
                .build().toString());
        response.setHeader("X-Evidence-Items", String.valueOf(plan.rows().size()));
        response.setHeader("X-Checkpoint-Tree-Size", String.valueOf(plan.checkpoint().treeSize()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        long planned = System.nanoTime();
        OutputStream out = response.getOutputStream();
        try {
            packages.write(plan, out);
            out.flush();
            log.info("Exported the audit package of program {} for organization {}: {} items, {} bytes of evidence, "
                    + "checkpoint of {} entries; planned in {} ms, streamed in {} ms", plan.program().id(), actor.orgId(),
                    plan.rows().size(), plan.evidenceBytes(), plan.checkpoint().treeSize(),
                    (planned - plannedSince) / 1_000_000, (System.nanoTime() - planned) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // The status line is gone: abort so the client sees a broken download, not a short zip.
            log.warn("Audit package export of program {} for organization {} failed after the response began: {}",
                    plan.program().id(), actor.orgId(), e.toString());
            throw e;
        }
    }
}
