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
 */
public final class Json {

    /** Guards the recursive descent against stack exhaustion on hostile input. */
    private static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    public static Object parse(String text) {
        Json parser = new Json(text);
        parser.skipWhitespace();
        Object value = parser.readValue();
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected text after the JSON value");
        }
        return value;
    }

    private Object readValue() {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield readNumber();
                }
                throw error("unexpected character " + describe(c) + ", expected a value");
            }
        };
    }

    private Map<String, Object> readObject() {
        enterNested();
        pos++; // '{'
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string as object key");
            }
            int keyLine = line;
            int keyColumn = column();
            String key = readString();
            if (object.containsKey(key)) {
                throw new JsonParseException("duplicate key \"" + key + "\"", keyLine, keyColumn);
            }
            skipWhitespace();
            expect(':', "expected ':' after object key");
            skipWhitespace();
            object.put(key, readValue());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}', "expected ',' or '}' in object");
                depth--;
                return object;
            }
        }
    }

    private List<Object> readArray() {
        enterNested();
        pos++; // '['
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(readValue());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']', "expected ',' or ']' in array");
                depth--;
                return array;
            }
        }
    }

    private String readString() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            } else if (c == '\\') {
                readEscape(out);
            } else if (c < 0x20) {
                throw error("control character " + describe(c) + " must be escaped inside a string");
            } else if (Character.isSurrogate(c)) {
                readSurrogatePair(out);
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private void readEscape(StringBuilder out) {
        pos++; // backslash
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '"', '\\', '/' -> out.append(c);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                readUnicodeEscape(out);
                return;
            }
            default -> throw error("invalid escape sequence \\" + c);
        }
        pos++;
    }

    private void readUnicodeEscape(StringBuilder out) {
        int escapeStart = pos - 1;
        char first = hex4();
        if (!Character.isSurrogate(first)) {
            out.append(first);
            return;
        }
        if (Character.isHighSurrogate(first) && text.startsWith("\\u", pos)) {
            pos++; // backslash; hex4 skips the 'u'
            char second = hex4();
            if (Character.isLowSurrogate(second)) {
                out.append(first).append(second);
                return;
            }
        }
        pos = escapeStart;
        throw error("unpaired surrogate in \\u escape");
    }

    /** Reads 'uXXXX' starting at the 'u'. */
    private char hex4() {
        pos++; // 'u'
        if (pos + 4 > text.length()) {
            throw error("incomplete \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos), 16);
            if (digit < 0) {
                throw error("invalid hex digit in \\u escape");
            }
            value = value * 16 + digit;
            pos++;
        }
        return (char) value;
    }

    private void readSurrogatePair(StringBuilder out) {
        char high = text.charAt(pos);
        if (Character.isHighSurrogate(high) && pos + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(pos + 1))) {
            out.append(high).append(text.charAt(pos + 1));
            pos += 2;
            return;
        }
        throw error("unpaired surrogate in string");
    }

    private Object readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zeros are not allowed in numbers");
            }
        } else {
            requireDigits("expected a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            requireDigits("expected a digit after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigits("expected a digit in the exponent");
        }
        String literal = text.substring(start, pos);
        if (!integral) {
            return new BigDecimal(literal);
        }
        BigInteger big = new BigInteger(literal);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private void requireDigits(String message) {
        if (!isDigit(peek())) {
            throw error(message);
        }
        while (isDigit(peek())) {
            pos++;
        }
    }

    private Object readLiteral(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("invalid literal, expected '" + word + "'");
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void expect(char wanted, String message) {
        if (peek() != wanted) {
            throw error(message);
        }
        pos++;
    }

    private void enterNested() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** The current character, or NUL at the end of input (NUL can never be valid there anyway). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private JsonParseException error(String reason) {
        return new JsonParseException(reason, line, column());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String describe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
