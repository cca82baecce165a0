package dev.evident.control.internal.ui;

import dev.evident.catalog.Category;
import dev.evident.catalog.ControlDomain;
import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.ControlLibrary;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.catalog.Requirement;
import dev.evident.catalog.TestMethod;
import dev.evident.control.ControlStatus;
import dev.evident.control.internal.ControlRulesFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The words the control pages use for the reference data: domain, category and criterion names,
 * enum labels, and the filter choices that do not depend on the organization. Built once, because
 * the catalog and the library never change while Evident runs.
 */
@Component
class ControlVocabulary {

    /** A choice of a select: the value sent and the text shown. */
    record Option(String value, String text) {
    }

    /** A labelled group of choices ({@code <optgroup>}). */
    record OptionGroup(String label, List<Option> options) {
    }

    private final FrameworkIndex framework;
    private final ControlLibrary library;
    private final List<ControlDomain> domains;
    private final Map<String, String> domainNames = new LinkedHashMap<>();
    private final Map<String, String> categoryNames = new LinkedHashMap<>();
    private final List<OptionGroup> criterionOptions = new ArrayList<>();

    ControlVocabulary(ControlRulesFactory rules) {
        this.framework = rules.framework();
        this.library = rules.library();
        this.domains = library.domains();
        domains.forEach(d -> domainNames.put(d.id(), d.name()));
        framework.framework().categories().forEach(c -> categoryNames.put(c.id(), c.name()));
        for (Requirement series : series()) {
            List<Option> options = new ArrayList<>();
            options.add(new Option(series.id(), "All of " + series.id()));
            series.children().forEach(c -> options.add(new Option(c.id(), c.id() + " · " + shorten(c.label(), 60))));
            criterionOptions.add(new OptionGroup(series.id() + " " + series.label(), List.copyOf(options)));
        }
    }

    FrameworkIndex framework() {
        return framework;
    }

    List<ControlDomain> domains() {
        return domains;
    }

    List<Category> categories() {
        return framework.framework().categories();
    }

    /** The top-level groupings of the framework (CC1 … CC9, A1, PI1, C1, P1 … P8), in framework order. */
    List<Requirement> series() {
        return framework.framework().requirements();
    }

    List<OptionGroup> criterionOptions() {
        return criterionOptions;
    }

    /** "Evident control library 2026.1" for the "evident-library 2026.1" an adoption records. */
    String libraryName(String idAndVersion) {
        return idAndVersion != null && idAndVersion.startsWith(library.id() + " ")
                ? library.name() + idAndVersion.substring(library.id().length()) : idAndVersion;
    }

    String domainName(String id) {
        return domainNames.getOrDefault(id, id);
    }

    String categoryName(String id) {
        return categoryNames.getOrDefault(id, id);
    }

    /** What a criterion asks, in a line: "Logical access is restricted …". */
    String describe(String criterionId) {
        return framework.find(criterionId).map(Requirement::label).orElse(criterionId);
    }

    /** "Per event", "Quarterly", "Re-performance". */
    static String label(Enum<?> value) {
        if (value == null) {
            return "";
        }
        if (value == TestMethod.REPERFORMANCE) {
            return "Re-performance";
        }
        if (value instanceof ControlStatus status) {
            return status.label();
        }
        String words = value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static List<Option> options(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> new Option(e.name(), label(e))).toList();
    }

    static List<Option> frequencies() {
        return options(ControlFrequency.class);
    }

    /** The CSS class of a status badge; the badge always shows the status as text too. */
    static String statusClass(ControlStatus status) {
        return "status st-" + status.name().toLowerCase(Locale.ROOT);
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1).stripTrailing() + "…";
    }
}
