package dev.evident.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.monitoring.CheckStateChanged;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckChangesTest {

    static CheckStateChanged change(String from, String to) {
        return new CheckStateChanged(UUID.randomUUID(), UUID.randomUUID(), "github.branch-protection", "Branch protection",
                1, "high", "github.repository", "acme/api", "acme/api", to, from, "reason", Instant.parse("2027-01-01T00:00:00Z"),
                List.of());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "pass, fail, true", "fail, pass, true", "pass, error, true", "fail, error, true", "error, pass, true",
            "error, fail, true", "null, fail, true", "null, error, true",
            "null, pass, false", "pass, pass, false", "fail, fail, false", "error, error, false",
            "excepted, fail, true", "fail, excepted, false", "excepted, pass, false"})
    void notableChanges(String from, String to, boolean notable) {
        assertThat(CheckChanges.notable(change(from, to))).isEqualTo(notable);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"pass, fail, pass → fail", "null, fail, new → fail"})
    void transitionsReadAsFromTo(String from, String to, String text) {
        assertThat(CheckChanges.transition(change(from, to))).isEqualTo(text);
    }
}
