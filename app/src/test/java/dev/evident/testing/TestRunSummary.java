package dev.evident.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** Prints, at the end of the run, how many tests ran against each database and in Chromium. */
public class TestRunSummary implements TestExecutionListener {

    private final AtomicInteger postgres = new AtomicInteger();
    private final AtomicInteger postgresFailed = new AtomicInteger();
    private final AtomicInteger h2 = new AtomicInteger();
    private final AtomicInteger browser = new AtomicInteger();
    private final AtomicInteger all = new AtomicInteger();

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        all.incrementAndGet();
        if (id.getTags().contains(TestTag.create("postgresql"))) {
            postgres.incrementAndGet();
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                postgresFailed.incrementAndGet();
            }
        }
        if (id.getTags().contains(TestTag.create("h2"))) {
            h2.incrementAndGet();
        }
        if (id.getTags().contains(TestTag.create("browser"))) {
            browser.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (all.get() == 0) {
            return;
        }
        System.out.printf("%n[evident] Tests run: %d in all; against PostgreSQL: %d (%d not successful); "
                        + "against H2: %d; in Chromium: %d%n", all.get(), postgres.get(), postgresFailed.get(), h2.get(),
                browser.get());
    }
}
