package dev.evident.program.internal;

import dev.evident.program.ProgramInput;
import dev.evident.catalog.Catalog;
import dev.evident.catalog.Category;
import dev.evident.catalog.Framework;
import dev.evident.program.Program;
import dev.evident.program.Program.NotRelevantCriterion;
import dev.evident.program.ReportType;
import dev.evident.program.SystemDescription;
import dev.evident.shared.Ids;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/programs")
@Tag(name = "Programs", description = "SOC 2 programs: report type, period, categories in scope and the system description")
class ProgramApi {

    record CategoryView(String id, String name, boolean required, boolean included, String exclusionReason) {
    }

    record ProgramView(UUID id, String name, String frameworkId, ReportType reportType, LocalDate asOfDate,
                       LocalDate periodStart, LocalDate periodEnd, List<CategoryView> categories,
                       List<NotRelevantCriterion> notRelevantCriteria, SystemDescription system, Instant createdAt,
                       Instant updatedAt, long version) {
    }

    record ProgramList(List<ProgramView> items) {
    }

    private final ProgramService programs;
    private final Catalog catalog;

    ProgramApi(ProgramService programs, Catalog catalog) {
        this.programs = programs;
        this.catalog = catalog;
    }

    @GetMapping
    @RequiresPermission(Permission.PROGRAMS_READ)
    @Operation(summary = "List programs", description = "All programs of the organization, oldest first (an organization "
            + "runs a handful, so the list is not paginated)")
    ProgramList list(Actor actor) {
        return new ProgramList(programs.list(actor).stream().map(this::view).toList());
    }

    @PostMapping
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    @Operation(summary = "Create a program", description = "Type I needs asOfDate; Type II needs periodStart and periodEnd "
            + "3 to 12 months apart. Security is always included; every other category must be included or excluded "
            + "with an exclusionReason.")
    ResponseEntity<ProgramView> create(Actor actor, @RequestBody ProgramInput input) {
        ProgramView created = view(programs.create(actor, input));
        return ResponseEntity.created(URI.create("/api/v1/programs/" + created.id())).body(created);
    }

    @GetMapping("/{programId}")
    @RequiresPermission(Permission.PROGRAMS_READ)
    @Operation(summary = "Get a program")
    ProgramView get(Actor actor, @PathVariable("programId") String id) {
        return view(programs.get(actor, Ids.parseOrNotFound(id, "Program")));
    }

    @PutMapping("/{programId}")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    @Operation(summary = "Replace a program", description = "Send the whole program with the version you read; a stale "
            + "version gets 409. What GET returns can be sent back as it is.")
    ProgramView update(Actor actor, @PathVariable("programId") String id, @RequestBody ProgramInput input) {
        UUID programId = Ids.parseOrNotFound(id, "Program");
        return view(programs.update(actor, programId, input, input == null ? null : input.version()));
    }

    @DeleteMapping("/{programId}")
    @RequiresPermission(Permission.PROGRAMS_MANAGE)
    @Operation(summary = "Delete a program", description = "Removes the program and its readiness history; the "
            + "organization's controls stay")
    ResponseEntity<Void> delete(Actor actor, @PathVariable("programId") String id) {
        programs.delete(actor, Ids.parseOrNotFound(id, "Program"));
        return ResponseEntity.noContent().build();
    }

    private ProgramView view(Program p) {
        Framework framework = catalog.framework(p.frameworkId()).orElseThrow();
        List<CategoryView> categories = p.categories().stream().map(c -> {
            Category category = framework.category(c.categoryId()).orElseThrow();
            return new CategoryView(c.categoryId(), category.name(), category.required(), c.included(), c.exclusionReason());
        }).toList();
        return new ProgramView(p.id(), p.name(), p.frameworkId(), p.reportType(), p.asOfDate(), p.periodStart(),
                p.periodEnd(), categories, p.notRelevantCriteria(), p.system(), p.createdAt(), p.updatedAt(), p.version());
    }
}
