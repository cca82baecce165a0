package dev.evident.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.shared.config.EvidentEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code java -jar evident.jar --demo} must be all a newcomer needs to type. */
class DemoSwitchTest {

    private static StandardEnvironment startedWith(String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        new EvidentEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void demoFlagOnTheCommandLineTurnsDemoModeOn() {
        assertThat(startedWith("--demo").getProperty("evident.demo", Boolean.class)).isTrue();
    }

    @Test
    void demoFlagWithTrueTurnsDemoModeOn() {
        assertThat(startedWith("--demo=true").getProperty("evident.demo", Boolean.class)).isTrue();
    }

    @Test
    void demoFlagSetToFalseLeavesDemoModeOff() {
        assertThat(startedWith("--demo=false").getProperty("evident.demo")).isNull();
    }

    @Test
    void withoutTheFlagDemoModeStaysOff() {
        assertThat(startedWith("--server.port=0").getProperty("evident.demo")).isNull();
    }

    @Test
    void anUnrelatedDemoEnvironmentVariableNeverTurnsDemoModeOn() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("systemEnvironment-like",
                java.util.Map.of("DEMO", "0", "demo", "no")));
        new EvidentEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("evident.demo")).isNull();
    }

    @Test
    void aDemoFlagWithAnUnclearValueRefusesToStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> startedWith("--demo=no"))
                .isInstanceOf(dev.evident.shared.config.InvalidConfigurationException.class)
                .hasMessageContaining("--demo");
    }
}
