package dev.evident.shared.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.CommandLinePropertySource;
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
        // Only the command line's --demo counts: an unrelated DEMO environment variable must never
        // switch on demo mode, which creates accounts with a published password.
        var commandLine = environment.getPropertySources().get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
        if (commandLine != null && commandLine.containsProperty("demo")) {
            Object value = commandLine.getProperty("demo");
            String flag = value == null ? "" : value.toString().trim();
            if (flag.isEmpty() || flag.equalsIgnoreCase("true")) {
                derived.put("evident.demo", "true");
            } else if (!flag.equalsIgnoreCase("false")) {
                throw new InvalidConfigurationException("--demo", "has the value '" + flag + "'",
                        "Use --demo (or --demo=true) to seed the demo company, or leave it out.");
            }
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
