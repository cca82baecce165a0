package dev.evident.integration.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A resource's attributes as a tree the resource page renders: objects as name/value lists, arrays as
 * numbered lists, scalars as text. Deeper than {@link #MAX_DEPTH} levels the rest is shown as JSON.
 *
 * @param kind   object, array, text (a string), value (number or boolean) or null
 * @param text   the scalar's text; for a cut-off subtree, its JSON
 * @param fields an object's members, in the connector's order
 * @param items  an array's elements
 */
record AttributeTree(String kind, String text, List<Field> fields, List<AttributeTree> items) {

    static final int MAX_DEPTH = 8;

    record Field(String name, AttributeTree value) {
    }

    static AttributeTree of(String json) {
        return of(ConnectionStore.JSON.readTree(json == null ? "{}" : json), 0);
    }

    private static AttributeTree of(JsonNode node, int depth) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return scalar("null", null);
        }
        if (depth >= MAX_DEPTH && node.isContainer()) {
            return scalar("text", node.toString());
        }
        if (node.isObject()) {
            List<Field> fields = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                fields.add(new Field(e.getKey(), of(e.getValue(), depth + 1)));
            }
            return new AttributeTree("object", null, fields, List.of());
        }
        if (node.isArray()) {
            List<AttributeTree> items = new ArrayList<>();
            node.forEach(item -> items.add(of(item, depth + 1)));
            return new AttributeTree("array", null, List.of(), items);
        }
        return node.isString() ? scalar("text", node.asString()) : scalar("value", node.toString());
    }

    private static AttributeTree scalar(String kind, String text) {
        return new AttributeTree(kind, text, List.of(), List.of());
    }
}
