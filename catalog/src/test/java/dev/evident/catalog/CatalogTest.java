package dev.evident.catalog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogTest {

    private static Catalog catalog;

    @BeforeAll
    static void loadOnce() {
        catalog = Catalog.loadBuiltIn();
    }

    @Test
    void builtInCatalogShipsTscAndDc200() {
        assertThat(catalog.frameworks()).extracting(Framework::id).containsExactly("soc2-2017", "dc-200");
        assertThat(catalog.framework("iso-27001")).isEmpty();
    }

    @Test
    void tscHasSixtyOneCriteriaSplitAcrossTheFiveCategories() {
        Framework tsc = tsc();
        Map<String, Long> perCategory = tsc.leafRequirements().stream()
                .collect(Collectors.groupingBy(Requirement::categoryId, Collectors.counting()));

        assertThat(tsc.leafRequirements()).hasSize(61);
        assertThat(perCategory).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security", 33L, "availability", 3L, "processing-integrity", 5L,
                "confidentiality", 2L, "privacy", 18L));
    }

    @Test
    void tscIdentifiesItselfAndNamesItsCategories() {
        Framework tsc = tsc();

        assertThat(tsc.name()).isEqualTo("AICPA Trust Services Criteria (2017, points of focus revised 2022)");
        assertThat(tsc.version()).isNotBlank();
        assertThat(tsc.categories()).extracting(Category::id).containsExactly(
                "security", "availability", "processing-integrity", "confidentiality", "privacy");
        assertThat(tsc.category("processing-integrity")).map(Category::name).contains("Processing Integrity");
    }

    @Test
    void securityIsTheOnlyCategoryEveryProgramMustInclude() {
        assertThat(tsc().categories()).filteredOn(Category::required).extracting(Category::id).containsExactly("security");
    }

    @Test
    void tscCriteriaAreGroupedBySeries() {
        Framework tsc = tsc();

        assertThat(tsc.requirements()).extracting(Requirement::id).containsExactly(
                "CC1", "CC2", "CC3", "CC4", "CC5", "CC6", "CC7", "CC8", "CC9",
                "A1", "PI1", "C1", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8");
        for (Requirement series : tsc.requirements()) {
            assertThat(series.title()).as(series.id()).isNotBlank();
            assertThat(series.children()).as(series.id()).isNotEmpty().allSatisfy(criterion -> {
                assertThat(criterion.id()).startsWith(series.id() + ".");
                assertThat(criterion.categoryId()).isEqualTo(series.categoryId());
                assertThat(criterion.description()).isNotBlank();
                assertThat(criterion.isLeaf()).isTrue();
            });
        }
    }

    @Test
    void everyRequirementIdIsUnique() {
        for (Framework framework : catalog.frameworks()) {
            List<String> ids = framework.allRequirements().stream().map(Requirement::id).toList();
            assertThat(ids).as(framework.id()).doesNotHaveDuplicates();
        }
    }

    @Test
    void findAndParentOfLocateCriteria() {
        Framework tsc = tsc();

        Requirement cc61 = tsc.find("CC6.1").orElseThrow();
        assertThat(cc61.label()).startsWith("Logical access security architecture");
        assertThat(tsc.parentOf("CC6.1")).map(Requirement::id).contains("CC6");
        assertThat(tsc.parentOf("CC6")).isEmpty();
        assertThat(tsc.find("CC10.1")).isEmpty();
        assertThat(tsc.find("P6.7")).map(Requirement::categoryId).contains("privacy");
    }

    @Test
    void dc200ListsTheNineDescriptionCriteria() {
        Framework dc200 = catalog.framework("dc-200").orElseThrow();

        assertThat(dc200.leafRequirements()).extracting(Requirement::id)
                .containsExactly("DC1", "DC2", "DC3", "DC4", "DC5", "DC6", "DC7", "DC8", "DC9");
        assertThat(dc200.categories()).isEmpty();
        assertThat(dc200.find("DC7")).map(Requirement::description).hasValueSatisfying(
                d -> assertThat(d).contains("carve-out"));
    }

    @Test
    void modelIsImmutable() {
        Framework tsc = tsc();

        assertThatThrownBy(() -> catalog.frameworks().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tsc.requirements().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tsc.requirements().get(0).children().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void loadsAnyIndexedCatalogFromTheClassPath() {
        Catalog mini = Catalog.load(getClass().getClassLoader(), "testcatalog/index.txt");

        Framework framework = mini.framework("mini").orElseThrow();
        Map<String, Requirement> byId = framework.allRequirements().stream()
                .collect(Collectors.toMap(Requirement::id, Function.identity()));
        assertThat(byId).containsOnlyKeys("M1", "M1.1", "M1.2", "M2");
        assertThat(framework.leafRequirements()).extracting(Requirement::id).containsExactly("M1.1", "M1.2", "M2");
        assertThat(byId.get("M1.2").categoryId()).isNull();
        assertThat(byId.get("M1").label()).isEqualTo("Group");
    }

    @Test
    void missingIndexIsReported() {
        assertThatThrownBy(() -> Catalog.load(getClass().getClassLoader(), "nowhere/index.txt"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("nowhere/index.txt: index not found on the class path");
    }

    @Test
    void indexedFileThatDoesNotExistIsReported() {
        assertThatThrownBy(() -> Catalog.load(getClass().getClassLoader(), "testcatalog/missing/index.txt"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("testcatalog/missing/absent.yaml but not on the class path");
    }

    @Test
    void twoDocumentsWithTheSameFrameworkIdAreRejected() {
        assertThatThrownBy(() -> Catalog.load(getClass().getClassLoader(), "testcatalog/dupes/index.txt"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("testcatalog/dupes/mini-again.yaml: framework id 'mini' is already used by "
                        + "testcatalog/dupes/mini.yaml");
    }

    private static Framework tsc() {
        return catalog.framework("soc2-2017").orElseThrow();
    }
}
