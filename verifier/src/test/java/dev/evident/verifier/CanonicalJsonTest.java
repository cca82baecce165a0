package dev.evident.verifier;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    @Test
    void objectKeysAreSortedAndNoWhitespaceIsEmitted() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 2);
        value.put("a", List.of(true, false));
        value.put("c", Map.of("y", "z", "x", 1L));

        assertThat(CanonicalJson.encode(value)).isEqualTo("{\"a\":[true,false],\"b\":2,\"c\":{\"x\":1,\"y\":\"z\"}}");
    }

    @Test
    void insertionOrderDoesNotChangeTheEncoding() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("actor", "alice");
        first.put("action", "evidence.added");
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("action", "evidence.added");
        second.put("actor", "alice");

        assertThat(CanonicalJson.encode(first)).isEqualTo(CanonicalJson.encode(second));
    }

    @Test
    void keysSortByUtf16CodeUnitsNotByCodePoint() {
        // U+FB01 is one code unit (0xFB01); U+1F600 is a surrogate pair starting 0xD83D, which sorts first.
        Map<String, Object> value = new HashMap<>();
        value.put("\uFB01", 1);
        value.put("\uD83D\uDE00", 2);
        value.put("Z", 3);
        value.put("a", 4);

        assertThat(CanonicalJson.encode(value)).isEqualTo("{\"Z\":3,\"a\":4,\"\uD83D\uDE00\":2,\"\uFB01\":1}");
    }

    @Test
    void stringsEscapeOnlyWhatJsonRequires() {
        String raw = "quote\" backslash\\ \b\f\n\r\t \u0001\u001f é € \uD83D\uDE00 / \u007f";

        assertThat(CanonicalJson.encode(raw))
                .isEqualTo("\"quote\\\" backslash\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f é € \uD83D\uDE00 / \u007f\"");
    }

    @Test
    void scalarsAndNullsEncodeLiterally() {
        assertThat(CanonicalJson.encode(null)).isEqualTo("null");
        assertThat(CanonicalJson.encode(Arrays.asList(null, true, (short) -3, 7, Long.MAX_VALUE)))
                .isEqualTo("[null,true,-3,7,9223372036854775807]");
        assertThat(CanonicalJson.encode(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
        assertThat(CanonicalJson.encode(new Object[] {"a", null})).isEqualTo("[\"a\",null]");
    }

    @Test
    void wholeBigDecimalsAreWrittenAsIntegers() {
        assertThat(CanonicalJson.encode(new BigDecimal("42.000"))).isEqualTo("42");
        assertThat(CanonicalJson.encode(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(CanonicalJson.encode(new BigDecimal("-0.0"))).isEqualTo("0");
    }

    @Test
    void doublesAreRejectedNamingTheirPath() {
        Map<String, Object> value = Map.of("summary", Map.of("size", 1.5d));

        assertThatThrownBy(() -> CanonicalJson.encode(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double")
                .hasMessageContaining("$.summary.size");
    }

    @Test
    void rejectionPathsIncludeArrayIndexesAndQuotedKeys() {
        Map<String, Object> value = Map.of("items", List.of("ok", Map.of("odd key", 2.0f)));

        assertThatThrownBy(() -> CanonicalJson.encode(value))
                .hasMessageContaining("java.lang.Float")
                .hasMessageContaining("$.items[1][\"odd key\"]");
    }

    @Test
    void fractionalBigDecimalsAndForeignObjectsAreRejected() {
        assertThatThrownBy(() -> CanonicalJson.encode(List.of(new BigDecimal("0.1"))))
                .hasMessageContaining("0.1").hasMessageContaining("$[0]");
        assertThatThrownBy(() -> CanonicalJson.encode(Map.of("when", java.time.Instant.EPOCH)))
                .hasMessageContaining("java.time.Instant").hasMessageContaining("$.when");
    }

    @Test
    void nonStringKeysAndLoneSurrogatesAreRejected() {
        assertThatThrownBy(() -> CanonicalJson.encode(Map.of("outer", Map.of(1, "x"))))
                .hasMessageContaining("keys must be strings").hasMessageContaining("$.outer");
        assertThatThrownBy(() -> CanonicalJson.encode(Map.of("name", "bad\uD800")))
                .hasMessageContaining("unpaired surrogate").hasMessageContaining("$.name");
    }

    @Test
    void parsedJsonRoundTripsToItsCanonicalForm() {
        Object parsed = Json.parse("{ \"z\" : [1, 2.0, \"\\u00e9\"], \"a\" : {\"k\": null} }");

        assertThat(CanonicalJson.encode(parsed)).isEqualTo("{\"a\":{\"k\":null},\"z\":[1,2,\"é\"]}");
    }

    @Test
    void anObjectWrittenFieldByFieldMatchesTheMapEncodingAndRefusesKeysOutOfOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", List.of(1L, "x\n"));
        map.put("a", null);
        map.put("c", Map.of("z", true, "y", "\u0001"));
        String written = CanonicalJson.object().field("a", null).field("b", List.of(1L, "x\n"))
                .field("c", Map.of("z", true, "y", "\u0001")).end();
        assertThat(written).isEqualTo(CanonicalJson.encode(map));

        assertThatThrownBy(() -> CanonicalJson.object().field("b", 1L).field("a", 2L))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"a\" written after \"b\"");
        assertThatThrownBy(() -> CanonicalJson.object().field("a", 1L).field("a", 2L))
                .isInstanceOf(IllegalStateException.class);
    }
}
