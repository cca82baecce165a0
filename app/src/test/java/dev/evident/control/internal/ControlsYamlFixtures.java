package dev.evident.control.internal;

import dev.evident.catalog.AuditTest;
import dev.evident.catalog.Catalog;
import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.ControlLibrary;
import dev.evident.catalog.ControlNature;
import dev.evident.catalog.ControlType;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.catalog.TestMethod;
import dev.evident.control.Control;
import dev.evident.control.ControlStatus;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** An organization's rules (Security and Availability in scope, two members) and controls for reader/writer tests. */
final class ControlsYamlFixtures {

    static final FrameworkIndex SOC2 = Catalog.loadBuiltIn().index("soc2-2017").orElseThrow();
    static final ControlLibrary LIBRARY = ControlLibrary.loadBuiltIn();
    static final UUID ORG = UUID.fromString("01900000-0000-7000-8000-000000000001");
    static final MemberSummary MAYA = new MemberSummary(UUID.fromString("01900000-0000-7000-8000-0000000000a1"),
            "Maya Chen", "maya@brightwave.example", Role.COMPLIANCE_MANAGER);
    static final MemberSummary AUDREY = new MemberSummary(UUID.fromString("01900000-0000-7000-8000-0000000000a2"),
            "Audrey Auditor", "audrey@audit.example", Role.AUDITOR);
    static final ControlRules RULES = new ControlRules(SOC2, LIBRARY, Set.of("security", "availability"),
            Map.of("privacy", "excluded in 'SOC 2 2027': not offered"), List.of(MAYA, AUDREY));
    static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

    /** A valid file with one control, lines numbered as in the comments of the tests. */
    static final String ONE_CONTROL = """
            format: evident-controls/1
            framework: soc2-2017
            controls:
              - id: AC-01
                title: Single sign-on for every system
                description: Every system is reached through single sign-on.
                domain: access-control
                type: preventive
                nature: automated
                frequency: continuous
                owner: maya@brightwave.example
                ownerRole: Security lead
                test:
                  method: inspection
                  procedure: Inspect the identity provider's application list.
                evidence:
                  - Application list
                criteria: [CC6.1, CC6.2]
                applicable: true
                source: evident-library/AC-01@2026.1
            """;

    private ControlsYamlFixtures() {
    }

    static Control control(String ref, String title, String description, List<String> criteria) {
        return new Control(UUID.nameUUIDFromBytes(ref.getBytes(StandardCharsets.UTF_8)), ORG, ref, title, description,
                "access-control", ControlType.PREVENTIVE, ControlNature.AUTOMATED, ControlFrequency.PER_EVENT, null,
                null, new AuditTest(TestMethod.INSPECTION, "Inspect the list."), List.of("A list"), criteria,
                ControlStatus.IMPLEMENTED, NOW, true, null, null, NOW, NOW, 3);
    }

    /** The control a file entry describes, as the import would store it for an existing control. */
    static Control stored(Control before, ControlsYamlReader.Entry entry) {
        ControlDefinition d = entry.definition();
        return new Control(before.id(), ORG, d.ref(), d.title(), d.description(), d.domain(), d.type(), d.nature(),
                d.frequency(), d.ownerUserId(), d.ownerRole(), d.test(), d.evidence(), d.criteria(), before.status(),
                before.statusChangedAt(), d.applicable(), d.notApplicableReason(),
                before.source() != null ? before.source() : entry.source(), before.createdAt(), before.updatedAt(),
                before.version());
    }

    static byte[] write(List<Control> controls) {
        return ControlsYamlWriter.write(controls, SOC2, Map.of(MAYA.userId(), MAYA.email(), AUDREY.userId(), AUDREY.email()));
    }

    static List<ControlsYamlReader.Entry> read(String yaml) {
        return read(yaml.getBytes(StandardCharsets.UTF_8));
    }

    static List<ControlsYamlReader.Entry> read(byte[] yaml) {
        return ControlsYamlReader.read("controls.yaml", yaml, RULES, Map.of());
    }

    /** The text of a file from a reported position on, to check a problem points at the right token. */
    static String at(String yaml, FieldError error) {
        String line = yaml.split("\n", -1)[error.location().line() - 1];
        return line.substring(line.offsetByCodePoints(0, error.location().column() - 1));
    }

    static String describe(ProblemException e) {
        return e.errors().stream().map(FileProblems::describe).collect(Collectors.joining("\n"));
    }
}
