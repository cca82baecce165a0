package dev.evident.connectors.hrroster;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.UploadedDocument;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static dev.evident.connectors.hrroster.RosterFixtures.attributes;
import static dev.evident.connectors.hrroster.RosterFixtures.collect;
import static dev.evident.connectors.hrroster.RosterFixtures.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HrRosterXlsxTest {

    private static final List<Object> HEADER = List.of("Name", "Email", "Department", "Manager", "Employment Type",
            "Start Date", "End Date");

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void dateCellsAndIsoTextBothBecomeIsoDates() throws Exception {
        UploadedDocument workbook = xlsx("People", List.of(HEADER,
                row("Ana Lopez", "ana@acme.example", "Engineering", "cto@acme.example", "Employee",
                        LocalDate.of(2024, 2, 29), LocalDate.of(2026, 1, 31)),
                row("Ben Ng", "ben@acme.example", "Sales", null, "Intern", "2026-09-01", null)));

        List<CollectedResource> people = collect(workbook);

        assertThat(people).hasSize(2);
        JsonNode ana = attributes(people.get(0));
        assertThat(ana.get("startDate").asString()).isEqualTo("2024-02-29");
        assertThat(ana.get("endDate").asString()).isEqualTo("2026-01-31");
        assertThat(ana.get("status").asString()).isEqualTo("terminated");
        JsonNode ben = attributes(people.get(1));
        assertThat(ben.get("startDate").asString()).isEqualTo("2026-09-01");
        assertThat(ben.get("status").asString()).isEqualTo("future");
        assertThat(ben.get("manager").isNull()).isTrue();
    }

    @Test
    void problemsNameSheetRowAndColumnLetter() throws Exception {
        UploadedDocument workbook = xlsx("People", List.of(HEADER,
                row("Ana", "ana@acme.example", null, null, null, LocalDate.of(2024, 1, 1), null),
                row("Ben", "ben at acme", null, null, null, LocalDate.of(2024, 1, 1), null),
                row("Cleo", "cleo@acme.example", null, null, null, 45352, null)));

        assertThatThrownBy(() -> collect(workbook))
                .hasMessageContaining("roster.xlsx, sheet \"People\" row 3, column B \"Email\": \"ben at acme\" is not an email address")
                .hasMessageContaining("roster.xlsx, sheet \"People\" row 4, column F \"Start Date\": \"45352\" is not a date");
    }

    @Test
    void missingColumnInAWorkbookNamesTheHeaderRow() throws Exception {
        UploadedDocument workbook = xlsx("Export", List.of(List.of("Name", "Start Date"), row("Ana", "2024-01-01")));

        assertThatThrownBy(() -> collect(workbook))
                .hasMessageContaining("roster.xlsx, sheet \"Export\" row 1: missing required column \"email\"");
    }

    @Test
    void headerNeedNotBeInTheFirstRowOrColumnA() throws Exception {
        UploadedDocument workbook = xlsx("People", List.of(List.of(),
                row(null, "Email", "Full Name", "Start Date"),
                row(null, "ana@acme.example", "Ana", LocalDate.of(2025, 1, 1))));

        assertThat(collect(workbook)).extracting(CollectedResource::externalId).containsExactly("ana@acme.example");
    }

    @Test
    void aZipThatIsNotAWorkbookIsRejected() {
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0};

        assertThatThrownBy(() -> collect(RosterFixtures.document("roster.xlsx", zip)))
                .hasMessageContaining("roster.xlsx: not a readable XLSX workbook");
    }
}
