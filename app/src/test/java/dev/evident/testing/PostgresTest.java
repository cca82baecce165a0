package dev.evident.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a test class against PostgreSQL. Without EVIDENT_TEST_DB_URL the class is skipped on a
 * developer machine but fails in CI (CI=true): PostgreSQL coverage must never silently vanish.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("postgresql")
@ExtendWith(PostgresTest.Condition.class)
@ContextConfiguration(initializers = PostgresDatabase.class, inheritInitializers = false)
public @interface PostgresTest {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = PostgresDatabase.url();
            if (url != null && !url.isBlank()) {
                return ConditionEvaluationResult.enabled("PostgreSQL at " + url);
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but EVIDENT_TEST_DB_URL is not set: PostgreSQL tests must run in CI");
            }
            return ConditionEvaluationResult.disabled("EVIDENT_TEST_DB_URL is not set (PostgreSQL tests run in CI)");
        }
    }
}
