package dev.evident.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.monitoring.internal.LocationBreakdown.Filter;
import dev.evident.monitoring.internal.LocationBreakdown.Location;
import dev.evident.monitoring.internal.LocationBreakdown.Row;
import dev.evident.shared.problem.InvalidInputException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Placing resources by their accountId and region attributes, and counting outcomes per place. */
class LocationBreakdownTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void aResourceIsPlacedByItsAccountAndRegionAndWithoutRegionItIsGlobal() {
        assertThat(Location.of(json("{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\",\"name\":\"b\"}")))
                .isEqualTo(new Location("111122223333", "eu-west-1"));
        assertThat(Location.of(json("{\"accountId\":\"111122223333\",\"region\":\"global\"}")))
                .isEqualTo(new Location("111122223333", "global"));
        assertThat(Location.of(json("{\"accountId\":\"111122223333\"}")).region()).isEqualTo("global");
        assertThat(Location.of(json("{\"accountId\":\"111122223333\",\"region\":null}")).region()).isEqualTo("global");
        assertThat(Location.of(json("{\"accountId\":\" 111122223333 \",\"region\":\"  \"}")))
                .isEqualTo(new Location("111122223333", "global"));
        assertThat(Location.of(json("{\"accountId\":111122223333,\"region\":\"us-east-1\"}")))
                .as("a numeric id reads as its digits").isEqualTo(new Location("111122223333", "us-east-1"));
    }

    @Test
    void aResourceWithoutAnAccountHasNoLocation() {
        assertThat(Location.of(json("{\"login\":\"bob\",\"region\":\"eu-west-1\"}"))).isNull();
        assertThat(Location.of(json("{\"accountId\":null}"))).isNull();
        assertThat(Location.of(json("{\"accountId\":\"\"}"))).isNull();
        assertThat(Location.of(json("{\"accountId\":{\"id\":\"1\"}}"))).isNull();
        assertThat(Location.of(null)).isNull();
    }

    @Test
    void outcomesAreCountedPerAccountAndRegionOrderedByAccountWithGlobalFirst() {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, Location> at = new HashMap<>();
        put(outcomes, at, "b1", Outcome.FAIL, new Location("222", "us-east-1"));
        put(outcomes, at, "b2", Outcome.PASS, new Location("222", "us-east-1"));
        put(outcomes, at, "b3", Outcome.FAIL, new Location("111", "eu-west-1"));
        put(outcomes, at, "b4", Outcome.FAIL, new Location("111", "eu-west-1"));
        put(outcomes, at, "b5", Outcome.EXCEPTED, new Location("111", "eu-west-1"));
        put(outcomes, at, "u1", Outcome.ERROR, new Location("111", "global"));
        put(outcomes, at, "k1", Outcome.PASS, new Location("111", "ap-south-1"));
        outcomes.put("gone", Outcome.FAIL); // a result whose resource names no account

        List<Row> rows = LocationBreakdown.rows(outcomes, at, Map.of("111", "production"));

        assertThat(rows).containsExactly(
                new Row("111", "production", "global", 0, 0, 1, 0),
                new Row("111", "production", "ap-south-1", 1, 0, 0, 0),
                new Row("111", "production", "eu-west-1", 0, 2, 0, 1),
                new Row("222", null, "us-east-1", 1, 1, 0, 0));
        assertThat(rows.get(2).total()).isEqualTo(3);
        assertThat(rows.get(2).counts()).containsExactly(Map.entry("pass", 0), Map.entry("fail", 2),
                Map.entry("error", 0), Map.entry("excepted", 1));
        assertThat(LocationBreakdown.unlocated(outcomes, at)).isEqualTo(1);
        assertThat(rows.stream().mapToInt(Row::total).sum()).isEqualTo(outcomes.size() - 1);
    }

    @Test
    void noResourceWithAnAccountMeansNoRows() {
        assertThat(LocationBreakdown.rows(Map.of("a", Outcome.FAIL), Map.of(), Map.of())).isEmpty();
        assertThat(LocationBreakdown.unlocated(Map.of("a", Outcome.FAIL), Map.of())).isEqualTo(1);
    }

    @Test
    void theFilterKeepsTheResourcesOfItsAccountAndRegion() {
        Location euBucket = new Location("111", "eu-west-1");
        Location iamUser = new Location("111", "global");
        Location other = new Location("222", "eu-west-1");

        Filter both = Filter.of("111", "eu-west-1");
        assertThat(both.active()).isTrue();
        assertThat(both.matches(euBucket)).isTrue();
        assertThat(both.matches(iamUser)).isFalse();
        assertThat(both.matches(other)).isFalse();
        assertThat(both.matches(null)).as("a resource without a location is never in an account").isFalse();

        Filter account = Filter.of(" 111 ", "");
        assertThat(account).isEqualTo(new Filter("111", null));
        assertThat(account.matches(euBucket)).isTrue();
        assertThat(account.matches(iamUser)).isTrue();
        assertThat(account.matches(other)).isFalse();

        assertThat(Filter.of(null, "global").matches(iamUser)).isTrue();
        assertThat(Filter.of(null, "global").matches(euBucket)).isFalse();

        assertThat(Filter.of(null, null).active()).isFalse();
        assertThat(Filter.NONE.matches(null)).isTrue();
    }

    @Test
    void anOverlongFilterIsRefusedNamingItsField() {
        assertThatThrownBy(() -> Filter.of("1".repeat(201), null)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).singleElement()
                        .satisfies(f -> assertThat(f.field()).isEqualTo("account")));
        assertThatThrownBy(() -> Filter.of("111", "r".repeat(201))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 200 characters");
    }

    @Test
    void theAccountNameIsTheFirstNonBlankNameSeen() {
        Map<String, String> names = new HashMap<>();
        LocationBreakdown.putName(names, json("{\"accountId\":\"111\",\"region\":\"global\",\"name\":\" \"}"));
        LocationBreakdown.putName(names, json("{\"accountId\":\"111\",\"region\":\"global\",\"name\":\"production\"}"));
        LocationBreakdown.putName(names, json("{\"accountId\":\"111\",\"name\":\"prod again\"}"));
        LocationBreakdown.putName(names, json("{\"accountId\":\"222\",\"name\":null}"));
        LocationBreakdown.putName(names, json("{\"name\":\"no account\"}"));
        assertThat(names).containsExactly(Map.entry("111", "production"));
    }

    private static void put(Map<String, Outcome> outcomes, Map<String, Location> at, String key, Outcome outcome,
                            Location location) {
        outcomes.put(key, outcome);
        at.put(key, location);
    }
}
