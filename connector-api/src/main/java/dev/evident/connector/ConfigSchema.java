package dev.evident.connector;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The settings a connector needs, in the order a form should show them. */
public record ConfigSchema(List<ConfigField> fields) {

    public ConfigSchema {
        fields = List.copyOf(fields);
        Set<String> names = new HashSet<>();
        for (ConfigField field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("duplicate config field " + field.name());
            }
        }
    }

    public static ConfigSchema of(ConfigField... fields) {
        return new ConfigSchema(List.of(fields));
    }

    public Optional<ConfigField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Checks submitted form values. Empty values count as absent, so optional fields may be left
     * blank and required fields with a default are satisfied by it. Returns no problems when valid.
     */
    public List<ConfigProblem> validate(Map<String, String> values) {
        Map<String, String> submitted = values == null ? Map.of() : values;
        List<ConfigProblem> problems = new ArrayList<>();
        for (ConfigField field : fields) {
            String value = submitted.get(field.name());
            if (value == null || value.isBlank()) {
                if (field.required() && field.defaultValue() == null) {
                    problems.add(new ConfigProblem(field.name(), field.label() + " is required"));
                }
            } else {
                String problem = checkValue(field, value);
                if (problem != null) {
                    problems.add(new ConfigProblem(field.name(), field.label() + " " + problem));
                }
            }
        }
        for (String name : new TreeSet<>(submitted.keySet())) {
            if (field(name).isEmpty()) {
                problems.add(new ConfigProblem(name, name + " is not a setting of this connector"));
            }
        }
        return List.copyOf(problems);
    }

    private static String checkValue(ConfigField field, String value) {
        return switch (field.type()) {
            case URL -> isHttpUrl(value) ? null : "must be an absolute http:// or https:// URL";
            case NUMBER -> isNumber(value) ? null : "must be a number";
            case BOOLEAN -> value.equals("true") || value.equals("false") ? null : "must be true or false";
            case SELECT -> field.options().contains(value) ? null
                    : "must be one of: " + String.join(", ", field.options());
            case TEXT, TEXTAREA, SECRET, FILE -> null;
        };
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
