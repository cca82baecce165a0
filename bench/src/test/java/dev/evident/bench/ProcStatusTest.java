package dev.evident.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    private static final String JAVA_PROCESS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Pid:\t22391
            VmPeak:\t 8983928 kB
            VmSize:\t 8983928 kB
            VmHWM:\t  331020 kB
            VmRSS:\t  312240 kB
            RssAnon:\t  270112 kB
            Threads:\t45
            """;

    @Test
    void readsResidentAndPeakMemoryInKib() {
        ProcStatus status = ProcStatus.parse(JAVA_PROCESS);

        assertThat(status.vmRssKib()).isEqualTo(312_240);
        assertThat(status.vmHwmKib()).isEqualTo(331_020);
        assertThat(status.vmRssMib()).isEqualTo(304.921875);
    }

    @Test
    void doesNotConfuseVmRssWithRssAnon() {
        assertThat(ProcStatus.field("RssAnon:\t 1 kB\nVmRSS:\t 2 kB\n", "VmRSS")).hasValue(2);
    }

    @Test
    void aProcessWithoutMemoryLinesIsAnError() {
        assertThatThrownBy(() -> ProcStatus.parse("Name:\tkthreadd\nState:\tS (sleeping)\n"))
                .hasMessageContaining("no VmRSS");
    }

    @Test
    void anUnexpectedUnitIsAnErrorRatherThanAWrongNumber() {
        assertThatThrownBy(() -> ProcStatus.parse("VmRSS:\t 312 MB\n")).hasMessageContaining("unexpected VmRSS line");
    }
}
