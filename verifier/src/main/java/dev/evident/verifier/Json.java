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

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;
    /** True while parsing for {@link #parseCanonical}: departures from the canonical form are noted. */
    private final boolean canonical;
    /** The first departure from the canonical form, reported once the text has parsed. */
    private NotCanonicalException notCanonical;

    private Json(String text, boolean canonical) {
        this.text = text;
        this.canonical = canonical;
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
        if (parser.notCanonical != null) {
            throw parser.notCanonical;
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
        skipWhitespace();
        Object value = readValue();
        skipWhitespace();
        if (pos < text.length()) {
            throw error("unexpected text after the JSON value");
        }
        return value;
    }

    private void notCanonical(String reason) {
        if (canonical && notCanonical == null) {
            notCanonical = new NotCanonicalException(reason, line, column());
        }
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
        String previousKey = null;
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
            if (canonical && previousKey != null && previousKey.compareTo(key) > 0 && notCanonical == null) {
                notCanonical = new NotCanonicalException("key \"" + key + "\" comes after \"" + previousKey
                        + "\"; canonical objects have their keys in ascending order", keyLine, keyColumn);
            }
            previousKey = key;
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
        int start = pos;
        int end = text.length();
        // Fast path: most strings (hashes, ids, names) need no unescaping and are one substring.
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return text.substring(start, i);
            }
            if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                pos = i;
                break;
            }
        }
        StringBuilder out = new StringBuilder(Math.max(16, pos - start + 16)).append(text, start, pos);
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
            case '"', '\\' -> out.append(c);
            case '/' -> {
                notCanonical("'/' is escaped; canonical strings escape only quotes, backslashes and control characters");
                out.append(c);
            }
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
        if (canonical && notCanonical == null) {
            checkCanonicalEscape(escapeStart);
        }
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

    /**
     * The encoder writes backslash-u escapes only for control characters without a short form, as
     * backslash-u00xx in lower case; anything else spelled this way is not canonical.
     */
    private void checkCanonicalEscape(int escapeStart) {
        if (pos + 5 > text.length()) {
            return; // incomplete: hex4 reports it
        }
        String digits = text.substring(pos + 1, pos + 5);
        int value;
        try {
            value = Integer.parseInt(digits, 16);
        } catch (NumberFormatException e) {
            return; // hex4 reports it
        }
        boolean shortForm = value == '\b' || value == '\t' || value == '\n' || value == '\f' || value == '\r';
        if (value >= 0x20 || shortForm || !digits.equals(digits.toLowerCase(java.util.Locale.ROOT))) {
            int saved = pos;
            pos = escapeStart;
            notCanonical("\\u" + digits + " is not how canonical JSON writes this character");
            pos = saved;
        }
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
        if (canonical && notCanonical == null && (!integral || literal.equals("-0"))) {
            int saved = pos;
            pos = start;
            notCanonical("the number " + literal + " is not canonical; canonical JSON has whole numbers only, "
                    + "without a sign on zero");
            pos = saved;
        }
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
            notCanonical("whitespace outside a string; canonical JSON has none");
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
