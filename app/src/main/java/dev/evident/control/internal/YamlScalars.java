package dev.evident.control.internal;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes text as YAML scalars, one fixed way, so the same text always gives the same bytes and reads
 * back as exactly that text:
 * <ul>
 *   <li>plain ({@code title: Access review}) when YAML would read it back as that same string;</li>
 *   <li>a literal block ({@code |-}) for several lines, when every line survives it unchanged;</li>
 *   <li>double quotes with escapes otherwise: values YAML would read as something else
 *       ({@code "2026.1"}, {@code "yes"}, {@code "null"}), values starting with an indicator
 *       ({@code "- item"}, {@code "#1"}), containing {@code ": "} or {@code " #"}, with surrounding or
 *       trailing white space, or with characters a file should not carry raw (control characters, tabs
 *       in one-line text, Unicode line separators).</li>
 * </ul>
 * Lines are never folded, so a value is always on one line or one block.
 */
final class YamlScalars {

    /** SnakeYAML's own resolver: what the reader uses to decide whether a plain value is a string. */
    private static final Resolver RESOLVER = new Resolver();
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

    private YamlScalars() {
    }

    /**
     * @param indent spaces before each line of a literal block (the enclosing key's indentation + 2)
     */
    static String scalar(String value, int indent) {
        if (value.indexOf('\n') >= 0 && fitsLiteralBlock(value)) {
            return literalBlock(value, indent);
        }
        return isPlainSafe(value) ? value : doubleQuoted(value);
    }

    /** Whether a value can be written without quotes and read back as the same string. */
    static boolean isPlainSafe(String value) {
        if (value.isEmpty() || INDICATORS.indexOf(value.charAt(0)) >= 0 || Character.isWhitespace(value.charAt(0))) {
            return false;
        }
        char last = value.charAt(value.length() - 1);
        if (Character.isWhitespace(last) || last == ':') {
            return false;
        }
        if (value.contains(": ") || value.contains(" #") || !allPlainCharacters(value)) {
            return false;
        }
        return RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.STR);
    }

    /** A criterion id or other token that can stand in a flow sequence: [CC6.1, CC6.2]. */
    static boolean isFlowToken(String value) {
        return value.matches("[A-Za-z0-9][A-Za-z0-9._-]*") && isPlainSafe(value);
    }

    private static boolean allPlainCharacters(String value) {
        return value.codePoints().allMatch(cp -> cp >= 0x20 && cp != 0x7F && isRawSafe(cp));
    }

    /** Printable for YAML and not a line break YAML 1.1 knows beyond \n (NEL, LS, PS) nor a byte-order mark. */
    private static boolean isRawSafe(int cp) {
        return StreamReader.isPrintable(cp) && cp != 0x85 && cp != 0x2028 && cp != 0x2029 && cp != 0xFEFF
                && !(cp >= 0x80 && cp <= 0x9F);
    }

    /**
     * A literal block keeps every character of its lines. It cannot carry: carriage returns (YAML turns
     * them into \n), a first line starting with a space (it would be taken as indentation), a final
     * line break (|- strips it), or trailing white space on a line (kept by YAML, but editors remove
     * it silently, so such values are quoted).
     */
    private static boolean fitsLiteralBlock(String value) {
        if (value.charAt(0) == ' ' || value.charAt(0) == '\t' || value.charAt(0) == '\n' || value.endsWith("\n")) {
            return false;
        }
        boolean ok = value.codePoints().allMatch(cp -> cp == '\n' || cp == '\t' || (cp >= 0x20 && cp != 0x7F && isRawSafe(cp)));
        if (!ok) {
            return false;
        }
        for (String line : value.split("\n", -1)) {
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                return false;
            }
        }
        return true;
    }

    private static String literalBlock(String value, int indent) {
        StringBuilder out = new StringBuilder("|-");
        String pad = " ".repeat(indent);
        for (String line : value.split("\n", -1)) {
            out.append('\n');
            if (!line.isEmpty()) {
                out.append(pad).append(line);
            }
        }
        return out.toString();
    }

    static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0 -> out.append("\\0");
                case 0x85 -> out.append("\\N");
                case 0x2028 -> out.append("\\L");
                case 0x2029 -> out.append("\\P");
                default -> {
                    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
                        out.append(String.format("\\x%02X", cp));
                    } else if (!isRawSafe(cp)) {
                        // Lone surrogates, U+FEFF, U+FFFE/U+FFFF and the like: escaped by code unit.
                        for (char c : Character.toChars(cp)) {
                            out.append(String.format("\\u%04X", (int) c));
                        }
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
