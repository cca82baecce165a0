package dev.evident.integration.internal;

import dev.evident.integration.InventoryResource;
import dev.evident.integration.ResourceChecks;
import dev.evident.integration.ResourceChecks.ResourceRef;
import dev.evident.integration.ResourceChecks.Summary;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.NavigationItem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The inventory browser: every current resource across connections, filtered by GET parameters
 * (connection, type, text), a page at a time in a stable order; and a resource's page with its
 * attributes, its person and what the checks say about it. Check outcomes come through
 * {@link ResourceChecks} (the monitoring module implements it) and are shown only to members who may
 * read checks.
 */
@Controller
class InventoryPages {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    /** The filters as typed; blank means "any". */
    record Filter(String connection, String type, String q, int size) {

        public boolean any() {
            return !connection.isEmpty() || !type.isEmpty() || !q.isEmpty();
        }
    }

    /** One row of the list. */
    record Row(UUID connectionId, String connectionName, String type, String externalId, String displayName,
               Instant collectedAt, Summary checks) {
    }

    private final ConnectionService connections;
    private final InventoryReads inventory;
    private final ObjectProvider<ResourceChecks> resourceChecks;

    InventoryPages(ConnectionService connections, InventoryReads inventory, ObjectProvider<ResourceChecks> resourceChecks) {
        this.connections = connections;
        this.inventory = inventory;
        this.resourceChecks = resourceChecks;
    }

    @Bean
    static NavigationItem inventoryNavigation() {
        return new NavigationItem("Program", "Inventory", "/integrations/inventory", Permission.INTEGRATIONS_READ, 42);
    }

    @GetMapping("/integrations/inventory")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    String list(Actor actor, @RequestParam(required = false) String connection, @RequestParam(required = false) String type,
                @RequestParam(required = false) String q, @RequestParam(required = false) Integer size,
                @RequestParam(required = false) String cursor,
                @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        Filter filter = new Filter(blank(connection), blank(type), blank(q),
                size == null ? DEFAULT_PAGE : Math.max(1, Math.min(MAX_PAGE, size)));
        UUID connectionId = filter.connection().isEmpty() ? null : Ids.parseOrNotFound(filter.connection(), "Connection");
        Map<UUID, String> names = connectionNames(actor);
        Page<InventoryResource> page = inventory.search(actor, nullIfEmpty(filter.type()), connectionId,
                nullIfEmpty(filter.q()), PageRequest.of(filter.size(), cursor));
        ResourceChecks checks = outcomesFor(actor);
        Map<ResourceRef, Summary> summaries = checks == null ? Map.of()
                : checks.summaries(actor.orgId(), page.items().stream().map(InventoryPages::ref).toList());
        model.addAttribute("rows", page.items().stream().map(r -> new Row(r.connectionId(),
                names.getOrDefault(r.connectionId(), r.connector()), r.type(), r.externalId(), r.displayName(),
                r.collectedAt(), summaries.getOrDefault(ref(r), Summary.NONE))).toList());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("filter", filter);
        model.addAttribute("paged", cursor != null && !cursor.isBlank());
        model.addAttribute("showChecks", checks != null);
        if (htmx != null) {
            return "integrations/inventory :: rows";
        }
        model.addAttribute("connectionOptions", names);
        model.addAttribute("typeOptions", inventory.types(actor));
        return "integrations/inventory";
    }

    @GetMapping("/integrations/inventory/resource")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    String resource(Actor actor, @RequestParam(required = false) String connection,
                    @RequestParam(required = false) String type, @RequestParam(required = false) String id, Model model) {
        UUID connectionId = Ids.parseOrNotFound(connection, "Resource");
        if (type == null || id == null) {
            throw new dev.evident.shared.problem.NotFoundException("Resource");
        }
        InventoryResource resource = inventory.resource(actor, connectionId, type, id);
        model.addAttribute("resource", resource);
        model.addAttribute("connectionName", connectionNames(actor).getOrDefault(connectionId, resource.connector()));
        model.addAttribute("attributes", AttributeTree.of(resource.attributesJson()));
        ResourceChecks checks = outcomesFor(actor);
        model.addAttribute("showChecks", checks != null);
        model.addAttribute("checks", checks == null ? List.of() : checks.outcomes(actor.orgId(), ref(resource)));
        return "integrations/resource";
    }

    /** The outcomes source when the member may read checks and the monitoring module is present, else null. */
    private ResourceChecks outcomesFor(Actor actor) {
        return actor.can(Permission.CHECKS_READ) ? resourceChecks.getIfAvailable() : null;
    }

    private Map<UUID, String> connectionNames(Actor actor) {
        Map<UUID, String> names = new LinkedHashMap<>();
        connections.list(actor).forEach(d -> names.put(d.connection().id(), d.connection().displayName()));
        return names;
    }

    private static ResourceRef ref(InventoryResource r) {
        return new ResourceRef(r.connectionId(), r.type(), r.externalId());
    }

    private static String blank(String value) {
        return value == null ? "" : value.strip();
    }

    private static String nullIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }
}
