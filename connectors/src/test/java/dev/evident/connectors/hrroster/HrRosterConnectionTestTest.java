package dev.evident.connectors.hrroster;

import dev.evident.connector.CollectionContext;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.TestStep;
import org.junit.jupiter.api.Test;

import static dev.evident.connectors.hrroster.RosterFixtures.context;
import static dev.evident.connectors.hrroster.RosterFixtures.csv;
import static org.assertj.core.api.Assertions.assertThat;

class HrRosterConnectionTestTest {

    private final HrRosterConnector connector = new HrRosterConnector();

    @Test
    void validRosterPassesAllThreeSteps() {
        ConnectionTestResult result = connector.testConnection(context(csv("""
                Work Email,Full Name,Start Date,End Date
                ana@acme.example,Ana,2025-01-01,
                ben@acme.example,Ben,2025-01-01,2026-01-01
                """)));

        assertThat(result.passed()).isTrue();
        assertThat(result.steps()).extracting(TestStep::name)
                .containsExactly(HrRosterConnector.UPLOADED, HrRosterConnector.COLUMNS, HrRosterConnector.ROWS);
        assertThat(result.steps().get(0).message()).contains("roster.csv");
        assertThat(result.steps().get(1).message()).contains("email → \"Work Email\"").contains("start date → \"Start Date\"");
        assertThat(result.steps().get(2).message()).contains("2 people").contains("active: 1").contains("terminated: 1");
    }

    @Test
    void noUploadFailsTheFirstStep() {
        ConnectionTestResult result = connector.testConnection(CollectionContext.of(RosterFixtures.CLOCK, null));

        assertThat(result.steps()).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo(HrRosterConnector.UPLOADED);
            assertThat(step.passed()).isFalse();
            assertThat(step.message()).contains("no roster uploaded");
        });
    }

    @Test
    void withoutContextTheTestCannotPass() {
        assertThat(connector.testConnection().passed()).isFalse();
    }

    @Test
    void missingColumnFailsTheSecondStep() {
        ConnectionTestResult result = connector.testConnection(context(csv("Name,Start\nAna,2025-01-01\n")));

        assertThat(result.steps()).hasSize(2);
        assertThat(result.steps().get(1).passed()).isFalse();
        assertThat(result.steps().get(1).message()).contains("missing required column \"email\"");
    }

    @Test
    void invalidRowsFailTheThirdStepListingTheFirstProblems() {
        StringBuilder text = new StringBuilder("name,email,start date\n");
        for (int i = 0; i < 8; i++) {
            text.append("P").append(i).append(",p").append(i).append("@acme.example,tomorrow\n");
        }

        TestStep rows = connector.testConnection(context(csv(text.toString()))).steps().get(2);

        assertThat(rows.passed()).isFalse();
        assertThat(rows.message()).startsWith("8 problems in the roster, nothing imported")
                .contains("line 2, column 3 \"start date\": \"tomorrow\" is not a date")
                .contains("line 6, column 3")
                .doesNotContain("line 7, column 3")
                .endsWith("and 3 more");
    }
}
