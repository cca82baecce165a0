package dev.evident.connectors.github;

import dev.evident.connector.CollectionException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** JSON reading helpers that keep "absent" as null instead of inventing defaults. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** One element of a JSON array response, with the exact bytes it was sent as. */
    record Element(JsonNode node, byte[] raw) {
    }

    private Json() {
    }

    static JsonNode parse(byte[] body, String what) throws CollectionException {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw CollectionException.retryable("GitHub sent a malformed JSON body for " + what + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Splits a JSON array body into its elements, keeping each element's raw bytes for the digest. */
    static List<Element> elements(byte[] body, String what) throws CollectionException {
        List<Element> result = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw CollectionException.retryable("GitHub sent " + what + " without the expected JSON array", null);
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw CollectionException.retryable("GitHub sent a truncated JSON array for " + what, null);
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                JsonNode node = parser.readValueAsTree();
                int end = (int) parser.currentLocation().getByteOffset();
                byte[] raw = new byte[end - start];
                System.arraycopy(body, start, raw, 0, raw.length);
                result.add(new Element(node, raw));
            }
        } catch (JacksonException e) {
            throw CollectionException.retryable("GitHub sent a malformed JSON body for " + what + ": "
                    + e.getOriginalMessage(), e);
        }
        return result;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isBoolean() ? value.booleanValue() : null;
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.intValue() : null;
    }

    static Instant instant(JsonNode node, String field) {
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

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Lowercase hex SHA-256 over the given byte arrays in order. */
    static String sha256(byte[]... parts) {
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
