package dev.evident.framework.internal;

import dev.evident.catalog.Catalog;
import dev.evident.catalog.Framework;
import dev.evident.catalog.Requirement;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only reference frameworks; every organization sees the same data. */
@RestController
@RequestMapping("/api/v1/frameworks")
@Tag(name = "Frameworks", description = "Reference frameworks and their requirements (read-only)")
class FrameworkApi {

    record CategoryView(String id, String name) {
    }

    record FrameworkView(String id, String name, String version, List<CategoryView> categories, int requirementCount) {
        static FrameworkView of(Framework f) {
            return new FrameworkView(f.id(), f.name(), f.version(),
                    f.categories().stream().map(c -> new CategoryView(c.id(), c.name())).toList(), f.leafRequirements().size());
        }
    }

    /** One node of the requirement tree; {@code leaf} nodes are what controls map to. */
    record RequirementView(String id, String parentId, String categoryId, String title, String description, int depth,
                           boolean leaf) {
    }

    private final Catalog catalog;

    FrameworkApi(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "List frameworks")
    Page<FrameworkView> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return page(catalog.frameworks().stream().map(FrameworkView::of).toList(), PageRequest.of(limit, cursor));
    }

    @GetMapping("/{frameworkId}/requirements")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "List a framework's requirements", description = "The requirement tree flattened depth first in "
            + "document order; filter by category, or ask only for leaves (the criteria controls map to)")
    Page<RequirementView> requirements(@PathVariable String frameworkId, @RequestParam(required = false) String category,
                                       @RequestParam(required = false) Boolean leaf,
                                       @RequestParam(required = false) Integer limit,
                                       @RequestParam(required = false) String cursor) {
        Framework framework = catalog.framework(frameworkId).orElseThrow(() -> new NotFoundException("Framework"));
        List<RequirementView> all = new ArrayList<>();
        for (Requirement top : framework.requirements()) {
            flatten(top, null, 0, all);
        }
        Predicate<RequirementView> wanted = r -> (category == null || category.equals(r.categoryId()))
                && (leaf == null || leaf == r.leaf());
        return page(all.stream().filter(wanted).toList(), PageRequest.of(limit, cursor));
    }

    private static void flatten(Requirement node, String parentId, int depth, List<RequirementView> out) {
        out.add(new RequirementView(node.id(), parentId, node.categoryId(), node.title(), node.description(), depth,
                node.isLeaf()));
        node.children().forEach(child -> flatten(child, node.id(), depth + 1, out));
    }

    /** In-memory pages over a fixed order; the cursor is the position of the next item. */
    private static <T> Page<T> page(List<T> items, PageRequest request) {
        int from = request.afterNumber() == null ? 0 : (int) Math.min(Math.max(request.afterNumber(), 0), items.size());
        List<T> fetched = items.subList(from, Math.min(items.size(), from + request.fetchSize()));
        int next = from + request.limit();
        return Page.of(fetched, request, item -> Integer.toString(next));
    }
}
