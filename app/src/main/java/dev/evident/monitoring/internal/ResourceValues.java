package dev.evident.monitoring.internal;

import dev.cel.common.values.NullValue;
import dev.evident.integration.InventoryResource;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inventory resources as CEL values: {@code {id, name, type, connector, personEmail, collectedAt,
 * attributes}}, with the attributes' JSON turned into maps, lists, strings, ints (64-bit), doubles,
 * bools and CEL null.
 */
final class ResourceValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ResourceValues() {
    }

    static Map<String, Object> of(InventoryResource r) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", r.externalId());
        map.put("name", r.displayName() == null ? NullValue.NULL_VALUE : r.displayName());
        map.put("type", r.type());
        map.put("connector", r.connector() == null ? NullValue.NULL_VALUE : r.connector());
        map.put("personEmail", r.personEmail() == null ? NullValue.NULL_VALUE : r.personEmail());
        map.put("collectedAt", r.collectedAt() == null ? NullValue.NULL_VALUE : r.collectedAt());
        map.put("attributes", attributes(r.attributesJson()));
        return map;
    }

    /** The key a person and their accounts share: the inventory's person link, else the email attribute. */
    static String identityKey(Map<String, Object> value) {
        if (value.get("personEmail") instanceof String person && !person.isBlank()) {
            return person.trim().toLowerCase(Locale.ROOT);
        }
        Object attributes = value.get("attributes");
        if (attributes instanceof Map<?, ?> a && a.get("email") instanceof String email && !email.isBlank()) {
            return email.trim().toLowerCase(Locale.ROOT);
        }
        return null;
    }

    static Map<String, Object> attributes(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = JSON.readValue(json, Object.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the resource's attributes are not valid JSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("the resource's attributes are not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value(parsed);
        return map;
    }

    /** A plain Java value (from JSON or from check parameters) as a CEL value. */
    static Object value(Object v) {
        if (v == null) {
            return NullValue.NULL_VALUE;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), value(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(value(x)));
            return out;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (v instanceof Float || v instanceof BigDecimal) {
            return ((Number) v).doubleValue();
        }
        return v;
    }
}
