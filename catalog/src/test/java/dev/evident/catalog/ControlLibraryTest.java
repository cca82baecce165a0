package dev.evident.catalog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in library must be complete enough to carry a SOC 2 program on its own. */
class ControlLibraryTest {

    /** The key control domains of every SOC 2 program, in the order the library declares them. */
    private static final List<String> KEY_DOMAINS = List.of("governance-risk", "access-control",
            "change-management", "incident-response", "vendor-risk", "logging-monitoring",
            "business-continuity", "security-awareness");

    private static ControlLibrary library;
    private static Framework soc2;

    @BeforeAll
    static void loadOnce() {
        library = ControlLibrary.loadBuiltIn();
        soc2 = Catalog.loadBuiltIn().framework("soc2-2017").orElseThrow();
    }

    @Test
    void everySoc2CriterionIsMetByAtLeastOneLibraryControl() {
        List<String> criteria = soc2.leafRequirements().stream().map(Requirement::id).toList();
        List<String> uncovered = criteria.stream().filter(id -> library.controlsFor(id).isEmpty()).toList();

        assertThat(criteria).hasSize(61);
        assertThat(uncovered).as("soc2-2017 criteria that no library control maps to").isEmpty();
    }

    @Test
    void libraryMapsToSoc2AndHoldsAtLeastNinetyFiveControls() {
        assertThat(library.frameworkId()).isEqualTo("soc2-2017");
        assertThat(library.id()).isEqualTo("evident-library");
        assertThat(library.controls()).hasSizeGreaterThanOrEqualTo(95);
    }

    @Test
    void idsAreUniqueAndSortedInTheFile() {
        List<String> ids = library.controls().stream().map(LibraryControl::id).toList();

        assertThat(ids).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void eachKeyDomainHasAtLeastFiveControls() {
        Map<String, Long> perDomain = library.controls().stream()
                .collect(Collectors.groupingBy(LibraryControl::domain, Collectors.counting()));
        Map<String, Long> thin = KEY_DOMAINS.stream()
                .filter(domain -> perDomain.getOrDefault(domain, 0L) < 5)
                .collect(Collectors.toMap(Function.identity(), domain -> perDomain.getOrDefault(domain, 0L)));

        assertThat(thin).as("key domains with fewer than five controls").isEmpty();
    }

    @Test
    void keyDomainsComeFirstAndEveryDeclaredDomainHasControls() {
        List<String> domainIds = library.domains().stream().map(ControlDomain::id).toList();

        assertThat(domainIds).startsWith(KEY_DOMAINS.toArray(String[]::new))
                .contains("privacy", "processing-integrity", "data-protection");
        assertThat(domainIds).allSatisfy(domain -> assertThat(library.controlsIn(domain)).as(domain).isNotEmpty());
    }

    @Test
    void findsControlsByIdAndByCriterion() {
        LibraryControl review = library.control("CM-03").orElseThrow();

        assertThat(review.domain()).isEqualTo("change-management");
        assertThat(review.criteria()).containsExactly("CC8.1");
        assertThat(review.test().method()).isEqualTo(TestMethod.REPERFORMANCE);
        assertThat(library.controlsFor("CC8.1")).extracting(LibraryControl::id).contains("CM-02", "CM-03");
        assertThat(library.control("XX-99")).isEmpty();
        assertThat(library.controlsFor("CC6")).as("series are not mapped, their criteria are").isEmpty();
    }

    @Test
    void typicalControlsMapWhereAnAuditorExpectsThem() {
        assertThat(criteriaOf("AC-02")).as("MFA").contains("CC6.1", "CC6.2", "CC6.3");
        assertThat(criteriaOf("AC-06")).as("access reviews").contains("CC6.2", "CC6.3");
        assertThat(criteriaOf("BC-03")).as("backups").contains("A1.2");
        assertThat(criteriaOf("BC-04")).as("restore tests").contains("A1.3");
        assertThat(criteriaOf("GV-03")).as("board oversight").contains("CC1.2");
        assertThat(criteriaOf("RM-03")).as("fraud risk").contains("CC3.3");
        assertThat(criteriaOf("OS-01")).as("vulnerability scanning").contains("CC7.1");
        assertThat(criteriaOf("DP-06")).as("deletion at contract end").contains("C1.2", "P4.3");
        assertThat(library.controlsFor("CC9.2")).extracting(LibraryControl::domain).containsOnly("vendor-risk");
    }

    @Test
    void everyControlNamesAnOwnerATestAndEvidence() {
        assertThat(library.controls()).allSatisfy(control -> {
            assertThat(control.ownerRole()).as(control.id()).isNotBlank();
            assertThat(control.test().procedure()).as(control.id()).isNotBlank();
            assertThat(control.evidence()).as(control.id()).hasSizeBetween(1, 4);
            assertThat(prefixesOf(control.domain())).as(control.id()).contains(control.id().substring(0, control.id().indexOf('-')));
        });
    }

    @Test
    void enumValuesUseTheYamlSpelling() {
        assertThat(ControlFrequency.PER_EVENT.value()).isEqualTo("per_event");
        assertThat(ControlType.DETECTIVE.value()).isEqualTo("detective");
        assertThat(ControlNature.HYBRID.value()).isEqualTo("hybrid");
        assertThat(TestMethod.REPERFORMANCE.value()).isEqualTo("reperformance");
    }

    @Test
    void modelIsImmutable() {
        LibraryControl control = library.controls().get(0);

        assertThatThrownBy(() -> library.controls().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> library.domains().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> control.criteria().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> control.evidence().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<String> criteriaOf(String controlId) {
        return library.control(controlId).orElseThrow().criteria();
    }

    private static List<String> prefixesOf(String domainId) {
        return library.domains().stream().filter(d -> d.id().equals(domainId)).findFirst().orElseThrow()
                .idPrefixes();
    }
}
