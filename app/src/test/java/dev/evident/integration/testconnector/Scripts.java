package dev.evident.integration.testconnector;

import dev.evident.connector.CollectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What scripted connections do, per script name and resource type: a queue of steps, one per
 * collection; the last step repeats. Tests use a fresh script name each so they do not interfere.
 */
public final class Scripts {

    /** An account; {@code aliases} become its "aliases" attribute (other addresses it is known by). */
    public record Account(String id, String login, String email, List<String> aliases) {

        public Account(String id, String login, String email) {
            this(id, login, email, List.of());
        }
    }

    public record Step(List<Account> accounts, CollectionException failure) {
    }

    public static final List<Account> DEFAULT_ACCOUNTS = List.of(new Account("u1", "alice", "Alice@Example.com"),
            new Account("u2", "build-bot", null));

    private static final Map<String, Deque<Step>> STEPS = new ConcurrentHashMap<>();

    private Scripts() {
    }

    public static void plan(String script, String type, Step... steps) {
        STEPS.put(script + "/" + type, new ArrayDeque<>(List.of(steps)));
    }

    public static Step ok(Account... accounts) {
        return new Step(List.of(accounts), null);
    }

    public static Step fail(String message) {
        return new Step(List.of(), CollectionException.permanent(message, null));
    }

    public static Step transient_(String message) {
        return new Step(List.of(), CollectionException.retryable(message, null));
    }

    public static Step rateLimited(Duration retryAfter) {
        return new Step(List.of(), CollectionException.rateLimited("429 Too Many Requests", retryAfter));
    }

    static synchronized Step next(String script, String type) {
        Deque<Step> steps = STEPS.get(script + "/" + type);
        if (steps == null || steps.isEmpty()) {
            return new Step(DEFAULT_ACCOUNTS, null);
        }
        return steps.size() == 1 ? steps.peek() : steps.poll();
    }
}
