package dev.evident.evidence.internal.coverage;

import dev.evident.control.Control;
import dev.evident.evidence.Coverage;
import dev.evident.program.Program;
import dev.evident.readiness.ReportVerdict;
import dev.evident.readiness.TypeTwoAssessor;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The Type II verdict from evidence coverage: ready when every applicable control serving the
 * program has evidence for every occurrence due so far (per-event controls: evidence of at least one
 * event), otherwise not ready, naming the controls with the largest share of missing occurrences.
 * Before anything is due (the period has not started, or only long windows are open) it is not assessed.
 */
@Component
class TypeTwoVerdicts implements TypeTwoAssessor {

    private static final int WORST_NAMED = 3;

    private final CoverageService coverage;

    TypeTwoVerdicts(CoverageService coverage) {
        this.coverage = coverage;
    }

    @Override
    public ReportVerdict assess(Program program, List<Control> applicableControls) {
        List<Control> serving = coverage.serving(program, applicableControls.stream().filter(Control::applicable).toList());
        if (serving.isEmpty()) {
            return new ReportVerdict(ReportVerdict.Status.NOT_ASSESSED, "No applicable control serves this program yet, "
                    + "so there is no evidence to assess for the period " + program.periodLabel() + ".");
        }
        LocalDate today = coverage.today();
        if (today.isBefore(program.periodStart())) {
            return new ReportVerdict(ReportVerdict.Status.NOT_ASSESSED, "The period starts on " + program.periodStart()
                    + "; Type II readiness is assessed from evidence once the controls' first occurrences fall due.");
        }
        List<Coverage> all = coverage.compute(program, serving, true);
        List<Coverage> due = all.stream().filter(c -> c.status() != Coverage.Status.NOT_STARTED).toList();
        if (due.isEmpty()) {
            return new ReportVerdict(ReportVerdict.Status.NOT_ASSESSED, "No control's occurrence is due yet in the period "
                    + program.periodLabel() + "; the first verdict comes when one is.");
        }
        List<Coverage> gaps = due.stream().filter(c -> !c.covered()).sorted(WORST_FIRST).toList();
        int notDue = all.size() - due.size();
        String later = notDue == 0 ? "" : " " + notDue + (notDue == 1 ? " control has" : " controls have")
                + " nothing due yet.";
        if (gaps.isEmpty()) {
            return new ReportVerdict(ReportVerdict.Status.READY, "Evidence covers every occurrence due so far for the "
                    + due.size() + (due.size() == 1 ? " control" : " controls") + " with something due in "
                    + program.periodLabel() + "." + later);
        }
        String worst = gaps.stream().limit(WORST_NAMED).map(TypeTwoVerdicts::describe).collect(Collectors.joining(", "));
        return new ReportVerdict(ReportVerdict.Status.NOT_READY, gaps.size() + " of " + due.size() + " controls with "
                + "something due have gaps in their evidence for the period so far; worst: " + worst + "."
                + (gaps.size() > WORST_NAMED ? " See each control's coverage for the rest." : ""));
    }

    /** Largest share of due occurrences missing first, then most missing, then reference. */
    static final Comparator<Coverage> WORST_FIRST = Comparator
            .comparingDouble((Coverage c) -> c.due() == 0 ? 0 : (double) (c.due() - c.evidenced()) / c.due()).reversed()
            .thenComparing(Comparator.comparingInt((Coverage c) -> c.due() - c.evidenced()).reversed())
            .thenComparing(Coverage::ref);

    static String describe(Coverage c) {
        if (c.status() == Coverage.Status.PER_EVENT) {
            return c.ref() + " (no event recorded)";
        }
        int missing = c.due() - c.evidenced();
        return c.ref() + " (" + missing + " of " + c.due() + " " + CoverageCalculator.unit(c.frequency(), c.due())
                + " missing)";
    }
}
