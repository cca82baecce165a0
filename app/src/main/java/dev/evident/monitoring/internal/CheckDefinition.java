package dev.evident.monitoring.internal;

import java.util.List;
import java.util.Map;

/**
 * What a check is, independent of where it is stored: the built-in library and the API both produce
 * one, the engine compiles it, and every saved version keeps one.
 *
 * @param key          stable, human id such as {@code github.org-2fa-required}, unique in the organization
 * @param resourceType the inventory type the check evaluates, one result per resource
 * @param expression   CEL; yields a bool, a string (empty for pass, otherwise the reason it fails) or a
 *                     map {@code {pass: bool, reason: string}}
 * @param controls     keys of the controls it proves: ids of the built-in control library (AC-02) or
 *                     references of the organization's own controls
 * @param parameters   named values the expression reads as {@code params.name}
 * @param joins        other resource types the expression reads as lists
 */
public record CheckDefinition(String key, String title, String description, String resourceType, String expression,
                              Severity severity, List<String> controls, String remediation, Map<String, Object> parameters,
                              List<CheckJoin> joins) {

    public CheckDefinition {
        controls = controls == null ? List.of() : List.copyOf(controls);
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        joins = joins == null ? List.of() : List.copyOf(joins);
    }

    public CheckDefinition withKey(String newKey) {
        return new CheckDefinition(newKey, title, description, resourceType, expression, severity, controls, remediation,
                parameters, joins);
    }

    /** The resource types the check reads: its own and every joined type. */
    public List<String> typesRead() {
        List<String> types = new java.util.ArrayList<>();
        types.add(resourceType);
        joins.stream().map(CheckJoin::type).filter(t -> !types.contains(t)).forEach(types::add);
        return types;
    }

    public enum Severity {
        LOW, MEDIUM, HIGH, CRITICAL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Severity parse(String value) {
            if (value == null) {
                return null;
            }
            for (Severity s : values()) {
                if (s.id().equalsIgnoreCase(value.trim())) {
                    return s;
                }
            }
            return null;
        }
    }
}
