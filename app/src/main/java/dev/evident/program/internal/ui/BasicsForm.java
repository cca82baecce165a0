package dev.evident.program.internal.ui;

import dev.evident.program.Program;
import dev.evident.program.ProgramInput;
import dev.evident.program.ReportType;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * Step 1: the program's name, report type and dates, as typed. Both date sets stay in the form so
 * switching the type loses nothing; only the dates of the chosen type reach the service.
 */
record BasicsForm(String name, String reportType, String periodStart, String periodEnd, String asOfDate) {

    static final String TYPE_1 = ReportType.TYPE_1.name();
    static final String TYPE_2 = ReportType.TYPE_2.name();

    /**
     * A Type II over the twelve months that start on the first of next month, the usual first
     * period; a Type I as of the end of the quarter after that, about the time a readiness project takes.
     */
    static BasicsForm defaults(LocalDate today, Set<String> takenNames) {
        LocalDate start = today.withDayOfMonth(1).plusMonths(1);
        return new BasicsForm(suggestedName(TYPE_2, today.getYear() + 1, takenNames),
                TYPE_2, start.toString(), start.plusMonths(12).minusDays(1).toString(),
                start.plusMonths(3).minusDays(1).toString());
    }

    /** "SOC 2 Type II 2028", or with a number when the organization already has a program of that name. */
    static String suggestedName(String type, int year, Set<String> takenNames) {
        String base = "SOC 2 " + (TYPE_1.equals(type) ? "Type I " : "Type II ") + year;
        String name = base;
        for (int n = 2; takenNames.contains(name); n++) {
            name = base + " (" + n + ")";
        }
        return name;
    }

    static BasicsForm from(Map<String, String> params) {
        String type = params.getOrDefault("reportType", TYPE_2);
        return new BasicsForm(params.getOrDefault("name", ""), TYPE_1.equals(type) ? TYPE_1 : TYPE_2,
                params.getOrDefault("periodStart", ""), params.getOrDefault("periodEnd", ""),
                params.getOrDefault("asOfDate", ""));
    }

    /** The stored values; the other type's dates get the usual defaults so a switch is one click. */
    static BasicsForm of(Program p, LocalDate today) {
        BasicsForm fallback = defaults(today, Set.of());
        boolean typeOne = p.reportType() == ReportType.TYPE_1;
        return new BasicsForm(p.name(), p.reportType().name(),
                typeOne ? fallback.periodStart() : p.periodStart().toString(),
                typeOne ? fallback.periodEnd() : p.periodEnd().toString(),
                typeOne ? p.asOfDate().toString() : fallback.asOfDate());
    }

    public boolean typeOne() {
        return TYPE_1.equals(reportType);
    }

    /** The base input with this step's values in place of its own. */
    ProgramInput applyTo(ProgramInput base) {
        return new ProgramInput(name, base.frameworkId(), reportType, typeOne() ? asOfDate : null,
                typeOne() ? null : periodStart, typeOne() ? null : periodEnd, base.categories(),
                base.notRelevantCriteria(), base.system(), base.version());
    }

    static PageErrors.Target locate(FieldError error) {
        String lead = switch (error.field()) {
            case "name" -> "Name";
            case "reportType" -> "Report type";
            case "asOfDate" -> "The as-of date";
            case "periodStart" -> "The start date";
            case "periodEnd" -> "The end date";
            default -> null;
        };
        return lead == null ? null : PageErrors.Target.at(error.field(), lead, error.message());
    }
}
