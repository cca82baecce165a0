package dev.evident.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.problem.ProblemType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    record Row(UUID id, String name) {
    }

    private static List<String> invalidFields(Throwable e) {
        assertThat(e).isInstanceOf(InvalidInputException.class);
        InvalidInputException invalid = (InvalidInputException) e;
        assertThat(invalid.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        return invalid.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void withoutParametersTheFirstFiftyItemsAreRequested() {
        PageRequest request = PageRequest.of(null, null);

        assertThat(request.limit()).isEqualTo(50);
        assertThat(request.after()).isNull();
        assertThat(request.afterId()).isNull();
        assertThat(request.afterNumber()).isNull();
        assertThat(request.fetchSize()).isEqualTo(51);
    }

    @Test
    void blankCursorMeansTheFirstPage() {
        assertThat(PageRequest.of(10, "  ").after()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000})
    void limitsFromOneToAThousandAreAccepted(int limit) {
        assertThat(PageRequest.of(limit, null).limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001})
    void limitOutsideOneToAThousandIsRefusedNamingTheLimitField(int limit) {
        assertThatThrownBy(() -> PageRequest.of(limit, null))
                .satisfies(e -> assertThat(invalidFields(e)).containsExactly("limit"))
                .hasMessage("limit must be between 1 and 1000, was " + limit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "a", "not a cursor", "abc=def"})
    void cursorThatIsNotBase64IsRefusedNamingTheCursorField(String cursor) {
        assertThatThrownBy(() -> PageRequest.of(10, cursor))
                .satisfies(e -> assertThat(invalidFields(e)).containsExactly("cursor"));
    }

    @Test
    void cursorOfTheWrongKindIsRefusedWhenTheListReadsIt() {
        PageRequest byName = PageRequest.of(10, PageRequest.encodeCursor("maya"));

        assertThatThrownBy(byName::afterId).satisfies(e -> assertThat(invalidFields(e)).containsExactly("cursor"));
        assertThatThrownBy(byName::afterNumber).satisfies(e -> assertThat(invalidFields(e)).containsExactly("cursor"));
    }

    @Test
    void pageWithAnExtraRowHasACursorThatContinuesAfterItsLastItem() {
        List<Row> fetched = List.of(new Row(UUID.randomUUID(), "a"), new Row(UUID.randomUUID(), "b"),
                new Row(UUID.randomUUID(), "c"));
        PageRequest first = PageRequest.of(2, null);

        Page<Row> page = Page.of(fetched, first, row -> row.id().toString());

        assertThat(page.items()).containsExactly(fetched.get(0), fetched.get(1));
        assertThat(page.nextCursor()).isNotNull().matches("[A-Za-z0-9_-]+");
        PageRequest next = PageRequest.of(2, page.nextCursor());
        assertThat(next.afterId()).isEqualTo(fetched.get(1).id());
    }

    @Test
    void numericCursorRoundTripsThroughThePage() {
        Page<Long> page = Page.of(List.of(42L, 41L, 40L), PageRequest.of(2, null), String::valueOf);

        assertThat(PageRequest.of(2, page.nextCursor()).afterNumber()).isEqualTo(41L);
    }

    @Test
    void lastPageHasNoCursor() {
        PageRequest request = PageRequest.of(2, null);

        assertThat(Page.of(List.of("a", "b"), request, s -> s).nextCursor()).isNull();
        assertThat(Page.of(List.of("a"), request, s -> s).nextCursor()).isNull();
        assertThat(Page.of(List.<String>of(), request, s -> s).items()).isEmpty();
    }

    @Test
    void mappingAPageKeepsItsCursor() {
        Page<String> page = Page.of(List.of("a", "b", "c"), PageRequest.of(2, null), s -> s);

        Page<Integer> mapped = page.map(String::length);

        assertThat(mapped.items()).containsExactly(1, 1);
        assertThat(mapped.nextCursor()).isEqualTo(page.nextCursor());
    }

    @Test
    void pageItemsCannotBeChangedAfterwards() {
        Page<String> page = Page.of(new java.util.ArrayList<>(List.of("a", "b", "c")), PageRequest.of(2, null), s -> s);

        assertThatThrownBy(() -> page.items().add("d")).isInstanceOf(UnsupportedOperationException.class);
    }
}
