package dev.evident.shared.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Translates Evident's own switches into Spring settings before the context starts:
 * {@code --demo} on the command line, and {@code EVIDENT_LOG_FORMAT=json} for structured logs.
 */
public class EvidentEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new HashMap<>();
        if (environment.containsProperty("demo") && !"false".equalsIgnoreCase(environment.getProperty("demo"))) {
            derived.put("evident.demo", "true");
        }
        String logFormat = environment.getProperty("EVIDENT_LOG_FORMAT", environment.getProperty("evident.log-format", "text"));
        if ("json".equalsIgnoreCase(logFormat)) {
            derived.put("logging.structured.format.console", "ecs");
        } else if (!"text".equalsIgnoreCase(logFormat)) {
            throw new InvalidConfigurationException("EVIDENT_LOG_FORMAT", "is '" + logFormat + "'",
                    "Use 'text' (the default) or 'json'.");
        }
        if (!derived.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("evidentDerived", derived));
        }
    }
}
