package dev.evident.control.internal;

import dev.evident.control.ControlInput;
import dev.evident.catalog.AuditTest;
import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.ControlLibrary;
import dev.evident.catalog.ControlNature;
import dev.evident.catalog.ControlType;
import dev.evident.catalog.LibraryControl;
import dev.evident.control.Control;
import dev.evident.control.ControlStatus;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/controls")
@Tag(name = "Controls", description = "The organization's controls, their criteria, owners and lifecycle; the library")
class ControlApi {

    record OwnerView(UUID userId, String name, String email) {
    }

    /**
     * @param outOfScopeCriteria mappings to criteria of categories no program includes: kept, but ignored by
     *                           readiness until a program includes the category again
     */
    record ControlView(UUID id, String ref, String title, String description, String domain, ControlType type,
                       ControlNature nature, ControlFrequency frequency, UUID ownerUserId, OwnerView owner,
                       String ownerRole, AuditTest test, List<String> evidence, List<String> criteria,
                       List<String> outOfScopeCriteria, ControlStatus status, Instant statusChangedAt, boolean applicable,
                       String notApplicableReason, Control.Source source, Instant createdAt, Instant updatedAt,
                       long version) {
    }

    record StatusChange(String status, Long version) {
    }

    record AdoptionView(int adoptedCount, List<ControlView> adopted, List<LibraryAdoption.Skipped> skipped) {
    }

    record LibraryControlView(String id, String title, String description, String domain, ControlType type,
                              ControlNature nature, ControlFrequency frequency, String ownerRole, AuditTest test,
                              List<String> evidence, List<String> criteria) {
        static LibraryControlView of(LibraryControl c) {
            return new LibraryControlView(c.id(), c.title(), c.description(), c.domain(), c.type(), c.nature(),
                    c.frequency(), c.ownerRole(), c.test(), c.evidence(), c.criteria());
        }
    }

    record LibraryView(String id, String name, String version, String frameworkId, List<Map<String, String>> domains,
                       List<LibraryControlView> controls) {
    }

    private final ControlService controls;
    private final LibraryAdoption adoption;
    private final ControlRulesFactory rules;
    private final OrganizationDirectory directory;

    ControlApi(ControlService controls, LibraryAdoption adoption, ControlRulesFactory rules, OrganizationDirectory directory) {
        this.controls = controls;
        this.adoption = adoption;
        this.rules = rules;
        this.directory = directory;
    }

    @GetMapping
    @RequiresPermission(Permission.CONTROLS_READ)
    @Operation(summary = "List controls", description = "In reference order (AC-01, AC-02, …), cursor-paginated. Filters: "
            + "domain, criterion (CC6.1, or a series such as CC6), category (security, …), owner (a user id, or 'none'), "
            + "status, frequency, applicable, q (words in reference, title or description)")
    Page<ControlView> list(Actor actor, @RequestParam(required = false) String domain,
                           @RequestParam(required = false) String criterion, @RequestParam(required = false) String category,
                           @RequestParam(required = false) String owner, @RequestParam(required = false) String status,
                           @RequestParam(required = false) String frequency,
                           @RequestParam(required = false) Boolean applicable, @RequestParam(required = false) String q,
                           @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        ControlFilter filter = Filters.parse(domain, criterion, category, owner, status, frequency, applicable, q);
        Page<Control> page = controls.page(actor, filter, PageRequest.of(limit, cursor));
        Function<Control, ControlView> view = viewer(actor);
        return page.map(view);
    }

    @PostMapping
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    @Operation(summary = "Create a control", description = "A control written by the organization. It needs at least one "
            + "criterion of a category some program includes; status may be DEFINED (default) or IMPLEMENTED")
    ResponseEntity<ControlView> create(Actor actor, @RequestBody ControlInput input) {
        ControlView created = viewer(actor).apply(controls.create(actor, input));
        return ResponseEntity.created(URI.create("/api/v1/controls/" + created.id())).body(created);
    }

    @GetMapping("/{controlId}")
    @RequiresPermission(Permission.CONTROLS_READ)
    @Operation(summary = "Get a control")
    ControlView get(Actor actor, @PathVariable("controlId") String id) {
        return viewer(actor).apply(controls.get(actor, Ids.parseOrNotFound(id, "Control")));
    }

    @PutMapping("/{controlId}")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    @Operation(summary = "Replace a control", description = "Send the whole control with the version you read (what GET "
            + "returns can be sent back). A missing status keeps the current one; people may set DEFINED or IMPLEMENTED, "
            + "Evident sets EVIDENCED and TESTED")
    ControlView update(Actor actor, @PathVariable("controlId") String id, @RequestBody ControlInput input) {
        return viewer(actor).apply(controls.update(actor, Ids.parseOrNotFound(id, "Control"), input));
    }

    @DeleteMapping("/{controlId}")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    @Operation(summary = "Delete a control")
    ResponseEntity<Void> delete(Actor actor, @PathVariable("controlId") String id) {
        controls.delete(actor, Ids.parseOrNotFound(id, "Control"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{controlId}/status")
    @RequiresPermission(Permission.CONTROLS_OPERATE)
    @Operation(summary = "Move a control through its lifecycle", description = "Between DEFINED and IMPLEMENTED, or back "
            + "down from EVIDENCED or TESTED. Contributors may move the controls they own; managers any control")
    ControlView changeStatus(Actor actor, @PathVariable("controlId") String id, @RequestBody StatusChange change) {
        if (change == null) {
            throw new InvalidInputException("body", "is required: {\"status\": …, \"version\": …}");
        }
        return viewer(actor).apply(controls.changeStatus(actor, Ids.parseOrNotFound(id, "Control"), change.status(),
                change.version()));
    }

    @GetMapping("/library")
    @RequiresPermission(Permission.CONTROLS_READ)
    @Operation(summary = "The Evident control library", description = "The built-in controls organizations adopt, with "
            + "their domains and criteria (read-only reference data)")
    LibraryView library() {
        ControlLibrary library = rules.library();
        return new LibraryView(library.id(), library.name(), library.version(), library.frameworkId(),
                library.domains().stream().map(d -> Map.of("id", d.id(), "name", d.name())).toList(),
                library.controls().stream().map(LibraryControlView::of).toList());
    }

    @PostMapping("/library/adopt")
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    @Operation(summary = "Adopt library controls", description = "Body {} adopts every control serving a category some "
            + "program includes; {\"categories\": [\"security\", …]} those serving the given categories; "
            + "{\"controlIds\": [\"AC-01\", …]} exactly those. Controls already adopted are skipped")
    ResponseEntity<AdoptionView> adopt(Actor actor, @RequestBody(required = false) LibraryAdoption.Request request) {
        LibraryAdoption.Result result = adoption.adopt(actor, request);
        Function<Control, ControlView> view = viewer(actor);
        List<ControlView> adopted = result.adopted().stream().map(view).toList();
        return ResponseEntity.status(adopted.isEmpty() ? 200 : 201)
                .body(new AdoptionView(adopted.size(), adopted, result.skipped()));
    }

    /** Resolves owners once per request rather than once per control. */
    private Function<Control, ControlView> viewer(Actor actor) {
        Map<UUID, MemberSummary> members = directory.members(actor.orgId()).stream()
                .collect(Collectors.toMap(MemberSummary::userId, m -> m));
        ControlRules orgRules = rules.rulesFor(actor.orgId());
        return c -> {
            MemberSummary owner = c.ownerUserId() == null ? null : members.get(c.ownerUserId());
            List<String> inScope = c.criteria().stream().filter(orgRules::inScope).toList();
            List<String> outOfScope = c.criteria().stream().filter(id -> !orgRules.inScope(id)).toList();
            return new ControlView(c.id(), c.ref(), c.title(), c.description(), c.domain(), c.type(), c.nature(),
                    c.frequency(), c.ownerUserId(),
                    owner == null ? null : new OwnerView(owner.userId(), owner.displayName(), owner.email()),
                    c.ownerRole(), c.test(), c.evidence(), inScope, outOfScope, c.status(), c.statusChangedAt(),
                    c.applicable(), c.notApplicableReason(), c.source(), c.createdAt(), c.updatedAt(), c.version());
        };
    }
}
