package dev.evident.connector;

/** One named check of a connection test, e.g. "Authenticate" or "List repositories". */
public record TestStep(String name, boolean passed, String message) {

    public static TestStep passed(String name, String message) {
        return new TestStep(name, true, message);
    }

    public static TestStep failed(String name, String message) {
        return new TestStep(name, false, message);
    }
}
