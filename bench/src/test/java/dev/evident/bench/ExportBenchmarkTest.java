package dev.evident.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExportBenchmarkTest {

    @Test
    void sizesTakeBinarySuffixes() {
        assertThat(ExportBenchmark.parseSize("2g")).isEqualTo(2L << 30);
        assertThat(ExportBenchmark.parseSize("200m")).isEqualTo(200L << 20);
        assertThat(ExportBenchmark.parseSize("1.5K")).isEqualTo(1536);
        assertThat(ExportBenchmark.parseSize("12345")).isEqualTo(12345);
        assertThatThrownBy(() -> ExportBenchmark.parseSize("lots")).isInstanceOf(NumberFormatException.class);
    }
}
