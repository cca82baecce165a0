package dev.evident.control.internal;

import static dev.evident.control.internal.ControlsYamlFixtures.MAYA;
import static dev.evident.control.internal.ControlsYamlFixtures.control;
import static dev.evident.control.internal.ControlsYamlFixtures.read;
import static dev.evident.control.internal.ControlsYamlFixtures.stored;
import static dev.evident.control.internal.ControlsYamlFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.catalog.AuditTest;
import dev.evident.catalog.TestMethod;
import dev.evident.control.Control;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The export format: deterministic, and export → import → export gives the same bytes, whatever the text. */
class ControlsYamlWriterTest {

    /** Text that YAML would misread, split or mangle if written carelessly. */
    static final List<String> TRICKY = List.of(
            "Access: reviewed quarterly", "key:value", "ends with a colon:", "\"double quoted\" at the start",
            "'single quoted' at the start", "it's fine", "- a leading dash", "-1", "--- not a document",
            "... nor an end", "#1 priority", "a # not a comment", "a#b", "2026.1", "2026.10", "1e3", "0x1F", "0o17",
            "1_000", "12:30", ".5", ".inf", ".NaN", "yes", "no", "Yes", "NO", "on", "off", "true", "False", "null",
            "Null", "~", "2026-01-31", "2026-01-31T10:00:00Z", "<<", "=", "@handle", "`tick`", "%percent", "!bang",
            "&anchor", "*alias", "|pipe", ">folded", "[bracketed]", "{braced}", "a, b, c", "? question", "x ? y",
            "Ünïcödé façade — “quotes” and emoji 😀", "漢字とかな", "right-to-left עברית", "back\\slash",
            "tab\tinside", "a bell \u0007 inside", "nbsp\u00A0inside", "line\u2028separator", "next\u0085line",
            "zero\u200Bwidth", "bom\uFEFFinside", "C1 \u0090 control", "trailing backslash \\", "{\"json\": true}",
            "https://example.com/path?q=1#frag", "user@example.com", "mixed 'single' and \"double\"");

    static final List<String> MULTI_LINE = List.of(
            "First paragraph: with a colon.\n\nSecond paragraph\n- not a list\n# not a comment\n  indented line\nlast",
            "Line one\nline two with trailing space \nline three",
            "Starts plain\n\ttab-indented line\n\n\nthree blank lines above",
            "quotes \"inside\"\nand 'more'\nand a backslash \\ too",
            "unicode ✓ line\nsecond 😀 line",
            "line\u2028with separator\nsecond",
            "ends here\n---\n...");

    @Test
    void exportThenImportThenExportIsByteIdenticalForTrickyText() {
        List<Control> controls = new ArrayList<>();
        int n = 1;
        for (String text : TRICKY) {
            controls.add(tricky(n++, text, "Plain description."));
        }
        for (String text : MULTI_LINE) {
            controls.add(tricky(n++, "Multi-line " + n, text));
        }
        byte[] first = write(controls);
        List<ControlsYamlReader.Entry> entries = read(first);

        assertThat(entries).hasSize(controls.size());
        List<Control> reimported = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Control before = controls.get(i);
            assertThat(entries.get(i).definition()).as("control %s read back", before.ref())
                    .isEqualTo(ControlDefinition.of(before));
            reimported.add(stored(before, entries.get(i)));
        }
        byte[] second = write(reimported);
        assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void everyTrickyValueReadsBackAsTheSameStringWithAPlainYamlParser() {
        for (String text : TRICKY) {
            String yaml = "value: " + YamlScalars.scalar(text, 2) + "\n";
            Object read = new Yaml(new SafeConstructor(new LoaderOptions())).<java.util.Map<String, Object>>load(yaml).get("value");
            assertThat(read).as(yaml).isEqualTo(text);
        }
        for (String text : MULTI_LINE) {
            String yaml = "value: " + YamlScalars.scalar(text, 2) + "\n";
            Object read = new Yaml(new SafeConstructor(new LoaderOptions())).<java.util.Map<String, Object>>load(yaml).get("value");
            assertThat(read).as(yaml).isEqualTo(text);
        }
    }

    @Test
    void quotingFollowsOneRule() {
        assertThat(YamlScalars.scalar("Security lead", 2)).isEqualTo("Security lead");
        assertThat(YamlScalars.scalar("2026.1", 2)).isEqualTo("\"2026.1\"");
        assertThat(YamlScalars.scalar("yes", 2)).isEqualTo("\"yes\"");
        assertThat(YamlScalars.scalar("null", 2)).isEqualTo("\"null\"");
        assertThat(YamlScalars.scalar("Access: reviewed", 2)).isEqualTo("\"Access: reviewed\"");
        assertThat(YamlScalars.scalar("- item", 2)).isEqualTo("\"- item\"");
        assertThat(YamlScalars.scalar("say \"hi\"\\", 2)).as("quotes inside plain text are fine").isEqualTo("say \"hi\"\\");
        assertThat(YamlScalars.scalar("\"hi\" she said\\", 2)).isEqualTo("\"\\\"hi\\\" she said\\\\\"");
        assertThat(YamlScalars.scalar("a bell \u0007", 2)).isEqualTo("\"a bell \\x07\"");
        assertThat(YamlScalars.scalar("one\ntwo", 4)).isEqualTo("|-\n    one\n    two");
        assertThat(YamlScalars.scalar("one \ntwo", 4)).as("trailing space").isEqualTo("\"one \\ntwo\"");
    }

    @Test
    void exportIsDeterministicSortedAndDocumented() {
        Control ac10 = control("AC-10", "Tenth", "Ten.", List.of("CC6.3", "CC6.1"));
        Control ac2 = withOwner(control("AC-2", "Second", "Two.", List.of("A1.2", "CC6.1")));
        Control ac9 = control("AC-09", "Ninth", "Nine.", List.of("CC6.1"));
        Control na = notApplicable(control("PI-01", "Processing", "Inputs are checked.", List.of("CC6.1")));
        byte[] once = write(List.of(ac10, ac2, ac9, na));
        byte[] again = write(List.of(na, ac9, ac2, ac10));
        assertThat(again).isEqualTo(once);

        String yaml = new String(once, StandardCharsets.UTF_8);
        assertThat(yaml).startsWith("# Evident controls as code").doesNotContain("\r").endsWith("\n");
        assertThat(yaml.indexOf("id: AC-2")).isLessThan(yaml.indexOf("id: AC-09"));
        assertThat(yaml.indexOf("id: AC-09")).isLessThan(yaml.indexOf("id: AC-10"));
        assertThat(yaml).contains("criteria: [CC6.1, CC6.3]").as("framework order").contains("criteria: [CC6.1, A1.2]");
        assertThat(yaml).contains("    owner: maya@brightwave.example\n");
        assertThat(yaml).contains("    frequency: per_event\n").contains("      method: inspection\n");
        assertThat(yaml).contains("    applicable: false\n    notApplicableReason: We process no customer inputs at all.\n");
        assertThat(yaml).doesNotContain("status:").doesNotContain("IMPLEMENTED");
        assertThat(yaml).contains("""
                  - id: AC-2
                    title: Second
                    description: Two.
                    domain: access-control
                    type: preventive
                    nature: automated
                    frequency: per_event
                    owner: maya@brightwave.example
                    ownerRole: Security lead
                    test:
                      method: inspection
                      procedure: Inspect the list.
                    evidence:
                      - A list
                    criteria: [CC6.1, A1.2]
                    applicable: true
                    source: evident-library/AC-02@2026.1
                """);
    }

    @Test
    void anOrganizationWithoutControlsExportsAnEmptyList() {
        String yaml = new String(write(List.of()), StandardCharsets.UTF_8);
        assertThat(yaml).endsWith("format: evident-controls/1\nframework: soc2-2017\ncontrols: []\n");
        assertThat(read(yaml)).isEmpty();
    }

    private static Control tricky(int n, String title, String description) {
        Control c = control("TX-" + n, title, description, List.of("CC6.1"));
        return new Control(c.id(), c.orgId(), c.ref(), c.title(), c.description(), c.domain(), c.type(), c.nature(),
                c.frequency(), MAYA.userId(), title, new AuditTest(TestMethod.OBSERVATION, title), List.of(title, "Second " + n),
                c.criteria(), c.status(), c.statusChangedAt(), c.applicable(), null,
                new Control.Source("evident-library", "AC-01", "2026.1"), c.createdAt(), c.updatedAt(), c.version());
    }

    private static Control withOwner(Control c) {
        return new Control(c.id(), c.orgId(), c.ref(), c.title(), c.description(), c.domain(), c.type(), c.nature(),
                c.frequency(), MAYA.userId(), "Security lead", c.test(), c.evidence(), c.criteria(), c.status(),
                c.statusChangedAt(), c.applicable(), null, new Control.Source("evident-library", "AC-02", "2026.1"),
                c.createdAt(), c.updatedAt(), c.version());
    }

    private static Control notApplicable(Control c) {
        return new Control(c.id(), c.orgId(), c.ref(), c.title(), c.description(), c.domain(), c.type(), c.nature(),
                c.frequency(), null, null, c.test(), c.evidence(), c.criteria(), c.status(), c.statusChangedAt(), false,
                "We process no customer inputs at all.", null, c.createdAt(), c.updatedAt(), c.version());
    }
}
