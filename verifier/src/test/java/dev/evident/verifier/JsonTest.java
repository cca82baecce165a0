package dev.evident.verifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Object parsed = Json.parse("""
                {"s": "a\\"b\\u00e9\\n", "i": -12, "big": 123456789012345678901234567890,
                 "f": 1.25, "e": 1e3, "t": true, "n": null, "list": [false, {}, []]}""");

        assertThat(parsed).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        assertThat(map.keySet()).containsExactly("s", "i", "big", "f", "e", "t", "n", "list");
        assertThat(map.get("s")).isEqualTo("a\"bé\n");
        assertThat(map.get("i")).isEqualTo(-12L);
        assertThat(map.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(map.get("f")).isEqualTo(new BigDecimal("1.25"));
        assertThat(map.get("e")).isEqualTo(new BigDecimal("1e3"));
        assertThat(map.get("t")).isEqualTo(true);
        assertThat(map.containsKey("n")).isTrue();
        assertThat(map.get("n")).isNull();
        assertThat(map.get("list")).isEqualTo(Arrays.asList(false, Map.of(), List.of()));
    }

    @Test
    void longBoundariesStayLongs() {
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
    }

    @Test
    void surrogatePairEscapesDecodeToOneCodePoint() {
        assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void errorsNameLineAndColumn() {
        JsonParseException e = catchThrowableOfType(JsonParseException.class, () -> Json.parse("""
                {
                  "a": 1,
                  "b"   2
                }"""));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(9);
        assertThat(e).hasMessage("line 3, column 9: expected ':' after object key");
        assertThat(e.reason()).isEqualTo("expected ':' after object key");
    }

    @Test
    void duplicateKeysAreRejectedAtTheSecondKey() {
        JsonParseException e = catchThrowableOfType(JsonParseException.class,
                () -> Json.parse("{\"a\":1, \"a\":2}"));

        assertThat(e).hasMessage("line 1, column 9: duplicate key \"a\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"a\":1} x         | 1 | 9  | unexpected text after the JSON value",
            "[1,]               | 1 | 4  | unexpected character ']', expected a value",
            "{\"a\":1,}         | 1 | 8  | expected a string as object key",
            "[1 2]              | 1 | 4  | expected ',' or ']' in array",
            "01                 | 1 | 2  | leading zeros are not allowed in numbers",
            "1.                 | 1 | 3  | expected a digit after the decimal point",
            "-                  | 1 | 2  | expected a digit",
            "tru                | 1 | 1  | invalid literal, expected 'true'",
            "\"abc              | 1 | 5  | unterminated string",
            "\"\\x\"            | 1 | 3  | invalid escape sequence \\x",
            "\"\\ud800\"        | 1 | 2  | unpaired surrogate in \\u escape",
            "'single'           | 1 | 1  | unexpected character ''', expected a value",
            "NaN                | 1 | 1  | unexpected character 'N', expected a value",
    })
    void malformedInputIsRejectedWithPosition(String input, int line, int column, String reason) {
        JsonParseException e = catchThrowableOfType(JsonParseException.class, () -> Json.parse(input));

        assertThat(e).as("parsing %s", input).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
    }

    @Test
    void emptyInputAndRawControlCharactersAreRejected() {
        assertThatThrownBy(() -> Json.parse("  ")).hasMessage("line 1, column 3: unexpected end of input, expected a value");
        assertThatThrownBy(() -> Json.parse("\"a\tb\"")).hasMessageContaining("control character U+0009");
    }

    @Test
    void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("nesting deeper than");
    }
}
