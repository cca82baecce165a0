package dev.evident.notification.internal;

import dev.evident.monitoring.CheckStateChanged;
import dev.evident.monitoring.CheckStateChanges;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Which check state changes people and webhooks hear about, and how a change is described. */
public final class CheckChanges {

    /** More notable changes than this in one evaluation of one check are sent as one summary. */
    public static final int GROUP_ABOVE = 10;
    /** How many changes a summary lists by name. */
    public static final int SAMPLE = 10;

    private CheckChanges() {
    }

    /** The changes of a batch that are news, in order. */
    public static List<CheckStateChanged> notable(CheckStateChanges batch) {
        return batch.changes().stream().filter(CheckChanges::notable).toList();
    }

    /**
     * Whether the news of one evaluation goes out as one summary instead of one message per resource:
     * when there is more than one and the check ran for the first time (every resource is new to it),
     * or when there are more than {@value #GROUP_ABOVE}.
     */
    public static boolean grouped(CheckStateChanges batch, List<CheckStateChanged> notable) {
        return notable.size() > 1 && (batch.firstEvaluation() || notable.size() > GROUP_ABOVE);
    }

    /** Notable changes per new outcome, in the order fail, error, pass, then any other. */
    public static Map<String, Integer> counts(List<CheckStateChanged> notable) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String outcome : List.of("fail", "error", "pass")) {
            int n = (int) notable.stream().filter(c -> outcome.equals(c.outcome())).count();
            if (n > 0) {
                counts.put(outcome, n);
            }
        }
        notable.stream().filter(c -> !counts.containsKey(c.outcome())).forEach(c -> counts.merge(c.outcome(), 1, Integer::sum));
        return counts;
    }

    /** "37 resources failing", "20 now failing, 5 passing again": what a summary's subject says. */
    public static String summary(CheckStateChanges batch, Map<String, Integer> counts) {
        List<String> parts = new java.util.ArrayList<>();
        counts.forEach((outcome, n) -> parts.add(n + " " + (n == 1 ? "resource " : "resources ") + switch (outcome) {
            case "fail" -> batch.firstEvaluation() ? "failing" : "now failing";
            case "pass" -> "passing again";
            case "error" -> "could not be evaluated";
            default -> outcome;
        }));
        return String.join(", ", parts);
    }

    public static String title(String checkTitle, String checkKey) {
        return checkTitle == null || checkTitle.isBlank() ? checkKey : checkTitle;
    }

    /**
     * Pass to fail, fail to pass, anything to or from error, a resource seen for the first time that
     * fails or errs, and an accepted failure whose exception expired or was revoked (excepted to fail).
     * A first-seen pass, a repeated outcome and an exception being granted (fail to excepted, which
     * the audit log records) are not news.
     */
    public static boolean notable(CheckStateChanged change) {
        String to = change.outcome();
        String from = change.previousOutcome();
        if (Objects.equals(from, to)) {
            return false;
        }
        if ("error".equals(to) || "error".equals(from)) {
            return true;
        }
        if (from == null) {
            return "fail".equals(to);
        }
        return "fail".equals(to) && ("pass".equals(from) || "excepted".equals(from))
                || "pass".equals(to) && "fail".equals(from);
    }

    /** "pass → fail", or "new → fail" for a resource seen for the first time. */
    public static String transition(CheckStateChanged change) {
        return (change.previousOutcome() == null ? "new" : change.previousOutcome()) + " → " + change.outcome();
    }

    public static String resourceLabel(CheckStateChanged change) {
        String name = change.resourceName() == null || change.resourceName().isBlank() ? change.resourceId()
                : change.resourceName();
        return name + " (" + change.resourceType() + ")";
    }

    public static String link(CheckStateChanged change) {
        return "/checks/" + change.checkId();
    }
}
