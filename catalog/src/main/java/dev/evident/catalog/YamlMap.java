package dev.evident.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed, located access to one YAML mapping, so every error can say where it happened. */
final class YamlMap {

    private final Map<?, ?> map;
    private final String file;
    private final String requirementId;
    private final String where;

    private YamlMap(Map<?, ?> map, String file, String requirementId, String where) {
        this.map = map;
        this.file = file;
        this.requirementId = requirementId;
        this.where = where;
    }

    /**
     * @param where how to describe this mapping in messages ("document", "category 2"), used when
     *              there is no requirement id to point at
     */
    static YamlMap of(Object value, String file, String requirementId, String where) {
        if (value instanceof Map<?, ?> map) {
            return new YamlMap(map, file, requirementId, where);
        }
        throw new CatalogException(file, requirementId, prefix(where) + "expected a mapping of fields, found "
                + describe(value));
    }

    /** Same mapping, now known to belong to a requirement, so later errors name it. */
    YamlMap forRequirement(String id) {
        return new YamlMap(map, file, id, null);
    }

    String text(String key) {
        String value = optionalText(key);
        if (value == null || value.isBlank()) {
            throw error("missing field '" + key + "'");
        }
        return value;
    }

    String optionalText(String key) {
        Object value = map.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        // YAML reads unquoted 2017 or 1.10 as numbers (and 1.10 as 1.1), which would silently
        // corrupt ids and versions; insisting on text makes the author quote them.
        throw error("field '" + key + "' must be text, found " + describe(value) + "; quote the value");
    }

    List<?> list(String key, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw error("missing field '" + key + "'");
            }
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw error("field '" + key + "' must be a list, found " + describe(value));
    }

    /** Rejects misspelt fields ("descripton") that would otherwise be dropped without a word. */
    void allowOnly(Set<String> keys) {
        for (Object key : map.keySet()) {
            if (!keys.contains(String.valueOf(key))) {
                throw error("unknown field '" + key + "'; allowed fields: " + String.join(", ", new TreeSet<>(keys)));
            }
        }
    }

    CatalogException error(String problem) {
        return new CatalogException(file, requirementId, prefix(where) + problem);
    }

    private static String prefix(String where) {
        return where == null ? "" : where + ": ";
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
    }
}
