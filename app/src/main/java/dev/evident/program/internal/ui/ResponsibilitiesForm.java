package dev.evident.program.internal.ui;

import dev.evident.program.ProgramInput;
import dev.evident.program.ProgramInput.ComplementaryControlInput;
import dev.evident.program.ProgramInput.SubserviceInput;
import dev.evident.program.ProgramInput.SystemInput;
import dev.evident.program.SystemDescription;
import dev.evident.program.SystemDescription.ComplementaryControl;
import dev.evident.program.SystemDescription.SubserviceMethod;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Step 4: what others must do for the controls to work — complementary user-entity controls (DC6)
 * and subservice organizations with their method and complementary controls (DC7). Several
 * organizations work without JavaScript: empty fieldsets are ignored, "Add another" shows one more.
 */
record ResponsibilitiesForm(String userEntityControls, List<Subservice> subservices) {

    /** One subservice organization as typed; {@code controls} is one complementary control per line. */
    record Subservice(String name, String services, String method, String controls) {
        public boolean blank() {
            return isBlank(name) && isBlank(services) && isBlank(controls);
        }
    }

    static final int MIN_ROWS = 2;
    static final int MAX_ROWS = 50;
    private static final Pattern CUEC = Pattern.compile("system\\.userEntityControls\\[(\\d+)](?:\\.(\\w+))?.*");
    private static final Pattern SUBSERVICE = Pattern.compile(
            "system\\.subserviceOrganizations\\[(\\d+)](?:\\.(\\w+))?(?:\\[(\\d+)])?(?:\\.(\\w+))?.*");

    static ResponsibilitiesForm of(SystemDescription s) {
        List<Subservice> rows = new ArrayList<>();
        s.subserviceOrganizations().forEach(o -> rows.add(new Subservice(o.name(), nz(o.services()),
                o.method() == null ? SubserviceMethod.CARVE_OUT.name() : o.method().name(), controls(o.complementaryControls()))));
        do {
            rows.add(empty());
        } while (rows.size() < MIN_ROWS);
        return new ResponsibilitiesForm(controls(s.userEntityControls()), rows);
    }

    static ResponsibilitiesForm from(Map<String, String> params) {
        int count = Math.min(MAX_ROWS, Math.max(1, parse(params.get("subRows"))));
        List<Subservice> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String method = params.getOrDefault("sub-" + i + "-method", SubserviceMethod.CARVE_OUT.name());
            rows.add(new Subservice(params.getOrDefault("sub-" + i + "-name", ""),
                    params.getOrDefault("sub-" + i + "-services", ""),
                    SubserviceMethod.INCLUSIVE.name().equals(method) ? method : SubserviceMethod.CARVE_OUT.name(),
                    params.getOrDefault("sub-" + i + "-controls", "")));
        }
        return new ResponsibilitiesForm(params.getOrDefault("cuecs", ""), rows);
    }

    ResponsibilitiesForm withAnotherRow() {
        List<Subservice> more = new ArrayList<>(subservices);
        if (more.size() < MAX_ROWS) {
            more.add(empty());
        }
        return new ResponsibilitiesForm(userEntityControls, more);
    }

    /** The base input with these responsibilities; the rest of the system description stays. */
    ProgramInput applyTo(ProgramInput base) {
        SystemInput old = base.system() == null ? new SystemInput(null, null, null, null, null, null, null) : base.system();
        List<SubserviceInput> orgs = subservices.stream().filter(s -> !s.blank())
                .map(s -> new SubserviceInput(s.name(), s.services(), s.method(), controlInputs(s.controls()))).toList();
        SystemInput system = new SystemInput(old.name(), old.services(), old.commitments(), old.components(), old.boundaries(),
                controlInputs(userEntityControls), orgs);
        return new ProgramInput(base.name(), base.frameworkId(), base.reportType(), base.asOfDate(), base.periodStart(),
                base.periodEnd(), base.categories(), base.notRelevantCriteria(), system, base.version());
    }

    public List<Lines.Controlled> parsedUserEntityControls() {
        return Lines.parseControlled(userEntityControls);
    }

    public List<Lines.Controlled> parsedControls(int row) {
        return Lines.parseControlled(subservices.get(row).controls());
    }

    PageErrors.Target locate(FieldError error) {
        Matcher cuec = CUEC.matcher(error.field());
        if (cuec.matches()) {
            List<Lines.Controlled> lines = Lines.parseControlled(userEntityControls);
            int index = Integer.parseInt(cuec.group(1));
            String line = index < lines.size() ? "Line " + lines.get(index).number() + ": " : "";
            return PageErrors.Target.at("cuecs", line + part(cuec.group(2)), error.message());
        }
        Matcher sub = SUBSERVICE.matcher(error.field());
        if (!sub.matches()) {
            return null;
        }
        int row = rowOfInput(Integer.parseInt(sub.group(1)));
        if (row < 0) {
            return null;
        }
        String field = sub.group(2) == null ? "name" : sub.group(2);
        if (field.equals("complementaryControls")) {
            List<Lines.Controlled> lines = parsedControls(row);
            int index = sub.group(3) == null ? -1 : Integer.parseInt(sub.group(3));
            String line = index >= 0 && index < lines.size() ? "Line " + lines.get(index).number() + ": " : "";
            return PageErrors.Target.at("sub-" + row + "-controls", line + part(sub.group(4)), error.message());
        }
        String lead = switch (field) {
            case "services" -> "The services it provides";
            case "method" -> "The method";
            default -> "The organization's name";
        };
        return PageErrors.Target.at("sub-" + row + "-" + field, lead, error.message());
    }

    private static String part(String field) {
        return "criteria".equals(field) ? "" : "the control";
    }

    private int rowOfInput(int inputIndex) {
        int seen = -1;
        for (int i = 0; i < subservices.size(); i++) {
            if (!subservices.get(i).blank() && ++seen == inputIndex) {
                return i;
            }
        }
        return -1;
    }

    private static List<ComplementaryControlInput> controlInputs(String text) {
        return Lines.parseControlled(text).stream().map(c -> new ComplementaryControlInput(c.text(), c.criteria())).toList();
    }

    private static String controls(List<ComplementaryControl> controls) {
        return controls.stream().map(c -> Lines.joinControlled(c.text(), c.criteria())).collect(Collectors.joining("\n"));
    }

    private static Subservice empty() {
        return new Subservice("", "", SubserviceMethod.CARVE_OUT.name(), "");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static int parse(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
