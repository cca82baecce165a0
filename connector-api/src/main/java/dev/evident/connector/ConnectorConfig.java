package dev.evident.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * The settings one connection was configured with, read through its {@link ConfigSchema}.
 *
 * <p>Secrets are only readable through {@link #secret(String)}, so every place that touches a
 * credential is explicit and easy to review, and {@link #toString()} masks them, so logging a
 * config never leaks one. Values outside the schema are dropped; blank values count as absent
 * and fall back to the field's default.
 */
public final class ConnectorConfig {

    private static final String MASK = "********";

    private final ConfigSchema schema;
    private final Map<String, String> values;

    private ConnectorConfig(ConfigSchema schema, Map<String, String> values) {
        this.schema = schema;
        this.values = values;
    }

    /** Wraps values as submitted, without validating them; see {@link #validated}. */
    public static ConnectorConfig of(ConfigSchema schema, Map<String, String> submitted) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigField field : schema.fields()) {
            String value = submitted == null ? null : submitted.get(field.name());
            if (value == null || value.isBlank()) {
                value = field.defaultValue();
            }
            if (value != null) {
                values.put(field.name(), value);
            }
        }
        return new ConnectorConfig(schema, Map.copyOf(values));
    }

    /** Like {@link #of}, but throws when the schema reports any problem. */
    public static ConnectorConfig validated(ConfigSchema schema, Map<String, String> submitted) {
        List<ConfigProblem> problems = schema.validate(submitted);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return of(schema, submitted);
    }

    /** Checks the effective values (defaults applied) against the schema. */
    public List<ConfigProblem> problems() {
        return schema.validate(values);
    }

    /** Returns this config, or throws listing every problem; factories call it first in create(). */
    public ConnectorConfig requireValid() {
        List<ConfigProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return this;
    }

    public ConfigSchema schema() {
        return schema;
    }

    /** A non-secret value, or empty when not set and without default. */
    public Optional<String> get(String name) {
        ConfigField field = field(name);
        if (field.secret()) {
            throw new IllegalArgumentException(name + " is a secret; read it with secret(\"" + name + "\")");
        }
        return Optional.ofNullable(values.get(name));
    }

    /** A non-secret value the connector cannot work without. */
    public String require(String name) {
        return get(name).orElseThrow(() -> missing(name));
    }

    public OptionalLong getLong(String name) {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().strip()));
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(name, field(name).label() + " must be a whole number");
        }
    }

    public boolean getBoolean(String name) {
        return get(name).map("true"::equals).orElse(false);
    }

    /**
     * A required credential. Returned as a String because HTTP clients and SDKs take tokens as
     * Strings anyway; a char[] here would only pretend the value can be wiped from memory.
     */
    public String secret(String name) {
        ConfigField field = field(name);
        if (!field.secret()) {
            throw new IllegalArgumentException(name + " is not a secret field; read it with get(\"" + name + "\")");
        }
        String value = values.get(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    public boolean has(String name) {
        field(name);
        return values.containsKey(name);
    }

    /** Lists every set value, secrets masked. Safe to log. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "ConnectorConfig{", "}");
        for (ConfigField field : schema.fields()) {
            String value = values.get(field.name());
            if (value != null) {
                joiner.add(field.name() + "=" + (field.secret() ? MASK : value));
            }
        }
        return joiner.toString();
    }

    private ConfigField field(String name) {
        // Asking for a field the schema does not declare is a bug in the connector, not user error.
        return schema.field(name).orElseThrow(
                () -> new IllegalArgumentException(name + " is not declared in this connector's schema"));
    }

    private InvalidConfigException missing(String name) {
        return new InvalidConfigException(name, field(name).label() + " is required");
    }
}
