package dev.evident.readiness.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.catalog.AuditTest;
import dev.evident.catalog.Catalog;
import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.ControlNature;
import dev.evident.catalog.ControlType;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.catalog.TestMethod;
import dev.evident.control.Control;
import dev.evident.control.ControlStatus;
import dev.evident.program.Program;
import dev.evident.program.Program.CategoryScope;
import dev.evident.program.Program.NotRelevantCriterion;
import dev.evident.program.ReportType;
import dev.evident.program.SystemDescription;
import dev.evident.readiness.Readiness;
import dev.evident.readiness.Readiness.RemediationItem;
import dev.evident.readiness.Readiness.RemediationKind;
import dev.evident.readiness.ReportVerdict;
import dev.evident.readiness.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReadinessCalculatorTest {

    static final FrameworkIndex TSC = Catalog.loadBuiltIn().index("soc2-2017").orElseThrow();
    static final UUID ORG = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID GONE = UUID.randomUUID();
    static final Map<UUID, String> MEMBERS = Map.of(ALICE, "Alice");
    static final ReportVerdict NOT_ASSESSED = new ReportVerdict(ReportVerdict.Status.NOT_ASSESSED, "later");
    static final Instant NOW = Instant.parse("2027-02-01T10:00:00Z");

    static Program program(ReportType type, List<String> included, List<NotRelevantCriterion> notRelevant) {
        List<CategoryScope> categories = new ArrayList<>();
        for (String id : List.of("security", "availability", "processing-integrity", "confidentiality", "privacy")) {
            boolean in = id.equals("security") || included.contains(id);
            categories.add(new CategoryScope(id, in, in ? null : "not in our commitments"));
        }
        return new Program(UUID.randomUUID(), ORG, "P", "soc2-2017", type,
                type == ReportType.TYPE_1 ? LocalDate.of(2027, 3, 31) : null,
                type == ReportType.TYPE_2 ? LocalDate.of(2027, 1, 1) : null,
                type == ReportType.TYPE_2 ? LocalDate.of(2027, 12, 31) : null, categories, notRelevant,
                SystemDescription.empty(), NOW, NOW, 0);
    }

    static Control control(String ref, ControlStatus status, UUID owner, boolean applicable, String... criteria) {
        return new Control(UUID.randomUUID(), ORG, ref, ref + " title", "d", "access-control", ControlType.PREVENTIVE,
                ControlNature.MANUAL, ControlFrequency.QUARTERLY, owner, null,
                new AuditTest(TestMethod.INSPECTION, "look"), List.of("e"), List.of(criteria), status, NOW, applicable,
                applicable ? null : "does not apply here", null, NOW, NOW, 0);
    }

    static Readiness compute(Program program, Control... controls) {
        return ReadinessCalculator.compute(program, TSC, List.of(controls), MEMBERS, NOT_ASSESSED, NOW);
    }

    static Readiness.CriterionReadiness criterion(Readiness r, String id) {
        return r.criteria().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void criterionIsMetOnlyWhenEveryApplicableMappedControlIsImplementedAndOwned() {
        Program p = program(ReportType.TYPE_2, List.of(), List.of());
        Readiness r = compute(p,
                control("AC-01", ControlStatus.IMPLEMENTED, ALICE, true, "CC6.1"),
                control("AC-02", ControlStatus.DEFINED, ALICE, true, "CC6.1", "CC6.2"),
                control("AC-03", ControlStatus.EVIDENCED, ALICE, true, "CC6.3"),
                control("AC-04", ControlStatus.IMPLEMENTED, GONE, true, "CC6.4"),
                control("AC-05", ControlStatus.DEFINED, null, false, "CC6.5"));
        assertThat(criterion(r, "CC6.1").verdict()).isEqualTo(Verdict.PARTIALLY_MET);
        assertThat(criterion(r, "CC6.1").score()).isEqualTo(0.5);
        assertThat(criterion(r, "CC6.2").verdict()).isEqualTo(Verdict.GAP);
        assertThat(criterion(r, "CC6.3").verdict()).isEqualTo(Verdict.MET);
        assertThat(criterion(r, "CC6.4").verdict()).as("an owner who left counts as no owner").isEqualTo(Verdict.GAP);
        assertThat(criterion(r, "CC6.4").controls().get(0).ownerUserId()).isNull();
        assertThat(criterion(r, "CC6.5").verdict()).as("only a not-applicable control").isEqualTo(Verdict.GAP);
        assertThat(criterion(r, "CC6.5").notApplicable()).hasSize(1);
    }

    @Test
    void scoresAreMeansOfCriterionScoresPerCategoryAndOverall() {
        Program p = program(ReportType.TYPE_2, List.of("confidentiality"), List.of());
        Readiness r = compute(p,
                control("DP-01", ControlStatus.IMPLEMENTED, ALICE, true, "C1.1"),
                control("DP-02", ControlStatus.IMPLEMENTED, ALICE, true, "C1.2"),
                control("AC-01", ControlStatus.IMPLEMENTED, ALICE, true, "CC6.1"),
                control("AC-02", ControlStatus.DEFINED, ALICE, true, "CC6.1"));
        assertThat(r.overall().criteria()).isEqualTo(35);
        var confidentiality = r.categories().stream().filter(c -> c.id().equals("confidentiality")).findFirst().orElseThrow();
        assertThat(confidentiality.score().percent()).isEqualTo(100.0);
        var security = r.categories().stream().filter(c -> c.id().equals("security")).findFirst().orElseThrow();
        assertThat(security.score().basisPoints()).isEqualTo(Math.round(0.5 / 33 * 10_000));
        assertThat(r.overall().basisPoints()).isEqualTo(Math.round(2.5 / 35 * 10_000));
        assertThat(r.overall().met()).isEqualTo(2);
        assertThat(r.overall().partiallyMet()).isEqualTo(1);
        assertThat(r.overall().gap()).isEqualTo(32);
    }

    @Test
    void excludedCategoriesAndCriteriaJudgedNotRelevantDropOut() {
        Program p = program(ReportType.TYPE_2, List.of(), List.of(new NotRelevantCriterion("CC6.4", "cloud only")));
        Readiness r = compute(p, control("PR-01", ControlStatus.DEFINED, null, true, "P1.1", "CC2.3"));
        assertThat(r.overall().criteria()).isEqualTo(32);
        assertThat(r.criteria()).noneMatch(c -> c.id().equals("CC6.4") || c.id().startsWith("P"));
        assertThat(r.notRelevant()).extracting(Readiness.NotRelevant::criterionId).containsExactly("CC6.4");
        assertThat(r.remediation()).filteredOn(i -> "PR-01".equals(i.ref())).singleElement()
                .satisfies(i -> assertThat(i.criteria()).containsExactly("CC2.3"));
    }

    @Test
    void remediationPutsSecurityGapsFirstThenBreadthThenOwnerlessControls() {
        Program p = program(ReportType.TYPE_2, List.of("availability"), List.of());
        List<Control> controls = new ArrayList<>();
        // Meet every Security criterion except CC1.1..CC1.3, so the list stays small and readable.
        for (var leaf : TSC.leaves()) {
            if ("security".equals(leaf.categoryId()) && !List.of("CC1.1", "CC1.2", "CC1.3").contains(leaf.id())) {
                controls.add(control("OK-" + leaf.id().replace('.', '-'), ControlStatus.IMPLEMENTED, ALICE, true, leaf.id()));
            }
        }
        controls.add(control("BC-01", ControlStatus.DEFINED, null, true, "A1.1", "A1.2", "A1.3"));
        controls.add(control("GV-01", ControlStatus.DEFINED, ALICE, true, "CC1.1"));
        controls.add(control("GV-02", ControlStatus.DEFINED, null, true, "CC1.1"));
        controls.add(control("GV-03", ControlStatus.IMPLEMENTED, null, true, "CC1.2", "CC1.3"));
        Readiness r = ReadinessCalculator.compute(p, TSC, controls, MEMBERS, NOT_ASSESSED, NOW);

        List<String> order = r.remediation().stream().map(i -> i.ref() == null ? "map " + i.criteria() : i.ref()).toList();
        assertThat(order).containsExactly("GV-03", "GV-02", "GV-01", "BC-01");
        RemediationItem first = r.remediation().get(0);
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.kind()).isEqualTo(RemediationKind.ASSIGN_OWNER);
        assertThat(first.closesSecurityGap()).isTrue();
        assertThat(r.remediation().get(1).kind()).isEqualTo(RemediationKind.ASSIGN_OWNER_AND_IMPLEMENT);
        assertThat(r.remediation().get(2).kind()).isEqualTo(RemediationKind.IMPLEMENT);
        assertThat(r.remediation().get(3).closesSecurityGap()).isFalse();
        assertThat(r.remediation().get(3).action()).contains("3 criteria (A1.1, A1.2, A1.3)");
    }

    @Test
    void unmappedCriteriaBecomeMapControlItems() {
        Readiness r = compute(program(ReportType.TYPE_2, List.of(), List.of()));
        assertThat(r.remediation()).hasSize(33).allMatch(i -> i.kind() == RemediationKind.MAP_CONTROL && i.closesSecurityGap());
        assertThat(r.remediation().get(0).criteria()).containsExactly("CC1.1");
        assertThat(r.remediation().get(0).action()).contains("No applicable control meets CC1.1");
    }

    @Test
    void typeOneVerdictIsReadyOnlyWhenEveryCriterionIsMetAndTypeTwoDependsOnTheReportType() {
        List<Control> all = TSC.leaves().stream().filter(l -> "security".equals(l.categoryId()))
                .map(l -> control("X-" + l.id().replace('.', '-'), ControlStatus.IMPLEMENTED, ALICE, true, l.id())).toList();
        Readiness typeOne = ReadinessCalculator.compute(program(ReportType.TYPE_1, List.of(), List.of()), TSC, all,
                MEMBERS, null, NOW);
        assertThat(typeOne.typeOne().status()).isEqualTo(ReportVerdict.Status.READY);
        assertThat(typeOne.typeTwo().status()).isEqualTo(ReportVerdict.Status.NOT_APPLICABLE);
        Readiness typeTwo = ReadinessCalculator.compute(program(ReportType.TYPE_2, List.of(), List.of()), TSC,
                all.subList(1, all.size()), MEMBERS, NOT_ASSESSED, NOW);
        assertThat(typeTwo.typeOne().status()).isEqualTo(ReportVerdict.Status.NOT_READY);
        assertThat(typeTwo.typeOne().summary()).contains("1 criterion has a gap").contains("32 of 33 met");
        assertThat(typeTwo.typeTwo()).isEqualTo(NOT_ASSESSED);
        assertThat(typeTwo.controls().ready()).isEqualTo(32);
    }
}
