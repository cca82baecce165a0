package dev.evident.control.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.catalog.ControlDomain;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextRefTest {

    private static final ControlDomain GOVERNANCE = new ControlDomain("governance-risk", "Governance", List.of("GV", "RM"));

    @Test
    void aDomainWithoutControlsStartsAtOne() {
        assertThat(NextRef.suggest(GOVERNANCE, List.of("AC-01", "RM-04"))).isEqualTo("GV-01");
    }

    @Test
    void theNextNumberFollowsTheHighestInUseEvenWithGaps() {
        assertThat(NextRef.suggest(GOVERNANCE, List.of("GV-01", "GV-07", "GV-3", "GV-02"))).isEqualTo("GV-08");
    }

    @Test
    void refsThatOnlyLookAlikeDoNotCount() {
        assertThat(NextRef.suggest(GOVERNANCE, List.of("GV-01", "GVX-40", "GV-02-A", "XGV-09"))).isEqualTo("GV-02");
    }

    @Test
    void numbersGrowPastTwoDigits() {
        assertThat(NextRef.suggest(GOVERNANCE, List.of("GV-99"))).isEqualTo("GV-100");
    }
}
