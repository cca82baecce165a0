package dev.evident.program.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.catalog.Catalog;
import dev.evident.program.ProgramInput;
import dev.evident.program.ProgramInput.CategoryInput;
import dev.evident.program.ReportType;
import dev.evident.shared.problem.InvalidInputException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgramValidatorTest {

    static final Catalog CATALOG = Catalog.loadBuiltIn();
    static final List<CategoryInput> SECURITY_ONLY = List.of(
            new CategoryInput("availability", false, "No uptime commitments in our contracts"),
            new CategoryInput("processing-integrity", false, "We do not process customer transactions"),
            new CategoryInput("confidentiality", false, "Covered by Security for this first report"),
            new CategoryInput("privacy", false, "We hold no personal data beyond business contacts"));

    static ProgramInput typeTwo(String start, String end) {
        return new ProgramInput("P", null, "TYPE_2", null, start, end, SECURITY_ONLY, null, null, null);
    }

    @ParameterizedTest
    @CsvSource({"2027-01-01,2027-03-31", "2027-01-31,2027-04-29", "2028-02-29,2028-05-28", "2027-01-01,2027-12-31",
            "2027-03-15,2028-03-14", "2028-02-29,2029-02-27"})
    void periodsOfThreeToTwelveMonthsIncludingTheLastDayAreAccepted(String start, String end) {
        var valid = ProgramValidator.validate(CATALOG, typeTwo(start, end));
        assertThat(valid.reportType()).isEqualTo(ReportType.TYPE_2);
        assertThat(valid.periodStart()).isEqualTo(LocalDate.parse(start));
        assertThat(valid.asOfDate()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"2027-01-01,2027-03-30,at least 3 months", "2027-01-31,2027-04-28,at least 3 months",
            "2027-01-01,2028-01-01,at most 12 months", "2027-03-15,2028-03-15,at most 12 months",
            "2027-05-01,2027-05-01,must be after periodStart"})
    void periodsOutsideTheRangeNameTheEndDateAndTheLimit(String start, String end, String message) {
        assertThatThrownBy(() -> ProgramValidator.validate(CATALOG, typeTwo(start, end)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.errors().get(0).field()).isEqualTo("periodEnd");
                    assertThat(e.errors().get(0).message()).contains(message);
                });
    }

    @Test
    void theErrorSaysHowLongThePeriodIsAndWhereItMayEnd() {
        assertThatThrownBy(() -> ProgramValidator.validate(CATALOG, typeTwo("2027-01-01", "2027-02-14")))
                .hasMessageContaining("1 month and 14 days").hasMessageContaining("end on or after 2027-03-31");
    }

    @Test
    void typeOneIgnoresNothingItShouldNotHave() {
        var input = new ProgramInput("P", null, "TYPE_1", "2027-03-31", "2027-01-01", null, SECURITY_ONLY, null, null, null);
        assertThatThrownBy(() -> ProgramValidator.validate(CATALOG, input))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.errors()).extracting(f -> f.field()).containsExactly("periodStart"));
    }

    @Test
    void onlyTheSoc2FrameworkCanBeScopedToday() {
        var input = new ProgramInput("P", "dc-200", "TYPE_1", "2027-03-31", null, null, SECURITY_ONLY, null, null, null);
        assertThatThrownBy(() -> ProgramValidator.validate(CATALOG, input)).hasMessageContaining("frameworkId")
                .hasMessageContaining("soc2-2017");
    }

    @Test
    void aShortExclusionReasonIsRefused() {
        var input = new ProgramInput("P", null, "TYPE_1", "2027-03-31", null, null,
                List.of(new CategoryInput("availability", false, "n/a"), SECURITY_ONLY.get(1), SECURITY_ONLY.get(2),
                        SECURITY_ONLY.get(3)), null, null, null);
        assertThatThrownBy(() -> ProgramValidator.validate(CATALOG, input))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.errors().get(0).field()).isEqualTo("categories[0].exclusionReason"));
    }
}
