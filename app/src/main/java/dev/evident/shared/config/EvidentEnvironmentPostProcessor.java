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
 * {@code --demo} on the command line, {@code EVIDENT_LOG_FORMAT=json} for structured logs, and the
 * browser upload limits that follow {@code evident.controls.import-max-size}.
 */
public class EvidentEnvironmentPostProcessor implements EnvironmentPostProcessor {

    private static final long DEFAULT_IMPORT_MAX_SIZE = 16L * 1024 * 1024;
    private static final long DEFAULT_EVIDENCE_MAX_SIZE = 100L * 1024 * 1024;

    /** Room in an upload request for the form's other fields and the multipart framing. */
    private static final long FORM_OVERHEAD = 1024 * 1024;

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
        Map<String, Object> defaults = uploadLimits(environment);
        defaults.putAll(postgresSessionDefaults(environment));
        environment.getPropertySources().addLast(new MapPropertySource("evidentDefaults", defaults));
    }

    /**
     * On PostgreSQL, every connection plans each statement for its actual parameters. The driver
     * prepares statements on the server after a few uses, and PostgreSQL may then switch to a
     * generic plan made while a table was still small (a sequential scan of an empty evidence
     * table); that plan then stays for the life of the pooled connection while the table grows,
     * and batch ingest slowed from thousands of records a second to a few hundred. Forcing custom
     * plans costs a short planning step per statement. A default only: explicit
     * spring.datasource.hikari settings win.
     */
    static Map<String, Object> postgresSessionDefaults(ConfigurableEnvironment environment) {
        String url = environment.getProperty("spring.datasource.url", environment.getProperty("evident.db.url", ""));
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return Map.of();
        }
        // Batched INSERTs (evidence records, ledger entries) go as multi-row statements: fewer round trips.
        return Map.of("spring.datasource.hikari.connection-init-sql", "SET plan_cache_mode = force_custom_plan",
                "spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");
    }

    /**
     * The upload pages (controls import, evidence) must take every file their APIs take: the browser
     * limit is the larger of the two. Added as defaults (lowest precedence), so explicit
     * spring.servlet.multipart settings still win.
     */
    private static Map<String, Object> uploadLimits(ConfigurableEnvironment environment) {
        String value = environment.getProperty("evident.controls.import-max-size", Long.toString(DEFAULT_IMPORT_MAX_SIZE));
        long importMax;
        try {
            importMax = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            importMax = -1;
        }
        if (importMax <= 0 || importMax > Integer.MAX_VALUE - FORM_OVERHEAD) {
            throw new InvalidConfigurationException("EVIDENT_CONTROLS_IMPORT_MAX_SIZE", "is '" + value + "'",
                    "Use a whole number of bytes between 1 and 2 GB, such as 16777216 (16 MiB, the default).");
        }
        String evidenceValue = environment.getProperty("evident.evidence.max-upload-size",
                Long.toString(DEFAULT_EVIDENCE_MAX_SIZE));
        long evidenceMax;
        try {
            evidenceMax = Long.parseLong(evidenceValue.trim());
        } catch (NumberFormatException e) {
            evidenceMax = -1;
        }
        if (evidenceMax <= 0) {
            throw new InvalidConfigurationException("EVIDENT_EVIDENCE_MAX_UPLOAD_SIZE", "is '" + evidenceValue + "'",
                    "Use a whole number of bytes, such as 104857600 (100 MiB, the default).");
        }
        long largest = Math.max(importMax, evidenceMax);
        Map<String, Object> limits = new HashMap<>();
        limits.put("spring.servlet.multipart.max-file-size", largest + "B");
        limits.put("spring.servlet.multipart.max-request-size", (largest + FORM_OVERHEAD) + "B");
        // Files larger than this are kept on disk while a form is read, never in memory.
        limits.put("spring.servlet.multipart.file-size-threshold", "1MB");
        return limits;
    }
}
