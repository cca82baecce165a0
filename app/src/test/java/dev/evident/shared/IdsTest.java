package dev.evident.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.problem.ProblemType;
import dev.evident.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00.123Z"));

    @Test
    void idsAreVersionSevenUuidsOfTheRfcVariant() {
        UUID id = Ids.next(clock);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void firstFortyEightBitsAreTheCreationTimeInMilliseconds() {
        UUID id = Ids.next(clock);

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void idsCreatedLaterSortAfterEarlierOnes() {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            created.add(Ids.next(clock));
            clock.tick(Duration.ofMillis(1));
        }

        assertThat(created).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(created.stream().map(UUID::toString).toList()).isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void idsCreatedInTheSameMillisecondAreStillUnique() {
        var ids = new HashSet<UUID>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Ids.next(clock));
        }

        assertThat(ids).hasSize(1000);
    }

    @Test
    void wellFormedIdIsParsed() {
        UUID id = Ids.next(clock);

        assertThat(Ids.parseOrNotFound(id.toString(), "Member")).isEqualTo(id);
    }

    @Test
    void malformedIdReadsAsNotFoundNamingTheThing() {
        assertThatThrownBy(() -> Ids.parseOrNotFound("not-a-uuid", "Member"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND))
                .hasMessage("Member not found");
        assertThatThrownBy(() -> Ids.parseOrNotFound("", "API token")).isInstanceOf(NotFoundException.class)
                .hasMessage("API token not found");
    }
}
