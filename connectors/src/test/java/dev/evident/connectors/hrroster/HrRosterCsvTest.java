package dev.evident.connectors.hrroster;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import dev.evident.connector.UploadedDocument;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.evident.connectors.hrroster.RosterFixtures.attributes;
import static dev.evident.connectors.hrroster.RosterFixtures.collect;
import static dev.evident.connectors.hrroster.RosterFixtures.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HrRosterCsvTest {

    private static final String HEADER = "Full Name,Work Email,Department,Manager Email,Employment Type,Start Date,Termination Date\r\n";

    private static Map<String, JsonNode> byEmail(List<CollectedResource> people) {
        return people.stream().collect(Collectors.toMap(CollectedResource::externalId, RosterFixtures::attributes));
    }

    @Test
    void rosterRowsBecomePeopleWithStatusFromTheDates() throws Exception {
        String text = "\uFEFF" + HEADER
                + "\"Doe, Jane\",Jane.Doe@Acme.example,Engineering,cto@acme.example,Full-time,2024-01-08,\r\n"
                + "Bob Left,bob@acme.example,Sales,jane.doe@acme.example,Employee,2023-05-01,2026-05-31\r\n"
                + "Nina New,nina@acme.example,Engineering,jane.doe@acme.example,Intern,2026-07-01,\r\n"
                + "Carl Contract,carl@acme.example,,,Contractor,2025-02-01,2026-12-31\r\n"
                + "Last Day,last@acme.example,Ops,,Freelance agency,2025-02-01,2026-06-15";
        UploadedDocument document = csv(text);

        List<CollectedResource> people = collect(document);

        assertThat(people).hasSize(5);
        Map<String, JsonNode> byEmail = byEmail(people);
        JsonNode jane = byEmail.get("jane.doe@acme.example");
        assertThat(jane.get("name").asString()).isEqualTo("Doe, Jane");
        assertThat(jane.get("email").asString()).isEqualTo("jane.doe@acme.example");
        assertThat(jane.get("department").asString()).isEqualTo("Engineering");
        assertThat(jane.get("manager").asString()).isEqualTo("cto@acme.example");
        assertThat(jane.get("employmentType").asString()).isEqualTo("employee");
        assertThat(jane.get("startDate").asString()).isEqualTo("2024-01-08");
        assertThat(jane.get("endDate").isNull()).isTrue();
        assertThat(jane.get("status").asString()).isEqualTo("active");
        assertThat(byEmail.get("bob@acme.example").get("status").asString()).isEqualTo("terminated");
        assertThat(byEmail.get("bob@acme.example").get("endDate").asString()).isEqualTo("2026-05-31");
        assertThat(byEmail.get("nina@acme.example").get("status").asString()).isEqualTo("future");
        assertThat(byEmail.get("nina@acme.example").get("employmentType").asString()).isEqualTo("intern");
        assertThat(byEmail.get("carl@acme.example").get("status").asString()).as("notice period").isEqualTo("active");
        assertThat(byEmail.get("carl@acme.example").get("department").isNull()).isTrue();
        assertThat(byEmail.get("last@acme.example").get("status").asString()).as("the end date is the last day").isEqualTo("active");
        assertThat(byEmail.get("last@acme.example").get("employmentType").asString()).isEqualTo("Freelance agency");
        CollectedResource first = people.get(0);
        assertThat(first.displayName()).isEqualTo("Doe, Jane");
        assertThat(first.collectedAt()).isEqualTo(RosterFixtures.NOW);
        assertThat(first.rawDigest()).isEqualTo(RosterFixtures.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void semicolonSeparatedExportWithOtherHeaderSpellings() throws Exception {
        List<CollectedResource> people = collect(csv("""
                NAME;E-Mail;Dept;Manager;Type;Hire Date;End Date
                Ana;ana@acme.example;R&D;;contract;2025-01-01T00:00:00Z;
                """));

        JsonNode ana = attributes(people.get(0));
        assertThat(ana.get("department").asString()).isEqualTo("R&D");
        assertThat(ana.get("employmentType").asString()).isEqualTo("contractor");
        assertThat(ana.get("startDate").asString()).isEqualTo("2025-01-01");
        assertThat(ana.get("manager").isNull()).isTrue();
    }

    @Test
    void quotedLineBreaksAndQuotesFollowRfc4180AndKeepLineNumbersRight() {
        String text = "name,email,department,start date\n"
                + "\"Quinn \"\"Q\"\" Lee\",quinn@acme.example,\"Platform\nand Tools\",2025-01-01\n"
                + "Broken,broken@,Ops,2025-01-01\n";

        assertThatThrownBy(() -> collect(csv(text)))
                .isInstanceOf(CollectionException.class)
                .hasMessageContaining("roster.csv, line 4, column 2 \"email\": \"broken@\" is not an email address");
    }

    @Test
    void quotedValuesAreUnescaped() throws Exception {
        JsonNode quinn = attributes(collect(csv("name,email,department,start date\n"
                + "\"Quinn \"\"Q\"\" Lee\",quinn@acme.example,\"Platform\nand Tools\",2025-01-01\n")).get(0));

        assertThat(quinn.get("name").asString()).isEqualTo("Quinn \"Q\" Lee");
        assertThat(quinn.get("department").asString()).isEqualTo("Platform\nand Tools");
    }

    @Test
    void missingRequiredColumnNamesItAndTheAcceptedHeaders() {
        assertThatThrownBy(() -> collect(csv("Full Name,Department,Start Date\nAna,Ops,2025-01-01\n")))
                .hasMessageContaining("roster.csv, line 1: missing required column \"email\"")
                .hasMessageContaining("work email");
    }

    @Test
    void badEmailNamesLineAndColumn() {
        assertThatThrownBy(() -> collect(csv(HEADER + "Ana,ana.acme.example,Ops,,,2025-01-01,\n")))
                .hasMessageContaining("roster.csv, line 2, column 2 \"Work Email\": \"ana.acme.example\" is not an email address");
    }

    @Test
    void duplicateEmailNamesBothLinesIgnoringCase() {
        assertThatThrownBy(() -> collect(csv(HEADER
                + "Ana,ana@acme.example,Ops,,,2025-01-01,\n"
                + "Ben,ben@acme.example,Ops,,,2025-01-01,\n"
                + "Ana Again,ANA@acme.example,Ops,,,2025-03-01,\n")))
                .hasMessageContaining("line 4, column 2 \"Work Email\": duplicate email ana@acme.example, already on line 2");
    }

    @Test
    void unparseableDateSaysWhichFormatsAreAccepted() {
        assertThatThrownBy(() -> collect(csv(HEADER + "Ana,ana@acme.example,Ops,,,03/01/2026,\n")))
                .hasMessageContaining("line 2, column 6 \"Start Date\": \"03/01/2026\" is not a date; use YYYY-MM-DD");
    }

    @Test
    void endBeforeStartIsRejected() {
        assertThatThrownBy(() -> collect(csv(HEADER + "Ana,ana@acme.example,Ops,,,2025-06-01,2025-05-31\n")))
                .hasMessageContaining("line 2, column 7 \"Termination Date\": end date 2025-05-31 is before the start date 2025-06-01");
    }

    @Test
    void managerMustBeAnEmail() {
        assertThatThrownBy(() -> collect(csv(HEADER + "Ana,ana@acme.example,Ops,Jane Doe,,2025-06-01,\n")))
                .hasMessageContaining("line 2, column 4 \"Manager Email\": \"Jane Doe\" is not an email address");
    }

    @Test
    void everyProblemIsReportedAndNothingIsImported() {
        assertThatThrownBy(() -> collect(csv(HEADER
                + "Ana,ana@,Ops,,,2025-01-01,\n"
                + "Good,good@acme.example,Ops,,,2025-01-01,\n"
                + ",ben@acme.example,Ops,,,2025-13-01,\n")))
                .hasMessageStartingWith("3 problems in the roster, nothing imported")
                .hasMessageContaining("line 2, column 2")
                .hasMessageContaining("line 4, column 1 \"Full Name\": name is empty")
                .hasMessageContaining("line 4, column 6 \"Start Date\": \"2025-13-01\" is not a date");
    }

    @Test
    void unclosedQuoteNamesTheLineWhereTheFieldStarts() {
        assertThatThrownBy(() -> collect(csv(HEADER + "\"Ana,ana@acme.example,Ops,,,2025-01-01,\nBen,b@acme.example,,,,2025-01-01,\n")))
                .hasMessageContaining("roster.csv, line 2, column 1: a quoted field is never closed");
    }

    @Test
    void textThatIsNotUtf8IsRejectedWithTheFix() {
        byte[] latin1 = (HEADER + "Zoë,zoe@acme.example,,,,2025-01-01,\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> collect(RosterFixtures.document("roster.csv", latin1)))
                .hasMessageContaining("roster.csv: not UTF-8").hasMessageContaining("CSV UTF-8");
    }

    @Test
    void oldExcelFormatIsRejected() {
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

        assertThatThrownBy(() -> collect(RosterFixtures.document("roster.xls", xls)))
                .hasMessageContaining("roster.xls").hasMessageContaining(".xls").hasMessageContaining("save it as .xlsx or CSV");
    }

    @Test
    void fileOverTheSizeLimitIsRejectedBeforeReading() {
        UploadedDocument huge = new UploadedDocument("huge.csv", 11L * 1024 * 1024, "00", RosterFixtures.NOW, () -> {
            throw new AssertionError("must not be opened");
        });

        assertThatThrownBy(() -> collect(huge)).hasMessageContaining("huge.csv: larger than 10 MB");
    }

    @Test
    void moreThanFiftyThousandPeopleIsRejected() {
        StringBuilder text = new StringBuilder("name,email,start date\n");
        for (int i = 0; i <= 50_000; i++) {
            text.append('p').append(i).append(",p").append(i).append("@acme.example,2025-01-01\n");
        }

        assertThatThrownBy(() -> collect(csv(text.toString()))).hasMessageContaining("more than 50,000 people");
    }

    @Test
    void headerWithoutPeopleIsRejected() {
        assertThatThrownBy(() -> collect(csv(HEADER))).hasMessageContaining("no people below the header row");
    }

    @Test
    void emptyFileIsRejected() {
        assertThatThrownBy(() -> collect(csv(""))).hasMessageContaining("roster.csv: the file is empty");
    }

    @Test
    void blankLinesAreSkipped() throws Exception {
        List<CollectedResource> people = collect(csv("name,email,start date\n\nAna,ana@acme.example,2025-01-01\n,,\n"));

        assertThat(people).extracting(CollectedResource::externalId).containsExactly("ana@acme.example");
    }

    @Test
    void missingDocumentIsAPermanentFailureSayingToUpload() {
        assertThatThrownBy(() -> new HrRosterConnector().collect(dev.evident.connector.CollectionContext.of(RosterFixtures.CLOCK, null)))
                .isInstanceOf(CollectionException.class).hasMessageContaining("no roster uploaded");
    }

    @Test
    void otherEmailsBecomeAliasesLowerCasedWithoutTheOwnAddress() throws Exception {
        List<CollectedResource> people = collect(csv("Name,Email,Start Date,Other Emails\n"
                + "Jane,jane@acme.example,2024-01-08,\"J.Doe@Acme.example; jane@acme.example , jane@old.example\"\n"
                + "Bob,bob@acme.example,2024-01-08,\n"));

        Map<String, JsonNode> byEmail = byEmail(people);
        assertThat(byEmail.get("jane@acme.example").get("aliases").toString())
                .isEqualTo("[\"j.doe@acme.example\",\"jane@old.example\"]");
        assertThat(byEmail.get("bob@acme.example").get("aliases").toString()).isEqualTo("[]");
    }

    @Test
    void anOtherEmailThatIsNotAnAddressOrBelongsToSomeoneElseIsRefusedWithItsCell() {
        assertThatThrownBy(() -> collect(csv("Name,Email,Start Date,Aliases\n"
                + "Jane,jane@acme.example,2024-01-08,jane-at-old\n"
                + "Bob,bob@acme.example,2024-01-08,jane@acme.example\n"
                + "Carl,carl@acme.example,2024-01-08,c@acme.example\n"
                + "Cleo,cleo@acme.example,2024-01-08,c@acme.example\n")))
                .hasMessageStartingWith("3 problems in the roster, nothing imported")
                .hasMessageContaining("line 2, column 4 \"Aliases\": \"jane-at-old\" is not an email address")
                .hasMessageContaining("line 3, column 4 \"Aliases\": the other email jane@acme.example is the email of the "
                        + "person on line 2")
                .hasMessageContaining("line 5, column 4 \"Aliases\": the other email c@acme.example is given for two people, "
                        + "also on line 4");
    }
}
