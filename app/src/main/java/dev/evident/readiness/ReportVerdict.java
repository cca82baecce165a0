package dev.evident.readiness;

/**
 * The answer to "could we go to the auditor now?" for one kind of report.
 *
 * @param summary one or two sentences a compliance lead can act on
 */
public record ReportVerdict(Status status, String summary) {

    public enum Status {
        /** Nothing in the way. */
        READY,
        /** Named blockers remain. */
        NOT_READY,
        /** Evident cannot judge yet (no evidence collection for the period). */
        NOT_ASSESSED,
        /** The program's report type does not need this verdict. */
        NOT_APPLICABLE
    }
}
