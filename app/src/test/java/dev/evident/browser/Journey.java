package dev.evident.browser;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For ordered journeys whose steps build on each other: once a step fails, the later steps are
 * reported as not run (naming the failed step) instead of failing again for the same reason.
 */
public final class Journey implements TestWatcher, ExecutionCondition {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Journey.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("class level");
        }
        String failed = classStore(context).get("failed", String.class);
        return failed == null ? ConditionEvaluationResult.enabled("earlier steps passed")
                : ConditionEvaluationResult.disabled("not run: the earlier step " + failed + " failed");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        classStore(context).put("failed", context.getDisplayName());
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext classContext = Optional.of(context)
                .filter(c -> c.getTestMethod().isEmpty()).orElseGet(() -> context.getParent().orElseThrow());
        return classContext.getStore(NS);
    }
}
