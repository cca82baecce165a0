package dev.evident.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Json#parseCanonical} must accept exactly the texts that re-encode to themselves, because the
 * ledger verifier uses it in place of parse-then-encode. Checked on hand-picked departures and on
 * thousands of generated documents and mutations of them.
 */
class CanonicalParseTest {

    private static final String[] TRICKY = {"", "a", "A", "_", "é", "日本", "\uD83D\uDE00", "\"", "\\", "/", "\b", "\t",
            "\n", "\f", "\r", "\u0001", "\u001f", "\u007f", " ", "a b", "0", "-", "{", "}", "[", "]", ",", ":"};

    @Test
    void acceptsWhatTheEncoderWrites() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", List.of(1L, -2L, "x\n\"y\"\u0002/", Map.of()));
        value.put("a", true);
        value.put("\u00e9", null);
        value.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        String text = CanonicalJson.encode(value);
        assertEquals(Json.parse(text), Json.parseCanonical(text));
    }

    @Test
    void namesEachKindOfDeparture() {
        assertNotCanonical("{\"a\":1, \"b\":2}", "whitespace");
        assertNotCanonical(" {}", "whitespace");
        assertNotCanonical("{\"b\":1,\"a\":2}", "ascending order");
        assertNotCanonical("[\"\\/\"]", "'/' is escaped");
        assertNotCanonical("[\"\\u0041\"]", "\\u0041");
        assertNotCanonical("[\"\\u000a\"]", "\\u000a");
        assertNotCanonical("[\"\\u001F\"]", "\\u001F");
        assertNotCanonical("[\"\\ud83d\\ude00\"]", "\\ud83d");
        assertNotCanonical("[1.5]", "whole numbers");
        assertNotCanonical("[1e3]", "whole numbers");
        assertNotCanonical("[-0]", "sign on zero");
        // Not JSON at all takes precedence over not canonical.
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parseCanonical("{\"b\":1, \"a\":}"));
        assertTrue(!(e instanceof Json.NotCanonicalException), e.getMessage());
    }

    @Test
    void agreesWithParseThenEncodeOnGeneratedDocuments() {
        Random random = new Random(20261130);
        int canonical = 0;
        int departures = 0;
        for (int round = 0; round < 20_000; round++) {
            String encoded = CanonicalJson.encode(value(random, 0));
            String text = round % 2 == 1 ? mutate(encoded, random) : encoded;
            Boolean reference = reference(text);
            if (reference == null) {
                assertThrows(JsonParseException.class, () -> Json.parseCanonical(text), text);
                continue;
            }
            boolean accepted;
            try {
                Json.parseCanonical(text);
                accepted = true;
            } catch (Json.NotCanonicalException e) {
                accepted = false;
            }
            assertEquals(reference, accepted, text);
            if (accepted) {
                canonical++;
            } else {
                departures++;
            }
        }
        assertTrue(canonical > 5_000 && departures > 2_000, canonical + " canonical, " + departures + " departures");
    }

    /** True if the text re-encodes to itself, false if not, null if it is not JSON. */
    private static Boolean reference(String text) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonParseException e) {
            return null;
        }
        try {
            return CanonicalJson.encode(parsed).equals(text);
        } catch (IllegalArgumentException fractional) {
            return false;
        }
    }

    private static Object value(Random random, int depth) {
        int pick = random.nextInt(depth > 3 ? 4 : 7);
        return switch (pick) {
            case 0 -> TRICKY[random.nextInt(TRICKY.length)] + TRICKY[random.nextInt(TRICKY.length)];
            case 1 -> random.nextInt(3) == 0 ? (long) random.nextInt(3) - 1 : random.nextLong();
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4, 5 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(TRICKY[random.nextInt(TRICKY.length)] + random.nextInt(3), value(random, depth + 1));
                }
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
        };
    }

    /** One small edit of the kind a careless tool or a tamperer makes. */
    private static String mutate(String text, Random random) {
        int at = random.nextInt(text.length() + 1);
        return switch (random.nextInt(8)) {
            case 0 -> text.substring(0, at) + " " + text.substring(at);
            case 1 -> text.substring(0, at) + "\n" + text.substring(at);
            case 2 -> text.replaceFirst("\\\\n", "\\\\u000a");
            case 3 -> text.replaceFirst("/", "\\\\/");
            case 4 -> text.replaceFirst("([0-9])([,\\]}])", "$1.0$2");
            case 5 -> text.replaceFirst("é", "\\\\u00e9");
            case 6 -> swapFirstTwoKeys(text);
            default -> text.replaceFirst("\\\\u00([0-9a-f])([0-9a-f])", "\\\\u00$1" + "F");
        };
    }

    private static String swapFirstTwoKeys(String text) {
        Object parsed = Json.parse(text);
        if (parsed instanceof Map<?, ?> map && map.size() >= 2) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            StringBuilder out = new StringBuilder("{");
            for (int i : new int[] {1, 0}) {
                out.append(CanonicalJson.encode(entries.get(i).getKey())).append(':')
                        .append(CanonicalJson.encode(entries.get(i).getValue())).append(',');
            }
            for (int i = 2; i < entries.size(); i++) {
                out.append(CanonicalJson.encode(entries.get(i).getKey())).append(':')
                        .append(CanonicalJson.encode(entries.get(i).getValue())).append(',');
            }
            out.setLength(out.length() - 1);
            return out.append('}').toString();
        }
        return text + " ";
    }

    private static void assertNotCanonical(String text, String expected) {
        Json.NotCanonicalException e = assertThrows(Json.NotCanonicalException.class, () -> Json.parseCanonical(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
