package dev.evident.verifier;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Deterministic JSON in the spirit of RFC 8785 (JCS): the same value always yields the same bytes,
 * so a hash over the encoding can be recomputed by anyone, in any language.
 *
 * <p>Floating-point numbers are refused rather than formatted: their textual form differs between
 * runtimes, and a hash that depends on it would not be reproducible. Callers store such values as
 * strings or as integers in a smaller unit.
 */
public final class CanonicalJson {

    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private CanonicalJson() {
    }

    public static String encode(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, Where.ROOT, out);
        return out.toString();
    }

    /**
     * Writes one object field by field, for callers that know their keys: the same text as
     * {@link #encode} of the equivalent map, without building and sorting the map. Keys must be given
     * in ascending order (the canonical order); a key out of order is a programming error and throws.
     */
    public static ObjectWriter object() {
        return new ObjectWriter();
    }

    public static final class ObjectWriter {
        private final StringBuilder out = new StringBuilder(1024).append('{');
        private String lastKey;

        private ObjectWriter() {
        }

        public ObjectWriter field(String key, Object value) {
            if (lastKey != null && lastKey.compareTo(key) >= 0) {
                throw new IllegalStateException("key \"" + key + "\" written after \"" + lastKey
                        + "\"; canonical objects need ascending keys");
            }
            if (lastKey != null) {
                out.append(',');
            }
            lastKey = key;
            Where path = Where.ROOT.key(key);
            writeString(key, path, out);
            out.append(':');
            write(value, path, out);
            return this;
        }

        /** The finished object's canonical text. */
        public String end() {
            return out.append('}').toString();
        }
    }

    /**
     * Where in the document a value is ({@code $.data.items[2]}), spelled out only when an error names
     * it: building the path string eagerly for every key cost more than the encoding itself.
     */
    private static final class Where {
        static final Where ROOT = new Where(null, null, -1);
        private final Where parent;
        private final String key;
        private final int index;

        private Where(Where parent, String key, int index) {
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        Where key(String key) {
            return new Where(this, key, -1);
        }

        Where index(int index) {
            return new Where(this, null, index);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "$";
            }
            return key != null ? childPath(parent.toString(), key) : parent + "[" + index + "]";
        }
    }

    private static void write(Object value, Where path, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, path, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(integralDigits(d, path));
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, path, out);
        } else if (value instanceof Collection<?> items) {
            writeArray(items, path, out);
        } else if (value instanceof Object[] items) {
            writeArray(Arrays.asList(items), path, out);
        } else {
            throw unsupported(value.getClass().getName(), path);
        }
    }

    private static String integralDigits(BigDecimal d, Where path) {
        // Only whole numbers have one obvious spelling; 1.50 vs 1.5 vs 15E-1 do not.
        try {
            return d.toBigIntegerExact().toString();
        } catch (ArithmeticException fractional) {
            throw new IllegalArgumentException("cannot encode fractional number " + d.toPlainString()
                    + " at " + path + "; store it as a string or as an integer");
        }
    }

    private static void writeObject(Map<?, ?> map, Where path, StringBuilder out) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String s)) {
                String type = key == null ? "null" : key.getClass().getName();
                throw new IllegalArgumentException("object keys must be strings, found " + type + " at " + path);
            }
            keys.add(s);
        }
        // String.compareTo compares UTF-16 code units, which is exactly the JCS sort order.
        keys.sort(null);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            Where childPath = path.key(key);
            if (i > 0) {
                out.append(',');
            }
            writeString(key, childPath, out);
            out.append(':');
            write(map.get(key), childPath, out);
        }
        out.append('}');
    }

    private static void writeArray(Collection<?> items, Where path, StringBuilder out) {
        out.append('[');
        int index = 0;
        for (Object item : items) {
            if (index > 0) {
                out.append(',');
            }
            write(item, path.index(index), out);
            index++;
        }
        out.append(']');
    }

    private static void writeString(String s, Where path, StringBuilder out) {
        out.append('"');
        if (plain(s)) {
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c)) {
                        i = appendSurrogatePair(s, i, path, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** True when no character of {@code s} needs escaping or a surrogate check (the common case). */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A lone surrogate has no UTF-8 form; encoding it would silently turn it into '?'. */
    private static int appendSurrogatePair(String s, int i, Where path, StringBuilder out) {
        char high = s.charAt(i);
        if (Character.isHighSurrogate(high) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(high).append(s.charAt(i + 1));
            return i + 1;
        }
        throw new IllegalArgumentException("string contains an unpaired surrogate at " + path);
    }

    private static String childPath(String parent, String key) {
        if (SIMPLE_KEY.matcher(key).matches()) {
            return parent + "." + key;
        }
        return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static IllegalArgumentException unsupported(String type, Where path) {
        return new IllegalArgumentException("cannot encode value of type " + type + " at " + path
                + "; canonical JSON accepts maps, lists, arrays, strings, booleans, null and integers");
    }
}
