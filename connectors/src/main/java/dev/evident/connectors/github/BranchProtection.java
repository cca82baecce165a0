package dev.evident.connectors.github;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The protection that effectively applies to a default branch, combining classic branch protection
 * and the rules of all rulesets that target it: the strictest setting of either wins.
 */
final class BranchProtection {

    private BranchProtection() {
    }

    /**
     * Writes the protection attributes of {@code github.repository}.
     *
     * @param classic the branch protection object, or null when the branch has none (404)
     * @param rules   the rules from {@code /rules/branches/{branch}}; empty when no ruleset applies
     */
    static void describe(JsonNode classic, List<JsonNode> rules, ObjectNode attributes) {
        boolean hasClassic = classic != null;
        boolean hasRules = !rules.isEmpty();
        attributes.put("protected", hasClassic || hasRules);
        attributes.put("protectionSource", hasClassic && hasRules ? "both"
                : hasClassic ? "branch_protection" : hasRules ? "ruleset" : "none");

        int approvals = 0;
        boolean dismissStale = false;
        boolean codeOwners = false;
        Set<String> statusChecks = new TreeSet<>();
        boolean forcePushes = true;
        boolean deletions = true;
        Boolean enforceAdmins = false;

        if (hasClassic) {
            JsonNode reviews = classic.path("required_pull_request_reviews");
            if (reviews.isObject()) {
                approvals = reviews.path("required_approving_review_count").asInt(0);
                dismissStale = reviews.path("dismiss_stale_reviews").asBoolean(false);
                codeOwners = reviews.path("require_code_owner_reviews").asBoolean(false);
            }
            JsonNode checks = classic.path("required_status_checks");
            checks.path("contexts").forEach(context -> addName(statusChecks, context));
            checks.path("checks").forEach(check -> addName(statusChecks, check.path("context")));
            // Protected branches refuse force pushes and deletion unless explicitly allowed.
            forcePushes = classic.path("allow_force_pushes").path("enabled").asBoolean(false);
            deletions = classic.path("allow_deletions").path("enabled").asBoolean(false);
            enforceAdmins = classic.path("enforce_admins").path("enabled").asBoolean(false);
        }
        for (JsonNode rule : rules) {
            JsonNode parameters = rule.path("parameters");
            switch (rule.path("type").asString("")) {
                case "pull_request" -> {
                    approvals = Math.max(approvals, parameters.path("required_approving_review_count").asInt(0));
                    dismissStale |= parameters.path("dismiss_stale_reviews_on_push").asBoolean(false);
                    codeOwners |= parameters.path("require_code_owner_review").asBoolean(false);
                }
                case "required_status_checks" -> parameters.path("required_status_checks")
                        .forEach(check -> addName(statusChecks, check.path("context")));
                case "non_fast_forward" -> forcePushes = false;
                case "deletion" -> deletions = false;
                default -> {
                    // other rule types (signed commits, linear history, ...) do not map to an attribute
                }
            }
        }
        if (hasRules && !Boolean.TRUE.equals(enforceAdmins)) {
            // The branch rules listing does not say who may bypass a ruleset, so whether admins are bound is unknown.
            enforceAdmins = null;
        }

        attributes.put("requiredApprovingReviews", approvals);
        attributes.put("dismissStaleReviews", dismissStale);
        attributes.put("requireCodeOwnerReviews", codeOwners);
        attributes.put("enforceAdmins", enforceAdmins);
        ArrayNode names = attributes.putArray("requiredStatusChecks");
        statusChecks.forEach(names::add);
        attributes.put("allowForcePushes", forcePushes);
        attributes.put("allowDeletions", deletions);
    }

    private static void addName(Set<String> names, JsonNode name) {
        if (name.isString() && !name.stringValue().isBlank()) {
            names.add(name.stringValue());
        }
    }
}
