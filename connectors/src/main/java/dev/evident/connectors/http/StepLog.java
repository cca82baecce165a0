package dev.evident.connectors.http;

import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.TestStep;

import java.util.ArrayList;
import java.util.List;

/** The steps of a connection test as they run; pass and fail return whether later steps may go on. */
public final class StepLog {

    private final List<TestStep> steps = new ArrayList<>();

    public boolean pass(String name, String message) {
        steps.add(TestStep.passed(name, message));
        return true;
    }

    public boolean fail(String name, String message) {
        steps.add(TestStep.failed(name, message));
        return false;
    }

    public ConnectionTestResult result() {
        return new ConnectionTestResult(steps);
    }
}
