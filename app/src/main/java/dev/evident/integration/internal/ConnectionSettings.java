package dev.evident.integration.internal;

import dev.evident.connector.ConfigField;
import dev.evident.connector.ConfigProblem;
import dev.evident.connector.ConfigSchema;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.FieldType;
import dev.evident.connector.InvalidConfigException;
import dev.evident.integration.internal.ConnectionStore.Connection;
import dev.evident.shared.crypto.SecretBox;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A connection's settings as stored: submitted values merged into the stored ones and checked against
 * the connector's schema and by the connector itself, secrets sealed with {@link SecretBox} and shown
 * only masked, and the plain configuration a sync or a test gets.
 */
@Component
class ConnectionSettings {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSettings.class);

    /** What the API and the pages show instead of a stored secret. */
    static final String MASK = "••••••••";

    private final SecretBox secrets;

    ConnectionSettings(SecretBox secrets) {
        this.secrets = secrets;
    }

    /**
     * Lets the connector build itself from settings the schema accepted, so that what only the connector
     * knows (an Okta org URL that is not https, a service-account key that does not parse) is refused at
     * save time, named by field, rather than at the first test or sync. Nothing is collected: creating a
     * connector only reads its settings. Documents not uploaded yet do not count: they come after saving,
     * and the test and the sync name a missing one (a connector that stops at it checks nothing else here,
     * but the schema has checked every other field already).
     */
    void tryConnector(ConnectorFactory factory, Map<String, String> stored, List<FieldError> errors) {
        try (Connector connector = factory.create(withoutMissingDocuments(plainConfig(factory, stored)))) {
            log.trace("Settings accepted by {}", connector.getClass().getName());
        } catch (InvalidConfigException e) {
            e.problems().stream().filter(p -> !isDocument(factory.configSchema(), p.field()))
                    .forEach(p -> errors.add(new FieldError("settings." + p.field(), p.message())));
        }
    }

    private static boolean isDocument(ConfigSchema schema, String field) {
        return schema.field(field).map(f -> f.type() == FieldType.FILE).orElse(false);
    }

    /** The connection's effective configuration, secrets decrypted. */
    ConnectorConfig config(Connection connection, ConnectorFactory factory) {
        return plainConfig(factory, connection.settings());
    }

    private ConnectorConfig plainConfig(ConnectorFactory factory, Map<String, String> settings) {
        Map<String, String> plain = new LinkedHashMap<>();
        for (ConfigField field : factory.configSchema().fields()) {
            String value = settings.get(field.name());
            if (value != null) {
                plain.put(field.name(), field.secret() ? secrets.decrypt(value) : value);
            }
        }
        return ConnectorConfig.of(factory.configSchema(), plain);
    }

    /**
     * The config, valid apart from documents not uploaded yet: the connector's own test then says which
     * document is missing, in its words (the HR roster's "Roster uploaded" step).
     */
    static ConnectorConfig withoutMissingDocuments(ConnectorConfig config) {
        List<ConfigProblem> problems = config.problems().stream().filter(p -> !isDocument(config.schema(), p.field()))
                .toList();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return config;
    }

    /**
     * Applies submitted settings to the stored ones and validates the result against the schema. Returns
     * the new stored settings (secrets encrypted); problems go to {@code errors}, changes to {@code changes}.
     */
    Map<String, String> merge(ConfigSchema schema, Map<String, String> stored, Map<String, String> submitted,
                                      Connection current, List<FieldError> errors, Map<String, Object> changes) {
        Map<String, String> input = submitted == null ? Map.of() : submitted;
        Map<String, String> result = new LinkedHashMap<>();
        Map<String, String> forValidation = new LinkedHashMap<>();
        for (ConfigField field : schema.fields()) {
            String old = stored.get(field.name());
            boolean sent = input.containsKey(field.name());
            String value = input.get(field.name());
            String next;
            if (field.type() == FieldType.FILE) {
                next = old; // set by uploading a document, never through the form
            } else if (field.secret()) {
                if (!sent || value == null || (old != null && value.equals(mask(old)))) {
                    next = old;
                } else if (value.startsWith(MASK.substring(0, 4))) {
                    // A mask that is not the current one: a form loaded before someone else changed the secret.
                    errors.add(new FieldError("settings." + field.name(), field.label() + " was changed since this form "
                            + "was loaded; type the new value, or reload to keep the stored one"));
                    next = old;
                } else if (value.isBlank()) {
                    next = null;
                } else {
                    next = secrets.encrypt(value);
                }
                if (current != null && !Objects.equals(next, old)) {
                    changes.put(field.name(), next == null ? "removed" : "rotated");
                }
            } else {
                next = !sent ? old : value == null || value.isBlank() ? null : value.strip();
                if (current != null && !Objects.equals(next, old)) {
                    changes.put(field.name(), dev.evident.shared.audit.AuditRecord.change(old, next));
                }
            }
            if (next != null) {
                result.put(field.name(), next);
                forValidation.put(field.name(), field.secret() ? "(set)" : next);
            }
        }
        for (String key : input.keySet()) {
            if (schema.field(key).isEmpty()) {
                forValidation.put(key, input.get(key));
            }
        }
        for (ConfigProblem problem : schema.validate(forValidation)) {
            if (!isDocument(schema, problem.field())) { // documents are uploaded after the connection exists; the sync reports a missing one
                errors.add(new FieldError("settings." + problem.field(), problem.message()));
            }
        }
        return result;
    }

    /** The mask of a stored secret: bullets, plus the last four characters of long secrets so people can tell them apart. */
    String mask(String sealed) {
        String plain;
        try {
            plain = secrets.decrypt(sealed);
        } catch (RuntimeException e) {
            return MASK;
        }
        return plain.length() >= 16 ? MASK + plain.substring(plain.length() - 4) : MASK;
    }

    static List<String> secretNames(ConfigSchema schema, Map<String, String> stored) {
        return schema.fields().stream().filter(ConfigField::secret).map(ConfigField::name).filter(stored::containsKey).toList();
    }
}
