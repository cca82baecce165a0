package dev.evident.readiness;

import dev.evident.control.ControlStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A program's readiness as of {@link #computedAt()}: the answer to "how far are we from the report,
 * and what do we fix first?". See docs/readiness.md for the formula.
 */
public record Readiness(UUID programId, Instant computedAt, Score overall, List<CategoryScore> categories,
                        List<CriterionReadiness> criteria, List<NotRelevant> notRelevant, ReportVerdict typeOne,
                        ReportVerdict typeTwo, List<RemediationItem> remediation, ControlCounts controls) {

    /**
     * @param percent mean criterion score, 0 to 100 with one decimal
     * @param basisPoints the same in hundredths of a percent (0 to 10000), as stored in history
     */
    public record Score(double percent, int basisPoints, int criteria, int met, int partiallyMet, int gap) {

        /** Basis points as a percentage with one decimal, the precision scores are shown with everywhere. */
        public static double percent(int basisPoints) {
            return Math.round(basisPoints / 10.0) / 10.0;
        }
    }

    public record CategoryScore(String id, String name, Score score) {
    }

    /** A mapped control as readiness sees it: ready means applicable, implemented (or beyond) and owned. */
    public record ControlReadiness(UUID id, String ref, String title, ControlStatus status, UUID ownerUserId,
                                   String ownerName, boolean ready) {
    }

    /**
     * @param score fraction (0 to 1) of its applicable mapped controls that are ready
     * @param notApplicable mapped controls marked not applicable, listed for transparency
     */
    public record CriterionReadiness(String id, String categoryId, String seriesId, String description, Verdict verdict,
                                     double score, List<ControlReadiness> controls, List<ControlReadiness> notApplicable) {
    }

    public record NotRelevant(String criterionId, String reason) {
    }

    public enum RemediationKind {
        /** No applicable control meets the criterion: adopt or write one and map it. */
        MAP_CONTROL,
        /** The control is not implemented yet and nobody owns it. */
        ASSIGN_OWNER_AND_IMPLEMENT,
        /** The control is owned but not implemented yet. */
        IMPLEMENT,
        /** The control is implemented but nobody owns it. */
        ASSIGN_OWNER
    }

    /**
     * One thing to fix, ranked: items that close a Security gap first, then by how many unmet criteria
     * they serve, then owner-less first, then by reference.
     *
     * @param controlId null for {@link RemediationKind#MAP_CONTROL}
     * @param criteria  the unmet criteria in scope the item helps meet
     */
    public record RemediationItem(int rank, RemediationKind kind, UUID controlId, String ref, String title,
                                  ControlStatus status, boolean ownerless, boolean closesSecurityGap,
                                  List<String> criteria, String action) {
    }

    /** @param ready applicable, implemented and owned */
    public record ControlCounts(int inScope, int applicable, int notApplicable, int ready, int ownerless,
                                int notImplemented) {
    }
}
