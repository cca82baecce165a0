package dev.evident.readiness.internal;

import dev.evident.control.ControlStatus;
import dev.evident.readiness.Readiness;
import dev.evident.readiness.Readiness.CategoryScore;
import dev.evident.readiness.Readiness.ControlCounts;
import dev.evident.readiness.Readiness.ControlReadiness;
import dev.evident.readiness.Readiness.NotRelevant;
import dev.evident.readiness.Readiness.RemediationItem;
import dev.evident.readiness.Readiness.Score;
import dev.evident.readiness.ReportVerdict;
import dev.evident.readiness.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Readiness as the API sends it: each control described once in {@code controls}, criteria naming
 * their controls by reference, and the remediation list cut to the first {@code remediationLimit}
 * items. A thousand controls mapped five times each stay a few hundred kilobytes, not megabytes.
 */
record ReadinessView(UUID programId, Instant computedAt, Score overall, List<CategoryScore> categories,
                     List<CriterionView> criteria, List<ControlView> controls, List<NotRelevant> notRelevant,
                     ReportVerdict typeOne, ReportVerdict typeTwo, int remediationTotal,
                     List<RemediationItem> remediation, ControlCounts controlCounts) {

    /** @param controls references of the applicable mapped controls; {@code notApplicable} those marked not applicable */
    record CriterionView(String id, String categoryId, String seriesId, String description, Verdict verdict, double score,
                         List<String> controls, List<String> notApplicable) {
    }

    record ControlView(UUID id, String ref, String title, ControlStatus status, boolean applicable, UUID ownerUserId,
                       String ownerName, boolean ready) {
    }

    static ReadinessView of(Readiness r, int remediationLimit) {
        Map<UUID, ControlView> controls = new LinkedHashMap<>();
        List<CriterionView> criteria = new ArrayList<>();
        for (Readiness.CriterionReadiness c : r.criteria()) {
            criteria.add(new CriterionView(c.id(), c.categoryId(), c.seriesId(), c.description(), c.verdict(), c.score(),
                    refs(c.controls(), true, controls), refs(c.notApplicable(), false, controls)));
        }
        List<ControlView> described = new ArrayList<>(controls.values());
        described.sort((a, b) -> dev.evident.control.RefOrder.INSTANCE.compare(a.ref(), b.ref()));
        List<RemediationItem> remediation = r.remediation().subList(0, Math.min(remediationLimit, r.remediation().size()));
        return new ReadinessView(r.programId(), r.computedAt(), r.overall(), r.categories(), criteria, described,
                r.notRelevant(), r.typeOne(), r.typeTwo(), r.remediation().size(), List.copyOf(remediation), r.controls());
    }

    private static List<String> refs(List<ControlReadiness> list, boolean applicable, Map<UUID, ControlView> seen) {
        List<String> refs = new ArrayList<>(list.size());
        for (ControlReadiness c : list) {
            seen.computeIfAbsent(c.id(), id -> new ControlView(c.id(), c.ref(), c.title(), c.status(), applicable,
                    c.ownerUserId(), c.ownerName(), c.ready()));
            refs.add(c.ref());
        }
        return refs;
    }
}
