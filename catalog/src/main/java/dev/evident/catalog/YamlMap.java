package dev.evident.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed, located access to one YAML mapping, so every error can say where it happened. */
final class YamlMap {

    /**
     * Builds the exception for a problem in this mapping, so each reader decides how a location
     * is named (a requirement, a library control, a position in a list).
     */
    @FunctionalInterface
    interface Locator {

        /** @param field the field concerned, dotted for nested mappings ("test.method"); null for the whole mapping */
        CatalogException error(String field, String problem);
    }

    private final Map<?, ?> map;
    private final Locator locator;
    private final String path;

    private YamlMap(Map<?, ?> map, Locator locator, String path) {
        this.map = map;
        this.locator = locator;
        this.path = path;
    }

    /**
     * @param where how to describe this mapping in messages ("document", "category 2"), used when
     *              there is no requirement id to point at
     */
    static YamlMap of(Object value, String file, String requirementId, String where) {
        return of(value, (field, problem) -> new CatalogException(file, requirementId, prefix(where) + problem));
    }

    static YamlMap of(Object value, Locator locator) {
        if (value instanceof Map<?, ?> map) {
            return new YamlMap(map, locator, "");
        }
        throw locator.error(null, "expected a mapping of fields, found " + describe(value));
    }

    /** Same mapping, now known to belong to a requirement, so later errors name it. */
    YamlMap forRequirement(String file, String id) {
        return relocated((field, problem) -> new CatalogException(file, id, problem));
    }

    /** Same mapping with errors located differently, e.g. once the id of the item is known. */
    YamlMap relocated(Locator newLocator) {
        return new YamlMap(map, newLocator, path);
    }

    String text(String key) {
        String value = optionalText(key);
        if (value == null || value.isBlank()) {
            throw missing(key);
        }
        return value;
    }

    String optionalText(String key) {
        return asText(key, map.get(key));
    }

    /** An optional true/false field; absent means false. */
    boolean flag(String key) {
        Object value = map.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw error(key, "field '" + field(key) + "' must be true or false, found " + describe(value));
    }

    List<?> list(String key, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw missing(key);
            }
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw error(key, "field '" + field(key) + "' must be a list, found " + describe(value));
    }

    /** A required, non-empty list of non-blank texts. */
    List<String> texts(String key) {
        List<?> items = list(key, true);
        if (items.isEmpty()) {
            throw error(key, "field '" + field(key) + "' must list at least one value");
        }
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
            String text = asText(key, item);
            if (text == null || text.isBlank()) {
                throw error(key, "field '" + field(key) + "' contains an empty value");
            }
            texts.add(text);
        }
        return texts;
    }

    /** A required text that must be one of the allowed values (enum spellings, declared ids). */
    String oneOf(String key, Collection<String> allowed) {
        String value = text(key);
        if (!allowed.contains(value)) {
            throw error(key, "field '" + field(key) + "' has unknown value '" + value + "'; allowed values: "
                    + String.join(", ", allowed));
        }
        return value;
    }

    /** A required nested mapping; its errors name fields with this key in front ("test.method"). */
    YamlMap mapping(String key) {
        Object value = map.get(key);
        if (value == null) {
            throw missing(key);
        }
        if (!(value instanceof Map<?, ?> nested)) {
            throw error(key, "field '" + field(key) + "' must be a mapping of fields, found " + describe(value));
        }
        return new YamlMap(nested, locator, field(key) + ".");
    }

    /** Rejects misspelt fields ("descripton") that would otherwise be dropped without a word. */
    void allowOnly(Set<String> keys) {
        for (Object key : map.keySet()) {
            if (!keys.contains(String.valueOf(key))) {
                throw error(String.valueOf(key), "unknown field '" + field(String.valueOf(key))
                        + "'; allowed fields: " + String.join(", ", new TreeSet<>(keys)));
            }
        }
    }

    CatalogException error(String problem) {
        return locator.error(path.isEmpty() ? null : path.substring(0, path.length() - 1), problem);
    }

    /** A problem with one field; the message should name the field, since the author reads that. */
    CatalogException error(String key, String problem) {
        return locator.error(field(key), problem);
    }

    private String asText(String key, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        // YAML reads unquoted 2017 or 1.10 as numbers (and 1.10 as 1.1), which would silently
        // corrupt ids and versions; insisting on text makes the author quote them.
        throw error(key, "field '" + field(key) + "' must be text, found " + describe(value) + "; quote the value");
    }

    private CatalogException missing(String key) {
        return error(key, "missing field '" + field(key) + "'");
    }

    private String field(String key) {
        return path + key;
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
