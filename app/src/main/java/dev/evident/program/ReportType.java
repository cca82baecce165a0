package dev.evident.program;

/** What the auditor's report will cover: design as of one date, or design and operation over a period. */
public enum ReportType {
    /** Controls suitably designed and implemented as of one date (a photograph). */
    TYPE_1("Type I"),
    /** Controls designed and operating effectively over a period of 3 to 12 months (a film). */
    TYPE_2("Type II");

    private final String label;

    ReportType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
