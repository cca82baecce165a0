package dev.evident.control.internal;

import dev.evident.catalog.AuditTest;
import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.ControlNature;
import dev.evident.catalog.ControlType;
import dev.evident.catalog.TestMethod;
import dev.evident.control.Control;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import dev.evident.control.internal.YamlTree.Mapping;
import dev.evident.control.internal.YamlTree.Pair;
import dev.evident.control.internal.YamlTree.Scalar;
import dev.evident.control.internal.YamlTree.Sequence;
import dev.evident.control.internal.YamlTree.YNode;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Reads and checks a controls-as-code file: the YAML (through {@link SafeYamlParser}), the shape of
 * the document, and every control against the organization's {@link ControlRules}, the same rules a
 * form or the API follow. Every problem is reported with its line, column and field path
 * ({@code controls[3].criteria[1]}); the file is accepted only when there are none. One pass over
 * the file, one control at a time: time grows linearly with its size, memory with what is kept.
 */
final class ControlsYamlReader {

    /** One control of the file, checked. */
    record Entry(ControlDefinition definition, Control.Source source, int line) {
    }

    private static final Map<String, String> TOP_HINTS = Map.of(
            "version", "the format is given as format: " + ControlsFile.FORMAT + "?");
    private static final Map<String, String> CONTROL_HINTS = Map.of(
            "ref", "did you mean 'id'?",
            "ownerUserId", "owners are written as 'owner: <email of a member>'?",
            "ownerEmail", "did you mean 'owner'?",
            "status", "the lifecycle status is not part of the file: Evident tracks it (Defined, Implemented, "
                    + "Evidenced, Tested) and an import never changes it. Remove the line.",
            "mappings", "did you mean 'criteria'?");

    private final ControlRules rules;
    private final Map<String, Set<String>> keptMappings;
    private final FileProblems problems;
    private final YamlFields.Positions positions;

    /**
     * @param keptMappings per control id, the mappings it has to criteria no program includes any more;
     *                     the file may keep them (see {@link ControlRules#criteria(ControlRules.Errors, String, List, Set)})
     */
    private ControlsYamlReader(ControlRules rules, Map<String, Set<String>> keptMappings, String file) {
        this.rules = rules;
        this.keptMappings = keptMappings;
        this.problems = new FileProblems(file);
        this.positions = new YamlFields.Positions(problems);
    }

    /** The file's controls in file order; throws with every located problem when there is any. */
    static List<Entry> read(String file, byte[] content, ControlRules rules, Map<String, Set<String>> keptMappings) {
        YamlTree tree = new YamlTree(SafeYamlParser.events(file, content));
        return new ControlsYamlReader(rules, keptMappings, file).document(tree);
    }

    /**
     * The top-level mapping, with its controls read one at a time as they stream past. format and
     * framework usually come first; when one of them is unknown, the controls are not checked, since
     * they would be read in the wrong terms.
     */
    private List<Entry> document(YamlTree tree) {
        Parser events = tree.events();
        events.getEvent();
        if (events.checkEvent(Event.ID.StreamEnd)) {
            throw empty();
        }
        events.getEvent();
        if (!events.checkEvent(Event.ID.MappingStart)) {
            YNode root = tree.next();
            if (YamlFields.isNull(root)) {
                throw empty();
            }
            positions.reportAt("", root, "must be a mapping with format, framework and controls, not "
                    + YamlFields.describe(root));
            throw problems.toException(ProblemType.VALIDATION_FAILED);
        }
        Event start = events.getEvent();
        List<Pair> pairs = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        boolean streamed = false;
        boolean understood = true;
        boolean truncated = false;
        while (!events.checkEvent(Event.ID.MappingEnd)) {
            if (pairs.size() >= YamlTree.MAX_ITEMS) {
                truncated = true;
                tree.skip();
                tree.skip();
                continue;
            }
            YNode key = tree.next();
            if (!streamed && isKey(key, "controls") && events.checkEvent(Event.ID.SequenceStart)) {
                streamed = true;
                pairs.add(new Pair(key, controls(tree, understood, entries)));
                continue;
            }
            YNode value = tree.next();
            if (isKey(key, "format") && !isText(value, ControlsFile.FORMAT)
                    || isKey(key, "framework") && !isText(value, Control.FRAMEWORK)) {
                understood = false;
            }
            pairs.add(new Pair(key, value));
        }
        events.getEvent();
        events.getEvent();
        if (!events.checkEvent(Event.ID.StreamEnd)) {
            org.yaml.snakeyaml.error.Mark next = tree.peekMark();
            problems.add("", next.getLine() + 1, next.getColumn() + 1, "starts a second document; a controls file "
                    + "holds one (remove the '---' line)");
        }
        positions.clear();
        Mapping top = new Mapping(pairs, truncated, start.getStartMark().getLine() + 1,
                start.getStartMark().getColumn() + 1);
        positions.put("", top);
        YamlFields fields = new YamlFields(top, "", "the file", ControlsFile.TOP_FIELDS, TOP_HINTS, positions);
        header(fields);
        if (!streamed) {
            missingControls(fields);
        }
        if (!problems.isEmpty()) {
            throw problems.toException(ProblemType.VALIDATION_FAILED);
        }
        return entries;
    }

    private RuntimeException empty() {
        problems.add("", 1, 1, "is empty; a controls file starts with format: " + ControlsFile.FORMAT);
        return problems.toException(ProblemType.VALIDATION_FAILED);
    }

    private static boolean isKey(YNode node, String key) {
        return node instanceof Scalar scalar && scalar.tag().equals(Tag.STR) && scalar.value().equals(key);
    }

    private static boolean isText(YNode node, String expected) {
        return node instanceof Scalar scalar && scalar.tag().equals(Tag.STR) && scalar.value().strip().equals(expected);
    }

    private void header(YamlFields top) {
        String format = top.text("format");
        if (format == null) {
            if (!positions.reported("format")) {
                positions.report("format", "is required: format: " + ControlsFile.FORMAT);
            }
        } else if (!format.strip().equals(ControlsFile.FORMAT)) {
            positions.report("format", "'" + format + "' is not a format this version of Evident reads; use "
                    + ControlsFile.FORMAT);
        }
        String framework = top.text("framework");
        if (framework == null) {
            if (!positions.reported("framework")) {
                positions.report("framework", "is required: framework: " + Control.FRAMEWORK);
            }
        } else if (!framework.strip().equals(Control.FRAMEWORK)) {
            positions.report("framework", "'" + framework + "' is not supported: controls map to the criteria of "
                    + Control.FRAMEWORK);
        }
    }

    private void missingControls(YamlFields top) {
        YNode node = top.node("controls");
        if (node == null || YamlFields.isNull(node)) {
            if (!positions.reported("controls")) {
                positions.report("controls", "is required: the list of controls (write controls: [] to remove every "
                        + "control)");
            }
        } else if (!(node instanceof Sequence)) {
            positions.report("controls", "must be a list of controls (each starting with '- id:'), not "
                    + YamlFields.describe(node));
        }
    }

    /** Reads the controls list one control at a time; returns a stand-in for it in the top-level mapping. */
    private Sequence controls(YamlTree tree, boolean check, List<Entry> entries) {
        Parser events = tree.events();
        Event start = events.getEvent();
        Map<String, Integer> seen = new HashMap<>();
        int i = 0;
        while (!events.checkEvent(Event.ID.SequenceEnd)) {
            if (!check) {
                tree.skip();
                continue;
            }
            tree.newBudget();
            YNode item = tree.next();
            String path = "controls[" + i++ + "]";
            positions.clear();
            positions.put(path, item);
            if (!(item instanceof Mapping mapping)) {
                positions.report(path, "must be a control (id, title, description, …), not " + YamlFields.describe(item));
                continue;
            }
            Entry entry = control(new YamlFields(mapping, path, "a control", ControlsFile.CONTROL_FIELDS, CONTROL_HINTS,
                    positions), item.line(), seen);
            if (entry != null) {
                entries.add(entry);
            }
        }
        events.getEvent();
        tree.newBudget();
        return new Sequence(List.of(), false, start.getStartMark().getLine() + 1, start.getStartMark().getColumn() + 1);
    }

    private Entry control(YamlFields fields, int line, Map<String, Integer> seen) {
        int before = problems.total();
        ControlRules.Errors errors = positions::report;
        String ref = rules.ref(errors, fields.child("id"), fields.text("id"));
        if (ref != null) {
            Integer first = seen.putIfAbsent(ref, line);
            if (first != null) {
                positions.report(fields.child("id"), ref + " appears twice: this control and the one at line " + first
                        + " have the same id");
            }
        }
        String title = rules.text(errors, fields.child("title"), fields.text("title"), ControlRules.MAX_TITLE, true);
        String description = rules.text(errors, fields.child("description"), fields.text("description"),
                ControlRules.MAX_DESCRIPTION, true);
        String domain = rules.domain(errors, fields.child("domain"), fields.text("domain"));
        ControlType type = rules.choice(errors, fields.child("type"), fields.text("type"), ControlType.class, true);
        ControlNature nature = rules.choice(errors, fields.child("nature"), fields.text("nature"), ControlNature.class, true);
        ControlFrequency frequency = rules.choice(errors, fields.child("frequency"), fields.text("frequency"),
                ControlFrequency.class, true);
        UUID owner = owner(errors, fields);
        String ownerRole = rules.text(errors, fields.child("ownerRole"), fields.text("ownerRole"), ControlRules.MAX_SHORT,
                false);
        AuditTest test = test(errors, fields);
        List<String> evidence = rules.evidence(errors, fields.child("evidence"), fields.texts("evidence"));
        List<String> criteria = rules.criteria(errors, fields.child("criteria"), fields.texts("criteria"),
                ref == null ? Set.of() : keptMappings.getOrDefault(ref, Set.of()));
        Boolean applicable = fields.bool("applicable", true);
        String reason = rules.notApplicableReason(errors, fields.child("notApplicableReason"),
                applicable == null || applicable, fields.text("notApplicableReason"));
        Control.Source source = source(fields);
        if (problems.total() > before) {
            return null;
        }
        return new Entry(new ControlDefinition(ref, title, description, domain, type, nature, frequency, owner, ownerRole,
                test, evidence, criteria, applicable, reason), source, line);
    }

    /** Owners are written as a member's email; nobody may own a control they audit. */
    private UUID owner(ControlRules.Errors errors, YamlFields fields) {
        String email = fields.text("owner");
        if (email == null || email.isBlank()) {
            return null;
        }
        MemberSummary member = rules.owner(errors, fields.child("owner"), rules.memberByEmail(email), email.strip());
        return member == null ? null : member.userId();
    }

    private AuditTest test(ControlRules.Errors errors, YamlFields fields) {
        if (!fields.has("test")) {
            errors.add(fields.child("test"), "is required: the method (" + ControlRules.allowed(TestMethod.class)
                    + ") and a one-line procedure");
            return null;
        }
        YamlFields test = fields.mapping("test", ControlsFile.TEST_FIELDS);
        if (test == null) {
            return null;
        }
        TestMethod method = rules.choice(errors, test.child("method"), test.text("method"), TestMethod.class, true);
        String procedure = rules.text(errors, test.child("procedure"), test.text("procedure"), ControlRules.MAX_PROCEDURE,
                true);
        return method == null || procedure == null ? null : new AuditTest(method, procedure);
    }

    /** Provenance, kept for new controls; an existing control keeps its own. */
    private Control.Source source(YamlFields fields) {
        String text = fields.text("source");
        if (text == null || text.isBlank()) {
            return null;
        }
        Control.Source source = ControlsFile.parseSource(text.strip());
        if (source == null) {
            positions.report(fields.child("source"), "'" + text + "' is not a source: write library/control@version, "
                    + "such as evident-library/AC-01@2026.1");
            return null;
        }
        if (source.library().length() > 64 || source.controlId().length() > 32
                || (source.version() != null && source.version().length() > 32)) {
            positions.report(fields.child("source"), "is too long: at most 64 characters for the library, 32 for the "
                    + "control and 32 for the version");
            return null;
        }
        return source;
    }
}
