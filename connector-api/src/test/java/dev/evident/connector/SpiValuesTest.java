package dev.evident.connector;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small value types of the SPI keep their promises. */
class SpiValuesTest {

    @Test
    void connectionTestPassesOnlyWhenEveryStepPassed() {
        assertThat(ConnectionTestResult.of(TestStep.passed("Reach", "ok"), TestStep.passed("Auth", "ok")).passed()).isTrue();
        assertThat(ConnectionTestResult.of(TestStep.passed("Reach", "ok"), TestStep.failed("Auth", "401")).passed()).isFalse();
        assertThat(new ConnectionTestResult(List.of()).passed()).as("nothing checked").isFalse();
    }

    @Test
    void collectionExceptionsSayWhetherToRetry() {
        CollectionException revoked = new CollectionException("token revoked");
        CollectionException timeout = CollectionException.retryable("timed out", new IOException("read timeout"));
        CollectionException limited = CollectionException.rateLimited("rate limited", Duration.ofSeconds(30));

        assertThat(revoked.retryable()).isFalse();
        assertThat(revoked.retryAfter()).isEmpty();
        assertThat(timeout.retryable()).isTrue();
        assertThat(timeout.getCause()).isInstanceOf(IOException.class);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(CollectionException.permanent("gone", null).retryable()).isFalse();
        assertThatThrownBy(() -> new CollectionException("x", null, false, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uncheckedWrapperExposesTheCollectionException() {
        CollectionException cause = CollectionException.retryable("page 3 failed", null);

        assertThat(new UncheckedCollectionException(cause).getCause()).isSameAs(cause);
    }

    @Test
    void collectedResourcesAreValidated() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        CollectedResource repo = new CollectedResource("github.repository", "123", null, "{}", now, "a".repeat(64));

        assertThat(repo.displayName()).isEqualTo("123");
        assertThatThrownBy(() -> new CollectedResource(" ", "1", "x", "{}", now, null)).hasMessageContaining("type");
        assertThatThrownBy(() -> new CollectedResource("t", "1", "x", "{}", null, null)).hasMessageContaining("collectedAt");
        assertThatThrownBy(() -> new CollectedResource("t", "1", "x", "{}", now, "ABC")).hasMessageContaining("rawDigest");
    }
}
