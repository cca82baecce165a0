package dev.evident.control;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.program.Programs;
import dev.evident.shared.security.Role;
import dev.evident.testing.ApiClient;
import dev.evident.testing.H2Test;
import dev.evident.testing.WebSession;
import dev.evident.testing.WebSession.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The control page and the control form as a person without JavaScript uses them: everything about a
 * control and its history, the form's errors and stale versions, new references, kept mappings, and
 * who may do what (contributors move their own controls, auditors only read). H2 only, as pages are
 * the same on every database.
 */
@H2Test
class ControlPagesOnH2IT extends ControlPagesSupport {

    @Test
    void theControlPageShowsEverythingAboutItAndItsHistoryInWords() {
        Adopted a = adopted("Detail");
        String id = a.id("AC-01");
        Page before = a.admin().get("/controls/" + id + "/edit");
        assertThat(before.status()).isEqualTo(200);
        List<Map.Entry<String, String>> form = formOf(a.control("AC-01"));
        replace(form, "title", "Unique accounts for every person, reviewed");
        replace(form, "owner", a.org().adminUserId().toString());
        Page saved = a.admin().postAll("/controls/" + id + "/edit", form);
        assertThat(saved.redirectsTo("/controls/" + id)).as(saved.body()).isTrue();
        a.admin().get("/controls/" + id);
        assertThat(a.admin().post("/controls/" + id + "/status", Map.of("status", "IMPLEMENTED", "version", "1"))
                .redirectsTo("/controls/" + id)).isTrue();

        Page page = a.admin().get("/controls/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Unique accounts for every person, reviewed")
                .contains(html(a.control("AC-01").get("description").asText()))
                .contains(html(a.control("AC-01").get("test").get("procedure").asText()))
                .contains("Adopted from the Evident control library (version")
                .contains("Suggested owner role")
                .contains("aria-current=\"step\"")
                .doesNotContain("Mark as implemented")
                .contains("Move back to Defined")
                .contains("Evidenced and Tested are set by Evident")
                .contains("<h3>Security</h3>")
                // history, newest first, in words
                .contains("Moved from Defined to Implemented")
                .contains("Edited the control")
                .contains("Title: " + html(a.control("AC-01").get("title").asText())
                        + " → Unique accounts for every person, reviewed")
                .contains("Owner: nobody → Detail Admin")
                .contains("Adopted the control from the library");
        assertThat(page.body().indexOf("Moved from Defined to Implemented"))
                .isLessThan(page.body().indexOf("Edited the control"));
        assertThat(page.body().indexOf("Edited the control"))
                .isLessThan(page.body().indexOf("Adopted the control from the library"));
    }

    @Test
    void editErrorsAppearNextToTheirFieldsAndTheFormKeepsWhatWasTyped() {
        Adopted a = adopted("Errors");
        String id = a.id("CM-02");
        a.admin().get("/controls/" + id + "/edit");
        List<Map.Entry<String, String>> form = formOf(a.control("CM-02"));
        replace(form, "title", "  ");
        replace(form, "description", "Changes are reviewed by a second engineer before they ship.");
        replace(form, "evidence", "Pull request approvals\nPull request approvals");
        replace(form, "testProcedure", "");
        form.removeIf(e -> e.getKey().equals("criteria"));
        form.add(Map.entry("notApplicable", "true"));
        replace(form, "notApplicableReason", "n/a");

        Page refused = a.admin().postAll("/controls/" + id + "/edit", form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body())
                .contains("Please fix the following")
                .containsPattern("id=\"title-error\">\\s*<span>Title is required</span>")
                .containsPattern("id=\"testProcedure-error\">\\s*<span>Test procedure is required</span>")
                .containsPattern("id=\"evidence-error\">\\s*<span>Evidence item 2 repeats &#39;Pull request approvals&#39;")
                .containsPattern("id=\"criteria-error\">\\s*<span>Criteria must list at least one criterion")
                .containsPattern("id=\"notApplicableReason-error\">\\s*<span>The reason must say why in at least 10 characters")
                .contains("aria-invalid=\"true\"")
                .contains("Changes are reviewed by a second engineer before they ship.")
                .contains(">n/a</textarea>");
        assertThat(a.org().api().get("/api/v1/controls/" + id).json().get("title").asText())
                .isEqualTo(a.control("CM-02").get("title").asText());
    }

    @Test
    void aStaleEditSaysSoAndKeepsThePersonsInput() {
        Adopted a = adopted("Stale");
        String id = a.id("IR-01");
        a.admin().get("/controls/" + id + "/edit");
        List<Map.Entry<String, String>> form = formOf(a.control("IR-01"));
        replace(form, "title", "Incident response plan, tested twice a year");
        // a colleague moves the control in the meantime
        assertThat(a.org().api().post("/api/v1/controls/" + id + "/status", body("status", "IMPLEMENTED", "version", 0))
                .status()).isEqualTo(200);

        Page stale = a.admin().postAll("/controls/" + id + "/edit", form);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else saved this control while you were editing it")
                .contains("value=\"Incident response plan, tested twice a year\"")
                .contains("name=\"version\" value=\"1\"");

        replace(form, "version", "1");
        Page saved = a.admin().postAll("/controls/" + id + "/edit", form);
        assertThat(saved.redirectsTo("/controls/" + id)).isTrue();
        JsonNode now = a.org().api().get("/api/v1/controls/" + id).json();
        assertThat(now.get("title").asText()).isEqualTo("Incident response plan, tested twice a year");
        assertThat(now.get("status").asText()).as("the edit keeps the status").isEqualTo("IMPLEMENTED");
    }

    @Test
    void aContributorMovesOnlyTheControlsTheyOwn() {
        Adopted a = adopted("Contributor");
        String email = "casey-" + System.nanoTime() + "@contributor.example";
        UUID casey = provisioning.addUser(a.org().id(), email, "Casey Contributor", "a long contributor passphrase",
                Role.CONTRIBUTOR, "test");
        String mine = a.id("CM-01");
        a.admin().get("/controls/" + mine);
        assertThat(a.admin().post("/controls/" + mine + "/owner", Map.of("owner", casey.toString(), "version", "0"))
                .redirectsTo("/controls/" + mine)).isTrue();
        assertThat(a.admin().get("/controls/" + mine).body()).contains("Casey Contributor now owns CM-01.");
        String theirs = a.id("CM-02");

        WebSession contributor = signIn(email, "a long contributor passphrase");
        Page own = contributor.get("/controls/" + mine);
        assertThat(own.body()).contains("Mark as implemented").doesNotContain(">Edit</a>").doesNotContain(">Delete<");
        Page other = contributor.get("/controls/" + theirs);
        assertThat(other.body()).doesNotContain("Mark as implemented")
                .contains("You can change the status of the controls you own.");

        assertThat(contributor.post("/controls/" + mine + "/status", Map.of("status", "IMPLEMENTED", "version", "1"))
                .redirectsTo("/controls/" + mine)).isTrue();
        assertThat(contributor.get("/controls/" + mine).body()).contains("CM-01 is now Implemented.");
        assertThat(contributor.post("/controls/" + theirs + "/status", Map.of("status", "IMPLEMENTED", "version", "0"))
                .redirectsTo("/controls/" + theirs)).isTrue();
        assertThat(contributor.get("/controls/" + theirs).body()).contains("You can change the status of controls you own");
        assertThat(a.org().api().get("/api/v1/controls/" + theirs).json().get("status").asText()).isEqualTo("DEFINED");

        assertThat(contributor.get("/controls/" + mine + "/edit").status()).isEqualTo(403);
        assertThat(contributor.get("/controls").body()).doesNotContain("Import YAML").doesNotContain("Write a control");
    }

    @Test
    void anAuditorReadsButSeesNoEditButtonsAndIsRefusedTheEditPages() {
        Adopted a = adopted("Auditor");
        String email = "ann-" + System.nanoTime() + "@cpa.example";
        provisioning.addUser(a.org().id(), email, "Ann Auditor", "a long auditor passphrase", Role.AUDITOR, "test");
        WebSession auditor = signIn(email, "a long auditor passphrase");
        String id = a.id("AC-01");

        Page library = auditor.get("/controls");
        assertThat(library.status()).isEqualTo(200);
        assertThat(rows(library)).hasSize(a.controls().size());
        assertThat(library.body()).contains("Export YAML").doesNotContain("Import YAML").doesNotContain("Write a control")
                .doesNotContain("Adopt from the library");
        Page detail = auditor.get("/controls/" + id);
        assertThat(detail.body()).doesNotContain(">Edit</a>").doesNotContain("Mark as implemented")
                .doesNotContain("Assign to").contains("History").contains("Adopted the control from the library");

        for (String path : List.of("/controls/new", "/controls/" + id + "/edit", "/controls/adopt")) {
            assertThat(auditor.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(auditor.post("/controls/" + id + "/status", Map.of("status", "IMPLEMENTED", "version", "0")).status())
                .isEqualTo(403);
        assertThat(auditor.post("/controls/" + id + "/delete", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aNewControlGetsTheNextFreeReferenceOfItsDomain() {
        Adopted a = adopted("New control");
        int highest = a.controls().stream().map(c -> c.get("ref").asText()).filter(r -> r.startsWith("AC-"))
                .mapToInt(r -> Integer.parseInt(r.substring(3))).max().orElseThrow();
        String next = String.format("AC-%02d", highest + 1);

        Page blank = a.admin().get("/controls/new?domain=access-control");
        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.body()).containsPattern("id=\"ref\"[^>]*value=\"" + next + "\"");
        Page other = a.admin().get("/controls/new/ref?domain=change-management&ref=" + next + "&suggestedRef=" + next);
        assertThat(other.body()).contains("value=\"CM-").doesNotContain("<html");
        Page typed = a.admin().get("/controls/new/ref?domain=change-management&ref=MY-01&suggestedRef=" + next);
        assertThat(typed.body()).contains("value=\"MY-01\"");

        List<Map.Entry<String, String>> form = new ArrayList<>(List.of(
                Map.entry("ref", next), Map.entry("domain", "access-control"),
                Map.entry("title", "Break-glass accounts are sealed and reviewed"),
                Map.entry("description", "Emergency accounts stay sealed; every use is reviewed within a day."),
                Map.entry("type", "DETECTIVE"), Map.entry("nature", "MANUAL"), Map.entry("frequency", "PER_EVENT"),
                Map.entry("owner", a.org().adminUserId().toString()), Map.entry("ownerRole", "Head of platform"),
                Map.entry("status", "IMPLEMENTED"), Map.entry("testMethod", "INSPECTION"),
                Map.entry("testProcedure", "Inspect every use of a break-glass account and its review."),
                Map.entry("evidence", "Break-glass log\n\nReview tickets\n"),
                Map.entry("criteria", "CC6.1"), Map.entry("criteria", "CC6.2"), Map.entry("criteria", "A1.2"),
                Map.entry("notApplicableReason", "")));
        Page created = a.admin().postAll("/controls/new", form);
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        JsonNode control = controls(a.org().api(), "&q=break-glass").get(0);
        assertThat(control.get("ref").asText()).isEqualTo(next);
        assertThat(control.get("status").asText()).isEqualTo("IMPLEMENTED");
        assertThat(control.get("evidence")).hasSize(2);
        assertThat(control.get("criteria").toString()).isEqualTo("[\"CC6.1\",\"CC6.2\",\"A1.2\"]");
        assertThat(created.redirectsTo("/controls/" + control.get("id").asText())).isTrue();
        Page page = a.admin().get("/controls/" + control.get("id").asText());
        assertThat(page.body()).contains(next + " Break-glass accounts are sealed and reviewed was created.")
                .contains("Written by your organization").contains("Per event");

        Page taken = a.admin().postAll("/controls/new", form);
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).containsPattern("id=\"ref-error\">\\s*<span>Reference " + next + " is already used");
    }

    @Test
    void mappingsToACategoryNoLongerInScopeAreShownAsKeptAndSurviveAnEdit() {
        Organization org = newOrganization("Rescope");
        String programId = org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027", "confidentiality"))
                .json().get("id").asText();
        org.api().post("/api/v1/controls/library/adopt", Map.of());
        JsonNode program = org.api().get("/api/v1/programs/" + programId).json();
        Map<String, Object> put = new LinkedHashMap<>();
        program.properties().forEach(e -> put.put(e.getKey(), e.getValue()));
        put.put("categories", Programs.categories());
        assertThat(org.api().raw("PUT", "/api/v1/programs/" + programId, ApiClient.JSON.writeValueAsString(put),
                "application/json").status()).isEqualTo(200);
        JsonNode control = controls(org.api(), "").stream()
                .filter(c -> c.get("outOfScopeCriteria").toString().contains("C1.")).findFirst().orElseThrow();
        String id = control.get("id").asText();
        String kept = control.get("outOfScopeCriteria").get(0).asText();
        WebSession admin = signIn(org.adminEmail(), org.adminPassword());

        assertThat(admin.get("/controls/" + id).body()).contains("Kept, out of scope");
        Page edit = admin.get("/controls/" + id + "/edit");
        assertThat(edit.body()).containsPattern("value=\"" + Pattern.quote(kept) + "\"(?=[^>]*checked)(?=[^>]*disabled)")
                .contains("No program includes Confidentiality. Excluded in “SOC 2 2027”");
        List<Map.Entry<String, String>> form = formOf(control);
        replace(form, "title", "Renamed while confidentiality is out of scope");
        assertThat(admin.postAll("/controls/" + id + "/edit", form).redirectsTo("/controls/" + id)).isTrue();
        assertThat(org.api().get("/api/v1/controls/" + id).json().get("outOfScopeCriteria").toString()).contains(kept);
    }

    @Test
    void deletingAControlAsksFirstAndLeavesTheLibrary() {
        Adopted a = adopted("Delete");
        String id = a.id("VM-01");
        Page page = a.admin().get("/controls/" + id);
        assertThat(page.body()).contains("data-confirm=\"Delete VM-01? Its history stays in the audit log.\"");
        Page deleted = a.admin().post("/controls/" + id + "/delete", Map.of());
        assertThat(deleted.redirectsTo("/controls")).isTrue();
        Page library = a.admin().get("/controls");
        assertThat(library.body()).contains(html("VM-01 " + a.control("VM-01").get("title").asText() + " was deleted."));
        assertThat(rows(library)).doesNotContain("VM-01").hasSize(a.controls().size() - 1);
        assertThat(a.admin().get("/controls/" + id).status()).isEqualTo(404);
    }
}
