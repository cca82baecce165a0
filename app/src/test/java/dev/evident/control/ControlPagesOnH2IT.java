package dev.evident.control;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.identity.Provisioning;
import dev.evident.program.Programs;
import dev.evident.shared.security.Role;
import dev.evident.testing.ApiClient;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import dev.evident.testing.WebSession.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * The control pages as a person without JavaScript uses them: the library and its filters, adoption,
 * the control page with its history, the form's errors, and who may do what. Pages are the same on
 * every database, so they run on H2 only; the API contract covers PostgreSQL.
 */
@H2Test
class ControlPagesOnH2IT extends IntegrationTest {

    private static final Pattern ROW = Pattern.compile("<tr data-ref=\"([^\"]+)\"");
    private static final Pattern COUNT = Pattern.compile("<strong>(\\d+)</strong>\\s*of <span>(\\d+)</span>");

    @Autowired
    Provisioning provisioning;

    record Adopted(Organization org, WebSession admin, List<JsonNode> controls) {
        JsonNode control(String ref) {
            return controls.stream().filter(c -> c.get("ref").asText().equals(ref)).findFirst().orElseThrow();
        }

        String id(String ref) {
            return control(ref).get("id").asText();
        }
    }

    /** An organization with a program (Security and Availability), the library adopted, its admin signed in. */
    private Adopted adopted(String name) {
        Organization org = newOrganization(name);
        assertThat(org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027", "availability")).status()).isEqualTo(201);
        assertThat(org.api().post("/api/v1/controls/library/adopt", Map.of()).status()).isEqualTo(201);
        return new Adopted(org, signIn(org.adminEmail(), org.adminPassword()), controls(org.api(), ""));
    }

    private WebSession signIn(String email, String password) {
        WebSession session = browserlessSession();
        assertThat(session.signIn(email, password).status()).isEqualTo(302);
        return session;
    }

    private static List<JsonNode> controls(ApiClient api, String query) {
        List<JsonNode> items = new ArrayList<>();
        api.get("/api/v1/controls?limit=1000" + query).json().get("items").forEach(items::add);
        return items;
    }

    private static List<String> rows(Page page) {
        List<String> refs = new ArrayList<>();
        Matcher m = ROW.matcher(page.body());
        while (m.find()) {
            refs.add(m.group(1));
        }
        return refs;
    }

    /** The result count as the page shows it: "42 of 107". */
    private static String count(Page page) {
        Matcher m = COUNT.matcher(page.body());
        return m.find() ? m.group(1) + " of " + m.group(2) : "no count on the page";
    }

    private static List<String> refs(List<JsonNode> controls) {
        return controls.stream().map(c -> c.get("ref").asText()).toList();
    }

    @Test
    void theLibraryListsTheAdoptedControlsAndEveryFilterNarrowsItAsTheApiDoes() {
        Adopted a = adopted("Library");
        ApiClient api = a.org().api();
        // give the filters something to find: an owner, a status, a control that does not apply
        String owned = a.id("AC-02");
        Map<String, Object> put = editable(a.control("AC-02"));
        put.put("ownerUserId", a.org().adminUserId().toString());
        assertThat(api.raw("PUT", "/api/v1/controls/" + owned, ApiClient.JSON.writeValueAsString(put), "application/json")
                .status()).isEqualTo(200);
        assertThat(api.post("/api/v1/controls/" + a.id("CM-01") + "/status", body("status", "IMPLEMENTED", "version", 0))
                .status()).isEqualTo(200);
        Map<String, Object> na = editable(a.control("AS-01"));
        na.put("applicable", false);
        na.put("notApplicableReason", "Every data centre is run by our cloud provider (carved out)");
        assertThat(api.raw("PUT", "/api/v1/controls/" + a.id("AS-01"), ApiClient.JSON.writeValueAsString(na),
                "application/json").status()).isEqualTo(200);

        Page all = a.admin().get("/controls");
        assertThat(all.status()).isEqualTo(200);
        int total = a.controls().size();
        assertThat(rows(all)).hasSize(total).startsWith("AC-01", "AC-02");
        assertThat(count(all)).isEqualTo(total + " of " + total);
        assertThat(all.body()).contains("No owner").contains("Not applicable").contains("href=\"/controls/export\"")
                .contains("href=\"/controls/import\"");

        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q=multi-factor", "&q=multi-factor");
        filters.put("domain=access-control", "&domain=access-control");
        filters.put("criterion=CC6.1", "&criterion=CC6.1");
        filters.put("criterion=CC6", "&criterion=CC6");
        filters.put("category=availability", "&category=availability");
        filters.put("owner=none", "&owner=none");
        filters.put("owner=" + a.org().adminUserId(), "&owner=" + a.org().adminUserId());
        filters.put("status=IMPLEMENTED", "&status=IMPLEMENTED");
        filters.put("frequency=QUARTERLY", "&frequency=QUARTERLY");
        filters.put("applicable=false", "&applicable=false");
        filters.put("domain=access-control&status=DEFINED&q=access", "&domain=access-control&status=DEFINED&q=access");
        filters.forEach((page, apiQuery) -> {
            List<String> expected = refs(controls(api, apiQuery));
            Page filtered = a.admin().get("/controls?" + page);
            assertThat(rows(filtered)).as(page).isNotEmpty().isEqualTo(expected);
            assertThat(count(filtered)).as(page).isEqualTo(expected.size() + " of " + total);
        });
        assertThat(rows(a.admin().get("/controls?owner=" + a.org().adminUserId()))).containsExactly("AC-02");
        assertThat(rows(a.admin().get("/controls?status=IMPLEMENTED"))).containsExactly("CM-01");
        assertThat(rows(a.admin().get("/controls?applicable=false"))).containsExactly("AS-01");
        assertThat(rows(a.admin().get("/controls?domain=access-control"))).allMatch(ref -> ref.startsWith("AC-"));

        Page nothing = a.admin().get("/controls?q=no-such-words-anywhere");
        assertThat(rows(nothing)).isEmpty();
        assertThat(nothing.body()).contains("No controls match these filters");
        Page unreadable = a.admin().get("/controls?status=DONE");
        assertThat(unreadable.status()).isEqualTo(200);
        assertThat(unreadable.body()).contains("This filter could not be used: status");
        assertThat(rows(unreadable)).isEmpty();

        // htmx asks for the results only, and the count travels out of band into the live region
        Page fragment = a.admin().get("/controls?domain=access-control", Map.of("HX-Request", "true"));
        assertThat(fragment.body()).doesNotContain("<html").doesNotContain("control-filters")
                .contains("hx-swap-oob=\"innerHTML\"");
        assertThat(rows(fragment)).isEqualTo(rows(a.admin().get("/controls?domain=access-control")));
    }

    @Test
    void anEmptyLibraryExplainsItselfAndOffersTheLibraryOrAControlOfOnesOwn() {
        Organization org = newOrganization("Empty");
        Page page = signIn(org.adminEmail(), org.adminPassword()).get("/controls");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("No controls yet").contains("href=\"/controls/adopt\">Adopt the Evident library")
                .contains("href=\"/controls/new\">Write a control").doesNotContain("control-filters");
    }

    @Test
    void theAdoptPageCountsWhatWouldBeAddedAndAdoptsTheChosenCategories() {
        Organization org = newOrganization("Adopt page");
        org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027", "availability"));
        WebSession admin = signIn(org.adminEmail(), org.adminPassword());

        Page page = admin.get("/controls/adopt");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"category-security\"").contains("id=\"category-availability\"")
                .doesNotContain("id=\"category-privacy\"")
                .contains("No program includes Privacy. Excluded in “SOC 2 2027”: Not part of the commitments")
                .contains(" to add");

        Page none = admin.post("/controls/adopt", Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("id=\"categories-error\"").contains("Choose at least one category");

        Page adopted = admin.postAll("/controls/adopt", List.of(Map.entry("categories", "availability")));
        assertThat(adopted.redirectsTo("/controls")).isTrue();
        int count = controls(org.api(), "").size();
        assertThat(count).isPositive();
        Page library = admin.get("/controls");
        assertThat(library.body()).contains("Adopted " + count + " controls from the Evident library.");
        assertThat(rows(library)).hasSize(count);

        Page again = admin.get("/controls/adopt");
        assertThat(again.body()).contains(count + " you already have");
        Page rest = admin.postAll("/controls/adopt", List.of(Map.entry("categories", "security"),
                Map.entry("categories", "availability")));
        assertThat(rest.redirectsTo("/controls")).isTrue();
        assertThat(admin.get("/controls").body()).contains("were skipped because you already have them.");
    }

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
                .contains("Title: " + html(a.control("AC-01").get("title").asText()) + " → Unique accounts for every person, reviewed")
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

    /** The control as the API returns it, ready to PUT back with a change. */
    private static Map<String, Object> editable(JsonNode control) {
        Map<String, Object> input = new LinkedHashMap<>();
        control.properties().forEach(e -> input.put(e.getKey(), e.getValue()));
        return input;
    }

    /** The edit form's fields for a control as the API returns it. */
    private static List<Map.Entry<String, String>> formOf(JsonNode c) {
        List<Map.Entry<String, String>> form = new ArrayList<>(List.of(
                Map.entry("version", c.get("version").asText()), Map.entry("ref", c.get("ref").asText()),
                Map.entry("domain", c.get("domain").asText()), Map.entry("title", c.get("title").asText()),
                Map.entry("description", c.get("description").asText()), Map.entry("type", c.get("type").asText()),
                Map.entry("nature", c.get("nature").asText()), Map.entry("frequency", c.get("frequency").asText()),
                Map.entry("owner", c.get("ownerUserId").isNull() ? "" : c.get("ownerUserId").asText()),
                Map.entry("ownerRole", c.get("ownerRole").asText()),
                Map.entry("testMethod", c.get("test").get("method").asText()),
                Map.entry("testProcedure", c.get("test").get("procedure").asText())));
        List<String> evidence = new ArrayList<>();
        c.get("evidence").forEach(e -> evidence.add(e.asText()));
        form.add(Map.entry("evidence", String.join("\n", evidence)));
        c.get("criteria").forEach(id -> form.add(Map.entry("criteria", id.asText())));
        form.add(Map.entry("notApplicableReason", ""));
        return form;
    }

    /** Text as Thymeleaf writes it into a page. */
    private static String html(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static void replace(List<Map.Entry<String, String>> form, String field, String value) {
        for (int i = 0; i < form.size(); i++) {
            if (form.get(i).getKey().equals(field)) {
                form.set(i, Map.entry(field, value));
                return;
            }
        }
        form.add(Map.entry(field, value));
    }
}
