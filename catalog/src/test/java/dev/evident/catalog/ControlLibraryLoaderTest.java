package dev.evident.catalog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A broken library document must fail with a message naming the file, the control and the field,
 * because the library is edited by hand and is a hundred controls long.
 */
class ControlLibraryLoaderTest {

    private static Catalog catalog;

    @BeforeAll
    static void loadCatalog() {
        catalog = Catalog.loadBuiltIn();
    }

    @Test
    void loadsAnyLibraryFromTheClassPath() {
        ControlLibrary library = ControlLibrary.load(getClass().getClassLoader(), "library/valid.yaml", catalog);

        assertThat(library.controls()).extracting(LibraryControl::id).containsExactly("AC-01", "CM-01");
        assertThat(library.domains()).extracting(ControlDomain::id).containsExactly("access-control", "change-management");
        assertThat(library.controlsFor("CC6.2")).extracting(LibraryControl::id).containsExactly("AC-01");
        assertThat(library.controlsIn("change-management")).extracting(LibraryControl::id).containsExactly("CM-01");
        LibraryControl mfa = library.control("AC-01").orElseThrow();
        assertThat(mfa.type()).isEqualTo(ControlType.PREVENTIVE);
        assertThat(mfa.nature()).isEqualTo(ControlNature.AUTOMATED);
        assertThat(mfa.frequency()).isEqualTo(ControlFrequency.CONTINUOUS);
        assertThat(mfa.test()).isEqualTo(new AuditTest(TestMethod.INSPECTION,
                "Inspect the MFA enforcement setting and a user export."));
        assertThat(mfa.description()).startsWith("Every account").endsWith("without one.");
    }

    @Test
    void duplicateIdNamesBothPositions() {
        ControlLibraryException e = loadBroken("duplicate-id.yaml");

        assertThat(e).hasMessage("library/duplicate-id.yaml: control AC-01: field 'id' repeats the id of control 1 "
                + "in this file; ids must be unique");
        assertLocated(e, "library/duplicate-id.yaml", "AC-01", "id");
    }

    @Test
    void unknownCriterionNamesTheFramework() {
        ControlLibraryException e = loadBroken("unknown-criterion.yaml");

        assertThat(e).hasMessage("library/unknown-criterion.yaml: control CM-01: field 'criteria' names 'CC8.2', "
                + "which is not a criterion of soc2-2017");
        assertLocated(e, "library/unknown-criterion.yaml", "CM-01", "criteria");
    }

    @Test
    void seriesIdIsNotACriterion() {
        ControlLibraryException e = loadBroken("series-criterion.yaml");

        assertThat(e).hasMessageEndingWith("field 'criteria' names 'CC6', which is not a criterion of soc2-2017 "
                + "but a grouping of criteria");
        assertLocated(e, "library/series-criterion.yaml", "AC-01", "criteria");
    }

    @Test
    void misspeltEnumValueListsTheAllowedValues() {
        ControlLibraryException e = loadBroken("bad-enum.yaml");

        assertThat(e).hasMessage("library/bad-enum.yaml: control CM-01: field 'type' has unknown value "
                + "'preventative'; allowed values: preventive, detective, corrective");
        assertLocated(e, "library/bad-enum.yaml", "CM-01", "type");
    }

    @Test
    void nestedFieldIsNamedWithItsPath() {
        ControlLibraryException e = loadBroken("bad-test-method.yaml");

        assertThat(e).hasMessage("library/bad-test-method.yaml: control AC-02: field 'test.method' has unknown value "
                + "'interview'; allowed values: inquiry, observation, inspection, reperformance");
        assertLocated(e, "library/bad-test-method.yaml", "AC-02", "test.method");
    }

    @Test
    void missingFieldIsNamed() {
        ControlLibraryException e = loadBroken("missing-field.yaml");

        assertThat(e).hasMessage("library/missing-field.yaml: control CM-02: missing field 'ownerRole'");
        assertLocated(e, "library/missing-field.yaml", "CM-02", "ownerRole");
    }

    @Test
    void evidenceMustNotBeEmpty() {
        ControlLibraryException e = loadBroken("empty-evidence.yaml");

        assertThat(e).hasMessage("library/empty-evidence.yaml: control AC-01: field 'evidence' must list at least one value");
        assertLocated(e, "library/empty-evidence.yaml", "AC-01", "evidence");
    }

    @Test
    void malformedIdIsLocatedByPosition() {
        ControlLibraryException e = loadBroken("bad-id.yaml");

        assertThat(e).hasMessage("library/bad-id.yaml: control 2: field 'id' must be two or three capital letters, "
                + "a dash and two digits (like AC-01); found 'ac-2'");
        assertLocated(e, "library/bad-id.yaml", null, "id");
    }

    @Test
    void idPrefixMustBelongToTheControlsDomain() {
        ControlLibraryException e = loadBroken("wrong-prefix.yaml");

        assertThat(e).hasMessage("library/wrong-prefix.yaml: control CM-05: field 'domain' is 'access-control', "
                + "whose ids start with AC, not CM");
        assertLocated(e, "library/wrong-prefix.yaml", "CM-05", "domain");
    }

    @Test
    void frameworkMustBeInTheCatalog() {
        ControlLibraryException e = loadBroken("unknown-framework.yaml");

        assertThat(e).hasMessage("library/unknown-framework.yaml: document: unknown framework 'iso-27001'; "
                + "the catalog has: soc2-2017, dc-200");
        assertLocated(e, "library/unknown-framework.yaml", null, "framework");
    }

    @Test
    void missingDocumentIsReported() {
        CatalogException e = catchThrowableOfType(CatalogException.class,
                () -> ControlLibrary.load(getClass().getClassLoader(), "library/absent.yaml", catalog));

        assertThat(e).hasMessage("library/absent.yaml: not found on the class path");
    }

    private static void assertLocated(ControlLibraryException e, String file, String controlId, String field) {
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.controlId()).isEqualTo(controlId);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e).isInstanceOf(CatalogException.class);
    }

    private ControlLibraryException loadBroken(String name) {
        return catchThrowableOfType(ControlLibraryException.class,
                () -> ControlLibrary.load(getClass().getClassLoader(), "library/" + name, catalog));
    }
}
