package dev.evident.connector;

import java.util.List;

/** The steps of a connection test, in the order they ran. */
public record ConnectionTestResult(List<TestStep> steps) {

    public ConnectionTestResult {
        steps = List.copyOf(steps);
    }

    public static ConnectionTestResult of(TestStep... steps) {
        return new ConnectionTestResult(List.of(steps));
    }

    /** True when at least one step ran and all passed; a test that checked nothing proves nothing. */
    public boolean passed() {
        return !steps.isEmpty() && steps.stream().allMatch(TestStep::passed);
    }
}
