package dev.evident.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupLogTest {

    @Test
    void readsSpringBootsStartedLine() {
        String log = """
                2026-11-25T13:13:39.370Z  INFO 22391 --- [evident] [main] o.s.b.a.e.web.EndpointLinksResolver : Exposing 3 endpoints
                2026-11-25T13:13:40.095Z  INFO 22391 --- [evident] [main] dev.evident.EvidentApplication : Started EvidentApplication in 22.699 seconds (process running for 24.563)
                """;

        assertThat(StartupLog.started(log)).hasValue(new StartupLog.Started(22.699, 24.563));
    }

    @Test
    void aLogWithoutTheStartedLineHasNoFigures() {
        assertThat(StartupLog.started("APPLICATION FAILED TO START")).isEmpty();
    }

    @Test
    void onlyAnOverallUpCountsAsReady() {
        assertThat(StartupLog.healthIsUp("{\"status\":\"UP\"}")).isTrue();
        assertThat(StartupLog.healthIsUp("{ \"status\" : \"UP\", \"groups\": [] }")).isTrue();
        assertThat(StartupLog.healthIsUp("{\"status\":\"OUT_OF_SERVICE\"}")).isFalse();
        assertThat(StartupLog.healthIsUp("{\"status\":\"DOWN\",\"components\":{\"ping\":{\"status\":\"UP\"}}}")).isFalse();
        assertThat(StartupLog.healthIsUp("")).isFalse();
        assertThat(StartupLog.healthIsUp(null)).isFalse();
    }
}
