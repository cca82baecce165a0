package dev.evident.program.internal.ui;

import dev.evident.program.ProgramInput;
import dev.evident.program.ProgramInput.CommitmentInput;
import dev.evident.program.ProgramInput.ComponentInput;
import dev.evident.program.ProgramInput.ServiceInput;
import dev.evident.program.ProgramInput.SystemInput;
import dev.evident.program.SystemDescription;
import dev.evident.program.SystemDescription.CommitmentKind;
import dev.evident.program.SystemDescription.ComponentKind;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Step 3: the system along DC 200 — its name, services (DC1), commitments and system requirements
 * (DC2), the five kinds of components and the boundaries (DC3). Each list is one textarea, one item
 * per line ("Name — description"); the page shows how it read every line.
 *
 * @param components component kind → the textarea's text, in DC 200 order
 */
record SystemForm(String systemName, String services, String commitments, String requirements,
                  Map<ComponentKind, String> components, String boundaries) {

    private static final Pattern ITEM = Pattern.compile("system\\.(services|commitments|components)\\[(\\d+)](?:\\.(\\w+))?");

    /** Where one item of a list came from: the textarea's field id and its line number. */
    private record Origin(String field, String label, int line) {
    }

    static SystemForm of(SystemDescription s) {
        Map<ComponentKind, String> components = new LinkedHashMap<>();
        for (ComponentKind kind : ComponentKind.values()) {
            components.put(kind, s.components().stream().filter(c -> c.kind() == kind)
                    .map(c -> Lines.join(c.name(), c.description())).collect(Collectors.joining("\n")));
        }
        return new SystemForm(nz(s.name()),
                s.services().stream().map(v -> Lines.join(v.name(), v.description())).collect(Collectors.joining("\n")),
                commitments(s, CommitmentKind.SERVICE_COMMITMENT), commitments(s, CommitmentKind.SYSTEM_REQUIREMENT),
                components, nz(s.boundaries()));
    }

    static SystemForm from(Map<String, String> params) {
        Map<ComponentKind, String> components = new LinkedHashMap<>();
        for (ComponentKind kind : ComponentKind.values()) {
            components.put(kind, params.getOrDefault(componentField(kind), ""));
        }
        return new SystemForm(params.getOrDefault("systemName", ""), params.getOrDefault("services", ""),
                params.getOrDefault("commitments", ""), params.getOrDefault("requirements", ""), components,
                params.getOrDefault("boundaries", ""));
    }

    static String componentField(ComponentKind kind) {
        return "component-" + kind.name().toLowerCase(Locale.ROOT);
    }

    /** The base input with this step's parts of the system description; the responsibilities stay. */
    ProgramInput applyTo(ProgramInput base) {
        SystemInput old = base.system();
        SystemInput system = new SystemInput(blankToNull(systemName), serviceInputs(), commitmentInputs(), componentInputs(),
                blankToNull(boundaries), old == null ? null : old.userEntityControls(),
                old == null ? null : old.subserviceOrganizations());
        return new ProgramInput(base.name(), base.frameworkId(), base.reportType(), base.asOfDate(), base.periodStart(),
                base.periodEnd(), base.categories(), base.notRelevantCriteria(), system, base.version());
    }

    public List<Lines.Line> parsed(String field) {
        return Lines.parse(switch (field) {
            case "services" -> services;
            case "commitments" -> commitments;
            case "requirements" -> requirements;
            default -> components.get(ComponentKind.valueOf(field.substring("component-".length()).toUpperCase(Locale.ROOT)));
        });
    }

    private List<ServiceInput> serviceInputs() {
        return Lines.parse(services).stream().map(l -> new ServiceInput(l.head(), l.tail())).toList();
    }

    private List<CommitmentInput> commitmentInputs() {
        List<CommitmentInput> inputs = new ArrayList<>();
        Lines.parse(commitments).forEach(l -> inputs.add(new CommitmentInput(CommitmentKind.SERVICE_COMMITMENT.name(),
                l.head(), l.tail())));
        Lines.parse(requirements).forEach(l -> inputs.add(new CommitmentInput(CommitmentKind.SYSTEM_REQUIREMENT.name(),
                l.head(), l.tail())));
        return inputs;
    }

    private List<ComponentInput> componentInputs() {
        List<ComponentInput> inputs = new ArrayList<>();
        components.forEach((kind, text) -> Lines.parse(text)
                .forEach(l -> inputs.add(new ComponentInput(kind.name(), l.head(), l.tail()))));
        return inputs;
    }

    /** The same order as the inputs above, so error index i names the right line. */
    private List<Origin> origins(String list) {
        List<Origin> origins = new ArrayList<>();
        switch (list) {
            case "services" -> Lines.parse(services).forEach(l -> origins.add(new Origin("services", "Services", l.number())));
            case "commitments" -> {
                Lines.parse(commitments).forEach(l -> origins.add(new Origin("commitments", "Service commitments", l.number())));
                Lines.parse(requirements).forEach(l -> origins.add(new Origin("requirements", "System requirements", l.number())));
            }
            default -> components.forEach((kind, text) -> Lines.parse(text).forEach(l -> origins.add(
                    new Origin(componentField(kind), label(kind), l.number()))));
        }
        return origins;
    }

    PageErrors.Target locate(FieldError error) {
        switch (error.field()) {
            case "system.name":
                return PageErrors.Target.at("systemName", "The system name", error.message());
            case "system.boundaries":
                return PageErrors.Target.at("boundaries", "Boundaries", error.message());
            default:
                break;
        }
        Matcher m = ITEM.matcher(error.field());
        if (!m.matches()) {
            return null;
        }
        List<Origin> origins = origins(m.group(1));
        int index = Integer.parseInt(m.group(2));
        if (index >= origins.size()) {
            return PageErrors.Target.at(m.group(1), "", error.message());
        }
        Origin origin = origins.get(index);
        String part = switch (m.group(3) == null ? "" : m.group(3)) {
            case "name", "text" -> "the part before the dash";
            case "description", "source" -> "the part after the dash";
            default -> "the line";
        };
        return PageErrors.Target.at(origin.field(), origin.label() + ", line " + origin.line() + ": " + part,
                error.message());
    }

    static String label(ComponentKind kind) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String commitments(SystemDescription s, CommitmentKind kind) {
        return s.commitments().stream().filter(c -> c.kind() == kind).map(c -> Lines.join(c.text(), c.source()))
                .collect(Collectors.joining("\n"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
