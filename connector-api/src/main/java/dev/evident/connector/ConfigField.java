package dev.evident.connector;

import java.util.List;

/**
 * One setting a connector needs. Built with the static factories and "with" methods:
 * {@code ConfigField.url("baseUrl", "API base URL").asRequired().withHelp("...")}.
 *
 * @param secret       true for credentials; such fields have type {@link FieldType#SECRET}
 * @param defaultValue used when the user leaves the field empty; null for none
 * @param options      allowed values of a {@link FieldType#SELECT} field; empty otherwise
 */
public record ConfigField(String name, String label, String help, FieldType type, boolean required,
                          boolean secret, String defaultValue, List<String> options) {

    public ConfigField {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("field name must be an identifier (letters, digits, _), was " + name);
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("field " + name + " needs a label");
        }
        if (type == null) {
            throw new IllegalArgumentException("field " + name + " needs a type");
        }
        options = options == null ? List.of() : List.copyOf(options);
        if (type == FieldType.SECRET && !secret) {
            throw new IllegalArgumentException("field " + name + " has type SECRET and so must be secret");
        }
        if (secret && defaultValue != null) {
            // A default credential would be a credential committed to source code.
            throw new IllegalArgumentException("secret field " + name + " cannot have a default value");
        }
        if ((type == FieldType.SELECT) == options.isEmpty()) {
            throw new IllegalArgumentException("field " + name + ": options are required for SELECT fields "
                    + "and only allowed there");
        }
        if (type == FieldType.SELECT && defaultValue != null && !options.contains(defaultValue)) {
            throw new IllegalArgumentException("field " + name + ": default " + defaultValue + " is not an option");
        }
    }

    /** An uploaded document, read by collectors through {@link CollectionContext#document(String)}. */
    public static ConfigField file(String name, String label) {
        return of(name, label, FieldType.FILE);
    }

    public static ConfigField text(String name, String label) {
        return of(name, label, FieldType.TEXT);
    }

    public static ConfigField textarea(String name, String label) {
        return of(name, label, FieldType.TEXTAREA);
    }

    public static ConfigField url(String name, String label) {
        return of(name, label, FieldType.URL);
    }

    public static ConfigField number(String name, String label) {
        return of(name, label, FieldType.NUMBER);
    }

    public static ConfigField bool(String name, String label) {
        return of(name, label, FieldType.BOOLEAN);
    }

    /** A credential; secrets are required by default since a connector rarely works without one. */
    public static ConfigField secret(String name, String label) {
        return new ConfigField(name, label, null, FieldType.SECRET, true, true, null, List.of());
    }

    public static ConfigField select(String name, String label, List<String> options) {
        return new ConfigField(name, label, null, FieldType.SELECT, false, false, null, options);
    }

    public ConfigField asRequired() {
        return new ConfigField(name, label, help, type, true, secret, defaultValue, options);
    }

    public ConfigField asOptional() {
        return new ConfigField(name, label, help, type, false, secret, defaultValue, options);
    }

    public ConfigField withHelp(String text) {
        return new ConfigField(name, label, text, type, required, secret, defaultValue, options);
    }

    public ConfigField withDefault(String value) {
        return new ConfigField(name, label, help, type, required, secret, value, options);
    }

    private static ConfigField of(String name, String label, FieldType type) {
        return new ConfigField(name, label, null, type, false, false, null, List.of());
    }
}
