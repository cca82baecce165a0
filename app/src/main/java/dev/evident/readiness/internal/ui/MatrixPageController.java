package dev.evident.readiness.internal.ui;

import dev.evident.catalog.Catalog;
import dev.evident.program.Program;
import dev.evident.readiness.Readiness;
import dev.evident.readiness.internal.MatrixExport;
import dev.evident.readiness.internal.ReadinessService;
import dev.evident.shared.Ids;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The criteria × controls matrix of a program, and its downloads for people signed in to the UI. */
@Controller
class MatrixPageController {

    private final ReadinessService readiness;
    private final MatrixExport export;
    private final Catalog catalog;

    MatrixPageController(ReadinessService readiness, MatrixExport export, Catalog catalog) {
        this.readiness = readiness;
        this.export = export;
        this.catalog = catalog;
    }

    /** Filters are plain GET parameters; htmx swaps only the results when JavaScript is on. */
    @GetMapping("/programs/{programId}/matrix")
    @RequiresPermission(Permission.PROGRAMS_READ)
    String matrix(Actor actor, @PathVariable String programId, @RequestParam(required = false) String category,
                  @RequestParam(required = false) String verdict, Model model) {
        UUID id = Ids.parseOrNotFound(programId, "Program");
        Program program = readiness.program(actor, id);
        Readiness r = readiness.readiness(actor, id);
        MatrixView.Filter filter = MatrixView.Filter.of(category, verdict, program);
        var framework = catalog.index(program.frameworkId()).orElseThrow();
        model.addAttribute("program", program);
        model.addAttribute("readiness", r);
        model.addAttribute("filter", filter);
        model.addAttribute("matrix", MatrixView.of(program, r, framework, filter));
        model.addAttribute("categories", r.categories());
        return "programs/matrix";
    }

    @GetMapping("/programs/{programId}/control-matrix.csv")
    @RequiresPermission(Permission.PROGRAMS_READ)
    ResponseEntity<byte[]> csv(Actor actor, @PathVariable String programId) {
        return download(export.export(actor, Ids.parseOrNotFound(programId, "Program"), MatrixExport.Format.CSV));
    }

    @GetMapping("/programs/{programId}/control-matrix.xlsx")
    @RequiresPermission(Permission.PROGRAMS_READ)
    ResponseEntity<byte[]> xlsx(Actor actor, @PathVariable String programId) {
        return download(export.export(actor, Ids.parseOrNotFound(programId, "Program"), MatrixExport.Format.XLSX));
    }

    private static ResponseEntity<byte[]> download(MatrixExport.File file) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name()).build().toString())
                .contentType(file.mediaType()).body(file.content());
    }
}
