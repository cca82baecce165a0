package dev.evident.program.internal.ui;

import dev.evident.catalog.Category;
import dev.evident.catalog.Framework;
import dev.evident.program.Program;
import dev.evident.program.ProgramInput;
import dev.evident.program.ProgramInput.CategoryInput;
import dev.evident.program.ProgramInput.NotRelevantInput;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 2: which categories are in scope, why the others are not, and the criteria judged not
 * relevant. Fields: {@code include-<category>}, {@code reason-<category>}, {@code nr-<row>-criterion},
 * {@code nr-<row>-reason} and {@code nrRows}, the number of criterion rows shown.
 *
 * @param included optional category id → whether it is in scope, in framework order
 * @param reasons  optional category id → the reason typed for leaving it out (kept when it is included again)
 */
record ScopeForm(Map<String, Boolean> included, Map<String, String> reasons, List<Row> rows) {

    /** A criterion judged not relevant, as typed. */
    record Row(String criterion, String reason) {
        public boolean blank() {
            return (criterion == null || criterion.isBlank()) && (reason == null || reason.isBlank());
        }
    }

    /** Most companies start with Security and Availability (DOMAIN.md); the others wait for a reason. */
    static final String DEFAULT_INCLUDED = "availability";
    static final int MAX_ROWS = 60;
    private static final Pattern CATEGORY_FIELD = Pattern.compile("categories\\[(\\d+)]\\.(\\w+)");
    private static final Pattern ROW_FIELD = Pattern.compile("notRelevantCriteria\\[(\\d+)]\\.(\\w+)");

    static ScopeForm defaults(Framework framework) {
        Map<String, Boolean> included = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        optional(framework).forEach(c -> {
            included.put(c.id(), c.id().equals(DEFAULT_INCLUDED));
            reasons.put(c.id(), "");
        });
        return new ScopeForm(included, reasons, List.of(new Row("", "")));
    }

    static ScopeForm of(Program program, Framework framework) {
        Map<String, Boolean> included = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        optional(framework).forEach(c -> {
            included.put(c.id(), program.includesCategory(c.id()));
            reasons.put(c.id(), program.categories().stream().filter(s -> s.categoryId().equals(c.id()))
                    .map(Program.CategoryScope::exclusionReason).filter(r -> r != null).findFirst().orElse(""));
        });
        List<Row> rows = new ArrayList<>();
        program.notRelevantCriteria().forEach(n -> rows.add(new Row(n.criterionId(), n.reason())));
        rows.add(new Row("", ""));
        return new ScopeForm(included, reasons, rows);
    }

    static ScopeForm from(Map<String, String> params, Framework framework) {
        Map<String, Boolean> included = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        optional(framework).forEach(c -> {
            included.put(c.id(), "true".equals(params.get("include-" + c.id())));
            reasons.put(c.id(), params.getOrDefault("reason-" + c.id(), ""));
        });
        int count = Math.min(MAX_ROWS, Math.max(1, parse(params.get("nrRows"))));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Row(params.getOrDefault("nr-" + i + "-criterion", ""), params.getOrDefault("nr-" + i + "-reason", "")));
        }
        return new ScopeForm(included, reasons, rows);
    }

    /** The same form with one more empty criterion row ("Add another criterion"). */
    ScopeForm withAnotherRow() {
        List<Row> more = new ArrayList<>(rows);
        if (more.size() < MAX_ROWS) {
            more.add(new Row("", ""));
        }
        return new ScopeForm(included, reasons, more);
    }

    /** The optional "not relevant" section opens when it has anything in it or anything wrong. */
    public boolean showNotRelevant(Map<String, ?> errors) {
        return rows.stream().anyMatch(r -> !r.blank()) || errors.keySet().stream().anyMatch(k -> k.startsWith("nr-"));
    }

    ProgramInput applyTo(ProgramInput base, Framework framework) {
        return new ProgramInput(base.name(), base.frameworkId(), base.reportType(), base.asOfDate(), base.periodStart(),
                base.periodEnd(), categories(framework), notRelevant(), base.system(), base.version());
    }

    /** Every category in framework order, so an error at categories[i] names framework category i. */
    private List<CategoryInput> categories(Framework framework) {
        List<CategoryInput> inputs = new ArrayList<>();
        for (Category c : framework.categories()) {
            boolean in = c.required() || Boolean.TRUE.equals(included.get(c.id()));
            // A reason typed earlier stays in the form but is not sent for an included category.
            inputs.add(new CategoryInput(c.id(), in, in ? null : reasons.get(c.id())));
        }
        return inputs;
    }

    /** The rows that have anything in them; {@link #rowOfInput} maps an input index back to its row. */
    private List<NotRelevantInput> notRelevant() {
        return rows.stream().filter(r -> !r.blank()).map(r -> new NotRelevantInput(r.criterion(), r.reason())).toList();
    }

    private int rowOfInput(int inputIndex) {
        int seen = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).blank() && ++seen == inputIndex) {
                return i;
            }
        }
        return -1;
    }

    PageErrors.Target locate(FieldError error, Framework framework) {
        Matcher category = CATEGORY_FIELD.matcher(error.field());
        if (category.matches()) {
            int index = Integer.parseInt(category.group(1));
            if (index < 0 || index >= framework.categories().size()) {
                return null;
            }
            Category c = framework.categories().get(index);
            if (category.group(2).equals("exclusionReason")) {
                String message = error.message().startsWith("is required")
                        ? "Say why " + c.name() + " is out of scope, or include it: the report states the reason."
                        : null;
                return message != null ? new PageErrors.Target("reason-" + c.id(), message)
                        : PageErrors.Target.at("reason-" + c.id(), "The reason for leaving out " + c.name(), error.message());
            }
            return new PageErrors.Target("include-" + c.id(), error.message());
        }
        Matcher row = ROW_FIELD.matcher(error.field());
        if (row.matches()) {
            int index = rowOfInput(Integer.parseInt(row.group(1)));
            if (index < 0) {
                return null;
            }
            boolean criterion = row.group(2).equals("criterionId");
            return PageErrors.Target.at("nr-" + index + (criterion ? "-criterion" : "-reason"),
                    criterion ? "Criterion" : "The reason", error.message());
        }
        return null;
    }

    static List<Category> optional(Framework framework) {
        return framework.categories().stream().filter(c -> !c.required()).toList();
    }

    private static int parse(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
