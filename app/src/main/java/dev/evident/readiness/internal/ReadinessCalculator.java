package dev.evident.readiness.internal;

import dev.evident.catalog.Category;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.catalog.Requirement;
import dev.evident.control.Control;
import dev.evident.control.RefOrder;
import dev.evident.program.Program;
import dev.evident.program.ReportType;
import dev.evident.readiness.Readiness;
import dev.evident.readiness.Readiness.CategoryScore;
import dev.evident.readiness.Readiness.ControlCounts;
import dev.evident.readiness.Readiness.ControlReadiness;
import dev.evident.readiness.Readiness.CriterionReadiness;
import dev.evident.readiness.Readiness.NotRelevant;
import dev.evident.readiness.Readiness.RemediationItem;
import dev.evident.readiness.Readiness.RemediationKind;
import dev.evident.readiness.Readiness.Score;
import dev.evident.readiness.ReportVerdict;
import dev.evident.readiness.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Computes a program's readiness from its scope and the organization's controls. A pure function
 * of its inputs, so it is tested without a database and costs only the loops below.
 *
 * <p>The formula (documented in docs/readiness.md):
 * <ul>
 *   <li>a control is <em>ready</em> when it is applicable, at least Implemented and has an owner;</li>
 *   <li>a criterion's score is the share of its applicable mapped controls that are ready (0 when it
 *       has none); score 1 is met, 0 a gap, anything between partially met;</li>
 *   <li>a category's score, and the overall score, is the mean score of its criteria in scope, each
 *       criterion weighing the same;</li>
 *   <li>Type I is ready when every criterion in scope is met.</li>
 * </ul>
 */
public final class ReadinessCalculator {

    static final String SECURITY = "security";

    private ReadinessCalculator() {
    }

    /**
     * @param ownerNames display names of the organization's members by user id; an owner missing here
     *                   (no longer a member) counts as no owner
     * @param typeTwo    the Type II verdict for a Type II program (from the evidence module, or "not assessed")
     */
    public static Readiness compute(Program program, FrameworkIndex framework, List<Control> controls,
                                    Map<UUID, String> ownerNames, ReportVerdict typeTwo, Instant now) {
        Map<String, List<Control>> byCriterion = new HashMap<>();
        // keyed by id: hashing whole Control records (texts, lists) would dominate the cost
        Map<UUID, Control> inScopeById = new LinkedHashMap<>();
        List<Requirement> criteria = framework.leaves().stream().filter(program::inScope).toList();
        Set<String> criterionIds = new LinkedHashSet<>();
        criteria.forEach(c -> criterionIds.add(c.id()));
        for (Control control : controls) {
            for (String id : control.criteria()) {
                if (criterionIds.contains(id)) {
                    byCriterion.computeIfAbsent(id, k -> new ArrayList<>()).add(control);
                    inScopeById.putIfAbsent(control.id(), control);
                }
            }
        }
        Collection<Control> inScope = inScopeById.values();
        Function<Control, Boolean> owned = c -> c.ownerUserId() != null && ownerNames.containsKey(c.ownerUserId());
        Function<Control, Boolean> ready = c -> c.applicable() && c.status().isImplemented() && owned.apply(c);
        Map<UUID, ControlReadiness> views = new HashMap<>();
        for (Control c : inScope) {
            boolean isOwned = owned.apply(c);
            views.put(c.id(), new ControlReadiness(c.id(), c.ref(), c.title(), c.status(), isOwned ? c.ownerUserId() : null,
                    isOwned ? ownerNames.get(c.ownerUserId()) : null, ready.apply(c)));
        }

        List<CriterionReadiness> results = new ArrayList<>();
        Map<String, Verdict> verdicts = new HashMap<>();
        for (Requirement criterion : criteria) {
            List<ControlReadiness> applicable = new ArrayList<>();
            List<ControlReadiness> notApplicable = new ArrayList<>();
            int readyCount = 0;
            for (Control c : byCriterion.getOrDefault(criterion.id(), List.of())) {
                ControlReadiness view = views.get(c.id());
                if (c.applicable()) {
                    applicable.add(view);
                    readyCount += view.ready() ? 1 : 0;
                } else {
                    notApplicable.add(view);
                }
            }
            double score = applicable.isEmpty() ? 0 : (double) readyCount / applicable.size();
            Verdict verdict = score >= 1 ? Verdict.MET : score <= 0 ? Verdict.GAP : Verdict.PARTIALLY_MET;
            verdicts.put(criterion.id(), verdict);
            String series = framework.parentOf(criterion.id()).map(Requirement::id).orElse(null);
            results.add(new CriterionReadiness(criterion.id(), criterion.categoryId(), series, criterion.label(), verdict,
                    score, applicable, notApplicable));
        }

        List<CategoryScore> categories = new ArrayList<>();
        for (Category category : framework.framework().categories()) {
            if (program.includesCategory(category.id())) {
                categories.add(new CategoryScore(category.id(), category.name(),
                        score(results.stream().filter(r -> category.id().equals(r.categoryId())).toList())));
            }
        }
        Score overall = score(results);
        List<NotRelevant> notRelevant = program.notRelevantCriteria().stream()
                .map(n -> new NotRelevant(n.criterionId(), n.reason())).toList();
        ReportVerdict typeOne = typeOne(overall);
        ReportVerdict typeTwoVerdict = program.reportType() == ReportType.TYPE_2 ? typeTwo
                : new ReportVerdict(ReportVerdict.Status.NOT_APPLICABLE, "This program is a Type I report.");
        List<RemediationItem> remediation = remediation(results, framework, inScope, ready, owned, verdicts);
        ControlCounts counts = counts(inScope, ready, owned);
        return new Readiness(program.id(), now, overall, categories, results, notRelevant, typeOne, typeTwoVerdict,
                remediation, counts);
    }

    static Score score(List<CriterionReadiness> criteria) {
        if (criteria.isEmpty()) {
            return new Score(0, 0, 0, 0, 0, 0);
        }
        double sum = criteria.stream().mapToDouble(CriterionReadiness::score).sum();
        int basisPoints = (int) Math.round(sum / criteria.size() * 10_000);
        int met = (int) criteria.stream().filter(c -> c.verdict() == Verdict.MET).count();
        int partial = (int) criteria.stream().filter(c -> c.verdict() == Verdict.PARTIALLY_MET).count();
        return new Score(Score.percent(basisPoints), basisPoints, criteria.size(), met, partial,
                criteria.size() - met - partial);
    }

    private static ReportVerdict typeOne(Score overall) {
        if (overall.criteria() > 0 && overall.met() == overall.criteria()) {
            return new ReportVerdict(ReportVerdict.Status.READY, "Every one of the " + overall.criteria()
                    + " criteria in scope is met by implemented, owned controls: the design is ready for a Type I examination.");
        }
        List<String> blockers = new ArrayList<>();
        if (overall.gap() > 0) {
            blockers.add(overall.gap() + (overall.gap() == 1 ? " criterion has a gap" : " criteria have gaps"));
        }
        if (overall.partiallyMet() > 0) {
            blockers.add(overall.partiallyMet() + (overall.partiallyMet() == 1 ? " criterion is" : " criteria are")
                    + " partially met");
        }
        return new ReportVerdict(ReportVerdict.Status.NOT_READY, "Not ready for a Type I examination: "
                + String.join(" and ", blockers) + " (" + overall.met() + " of " + overall.criteria()
                + " met). Work down the remediation list.");
    }

    private static List<RemediationItem> remediation(List<CriterionReadiness> results, FrameworkIndex framework,
                                                     Collection<Control> inScope, Function<Control, Boolean> ready,
                                                     Function<Control, Boolean> owned, Map<String, Verdict> verdicts) {
        record Candidate(RemediationKind kind, Control control, String criterion, boolean ownerless,
                         boolean closesSecurityGap, List<String> criteria) {
            String ref() {
                return control == null ? criterion : control.ref();
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (CriterionReadiness r : results) {
            if (r.controls().isEmpty()) {
                candidates.add(new Candidate(RemediationKind.MAP_CONTROL, null, r.id(), true,
                        SECURITY.equals(r.categoryId()), List.of(r.id())));
            }
        }
        for (Control c : inScope) {
            if (!c.applicable() || ready.apply(c)) {
                continue;
            }
            List<String> unmet = c.criteria().stream().filter(id -> verdicts.containsKey(id)
                    && verdicts.get(id) != Verdict.MET).toList();
            if (unmet.isEmpty()) {
                continue;
            }
            boolean ownerless = !owned.apply(c);
            boolean implemented = c.status().isImplemented();
            RemediationKind kind = implemented ? RemediationKind.ASSIGN_OWNER
                    : ownerless ? RemediationKind.ASSIGN_OWNER_AND_IMPLEMENT : RemediationKind.IMPLEMENT;
            boolean security = unmet.stream().anyMatch(id -> verdicts.get(id) == Verdict.GAP
                    && SECURITY.equals(framework.categoryOf(id)));
            candidates.add(new Candidate(kind, c, null, ownerless, security, unmet));
        }
        candidates.sort(Comparator.comparing((Candidate c) -> !c.closesSecurityGap())
                .thenComparing(c -> -c.criteria().size())
                .thenComparing(c -> !c.ownerless())
                .thenComparing(c -> framework.position(c.criteria().get(0)))
                .thenComparing(Candidate::ref, RefOrder.INSTANCE));
        List<RemediationItem> items = new ArrayList<>();
        for (Candidate c : candidates) {
            Control control = c.control();
            items.add(new RemediationItem(items.size() + 1, c.kind(), control == null ? null : control.id(),
                    control == null ? null : control.ref(), control == null ? null : control.title(),
                    control == null ? null : control.status(), c.ownerless(), c.closesSecurityGap(), c.criteria(),
                    action(c.kind(), control, c.criterion(), c.criteria())));
        }
        return items;
    }

    private static String action(RemediationKind kind, Control control, String criterion, List<String> criteria) {
        String serves = criteria.size() == 1 ? criteria.get(0) : criteria.size() + " criteria (" + String.join(", ", criteria) + ")";
        return switch (kind) {
            case MAP_CONTROL -> "No applicable control meets " + criterion + ": adopt or write one and map it to "
                    + criterion + ".";
            case ASSIGN_OWNER_AND_IMPLEMENT -> "Assign an owner to " + control.ref() + " and put it into operation; it serves "
                    + serves + ".";
            case IMPLEMENT -> "Put " + control.ref() + " into operation and mark it Implemented; it serves " + serves + ".";
            case ASSIGN_OWNER -> "Assign an owner to " + control.ref() + "; it serves " + serves + ".";
        };
    }

    private static ControlCounts counts(Collection<Control> inScope, Function<Control, Boolean> ready,
                                        Function<Control, Boolean> owned) {
        int applicable = 0;
        int readyCount = 0;
        int ownerless = 0;
        int notImplemented = 0;
        for (Control c : inScope) {
            if (!c.applicable()) {
                continue;
            }
            applicable++;
            readyCount += ready.apply(c) ? 1 : 0;
            ownerless += owned.apply(c) ? 0 : 1;
            notImplemented += c.status().isImplemented() ? 0 : 1;
        }
        return new ControlCounts(inScope.size(), applicable, inScope.size() - applicable, readyCount, ownerless,
                notImplemented);
    }

    /** Category name lookup for views. */
    static Map<String, String> categoryNames(FrameworkIndex framework) {
        Map<String, String> names = new LinkedHashMap<>();
        framework.framework().categories().forEach(c -> names.put(c.id(), c.name()));
        return names;
    }
}
