package dev.evident.control.internal;

import dev.evident.catalog.FrameworkIndex;
import dev.evident.control.Control;
import dev.evident.control.RefOrder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes an organization's controls as a controls-as-code file. The output depends on nothing but
 * the controls: controls in reference order, fields in a fixed order, criteria in framework order,
 * one quoting rule ({@link YamlScalars}), UTF-8 and \n line ends, no date. Exporting twice gives the
 * same bytes, and so does exporting again after importing the file unchanged.
 */
final class ControlsYamlWriter {

    static final String HEADER = """
            # Evident controls as code: the organization's control definitions and the criteria they meet.
            # Edit this file, then import it in Evident (Controls, Import) or with POST /api/v1/controls/import;
            # a dry run shows what would change. Lifecycle status is not part of the file: importing never
            # changes it. Format reference: docs/controls-as-code.md
            """;

    private final FrameworkIndex framework;
    private final Map<UUID, String> ownerEmails;
    private final StringBuilder out = new StringBuilder();

    private ControlsYamlWriter(FrameworkIndex framework, Map<UUID, String> ownerEmails) {
        this.framework = framework;
        this.ownerEmails = ownerEmails;
    }

    /** @param ownerEmails member user id → email, to write owners as people recognise them */
    static byte[] write(List<Control> controls, FrameworkIndex framework, Map<UUID, String> ownerEmails) {
        return new ControlsYamlWriter(framework, ownerEmails).document(controls).getBytes(StandardCharsets.UTF_8);
    }

    private String document(List<Control> controls) {
        out.append(HEADER);
        out.append("format: ").append(ControlsFile.FORMAT).append('\n');
        out.append("framework: ").append(YamlScalars.scalar(framework.framework().id(), 2)).append('\n');
        if (controls.isEmpty()) {
            out.append("controls: []\n");
            return out.toString();
        }
        out.append("controls:\n");
        controls.stream().sorted(Comparator.comparing(Control::ref, RefOrder.INSTANCE)).forEach(this::control);
        return out.toString();
    }

    private void control(Control c) {
        out.append("  - id: ").append(YamlScalars.scalar(c.ref(), 6)).append('\n');
        field(4, "title", c.title());
        field(4, "description", c.description());
        field(4, "domain", c.domain());
        field(4, "type", ControlRules.spelling(c.type()));
        field(4, "nature", ControlRules.spelling(c.nature()));
        field(4, "frequency", ControlRules.spelling(c.frequency()));
        if (c.ownerUserId() != null) {
            field(4, "owner", ownerEmails.getOrDefault(c.ownerUserId(), c.ownerUserId().toString()));
        }
        if (c.ownerRole() != null) {
            field(4, "ownerRole", c.ownerRole());
        }
        out.append("    test:\n");
        field(6, "method", ControlRules.spelling(c.test().method()));
        field(6, "procedure", c.test().procedure());
        list(4, "evidence", c.evidence());
        criteria(c.criteria());
        out.append("    applicable: ").append(c.applicable()).append('\n');
        if (!c.applicable() && c.notApplicableReason() != null) {
            field(4, "notApplicableReason", c.notApplicableReason());
        }
        if (c.source() != null) {
            field(4, "source", ControlsFile.source(c.source()));
        }
    }

    private void field(int indent, String key, String value) {
        out.append(" ".repeat(indent)).append(key).append(": ").append(YamlScalars.scalar(value, indent + 2)).append('\n');
    }

    private void list(int indent, String key, List<String> values) {
        String pad = " ".repeat(indent);
        if (values.isEmpty()) {
            out.append(pad).append(key).append(": []\n");
            return;
        }
        out.append(pad).append(key).append(":\n");
        for (String value : values) {
            out.append(pad).append("  - ").append(YamlScalars.scalar(value, indent + 4)).append('\n');
        }
    }

    /** On one line, [CC6.1, CC6.2], in framework order; ids that are not simple tokens fall back to a list. */
    private void criteria(List<String> criteria) {
        List<String> ordered = criteria.stream().sorted(Comparator.comparingInt(framework::position)
                .thenComparing(Comparator.naturalOrder())).toList();
        if (!ordered.stream().allMatch(YamlScalars::isFlowToken)) {
            list(4, "criteria", ordered);
            return;
        }
        out.append("    criteria: [").append(String.join(", ", ordered)).append("]\n");
    }
}
