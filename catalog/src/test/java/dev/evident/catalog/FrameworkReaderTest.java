package dev.evident.catalog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Malformed framework documents must fail with a message that leads the author to the mistake. */
class FrameworkReaderTest {

    @Test
    void missingFrameworkFieldIsNamed() {
        CatalogException e = readBroken("missing-name.yaml");

        assertThat(e).hasMessage("malformed/missing-name.yaml: document: missing field 'name'");
        assertThat(e.file()).isEqualTo("malformed/missing-name.yaml");
        assertThat(e.requirementId()).isNull();
    }

    @Test
    void unknownCategoryNamesTheRequirementAndTheDeclaredCategories() {
        CatalogException e = readBroken("unknown-category.yaml");

        assertThat(e).hasMessage("malformed/unknown-category.yaml: requirement S1.1: unknown category "
                + "'securty'; declared categories: security");
        assertThat(e.requirementId()).isEqualTo("S1.1");
    }

    @Test
    void duplicateRequirementIdIsRejectedEvenInAnotherBranch() {
        CatalogException e = readBroken("duplicate-id.yaml");

        assertThat(e).hasMessage("malformed/duplicate-id.yaml: requirement S1.1: duplicate requirement id");
    }

    @Test
    void requirementWithoutIdIsLocatedByPosition() {
        assertThat(readBroken("missing-requirement-id.yaml"))
                .hasMessage("malformed/missing-requirement-id.yaml: requirement 2 under S1: missing field 'id'");
    }

    @Test
    void misspeltFieldIsRejectedRatherThanIgnored() {
        assertThat(readBroken("unknown-field.yaml")).hasMessageStartingWith(
                "malformed/unknown-field.yaml: requirement R1: unknown field 'descripton'; allowed fields: "
                        + "category, children, description, id, title");
    }

    @Test
    void unquotedNumericIdMustBeQuoted() {
        assertThat(readBroken("unquoted-number.yaml")).hasMessage("malformed/unquoted-number.yaml: "
                + "requirement 1 at top level: field 'id' must be text, found double 1.1; quote the value");
    }

    @Test
    void requirementNeedsSomeText() {
        assertThat(readBroken("no-text.yaml"))
                .hasMessage("malformed/no-text.yaml: requirement R1: needs a 'title' or a 'description'");
    }

    @Test
    void duplicateYamlKeysAreRejected() {
        assertThat(readBroken("duplicate-key.yaml"))
                .hasMessageStartingWith("malformed/duplicate-key.yaml: not valid YAML:")
                .hasMessageContaining("duplicate key name");
    }

    @Test
    void syntaxErrorsAreWrapped() {
        assertThat(readBroken("invalid-yaml.yaml")).hasMessageStartingWith("malformed/invalid-yaml.yaml: not valid YAML:");
    }

    @Test
    void documentMustBeAMapping() {
        assertThat(readBroken("not-a-mapping.yaml")).hasMessage(
                "malformed/not-a-mapping.yaml: document: expected a mapping of fields, found a list");
    }

    @Test
    void yamlTagsCannotInstantiateJavaClasses() {
        assertThat(readBroken("java-object.yaml")).hasMessageStartingWith("malformed/java-object.yaml: not valid YAML:");
    }

    private CatalogException readBroken(String name) {
        String resource = "malformed/" + name;
        return catchThrowableOfType(CatalogException.class, () -> {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                FrameworkReader.read(resource, in);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
