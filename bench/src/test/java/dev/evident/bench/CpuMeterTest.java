package dev.evident.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void busyTicksAreEverythingButIdleAndIoWait() {
        String procStat = """
                cpu  1000 20 300 50000 400 5 6 7 88 9
                cpu0 500 10 150 25000 200 3 3 4 44 5
                intr 123456
                """;

        // user + nice + system + irq + softirq + steal; guest time is already inside user and nice
        assertThat(CpuMeter.parseBusyTicks(procStat)).isEqualTo(1000 + 20 + 300 + 5 + 6 + 7);
    }

    @Test
    void aFileWithoutTheAggregateLineIsAnError() {
        assertThatThrownBy(() -> CpuMeter.parseBusyTicks("cpu0 1 2 3 4 5\n")).hasMessageContaining("aggregate");
    }
}
