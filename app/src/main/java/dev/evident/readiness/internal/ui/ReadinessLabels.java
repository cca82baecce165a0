package dev.evident.readiness.internal.ui;

import dev.evident.control.ControlStatus;
import dev.evident.program.Program;
import dev.evident.program.ReportType;
import dev.evident.readiness.ReportVerdict;
import dev.evident.readiness.Verdict;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Words and CSS classes for readiness in templates, as {@code ${@readinessLabels.percent(x)}}. Every
 * colour a class gives comes with a word, so nothing depends on colour alone.
 */
@Component("readinessLabels")
class ReadinessLabels {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** 42.5 → "42.5 %", 40.0 → "40 %". */
    public String percent(double value) {
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                + " %";
    }

    public String verdict(Verdict verdict) {
        return switch (verdict) {
            case MET -> "Met";
            case PARTIALLY_MET -> "Partially met";
            case GAP -> "Gap";
        };
    }

    public String verdictClass(Verdict verdict) {
        return "verdict-" + verdict.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String report(ReportVerdict.Status status) {
        return switch (status) {
            case READY -> "Ready";
            case NOT_READY -> "Not ready";
            case NOT_ASSESSED -> "Not assessed yet";
            case NOT_APPLICABLE -> "Not part of this program";
        };
    }

    public String reportClass(ReportVerdict.Status status) {
        return "report-" + status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String status(ControlStatus status) {
        return status == null ? "" : status.label();
    }

    public String statusClass(ControlStatus status) {
        return status == null ? "" : "status-" + status.name().toLowerCase(Locale.ROOT);
    }

    public String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    /** "1 Jan 2027 – 31 Dec 2027 (12 months)" or "as of 31 Mar 2027". */
    public String period(Program p) {
        if (p.reportType() == ReportType.TYPE_1) {
            return "as of " + day(p.asOfDate());
        }
        Period length = Period.between(p.periodStart(), p.periodEnd().plusDays(1));
        int months = length.getYears() * 12 + length.getMonths();
        String duration = length.getDays() == 0 ? " (" + months + (months == 1 ? " month)" : " months)") : "";
        return day(p.periodStart()) + " – " + day(p.periodEnd()) + duration;
    }
}
