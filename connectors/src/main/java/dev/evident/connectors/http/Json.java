package dev.evident.connectors.http;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** JSON reading helpers that keep "absent" as null instead of inventing defaults. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** One element of a JSON array in a response, with the exact bytes it was sent as. */
    public record Element(JsonNode node, byte[] raw) {
    }

    /** The elements of the array in a body, and the rest of the body (empty for a bare array). */
    public record Listing(List<Element> elements, ObjectNode rest) {
    }

    private Json() {
    }

    public static JsonNode parse(byte[] body, String source, String what) throws CollectionException {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw malformed(source, what, e);
        }
    }

    /**
     * Splits a list response into its elements, keeping each element's raw bytes for the digest.
     *
     * @param arrayField null when the body is a bare JSON array; otherwise the field of the body
     *                   object holding the array (absent means an empty list, as Google sends it)
     */
    public static Listing elements(byte[] body, String source, String what, String arrayField)
            throws CollectionException {
        List<Element> result = new ArrayList<>();
        ObjectNode rest = object();
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (arrayField == null) {
                if (first != JsonToken.START_ARRAY) {
                    throw CollectionException.retryable(source + " sent " + what + " without the expected JSON array", null);
                }
                readArray(parser, body, result, source, what);
            } else {
                if (first != JsonToken.START_OBJECT) {
                    throw CollectionException.retryable(source + " sent " + what + " without the expected JSON object", null);
                }
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals(arrayField) && value == JsonToken.START_ARRAY) {
                        readArray(parser, body, result, source, what);
                    } else {
                        rest.set(name, parser.readValueAsTree());
                    }
                }
                if (parser.currentToken() != JsonToken.END_OBJECT) {
                    throw CollectionException.retryable(source + " sent a truncated JSON object for " + what, null);
                }
            }
        } catch (JacksonException e) {
            throw malformed(source, what, e);
        }
        return new Listing(result, rest);
    }

    private static void readArray(JsonParser parser, byte[] body, List<Element> result, String source, String what)
            throws CollectionException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw CollectionException.retryable(source + " sent a truncated JSON array for " + what, null);
            }
            int start = (int) parser.currentTokenLocation().getByteOffset();
            JsonNode node = parser.readValueAsTree();
            int end = (int) parser.currentLocation().getByteOffset();
            byte[] raw = new byte[end - start];
            System.arraycopy(body, start, raw, 0, raw.length);
            result.add(new Element(node, raw));
        }
    }

    private static CollectionException malformed(String source, String what, JacksonException e) {
        return CollectionException.retryable(source + " sent a malformed JSON body for " + what + ": "
                + e.getOriginalMessage(), e);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A JSON array of the given strings, in their order. */
    public static ArrayNode strings(Collection<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    public static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isBoolean() ? value.booleanValue() : null;
    }

    public static Integer integer(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.intValue() : null;
    }

    /** An ISO-8601 instant, or null when absent or unreadable. */
    public static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An instant field in the one ISO-8601 form every resource uses ({@code 2026-03-01T09:30:00Z}), or null. */
    public static String instantText(JsonNode node, String field) {
        Instant instant = instant(node, field);
        return instant == null ? null : instant.toString();
    }

    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** A resource with the given attributes and the digest of the raw responses it came from, in order. */
    public static CollectedResource resource(String type, String externalId, String displayName, ObjectNode attributes,
                                             Instant collectedAt, byte[]... raw) {
        return new CollectedResource(type, externalId, displayName, write(attributes), collectedAt, sha256(raw));
    }

    /** Lowercase hex SHA-256 over the given byte arrays in order. */
    public static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
