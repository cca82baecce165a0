package dev.evident.evidence.internal.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.catalog.ControlFrequency;
import dev.evident.evidence.Coverage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TypeTwoVerdictsTest {

    static Coverage coverage(String ref, ControlFrequency frequency, Coverage.Status status, int due, int evidenced) {
        LocalDate start = LocalDate.parse("2027-01-01");
        return new Coverage(UUID.randomUUID(), ref, frequency, UUID.randomUUID(), start, start.plusYears(1).minusDays(1),
                start.plusMonths(7), status, 12, due, evidenced, List.of(), List.of(), false, "");
    }

    @Test
    void theWorstControlsMissTheLargestShareOfTheirDueOccurrences() {
        List<Coverage> gaps = new ArrayList<>(List.of(
                coverage("AC-06", ControlFrequency.QUARTERLY, Coverage.Status.GAPS, 2, 1),
                coverage("OS-01", ControlFrequency.WEEKLY, Coverage.Status.GAPS, 30, 28),
                coverage("LM-07", ControlFrequency.WEEKLY, Coverage.Status.GAPS, 30, 0),
                coverage("GV-08", ControlFrequency.MONTHLY, Coverage.Status.GAPS, 6, 3),
                coverage("HR-01", ControlFrequency.PER_EVENT, Coverage.Status.PER_EVENT, 6, 0)));
        gaps.sort(TypeTwoVerdicts.WORST_FIRST);
        assertThat(gaps).extracting(Coverage::ref).containsExactly("LM-07", "HR-01", "GV-08", "AC-06", "OS-01");
        assertThat(gaps.stream().map(TypeTwoVerdicts::describe).toList()).containsExactly("LM-07 (30 of 30 weeks missing)",
                "HR-01 (no event recorded)", "GV-08 (3 of 6 months missing)", "AC-06 (1 of 2 quarters missing)",
                "OS-01 (2 of 30 weeks missing)");
    }
}
