package dev.evident.notification.internal;

import dev.evident.monitoring.CheckStateChanged;
import java.util.Objects;

/** Which check state changes people and webhooks hear about, and how a change is described. */
public final class CheckChanges {

    private CheckChanges() {
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
