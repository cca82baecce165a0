package dev.evident.evidence.internal.pack;

import dev.evident.shared.Ids;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Evidence", description = "Evidence files, links and records; their links to controls; content")
class AuditPackageApi {

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
        PackageResponse.send(packages, plan, actor, response, start);
    }
}
