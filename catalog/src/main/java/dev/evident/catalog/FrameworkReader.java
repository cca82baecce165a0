package dev.evident.catalog;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one framework YAML document into a validated {@link Framework}.
 *
 * <p>YAML is read as plain maps and lists ({@link SafeYaml}) and then
 * mapped by hand, so every problem is reported with the file and requirement it concerns.
 */
final class FrameworkReader {

    private static final Set<String> FRAMEWORK_FIELDS = Set.of("id", "name", "version", "categories", "requirements");
    private static final Set<String> CATEGORY_FIELDS = Set.of("id", "name", "required");
    private static final Set<String> REQUIREMENT_FIELDS = Set.of("id", "title", "description", "category", "children");

    private final String file;
    private final Set<String> categoryIds = new LinkedHashSet<>();
    private final Set<String> requirementIds = new HashSet<>();

    private FrameworkReader(String file) {
        this.file = file;
    }

    static Framework read(String file, InputStream in) {
        return new FrameworkReader(file).read(in);
    }

    private Framework read(InputStream in) {
        YamlMap doc = YamlMap.of(SafeYaml.parse(file, in), file, null, "document");
        doc.allowOnly(FRAMEWORK_FIELDS);
        String id = doc.text("id");
        String name = doc.text("name");
        String version = doc.text("version");
        List<Category> categories = readCategories(doc.list("categories", false));
        List<Requirement> requirements = readRequirements(doc.list("requirements", true), null);
        if (requirements.isEmpty()) {
            throw doc.error("a framework needs at least one requirement");
        }
        return new Framework(id, name, version, categories, requirements);
    }

    private List<Category> readCategories(List<?> items) {
        List<Category> categories = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMap fields = YamlMap.of(items.get(i), file, null, "category " + (i + 1));
            fields.allowOnly(CATEGORY_FIELDS);
            String id = fields.text("id");
            if (!categoryIds.add(id)) {
                throw fields.error("duplicate category id '" + id + "'");
            }
            categories.add(new Category(id, fields.text("name"), fields.flag("required")));
        }
        return categories;
    }

    private List<Requirement> readRequirements(List<?> items, String parentId) {
        List<Requirement> requirements = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String position = "requirement " + (i + 1) + (parentId == null ? " at top level" : " under " + parentId);
            requirements.add(readRequirement(YamlMap.of(items.get(i), file, null, position)));
        }
        return requirements;
    }

    private Requirement readRequirement(YamlMap anonymous) {
        YamlMap fields = anonymous.forRequirement(file, anonymous.text("id"));
        String id = fields.text("id");
        fields.allowOnly(REQUIREMENT_FIELDS);
        if (!requirementIds.add(id)) {
            throw fields.error("duplicate requirement id");
        }
        String title = fields.optionalText("title");
        String description = fields.optionalText("description");
        if (isBlank(title) && isBlank(description)) {
            throw fields.error("needs a 'title' or a 'description'");
        }
        String category = fields.optionalText("category");
        if (category != null && !categoryIds.contains(category)) {
            throw fields.error("unknown category '" + category + "'; "
                    + (categoryIds.isEmpty() ? "this framework declares no categories"
                    : "declared categories: " + String.join(", ", categoryIds)));
        }
        List<Requirement> children = readRequirements(fields.list("children", false), id);
        return new Requirement(id, title, description, category, children);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
