package dev.evident.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.config.EvidentProperties.Api;
import dev.evident.shared.config.EvidentProperties.Bootstrap;
import dev.evident.shared.config.EvidentProperties.Controls;
import dev.evident.shared.config.EvidentProperties.Invitations;
import dev.evident.shared.config.EvidentProperties.SignIn;
import dev.evident.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(threeAttemptsPerMinute(), clock);

    private static EvidentProperties threeAttemptsPerMinute() {
        return new EvidentProperties(Path.of("./data"), false, null, null,
                new Bootstrap(null, null, null, "My organization"), new SignIn(5, Duration.ofMinutes(15), 3),
                new Api(1_048_576), new Invitations(Duration.ofDays(7)), new Controls(16_777_216),
                EvidentProperties.Evidence.defaults());
    }

    private void attempts(int count, String... keys) {
        for (int i = 0; i < count; i++) {
            assertThat(throttle.tryAcquire(keys)).as("attempt %d", i + 1).isTrue();
        }
    }

    @Test
    void fourthAttemptWithinAMinuteIsRefused() {
        attempts(3, "ip:203.0.113.7");

        assertThat(throttle.tryAcquire("ip:203.0.113.7")).isFalse();
    }

    @Test
    void attemptsAreAllowedAgainOnceTheMinuteHasPassed() {
        attempts(3, "email:maya@brightwave.example");
        clock.tick(Duration.ofSeconds(59));
        assertThat(throttle.tryAcquire("email:maya@brightwave.example")).as("still inside the window").isFalse();

        clock.tick(Duration.ofSeconds(2));

        assertThat(throttle.tryAcquire("email:maya@brightwave.example")).isTrue();
    }

    @Test
    void windowSlidesRatherThanResettingAllAtOnce() {
        attempts(1, "ip:203.0.113.7");
        clock.tick(Duration.ofSeconds(30));
        attempts(2, "ip:203.0.113.7");
        clock.tick(Duration.ofSeconds(31));

        assertThat(throttle.tryAcquire("ip:203.0.113.7")).as("the first attempt left the window").isTrue();
        assertThat(throttle.tryAcquire("ip:203.0.113.7")).as("the later two are still in it").isFalse();
    }

    @Test
    void eachAddressAndEmailHasItsOwnAllowance() {
        attempts(3, "ip:203.0.113.7");

        assertThat(throttle.tryAcquire("ip:198.51.100.1")).isTrue();
        assertThat(throttle.tryAcquire("email:maya@brightwave.example")).isTrue();
    }

    @Test
    void attemptIsRefusedWhenAnyOfItsKeysIsExhausted() {
        attempts(3, "email:maya@brightwave.example");

        assertThat(throttle.tryAcquire("ip:198.51.100.1", "email:maya@brightwave.example")).isFalse();
    }

    @Test
    void missingKeyIsIgnored() {
        attempts(3, "ip:203.0.113.7", null);

        assertThat(throttle.tryAcquire(null, "email:sam@brightwave.example")).isTrue();
    }

    @Test
    void successfulSignInResetsTheEmailAllowance() {
        attempts(3, "email:maya@brightwave.example");

        throttle.reset("email:maya@brightwave.example");

        assertThat(throttle.tryAcquire("email:maya@brightwave.example")).isTrue();
    }

    @Test
    void keysTriedOnceAreForgottenOnceTheyAreIdleSoRandomEmailsCannotExhaustMemory() {
        var clock = new dev.evident.testing.MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        var throttle = new LoginThrottle(threeAttemptsPerMinute(), clock);
        for (int i = 0; i <= 10_001; i++) {
            throttle.tryAcquire("email:random-" + i + "@example.com");
        }
        clock.tick(java.time.Duration.ofMinutes(61));
        throttle.tryAcquire("email:one-more@example.com");
        org.assertj.core.api.Assertions.assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(1);
    }
}
