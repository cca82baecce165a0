package dev.evident.connector;

import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class TestableTest {

    @Test
    void connectorsThatIgnoreTheContextAreTestedAsBefore() {
        ConnectionTestResult expected = ConnectionTestResult.of(TestStep.passed("Authenticate", "ok"));
        Testable remote = () -> expected;

        assertThat(remote.testConnection(CollectionContext.of(Clock.systemUTC(), null))).isSameAs(expected);
    }
}
