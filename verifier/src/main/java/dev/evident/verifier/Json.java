package dev.evident.verifier;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) parser, so the verifier needs no third-party library.
 *
 * <p>It rejects what lenient parsers quietly accept — duplicate keys, trailing text, lone
 * surrogates — because in evidence each of those could let two readers see different content.
 * Results: {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Long} (or
 * {@link BigInteger} when too large), {@link BigDecimal} for fractions and exponents,
 * {@link Boolean} and {@code null}.
 *
 * <p>{@link #parseCanonical} also checks, in the same single pass, that the text is exactly what
 * {@link CanonicalJson} would write for the value, so a verifier need not re-encode every entry.
 */
public final class Json {

    /** Guards the recursive descent against stack exhaustion on hostile input. */
    private static final int MAX_DEPTH = 512;

    /** Reads the tokens; this class reads the structure they form. */
    private final JsonScanner in;
    private int depth;

    private Json(String text, boolean canonical) {
        this.in = new JsonScanner(text, canonical);
    }

    public static Object parse(String text) {
        return new Json(text, false).document();
    }

    /**
     * Parses text that must be in canonical form, that is, equal to what {@link CanonicalJson#encode}
     * writes for the parsed value: no whitespace outside strings, object keys in ascending UTF-16 order,
     * only the escapes the encoder uses (short forms, lower-case backslash-u00xx escapes for other control
     * characters, nothing else escaped) and whole numbers without sign of zero, fraction or exponent.
     * Equivalent to {@code CanonicalJson.encode(parse(text)).equals(text)}, in one pass.
     *
     * @throws JsonParseException     when the text is not JSON (takes precedence)
     * @throws NotCanonicalException  when it is JSON but not in canonical form; names the first place
     */
    public static Object parseCanonical(String text) {
        Json parser = new Json(text, true);
        Object value = parser.document();
        if (parser.in.firstNotCanonical() != null) {
            throw parser.in.firstNotCanonical();
        }
        return value;
    }

    /** Valid JSON that is not in the canonical form. */
    public static final class NotCanonicalException extends JsonParseException {
        NotCanonicalException(String reason, int line, int column) {
            super(reason, line, column);
        }
    }

    private Object document() {
        in.skipWhitespace();
        Object value = readValue();
        in.skipWhitespace();
        if (!in.atEnd()) {
            throw in.error("unexpected text after the JSON value");
        }
        return value;
    }

    private Object readValue() {
        if (in.atEnd()) {
            throw in.error("unexpected end of input, expected a value");
        }
        char c = in.peek();
        return switch (c) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> in.readString();
            case 't' -> in.readLiteral("true", Boolean.TRUE);
            case 'f' -> in.readLiteral("false", Boolean.FALSE);
            case 'n' -> in.readLiteral("null", null);
            default -> {
                if (c == '-' || JsonScanner.isDigit(c)) {
                    yield in.readNumber();
                }
                throw in.error("unexpected character " + JsonScanner.describe(c) + ", expected a value");
            }
        };
    }

    private Map<String, Object> readObject() {
        enterNested();
        in.skip(); // '{'
        Map<String, Object> object = new LinkedHashMap<>();
        in.skipWhitespace();
        if (in.peek() == '}') {
            in.skip();
            depth--;
            return object;
        }
        String previousKey = null;
        while (true) {
            in.skipWhitespace();
            if (in.peek() != '"') {
                throw in.error("expected a string as object key");
            }
            int keyLine = in.line();
            int keyColumn = in.column();
            String key = in.readString();
            if (object.containsKey(key)) {
                throw new JsonParseException("duplicate key \"" + key + "\"", keyLine, keyColumn);
            }
            if (in.watchingCanonical() && previousKey != null && previousKey.compareTo(key) > 0) {
                in.notCanonical("key \"" + key + "\" comes after \"" + previousKey
                        + "\"; canonical objects have their keys in ascending order", keyLine, keyColumn);
            }
            previousKey = key;
            in.skipWhitespace();
            in.expect(':', "expected ':' after object key");
            in.skipWhitespace();
            object.put(key, readValue());
            in.skipWhitespace();
            if (in.peek() == ',') {
                in.skip();
            } else {
                in.expect('}', "expected ',' or '}' in object");
                depth--;
                return object;
            }
        }
    }

    private List<Object> readArray() {
        enterNested();
        in.skip(); // '['
        List<Object> array = new ArrayList<>();
        in.skipWhitespace();
        if (in.peek() == ']') {
            in.skip();
            depth--;
            return array;
        }
        while (true) {
            in.skipWhitespace();
            array.add(readValue());
            in.skipWhitespace();
            if (in.peek() == ',') {
                in.skip();
            } else {
                in.expect(']', "expected ',' or ']' in array");
                depth--;
                return array;
            }
        }
    }

    private void enterNested() {
        if (++depth > MAX_DEPTH) {
            throw in.error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }
}
