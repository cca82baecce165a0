package dev.evident.identity.internal;

import dev.evident.shared.config.EvidentProperties;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Sliding one-minute window of sign-in attempts per client address and per email. It is kept in
 * memory on purpose: it only slows down guessing on this node, while the account lockout (stored
 * in the database) holds across all nodes.
 */
@Component
class LoginThrottle {

    /** Windows untouched for this long are dropped (covers the longest lockout we expect). */
    private static final long IDLE_MILLIS = java.time.Duration.ofHours(1).toMillis();
    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();
    private final int perMinute;
    private final Clock clock;

    LoginThrottle(EvidentProperties properties, Clock clock) {
        this.perMinute = properties.signIn().attemptsPerMinute();
        this.clock = clock;
    }

    /** Records an attempt and says whether it is within the allowance for every key. */
    boolean tryAcquire(String... keys) {
        long now = clock.millis();
        boolean allowed = true;
        for (String key : keys) {
            if (key == null) {
                continue;
            }
            Deque<Long> window = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (window) {
                while (!window.isEmpty() && window.peekFirst() < now - 60_000) {
                    window.pollFirst();
                }
                if (window.size() >= perMinute) {
                    allowed = false;
                } else {
                    window.addLast(now);
                }
            }
        }
        if (attempts.size() > 10_000) {
            forgetIdle(now);
        }
        return allowed;
    }

    /** Drops windows with no attempt in the last minute, so random keys cannot grow the map without bound. */
    private void forgetIdle(long now) {
        attempts.entrySet().removeIf(e -> {
            Deque<Long> window = e.getValue();
            synchronized (window) {
                return window.isEmpty() || window.peekLast() < now - IDLE_MILLIS;
            }
        });
    }

    /**
     * Counts failures for an email that has no account and says whether it is now "locked", the
     * way a real account would be, until the lockout has passed since the locking failure.
     */
    boolean unknownAccountLocked(String email, int maxFailures, java.time.Duration lockout) {
        long now = clock.millis();
        Deque<Long> window = attempts.computeIfAbsent("unknown:" + email, k -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst() < now - lockout.toMillis()) {
                window.pollFirst();
            }
            window.addLast(now);
            return window.size() >= maxFailures;
        }
    }

    int trackedKeys() {
        return attempts.size();
    }

    void reset(String key) {
        attempts.remove(key);
    }
}
