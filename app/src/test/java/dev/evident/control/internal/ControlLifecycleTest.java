package dev.evident.control.internal;

import static dev.evident.control.ControlStatus.DEFINED;
import static dev.evident.control.ControlStatus.EVIDENCED;
import static dev.evident.control.ControlStatus.IMPLEMENTED;
import static dev.evident.control.ControlStatus.TESTED;
import static dev.evident.control.ControlStatus.Mover.PERSON;
import static dev.evident.control.ControlStatus.Mover.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.control.ControlStatus;
import dev.evident.control.RefOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlLifecycleTest {

    @Test
    void peopleMoveBetweenDefinedAndImplementedAndMayAlwaysStepDown() {
        assertThat(DEFINED.canMoveTo(IMPLEMENTED, PERSON)).isTrue();
        assertThat(IMPLEMENTED.canMoveTo(DEFINED, PERSON)).isTrue();
        assertThat(IMPLEMENTED.canMoveTo(EVIDENCED, PERSON)).isFalse();
        assertThat(EVIDENCED.canMoveTo(TESTED, PERSON)).isFalse();
        assertThat(TESTED.canMoveTo(DEFINED, PERSON)).isTrue();
        assertThat(DEFINED.choicesForPeople()).containsExactlyInAnyOrder(DEFINED, IMPLEMENTED);
        assertThat(EVIDENCED.choicesForPeople()).containsExactlyInAnyOrder(DEFINED, IMPLEMENTED, EVIDENCED);
    }

    @Test
    void evidentClimbsOneStepAtATimeAndFallsBackWhenEvidenceLapses() {
        assertThat(IMPLEMENTED.canMoveTo(EVIDENCED, SYSTEM)).isTrue();
        assertThat(EVIDENCED.canMoveTo(TESTED, SYSTEM)).isTrue();
        assertThat(EVIDENCED.canMoveTo(IMPLEMENTED, SYSTEM)).isTrue();
        assertThat(DEFINED.canMoveTo(EVIDENCED, SYSTEM)).as("nothing to evidence before it operates").isFalse();
        assertThat(IMPLEMENTED.canMoveTo(TESTED, SYSTEM)).isFalse();
        for (ControlStatus s : ControlStatus.values()) {
            assertThat(s.canMoveTo(s, PERSON)).isTrue();
            assertThat(s.canMoveTo(s, SYSTEM)).isTrue();
        }
    }

    @Test
    void onlyImplementedAndBeyondCountAsImplemented() {
        assertThat(DEFINED.isImplemented()).isFalse();
        assertThat(List.of(IMPLEMENTED, EVIDENCED, TESTED)).allMatch(ControlStatus::isImplemented);
    }

    @Test
    void referencesSortAsPeopleReadThem() {
        List<String> refs = new ArrayList<>(List.of("AC-10", "AC-2", "AC-01", "AC-1", "AB-99", "AC-02", "VEND-3", "AC-100"));
        refs.sort(RefOrder.INSTANCE);
        assertThat(refs).containsExactly("AB-99", "AC-01", "AC-1", "AC-02", "AC-2", "AC-10", "AC-100", "VEND-3");
        assertThat(RefOrder.INSTANCE.compare("AC-01", "AC-1")).isNotZero();
    }
}
