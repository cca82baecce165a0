package dev.evident.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartupOptionsTest {

    @Test
    void noArgumentsMeansFiveRunsOfTheBuiltJarOnH2() {
        StartupOptions o = StartupOptions.parse();

        assertThat(o.runs()).isEqualTo(5);
        assertThat(o.jar()).isEqualTo(Path.of("app/target/evident.jar"));
        assertThat(o.db()).isEqualTo(StartupOptions.Database.H2);
        assertThat(o.idleSeconds()).isEqualTo(10);
        assertThat(o.startTimeoutSeconds()).isEqualTo(60);
        assertThat(o.waitQuietSeconds()).isZero();
        assertThat(o.maxOtherCores()).isEmpty();
        assertThat(o.javaOpts()).isEmpty();
        assertThat(o.setupLabel()).isEqualTo("H2");
    }

    @Test
    void postgresRunTakesUrlUserAndJavaOptionsInBothSpellings() {
        StartupOptions o = StartupOptions.parse("--db", "postgres", "--db-url=jdbc:postgresql://127.0.0.1:5432/postgres",
                "--db-user", "postgres", "--runs", "3", "--java-opts", " -XX:TieredStopAtLevel=1  -Xss512k ",
                "--idle-seconds=0", "--jar", "/tmp/evident.jar");

        assertThat(o.db()).isEqualTo(StartupOptions.Database.POSTGRES);
        assertThat(o.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat(o.runs()).isEqualTo(3);
        assertThat(o.idleSeconds()).isZero();
        assertThat(o.javaOpts()).containsExactly("-XX:TieredStopAtLevel=1", "-Xss512k");
        assertThat(o.jar()).isEqualTo(Path.of("/tmp/evident.jar"));
        assertThat(o.setupLabel()).isEqualTo("PostgreSQL + `-XX:TieredStopAtLevel=1 -Xss512k`");
    }

    @Test
    void postgresWithoutUrlIsRefusedWithAnExample() {
        assertThatThrownBy(() -> StartupOptions.parse("--db", "postgres"))
                .hasMessageContaining("--db-url").hasMessageContaining("jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    @Test
    void databaseOnAnotherHostIsRefused() {
        assertThatThrownBy(() -> StartupOptions.parse("--db", "postgres", "--db-url", "jdbc:postgresql://db.example.com/postgres"))
                .hasMessageContaining("loopback").hasMessageContaining("db.example.com");
    }

    @Test
    void loopbackHostsAreRecognisedInEveryUrlShape() {
        assertThat(StartupOptions.postgresHost("jdbc:postgresql://127.0.0.1:5432/postgres")).isEqualTo("127.0.0.1");
        assertThat(StartupOptions.postgresHost("jdbc:postgresql://localhost/postgres")).isEqualTo("localhost");
        assertThat(StartupOptions.postgresHost("jdbc:postgresql://[::1]:5432/postgres")).isEqualTo("[::1]");
        assertThat(StartupOptions.postgresHost("jdbc:postgresql://localhost?ssl=false")).isEqualTo("localhost");
        assertThat(StartupOptions.parse("--db", "postgres", "--db-url", "jdbc:postgresql://[::1]/postgres").db())
                .isEqualTo(StartupOptions.Database.POSTGRES);
    }

    @Test
    void outOfRangeAndMalformedNumbersNameTheAllowedRange() {
        assertThatThrownBy(() -> StartupOptions.parse("--runs", "0")).hasMessage("--runs must be between 1 and 100, was 0");
        assertThatThrownBy(() -> StartupOptions.parse("--idle-seconds", "ten"))
                .hasMessage("--idle-seconds must be a whole number, was 'ten'");
    }

    @Test
    void unknownOptionsAndMissingValuesAreErrors() {
        assertThatThrownBy(() -> StartupOptions.parse("--rnus", "3")).hasMessageContaining("unknown option '--rnus'")
                .hasMessageContaining("--runs");
        assertThatThrownBy(() -> StartupOptions.parse("--runs")).hasMessage("--runs needs a value");
        assertThatThrownBy(() -> StartupOptions.parse("--db", "mysql")).hasMessageContaining("h2 or postgres");
        assertThatThrownBy(() -> StartupOptions.parse("--db-url", "jdbc:postgresql://127.0.0.1/x"))
                .hasMessageContaining("only used with --db postgres");
    }

    @Test
    void busyRunLimitIsAFractionOfACore() {
        assertThat(StartupOptions.parse("--max-other-cores", "0.25", "--wait-quiet", "300").maxOtherCores()).hasValue(0.25);
        assertThatThrownBy(() -> StartupOptions.parse("--max-other-cores", "-1")).hasMessageContaining("between");
        assertThatThrownBy(() -> StartupOptions.parse("--max-other-cores", "NaN")).hasMessageContaining("between");
    }

    @Test
    void flagsNeedNoValue() {
        StartupOptions o = StartupOptions.parse("--keep-data", "--help");

        assertThat(o.keepData()).isTrue();
        assertThat(o.help()).isTrue();
    }
}
