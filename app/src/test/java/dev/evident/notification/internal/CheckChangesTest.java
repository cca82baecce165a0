package dev.evident.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.monitoring.CheckStateChanged;
import dev.evident.monitoring.CheckStateChanges;
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

    /** A batch of {@code n} changes {@code from → to} (and one first-seen pass, which is never news). */
    static CheckStateChanges batch(boolean first, int n, String from, String to) {
        List<CheckStateChanged> changes = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            changes.add(change(from, to));
        }
        changes.add(change(null, "pass"));
        CheckStateChanged c = changes.get(0);
        return new CheckStateChanges(c.orgId(), c.checkId(), c.checkKey(), c.checkTitle(), 1, "high", c.at(), List.of(),
                first, changes);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            // the first evaluation groups as soon as there is more than one change of news
            "true, 1, null, fail, false", "true, 2, null, fail, true", "true, 37, null, fail, true",
            // later ones only above the threshold
            "false, 2, pass, fail, false", "false, 10, pass, fail, false", "false, 11, pass, fail, true",
            "false, 50, fail, fail, false"})
    void aFirstEvaluationOrALargeBatchIsGrouped(boolean first, int n, String from, String to, boolean grouped) {
        CheckStateChanges batch = batch(first, n, from, to);
        assertThat(CheckChanges.grouped(batch, CheckChanges.notable(batch))).isEqualTo(grouped);
    }

    @org.junit.jupiter.api.Test
    void aSummaryCountsPerNewOutcome() {
        CheckStateChanges first = batch(true, 37, null, "fail");
        assertThat(CheckChanges.summary(first, CheckChanges.counts(CheckChanges.notable(first))))
                .isEqualTo("37 resources failing");
        List<CheckStateChanged> mixed = new java.util.ArrayList<>(batch(false, 12, "pass", "fail").changes());
        mixed.addAll(batch(false, 1, "fail", "pass").changes());
        CheckStateChanged c = mixed.get(0);
        CheckStateChanges later = new CheckStateChanges(c.orgId(), c.checkId(), c.checkKey(), c.checkTitle(), 1, "high",
                c.at(), List.of(), false, mixed);
        assertThat(CheckChanges.summary(later, CheckChanges.counts(CheckChanges.notable(later))))
                .isEqualTo("12 resources now failing, 1 resource passing again");
    }
}
