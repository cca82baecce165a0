package dev.evident.control.internal;

import static dev.evident.control.internal.ControlsYamlFixtures.AUDREY;
import static dev.evident.control.internal.ControlsYamlFixtures.MAYA;
import static dev.evident.control.internal.ControlsYamlFixtures.ONE_CONTROL;
import static dev.evident.control.internal.ControlsYamlFixtures.RULES;
import static dev.evident.control.internal.ControlsYamlFixtures.at;
import static dev.evident.control.internal.ControlsYamlFixtures.describe;
import static dev.evident.control.internal.ControlsYamlFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.catalog.ControlFrequency;
import dev.evident.control.Control;
import dev.evident.control.internal.FileProblems.ControlsFileException;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading a controls file: every kind of mistake is reported with its file, line, column and field. */
class ControlsYamlReaderTest {

    private static ProblemException problems(String yaml) {
        return problems(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static ProblemException problems(byte[] yaml) {
        try {
            read(yaml);
        } catch (ProblemException e) {
            assertThat(e).isInstanceOf(ControlsFileException.class);
            assertThat(e.errors()).allSatisfy(error -> assertThat(error.location().file()).isEqualTo("controls.yaml"));
            return e;
        }
        throw new AssertionError("the file was accepted");
    }

    /** The only problem of a file that has exactly one. */
    private static FieldError only(String yaml) {
        ProblemException e = problems(yaml);
        assertThat(e.errors()).as(describe(e)).hasSize(1);
        return e.errors().get(0);
    }

    private static String replace(String line, String with) {
        assertThat(ONE_CONTROL).contains(line);
        return ONE_CONTROL.replace(line, with);
    }

    private static void assertAt(FieldError error, int line, int column) {
        assertThat(error.location().line()).as(FileProblems.describe(error)).isEqualTo(line);
        assertThat(error.location().column()).as(FileProblems.describe(error)).isEqualTo(column);
    }

    @Test
    void aValidFileGivesTheCheckedDefinitions() {
        List<ControlsYamlReader.Entry> entries = read(ONE_CONTROL);
        assertThat(entries).hasSize(1);
        ControlDefinition d = entries.get(0).definition();
        assertThat(d.ref()).isEqualTo("AC-01");
        assertThat(d.ownerUserId()).isEqualTo(MAYA.userId());
        assertThat(d.criteria()).containsExactly("CC6.1", "CC6.2");
        assertThat(d.applicable()).isTrue();
        assertThat(entries.get(0).source()).isEqualTo(new Control.Source("evident-library", "AC-01", "2026.1"));
        assertThat(entries.get(0).line()).isEqualTo(4);
    }

    @Test
    void enumsAreAcceptedInAnyCaseAndCriteriaComeBackInFrameworkOrder() {
        String yaml = replace("frequency: continuous", "frequency: Per-Event").replace("[CC6.1, CC6.2]", "[CC6.2, CC6.1]")
                .replace("method: inspection", "method: INSPECTION");
        ControlDefinition d = read(yaml).get(0).definition();
        assertThat(d.frequency()).isEqualTo(ControlFrequency.PER_EVENT);
        assertThat(d.criteria()).containsExactly("CC6.1", "CC6.2");
    }

    @Test
    void unknownCriterionIsNamedAtItsPositionInTheList() {
        FieldError error = only(replace("criteria: [CC6.1, CC6.2]", "criteria: [CC6.1, CC9.9]"));
        assertThat(error.field()).isEqualTo("controls[0].criteria[1]");
        assertThat(error.message()).isEqualTo("'CC9.9' is not a criterion of soc2-2017");
        assertAt(error, 18, 23);
        assertThat(at(ONE_CONTROL.replace("CC6.2]", "CC9.9]"), error)).startsWith("CC9.9");

        FieldError lowerCase = only(replace("criteria: [CC6.1, CC6.2]", "criteria:\n      - CC6.1\n      - cc6.2"));
        assertThat(lowerCase.message()).contains("did you mean CC6.2?");
        assertAt(lowerCase, 20, 9);
    }

    @Test
    void criterionOfACategoryNoProgramIncludesIsRefusedUnlessTheControlAlreadyHadIt() {
        String yaml = replace("criteria: [CC6.1, CC6.2]", "criteria: [CC6.1, P4.1]");
        FieldError error = only(yaml);
        assertThat(error.field()).isEqualTo("controls[0].criteria[1]");
        assertThat(error.message()).contains("P4.1 belongs to Privacy, which no program of this organization includes")
                .contains("excluded in 'SOC 2 2027'");
        assertAt(error, 18, 23);

        List<ControlsYamlReader.Entry> kept = ControlsYamlReader.read("controls.yaml", yaml.getBytes(StandardCharsets.UTF_8),
                RULES, Map.of("AC-01", Set.of("P4.1")));
        assertThat(kept.get(0).definition().criteria()).containsExactly("CC6.1", "P4.1");
    }

    @Test
    void duplicateControlIdNamesBothLines() {
        String second = ONE_CONTROL.substring(ONE_CONTROL.indexOf("  - id: AC-01"));
        FieldError error = only(ONE_CONTROL + second);
        assertThat(error.field()).isEqualTo("controls[1].id");
        assertThat(error.message()).isEqualTo("AC-01 appears twice: this control and the one at line 4 have the same id");
        assertAt(error, 21, 9);
    }

    @Test
    void missingRequiredFieldIsReportedAtItsControl() {
        FieldError error = only(replace("    title: Single sign-on for every system\n", ""));
        assertThat(error.field()).isEqualTo("controls[0].title");
        assertThat(error.message()).isEqualTo("is required");
        assertAt(error, 4, 5);

        FieldError test = only(replace("    test:\n      method: inspection\n      procedure: Inspect the identity provider's "
                + "application list.\n", ""));
        assertThat(test.field()).isEqualTo("controls[0].test");
        assertThat(test.message()).contains("is required").contains("inquiry, observation, inspection, reperformance");
    }

    @Test
    void wrongEnumValueListsTheAllowedValues() {
        FieldError error = only(replace("frequency: continuous", "frequency: fortnightly"));
        assertThat(error.field()).isEqualTo("controls[0].frequency");
        assertThat(error.message()).isEqualTo("'fortnightly' is not allowed; one of continuous, daily, weekly, monthly, "
                + "quarterly, annual, per_event");
        assertAt(error, 10, 16);
    }

    @Test
    void unknownAndMisspeltFieldsAreNamedWithASuggestion() {
        FieldError misspelt = only(replace("ownerRole: Security lead", "ownerRle: Security lead"));
        assertThat(misspelt.field()).isEqualTo("controls[0].ownerRle");
        assertThat(misspelt.message()).startsWith("is not a field of a control; did you mean 'ownerRole'?");
        assertAt(misspelt, 12, 5);

        FieldError status = only(replace("applicable: true", "applicable: true\n    status: implemented"));
        assertThat(status.message()).contains("lifecycle status is not part of the file");

        FieldError top = only(ONE_CONTROL.replace("framework: soc2-2017", "framework: soc2-2017\nframwork: x"));
        assertThat(top.field()).isEqualTo("framwork");
        assertThat(top.message()).contains("did you mean 'framework'?");
        assertAt(top, 3, 1);

        FieldError twice = only(replace("domain: access-control", "domain: access-control\n    domain: access-control"));
        assertThat(twice.message()).isEqualTo("appears twice in a control (first at line 7); keep one");
        assertAt(twice, 8, 5);
    }

    @Test
    void ownerMustBeAMemberAndNotTheAuditor() {
        FieldError stranger = only(replace("owner: maya@brightwave.example", "owner: ghost@elsewhere.example"));
        assertThat(stranger.field()).isEqualTo("controls[0].owner");
        assertThat(stranger.message()).isEqualTo("'ghost@elsewhere.example' is not a member of this organization");
        assertAt(stranger, 11, 12);

        FieldError auditor = only(replace("owner: maya@brightwave.example", "owner: " + AUDREY.email()));
        assertThat(auditor.message()).contains("is an auditor");

        assertThat(read(replace("owner: maya@brightwave.example", "owner: MAYA@Brightwave.example")).get(0).definition()
                .ownerUserId()).as("emails compare without case").isEqualTo(MAYA.userId());
    }

    @Test
    void wrongTypesAreNamed() {
        FieldError mappingForList = only(replace("      - Application list", "      first: Application list"));
        assertThat(mappingForList.field()).isEqualTo("controls[0].evidence");
        assertThat(mappingForList.message()).startsWith("must be a list, not a mapping");
        assertAt(mappingForList, 17, 7);

        FieldError number = only(replace("title: Single sign-on for every system", "title: 2026.1"));
        assertThat(number.field()).isEqualTo("controls[0].title");
        assertThat(number.message()).isEqualTo("'2026.1' is read by YAML as a number, not text; put it in quotes: \"2026.1\"");
        assertAt(number, 5, 12);

        FieldError bool = only(replace("ownerRole: Security lead", "ownerRole: yes"));
        assertThat(bool.message()).contains("true or false");

        FieldError scalarForList = only(replace("criteria: [CC6.1, CC6.2]", "criteria: CC6.1"));
        assertThat(scalarForList.message()).startsWith("must be a list, not 'CC6.1'");

        FieldError textForMapping = only(replace("    test:\n      method: inspection\n      procedure: Inspect the identity "
                + "provider's application list.\n", "    test: inspection\n"));
        assertThat(textForMapping.field()).isEqualTo("controls[0].test");
        assertThat(textForMapping.message()).startsWith("must be a mapping with the fields method, procedure");

        FieldError quotedBoolean = only(replace("applicable: true", "applicable: \"true\""));
        assertThat(quotedBoolean.message()).startsWith("must be true or false (without quotes)");

        FieldError mappingForText = only(replace("title: Single sign-on for every system", "title:\n      en: Single sign-on"));
        assertThat(mappingForText.message()).startsWith("must be text, not a mapping");
    }

    @Test
    void notApplicableNeedsAReason() {
        FieldError error = only(replace("applicable: true", "applicable: false"));
        assertThat(error.field()).isEqualTo("controls[0].notApplicableReason");
        assertThat(error.message()).startsWith("is required when a control is not applicable");

        ControlDefinition d = read(replace("applicable: true", "applicable: false\n    notApplicableReason: We have no "
                + "offices, so there is nothing to badge into.")).get(0).definition();
        assertThat(d.applicable()).isFalse();
        assertThat(d.notApplicableReason()).startsWith("We have no offices");
    }

    @Test
    void unknownFormatOrFrameworkStopsBeforeTheControls() {
        String broken = replace("frequency: continuous", "frequency: fortnightly");
        FieldError format = only(broken.replace("format: evident-controls/1", "format: evident-controls/2"));
        assertThat(format.field()).isEqualTo("format");
        assertThat(format.message()).isEqualTo("'evident-controls/2' is not a format this version of Evident reads; use "
                + "evident-controls/1");
        assertAt(format, 1, 9);

        FieldError framework = only(broken.replace("framework: soc2-2017", "framework: iso-27001"));
        assertThat(framework.message()).contains("controls map to the criteria of soc2-2017");

        ProblemException missing = problems(ONE_CONTROL.replace("format: evident-controls/1\n", ""));
        assertThat(missing.errors().get(0).field()).isEqualTo("format");
        assertThat(missing.errors().get(0).message()).contains("is required");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceInLineOrder() {
        String yaml = replace("criteria: [CC6.1, CC6.2]", "criteria: [CC6.1, CC9.9]")
                .replace("frequency: continuous", "frequency: fortnightly")
                .replace("owner: maya@brightwave.example", "owner: ghost@elsewhere.example");
        ProblemException e = problems(yaml);
        assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactly("controls[0].frequency", "controls[0].owner", "controls[0].criteria[1]");
        assertThat(e.getMessage()).startsWith("controls.yaml has 3 problems; nothing was imported. Line 10, column 16, "
                + "controls[0].frequency: 'fortnightly' is not allowed");
    }

    @Test
    void problemsAreCappedButCounted() {
        StringBuilder yaml = new StringBuilder("format: evident-controls/1\nframework: soc2-2017\ncontrols:\n");
        String control = ONE_CONTROL.substring(ONE_CONTROL.indexOf("  - id: AC-01")).replace("CC6.2]", "CC9.9]");
        for (int i = 1; i <= 300; i++) {
            yaml.append(control.replace("AC-01", "AC-" + i));
        }
        ControlsFileException e = (ControlsFileException) problems(yaml.toString());
        assertThat(e.errors()).hasSize(FileProblems.MAX_REPORTED);
        assertThat(e.total()).isEqualTo(300);
        assertThat(e.getMessage()).startsWith("controls.yaml has 300 problems (the first 200 are listed); nothing was imported.");
    }

    @Test
    void syntaxErrorsAreMalformedWithLineAndColumn() {
        FieldError error = only(replace("title: Single sign-on for every system", "title: Access: reviewed"));
        assertThat(error.message()).startsWith("YAML syntax: mapping values are not allowed here");
        assertAt(error, 5, 18);
        assertThat(problems(replace("title: Single sign-on for every system", "title: Access: reviewed")).type())
                .isEqualTo(ProblemType.MALFORMED_REQUEST);

        FieldError unclosed = only(replace("criteria: [CC6.1, CC6.2]", "criteria: [CC6.1, CC6.2"));
        assertThat(unclosed.message()).startsWith("YAML syntax:");
        assertThat(unclosed.location().line()).isGreaterThanOrEqualTo(18);

        FieldError badIndent = only(replace("    domain: access-control", "   domain: access-control"));
        assertThat(badIndent.message()).startsWith("YAML syntax:");
        assertThat(badIndent.location().line()).isEqualTo(7);
    }

    @Test
    void anchorsAliasesAndTagsAreRefused() {
        String laughs = """
                format: evident-controls/1
                framework: soc2-2017
                a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
                controls: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
                """;
        FieldError bomb = only(laughs);
        assertThat(bomb.message()).startsWith("defines an anchor (&a); anchors and aliases are not allowed");
        assertAt(bomb, 3, 4);
        assertThat(problems(laughs).type()).isEqualTo(ProblemType.MALFORMED_REQUEST);

        FieldError alias = only(replace("ownerRole: Security lead", "ownerRole: *role"));
        assertThat(alias.message()).startsWith("uses an alias (*role)");
        assertAt(alias, 12, 16);

        FieldError javaObject = only(replace("title: Single sign-on for every system",
                "title: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]"));
        assertThat(javaObject.message()).startsWith("has the tag tag:yaml.org,2002:javax.script.ScriptEngineManager; tags "
                + "are not allowed");
        assertAt(javaObject, 5, 12);

        FieldError forcedString = only(replace("title: Single sign-on for every system", "title: !!str 2026.1"));
        assertThat(forcedString.message()).contains("put text YAML would read otherwise in quotes");
    }

    @Test
    void deepNestingIsRefusedAtTheLevelThatIsTooDeep() {
        FieldError error = only(replace("title: Single sign-on for every system", "title: [[[[[[[[[[[[1]]]]]]]]]]]]"));
        assertThat(error.message()).contains("more than " + SafeYamlParser.MAX_DEPTH + " levels deep");
        assertThat(error.location().line()).isEqualTo(5);
    }

    @Test
    void collectionsAreCappedSoTinyValuesCannotFloodMemory() {
        String many = "evidence:\n" + "      - item\n".repeat(YamlTree.MAX_ITEMS + 5);
        FieldError error = only(replace("evidence:\n      - Application list", many.stripTrailing()));
        assertThat(error.field()).isEqualTo("controls[0].evidence");
        assertThat(error.message()).isEqualTo("is too large: " + YamlTree.LIMITS);

        String nested = "evidence:\n" + ("      - [" + "a, ".repeat(99) + "a]\n").repeat(200);
        ProblemException budget = problems(replace("evidence:\n      - Application list", nested.stripTrailing()));
        assertThat(budget.errors()).as("200 lists of 100 values: few items, too many values")
                .anySatisfy(e -> {
                    assertThat(e.field()).isEqualTo("controls[0].evidence");
                    assertThat(e.message()).startsWith("is too large");
                });
    }

    @Test
    void bytesThatAreNotUtf8OrCharactersYamlForbidsAreLocated() {
        byte[] latin1 = replace("title: Single sign-on for every system", "title: Caf\u00e9 access")
                .getBytes(StandardCharsets.ISO_8859_1);
        FieldError encoding = problems(latin1).errors().get(0);
        assertThat(encoding.message()).startsWith("is not UTF-8 text");
        assertAt(encoding, 5, 15);

        FieldError bell = only(replace("title: Single sign-on for every system", "title: Ring \u0007 the bell"));
        assertThat(bell.message()).startsWith("contains the character U+0007, which YAML does not allow");
        assertAt(bell, 5, 17);

        byte[] withBom = ("\uFEFF" + ONE_CONTROL).getBytes(StandardCharsets.UTF_8);
        assertThat(read(withBom)).as("a byte-order mark is fine").hasSize(1);
    }

    @Test
    void oneDocumentWithAMappingIsExpected() {
        FieldError second = only(ONE_CONTROL + "---\nformat: evident-controls/1\n");
        assertThat(second.message()).contains("second document");
        assertAt(second, 21, 1);

        assertThat(only("").message()).startsWith("is empty");
        assertThat(only("# only a comment\n").message()).startsWith("is empty");
        assertThat(only("- a\n- b\n").message()).startsWith("must be a mapping with format, framework and controls");

        FieldError noControls = only("format: evident-controls/1\nframework: soc2-2017\n");
        assertThat(noControls.field()).isEqualTo("controls");
        assertThat(noControls.message()).contains("controls: []");
        assertThat(read("format: evident-controls/1\nframework: soc2-2017\ncontrols: []\n")).isEmpty();
    }
}
