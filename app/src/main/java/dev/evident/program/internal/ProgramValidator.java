package dev.evident.program.internal;

import static dev.evident.program.internal.FieldChecks.MAX_ITEMS;
import static dev.evident.program.internal.FieldChecks.blank;
import static dev.evident.program.internal.FieldChecks.trimToNull;

import dev.evident.program.ProgramInput;
import dev.evident.catalog.Catalog;
import dev.evident.catalog.Category;
import dev.evident.catalog.Framework;
import dev.evident.catalog.Requirement;
import dev.evident.program.Program.CategoryScope;
import dev.evident.program.Program.NotRelevantCriterion;
import dev.evident.program.ReportType;
import dev.evident.program.SystemDescription;
import dev.evident.program.SystemDescription.Commitment;
import dev.evident.program.SystemDescription.CommitmentKind;
import dev.evident.program.SystemDescription.ComplementaryControl;
import dev.evident.program.SystemDescription.Component;
import dev.evident.program.SystemDescription.ComponentKind;
import dev.evident.program.SystemDescription.Service;
import dev.evident.program.SystemDescription.SubserviceMethod;
import dev.evident.program.SystemDescription.SubserviceOrganization;
import dev.evident.program.ProgramInput.CategoryInput;
import dev.evident.program.ProgramInput.ComplementaryControlInput;
import dev.evident.program.ProgramInput.NotRelevantInput;
import dev.evident.program.ProgramInput.SystemInput;
import dev.evident.shared.problem.InvalidInputException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a {@link ProgramInput} completely and reports every problem at once, each against its
 * field (JSON path), so a form or a script can fix them all in one go.
 */
final class ProgramValidator {

    static final String DEFAULT_FRAMEWORK = "soc2-2017";
    /** Frameworks a program can be run on today; the others in the catalog (DC 200) describe, not scope. */
    static final Set<String> PROGRAM_FRAMEWORKS = Set.of(DEFAULT_FRAMEWORK);
    static final int MIN_PERIOD_MONTHS = 3;
    static final int MAX_PERIOD_MONTHS = 12;
    static final int MIN_REASON_LENGTH = 10;
    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 4000;

    /** A validated program, ready to store. */
    record Valid(String name, String frameworkId, ReportType reportType, LocalDate asOfDate, LocalDate periodStart,
                 LocalDate periodEnd, List<CategoryScope> categories, List<NotRelevantCriterion> notRelevant,
                 SystemDescription system) {
    }

    private final Catalog catalog;
    private final FieldChecks fields = new FieldChecks();
    private Framework framework;

    private ProgramValidator(Catalog catalog) {
        this.catalog = catalog;
    }

    static Valid validate(Catalog catalog, ProgramInput input) {
        return new ProgramValidator(catalog).run(input);
    }

    private Valid run(ProgramInput in) {
        if (in == null) {
            throw new InvalidInputException("body", "is required");
        }
        String name = fields.text("name", in.name(), MAX_NAME, true);
        String frameworkId = blank(in.frameworkId()) ? DEFAULT_FRAMEWORK : in.frameworkId().trim();
        if (!PROGRAM_FRAMEWORKS.contains(frameworkId) || catalog.framework(frameworkId).isEmpty()) {
            fields.error("frameworkId", "'" + frameworkId + "' cannot be used for a program; supported: "
                    + String.join(", ", PROGRAM_FRAMEWORKS));
            framework = catalog.framework(DEFAULT_FRAMEWORK).orElseThrow();
        } else {
            framework = catalog.framework(frameworkId).orElseThrow();
        }
        ReportType type = fields.enumValue("reportType", in.reportType(), ReportType.class, true);
        LocalDate asOf = fields.date("asOfDate", in.asOfDate());
        LocalDate start = fields.date("periodStart", in.periodStart());
        LocalDate end = fields.date("periodEnd", in.periodEnd());
        if (type == ReportType.TYPE_1) {
            checkTypeOne(in, asOf);
        } else if (type == ReportType.TYPE_2) {
            checkTypeTwo(in, start, end);
        }
        List<CategoryScope> categories = categories(in.categories());
        Set<String> included = categories.stream().filter(CategoryScope::included).map(CategoryScope::categoryId)
                .collect(Collectors.toSet());
        List<NotRelevantCriterion> notRelevant = notRelevant(in.notRelevantCriteria(), included);
        SystemDescription system = system(in.system(), included);
        if (!fields.errors().isEmpty()) {
            throw new InvalidInputException(fields.errors());
        }
        return new Valid(name, framework.id(), type, type == ReportType.TYPE_1 ? asOf : null,
                type == ReportType.TYPE_2 ? start : null, type == ReportType.TYPE_2 ? end : null, categories,
                notRelevant, system);
    }

    private void checkTypeOne(ProgramInput in, LocalDate asOf) {
        if (blank(in.asOfDate())) {
            fields.error("asOfDate", "is required for a Type I report: the date the controls' design is examined as of");
        }
        if (!blank(in.periodStart())) {
            fields.error("periodStart", "only applies to a Type II report; a Type I report has an asOfDate");
        }
        if (!blank(in.periodEnd())) {
            fields.error("periodEnd", "only applies to a Type II report; a Type I report has an asOfDate");
        }
    }

    private void checkTypeTwo(ProgramInput in, LocalDate start, LocalDate end) {
        if (!blank(in.asOfDate())) {
            fields.error("asOfDate", "only applies to a Type I report; a Type II report has periodStart and periodEnd");
        }
        if (blank(in.periodStart())) {
            fields.error("periodStart", "is required for a Type II report: the first day of the period");
        }
        if (blank(in.periodEnd())) {
            fields.error("periodEnd", "is required for a Type II report: the last day of the period");
        }
        if (start == null || end == null) {
            return;
        }
        if (!end.isAfter(start)) {
            fields.error("periodEnd", "must be after periodStart (" + start + "), was " + end);
            return;
        }
        // The period includes its last day: 2027-01-01 to 2027-12-31 is exactly 12 months.
        LocalDate dayAfter = end.plusDays(1);
        String length = describe(Period.between(start, dayAfter));
        if (dayAfter.isBefore(start.plusMonths(MIN_PERIOD_MONTHS))) {
            fields.error("periodEnd", "gives a period of " + length + "; a Type II period must be at least "
                    + MIN_PERIOD_MONTHS + " months (end on or after " + start.plusMonths(MIN_PERIOD_MONTHS).minusDays(1) + ")");
        } else if (dayAfter.isAfter(start.plusMonths(MAX_PERIOD_MONTHS))) {
            fields.error("periodEnd", "gives a period of " + length + "; a Type II period must be at most "
                    + MAX_PERIOD_MONTHS + " months (end on or before " + start.plusMonths(MAX_PERIOD_MONTHS).minusDays(1) + ")");
        }
    }

    private List<CategoryScope> categories(List<CategoryInput> inputs) {
        Map<String, CategoryInput> byId = new LinkedHashMap<>();
        List<CategoryInput> given = inputs == null ? List.of() : inputs;
        for (int i = 0; i < given.size(); i++) {
            CategoryInput c = given.get(i);
            String at = "categories[" + i + "]";
            if (c == null || blank(c.id())) {
                fields.error(at + ".id", "is required: one of " + categoryIds());
                continue;
            }
            String id = c.id().trim().toLowerCase(Locale.ROOT);
            if (framework.category(id).isEmpty()) {
                fields.error(at + ".id", "'" + c.id() + "' is not a category of " + framework.id() + "; allowed: " + categoryIds());
            } else if (byId.putIfAbsent(id, c) != null) {
                fields.error(at + ".id", "lists '" + id + "' a second time");
            }
        }
        List<CategoryScope> scopes = new ArrayList<>();
        for (Category category : framework.categories()) {
            CategoryInput c = byId.get(category.id());
            int index = c == null ? -1 : given.indexOf(c);
            String at = "categories[" + index + "]";
            boolean included = category.required() || (c != null && Boolean.TRUE.equals(c.included()));
            if (category.required() && c != null && Boolean.FALSE.equals(c.included())) {
                fields.error(at + ".included", category.name() + " is part of every " + framework.id()
                        + " program and cannot be excluded");
            }
            String reason = c == null ? null : trimToNull(c.exclusionReason());
            if (included) {
                if (reason != null) {
                    fields.error(at + ".exclusionReason", "only applies to an excluded category; " + category.name()
                            + " is included");
                }
                scopes.add(new CategoryScope(category.id(), true, null));
                continue;
            }
            if (reason == null) {
                fields.error(c == null ? "categories" : at + ".exclusionReason", c == null
                        ? category.name() + " (" + category.id() + ") is neither included nor excluded: include it, or "
                          + "exclude it with an exclusionReason (the report states why it is out of scope)"
                        : "is required when " + category.name() + " is excluded: the report states why it is out of scope");
            } else if (reason.length() < MIN_REASON_LENGTH) {
                fields.error(at + ".exclusionReason", "must say why in at least " + MIN_REASON_LENGTH + " characters");
            } else if (reason.length() > MAX_TEXT) {
                fields.error(at + ".exclusionReason", "must be at most " + MAX_TEXT + " characters");
            }
            scopes.add(new CategoryScope(category.id(), false, reason));
        }
        return scopes;
    }

    private List<NotRelevantCriterion> notRelevant(List<NotRelevantInput> inputs, Set<String> included) {
        List<NotRelevantCriterion> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<NotRelevantInput> given = inputs == null ? List.of() : inputs;
        for (int i = 0; i < given.size(); i++) {
            NotRelevantInput n = given.get(i);
            String at = "notRelevantCriteria[" + i + "]";
            String id = n == null ? null : trimToNull(n.criterionId());
            if (id == null) {
                fields.error(at + ".criterionId", "is required");
                continue;
            }
            Requirement criterion = criterion(at + ".criterionId", id, included);
            if (criterion == null) {
                continue;
            }
            if (!seen.add(id)) {
                fields.error(at + ".criterionId", "lists " + id + " a second time");
            }
            String reason = trimToNull(n.reason());
            if (reason == null || reason.length() < MIN_REASON_LENGTH) {
                fields.error(at + ".reason", "must say why " + id + " is not relevant to the system, in at least "
                        + MIN_REASON_LENGTH + " characters");
            } else if (reason.length() > MAX_TEXT) {
                fields.error(at + ".reason", "must be at most " + MAX_TEXT + " characters");
            }
            result.add(new NotRelevantCriterion(id, reason));
        }
        if (given.size() > MAX_ITEMS) {
            fields.error("notRelevantCriteria", "may list at most " + MAX_ITEMS + " criteria");
        }
        return result;
    }

    /** A leaf criterion of the framework in an included category, or null after recording why not. */
    private Requirement criterion(String field, String id, Set<String> included) {
        Requirement r = framework.find(id).orElse(null);
        if (r == null) {
            fields.error(field, "'" + id + "' is not a criterion of " + framework.id());
            return null;
        }
        if (!r.isLeaf()) {
            fields.error(field, id + " is a group of criteria; name one of its criteria ("
                    + r.children().stream().map(Requirement::id).collect(Collectors.joining(", ")) + ")");
            return null;
        }
        if (r.categoryId() != null && !included.contains(r.categoryId())) {
            String category = framework.category(r.categoryId()).map(Category::name).orElse(r.categoryId());
            fields.error(field, id + " belongs to " + category + ", which this program excludes");
            return null;
        }
        return r;
    }

    private SystemDescription system(SystemInput in, Set<String> included) {
        if (in == null) {
            return SystemDescription.empty();
        }
        String name = fields.text("system.name", in.name(), MAX_NAME, false);
        List<Service> services = fields.items("system.services", in.services(), (s, at) ->
                s == null ? null : new Service(fields.text(at + ".name", s.name(), MAX_NAME, true),
                        fields.text(at + ".description", s.description(), MAX_TEXT, false)));
        List<Commitment> commitments = fields.items("system.commitments", in.commitments(), (c, at) ->
                c == null ? null : new Commitment(fields.enumValue(at + ".kind", c.kind(), CommitmentKind.class, true),
                        fields.text(at + ".text", c.text(), MAX_TEXT, true),
                        fields.text(at + ".source", c.source(), MAX_NAME, false)));
        List<Component> components = fields.items("system.components", in.components(), (c, at) ->
                c == null ? null : new Component(fields.enumValue(at + ".kind", c.kind(), ComponentKind.class, true),
                        fields.text(at + ".name", c.name(), MAX_NAME, true),
                        fields.text(at + ".description", c.description(), MAX_TEXT, false)));
        String boundaries = fields.text("system.boundaries", in.boundaries(), MAX_TEXT, false);
        List<ComplementaryControl> cuecs = fields.items("system.userEntityControls", in.userEntityControls(),
                (c, at) -> complementary(c, at, included));
        List<SubserviceOrganization> subservices = fields.items("system.subserviceOrganizations", in.subserviceOrganizations(),
                (s, at) -> s == null ? null : new SubserviceOrganization(fields.text(at + ".name", s.name(), MAX_NAME, true),
                        fields.text(at + ".services", s.services(), MAX_TEXT, false),
                        fields.enumValue(at + ".method", s.method(), SubserviceMethod.class, true),
                        fields.items(at + ".complementaryControls", s.complementaryControls(),
                                (c, cat) -> complementary(c, cat, included))));
        return new SystemDescription(name, services, commitments, components, boundaries, cuecs, subservices);
    }

    private ComplementaryControl complementary(ComplementaryControlInput c, String at, Set<String> included) {
        if (c == null) {
            return null;
        }
        String text = fields.text(at + ".text", c.text(), MAX_TEXT, true);
        List<String> criteria = new ArrayList<>();
        List<String> given = c.criteria() == null ? List.of() : c.criteria();
        for (int i = 0; i < given.size(); i++) {
            String id = trimToNull(given.get(i));
            if (id == null) {
                fields.error(at + ".criteria[" + i + "]", "is empty");
            } else if (criterion(at + ".criteria[" + i + "]", id, included) != null && !criteria.contains(id)) {
                criteria.add(id);
            }
        }
        return new ComplementaryControl(text, criteria);
    }

    private String categoryIds() {
        return framework.categories().stream().map(Category::id).collect(Collectors.joining(", "));
    }

    private static String describe(Period p) {
        List<String> parts = new ArrayList<>();
        int months = p.getYears() * 12 + p.getMonths();
        if (months > 0) {
            parts.add(months + (months == 1 ? " month" : " months"));
        }
        if (p.getDays() > 0) {
            parts.add(p.getDays() + (p.getDays() == 1 ? " day" : " days"));
        }
        return parts.isEmpty() ? "0 days" : String.join(" and ", parts);
    }
}
