package dev.evident.verifier;

import dev.evident.verifier.Json.NotCanonicalException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The tokens of JSON text for {@link Json}: strings with their escapes, numbers, literals and
 * whitespace, read from a position that also gives line and column for error messages. When
 * parsing for {@link Json#parseCanonical}, it notes the first departure from the canonical form.
 */
final class JsonScanner {

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** True while parsing for {@link Json#parseCanonical}: departures from the canonical form are noted. */
    private final boolean canonical;
    /** The first departure from the canonical form, reported once the text has parsed. */
    private NotCanonicalException notCanonical;

    JsonScanner(String text, boolean canonical) {
        this.text = text;
        this.canonical = canonical;
    }

    /** Notes a departure from the canonical form at the current position, unless one was noted already. */
    void notCanonical(String reason) {
        notCanonical(reason, line, column());
    }

    /** Notes a departure found earlier in the text, at {@code line} and {@code column}. */
    void notCanonical(String reason, int line, int column) {
        if (canonical && notCanonical == null) {
            notCanonical = new NotCanonicalException(reason, line, column);
        }
    }

    /** The first departure from the canonical form, or null. */
    NotCanonicalException firstNotCanonical() {
        return notCanonical;
    }

    /** True when parsing for {@link Json#parseCanonical} and no departure has been noted yet. */
    boolean watchingCanonical() {
        return canonical && notCanonical == null;
    }

    String readString() {
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

    Object readNumber() {
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

    Object readLiteral(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("invalid literal, expected '" + word + "'");
        }
        pos += word.length();
        return value;
    }

    void skipWhitespace() {
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

    void expect(char wanted, String message) {
        if (peek() != wanted) {
            throw error(message);
        }
        pos++;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** Moves past the current character, which the caller has looked at. */
    void skip() {
        pos++;
    }

    /** The current character, or NUL at the end of input (NUL can never be valid there anyway). */
    char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    int line() {
        return line;
    }

    int column() {
        return pos - lineStart + 1;
    }

    JsonParseException error(String reason) {
        return new JsonParseException(reason, line, column());
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static String describe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
