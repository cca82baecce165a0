package dev.evident.control.internal;

import dev.evident.control.internal.YamlTree.Mapping;
import dev.evident.control.internal.YamlTree.Pair;
import dev.evident.control.internal.YamlTree.Scalar;
import dev.evident.control.internal.YamlTree.Sequence;
import dev.evident.control.internal.YamlTree.YNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed access to one YAML mapping for {@link ControlsYamlReader}: text, true/false and lists of
 * text, reporting wrong types and unknown, misspelt and repeated keys at their line and column.
 * Every value it hands out has its position recorded under its field path, so later rule checks
 * (which know only the field) are reported at the right place too.
 */
final class YamlFields {

    private static final Pattern TRUE = Pattern.compile("true|yes|on", Pattern.CASE_INSENSITIVE);

    /**
     * Where each field path was found; a path not found falls back to its parent's position. The
     * reader clears it between controls, so it never holds more than one control's fields.
     */
    static final class Positions {
        private final Map<String, YNode> nodes = new HashMap<>();
        private final Set<String> reported = new HashSet<>();
        private final FileProblems problems;

        Positions(FileProblems problems) {
            this.problems = problems;
        }

        void put(String path, YNode node) {
            nodes.put(path, node);
        }

        void clear() {
            nodes.clear();
            reported.clear();
        }

        /** Reports a problem at the position of the field, or of the closest enclosing one; once per field. */
        void report(String path, String message) {
            if (!reported.add(path)) {
                return;
            }
            YNode node = null;
            for (String p = path; node == null && p != null; p = parent(p)) {
                node = nodes.get(p);
            }
            reportAt(path, node, message);
        }

        /** Reports a problem at a given node (a repeated or unknown key, say). */
        void reportAt(String path, YNode node, String message) {
            reported.add(path);
            problems.add(path, node == null ? 1 : node.line(), node == null ? 1 : node.column(), message);
        }

        boolean reported(String path) {
            return reported.contains(path);
        }

        private static String parent(String path) {
            if (path.isEmpty()) {
                return null;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            return cut <= 0 ? "" : path.substring(0, cut);
        }
    }

    private final String path;
    private final Map<String, YNode> values = new LinkedHashMap<>();
    private final Positions positions;

    /**
     * @param what    the mapping as the messages name it: "a control", "the file"
     * @param allowed the keys of this mapping, in the order the format lists them
     * @param hints   advice for keys people are likely to write instead (ref → id)
     */
    YamlFields(Mapping mapping, String path, String what, List<String> allowed, Map<String, String> hints,
               Positions positions) {
        this.path = path;
        this.positions = positions;
        Map<String, YNode> keys = new HashMap<>();
        for (Pair pair : mapping.pairs()) {
            if (!(pair.key() instanceof Scalar scalar) || !scalar.tag().equals(Tag.STR)) {
                positions.reportAt(path, pair.key(), "has the key " + describe(pair.key()) + ", which is not a field name; "
                        + "the fields of " + what + " are " + String.join(", ", allowed));
                continue;
            }
            String key = scalar.value();
            String field = child(key);
            if (keys.containsKey(key)) {
                positions.reportAt(field, pair.key(), "appears twice in " + what + " (first at line "
                        + keys.get(key).line() + "); keep one");
                continue;
            }
            keys.put(key, pair.key());
            if (!allowed.contains(key)) {
                positions.reportAt(field, pair.key(), unknown(key, what, allowed, hints));
                continue;
            }
            values.put(key, pair.value());
            positions.put(field, pair.value());
        }
        if (mapping.truncated()) {
            positions.reportAt(path, mapping, "is too large: " + YamlTree.LIMITS);
        }
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Present and not null. */
    boolean has(String key) {
        YNode node = values.get(key);
        return node != null && !isNull(node);
    }

    YNode node(String key) {
        return values.get(key);
    }

    /** Text, or null when absent, empty or null; numbers, booleans and dates are refused rather than converted. */
    String text(String key) {
        return text(values.get(key), child(key), positions);
    }

    static String text(YNode node, String field, Positions positions) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof Scalar scalar) {
            if (scalar.tag().equals(Tag.STR)) {
                return scalar.value();
            }
            Tag tag = scalar.tag();
            String reading = tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) ? "a number"
                    : tag.equals(Tag.BOOL) ? "true or false" : tag.equals(Tag.TIMESTAMP) ? "a date" : "something other than text";
            positions.report(field, "'" + scalar.value() + "' is read by YAML as " + reading + ", not text; put it in "
                    + "quotes: \"" + scalar.value() + "\"");
            return null;
        }
        positions.report(field, "must be text, not " + describe(node)
                + (node instanceof Mapping ? " (put text containing ': ' in quotes)" : ""));
        return null;
    }

    /** true or false; absent means the given default; null after reporting another value. */
    Boolean bool(String key, boolean absent) {
        YNode node = values.get(key);
        if (node == null || isNull(node)) {
            return absent;
        }
        if (node instanceof Scalar scalar && scalar.tag().equals(Tag.BOOL)) {
            return TRUE.matcher(scalar.value()).matches();
        }
        positions.report(child(key), "must be true or false (without quotes), not " + describe(node));
        return null;
    }

    /** A list of text, or null when absent; each item's position is recorded as key[i]. */
    List<String> texts(String key) {
        YNode node = values.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof Sequence sequence)) {
            positions.report(child(key), "must be a list, not " + describe(node) + ": write [A, B] or one '- item' per line");
            return null;
        }
        if (sequence.truncated()) {
            positions.report(child(key), "is too large: " + YamlTree.LIMITS);
            return null;
        }
        List<String> texts = new ArrayList<>(sequence.items().size());
        for (int i = 0; i < sequence.items().size(); i++) {
            YNode item = sequence.items().get(i);
            String field = child(key) + "[" + i + "]";
            positions.put(field, item);
            texts.add(text(item, field, positions));
        }
        return texts;
    }

    /** A nested mapping's fields, or null (reported) when the value is not a mapping. */
    YamlFields mapping(String key, List<String> allowed) {
        YNode node = values.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof Mapping mapping)) {
            positions.report(child(key), "must be a mapping with the fields " + String.join(", ", allowed) + ", not "
                    + describe(node));
            return null;
        }
        return new YamlFields(mapping, child(key), "'" + key + "'", allowed, Map.of(), positions);
    }

    static boolean isNull(YNode node) {
        return node instanceof Scalar scalar && scalar.isNull();
    }

    static String describe(YNode node) {
        if (node instanceof Mapping) {
            return "a mapping (key: value pairs)";
        }
        if (node instanceof Sequence) {
            return "a list";
        }
        Scalar scalar = (Scalar) node;
        String value = scalar.value().length() > 40 ? scalar.value().substring(0, 40) + "…" : scalar.value();
        if (scalar.tag().equals(Tag.INT) || scalar.tag().equals(Tag.FLOAT)) {
            return "the number " + value;
        }
        return "'" + value + "'";
    }

    private static String unknown(String key, String what, List<String> allowed, Map<String, String> hints) {
        String hint = hints.get(key);
        if (hint == null) {
            String closest = closest(key, allowed);
            hint = closest == null ? null : "did you mean " + closest + "?";
        }
        return "is not a field of " + what + (hint == null ? "; the fields are " + String.join(", ", allowed) : "; " + hint);
    }

    /** A known key within two edits (ignoring case), for misspellings such as "critera" or "Owner". */
    private static String closest(String key, List<String> allowed) {
        String lower = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (String candidate : allowed) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT), bestDistance);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? null : "'" + best + "'";
    }

    /** Levenshtein distance, giving up at {@code limit} (keys are short; long ones are never close). */
    private static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit || a.length() > 64) {
            return limit;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
