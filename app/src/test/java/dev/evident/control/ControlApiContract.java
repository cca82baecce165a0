package dev.evident.control;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.control.internal.ControlService;
import dev.evident.identity.Provisioning;
import dev.evident.program.Programs;
import dev.evident.shared.problem.ForbiddenException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.ActorType;
import dev.evident.shared.security.Role;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The organization's controls over HTTP on a real database: adoption, rules, lifecycle, ownership. */
abstract class ControlApiContract extends IntegrationTest {

    @Autowired
    ControlService controlService;

    @Autowired
    Provisioning provisioning;

    static Map<String, Object> custom(String ref, List<String> criteria) {
        Map<String, Object> control = new LinkedHashMap<>();
        control.put("ref", ref);
        control.put("title", "Quarterly review of production access");
        control.put("description", "The platform lead reviews who can reach production every quarter and revokes leftovers.");
        control.put("domain", "access-control");
        control.put("type", "detective");
        control.put("nature", "manual");
        control.put("frequency", "quarterly");
        control.put("ownerRole", "Platform lead");
        control.put("test", body("method", "inspection", "procedure", "Inspect two quarterly reviews and their tickets."));
        control.put("evidence", List.of("Signed review", "Revocation tickets"));
        control.put("criteria", criteria);
        return control;
    }

    static List<JsonNode> all(ApiClient api, String query) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/controls?limit=40" + query + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(items::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return items;
    }

    @Test
    void adoptingTheLibraryMapsEveryCriterionOfTheCategoriesInScopeAndNothingElse() {
        Organization org = newOrganization("Adopters");
        ApiClient api = org.api();
        assertThat(api.post("/api/v1/programs", Programs.typeTwo("SOC 2 2027", "availability")).status()).isEqualTo(201);

        Response adopted = api.post("/api/v1/controls/library/adopt", Map.of());
        assertThat(adopted.status()).as(adopted.body()).isEqualTo(201);
        int count = adopted.json().get("adoptedCount").asInt();
        assertThat(count).isBetween(80, 120);

        List<JsonNode> controls = all(api, "");
        assertThat(controls).hasSize(count);
        assertThat(controls.get(0).get("ref").asText()).isEqualTo("AC-01");
        Set<String> mapped = new HashSet<>();
        controls.forEach(c -> c.get("criteria").forEach(id -> mapped.add(id.asText())));
        assertThat(mapped).allMatch(id -> id.startsWith("CC") || id.startsWith("A1"));
        JsonNode criteria = api.get("/api/v1/frameworks/soc2-2017/requirements?leaf=true&limit=100").json().get("items");
        List<String> inScope = new ArrayList<>();
        criteria.forEach(c -> {
            String category = c.get("categoryId").asText();
            if (category.equals("security") || category.equals("availability")) {
                inScope.add(c.get("id").asText());
            }
        });
        assertThat(inScope).hasSize(36);
        assertThat(mapped).containsAll(inScope);
        assertThat(controls).allMatch(c -> c.get("status").asText().equals("DEFINED") && c.get("owner").isNull());
        assertThat(controls.get(0).get("source").get("library").asText()).isEqualTo("evident-library");

        Response again = api.post("/api/v1/controls/library/adopt", Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("adoptedCount").asInt()).isZero();
        assertThat(again.json().get("skipped")).hasSize(count);

        JsonNode audit = api.get("/api/v1/audit-log?action=controls.adopted").json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("summary").get("count").asInt()).isEqualTo(count);
    }

    @Test
    void adoptingACategoryNoProgramIncludesIsRefused() {
        Organization org = newOrganization("Narrow");
        org.api().post("/api/v1/programs", Programs.typeTwo("Security only"));
        Response refused = org.api().post("/api/v1/controls/library/adopt", body("categories", List.of("privacy")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("categories[0]");
        assertThat(refused.json().get("errors").get(0).get("message").asText()).contains("Privacy");
        assertThat(all(org.api(), "")).isEmpty();
    }

    @Test
    void mappingToACriterionOfAnExcludedCategoryIsRefusedWithTheReason() {
        Organization org = newOrganization("Excluders");
        org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027", "availability"));
        Response refused = org.api().post("/api/v1/controls", custom("CUS-01", List.of("CC6.1", "P4.1")));
        assertThat(refused.status()).isEqualTo(400);
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("criteria[1]");
        assertThat(error.get("message").asText()).contains("P4.1 belongs to Privacy")
                .contains("excluded in 'SOC 2 2027': Not part of the commitments");
    }

    @Test
    void customControlMovesThroughTheLifecyclePeopleMayOnlyReachImplemented() {
        Organization org = newOrganization("Lifecycle");
        ApiClient api = org.api();
        api.post("/api/v1/programs", Programs.typeTwo("SOC 2 2027"));
        Map<String, Object> input = custom("CUS-01", List.of("CC6.3", "CC6.2", "CC6.2x"));
        Response invalid = api.post("/api/v1/controls", input);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asText()).isEqualTo("criteria[2]");

        input.put("criteria", List.of("CC6.3", "CC6.2"));
        input.put("ownerUserId", org.adminUserId().toString());
        Response created = api.post("/api/v1/controls", input);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode control = created.json();
        assertThat(control.get("criteria").toString()).as("framework order").isEqualTo("[\"CC6.2\",\"CC6.3\"]");
        assertThat(control.get("status").asText()).isEqualTo("DEFINED");
        assertThat(control.get("owner").get("email").asText()).isEqualTo(org.adminEmail());
        assertThat(control.get("source").isNull()).isTrue();
        String id = control.get("id").asText();

        Response duplicate = api.post("/api/v1/controls", input);
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("errors").get(0).get("message").asText()).contains("already used");

        Response evidenced = api.post("/api/v1/controls/" + id + "/status", body("status", "EVIDENCED", "version", 0));
        assertThat(evidenced.status()).isEqualTo(400);
        assertThat(evidenced.json().get("errors").get(0).get("message").asText()).contains("set by Evident");

        Response implemented = api.post("/api/v1/controls/" + id + "/status", body("status", "implemented", "version", 0));
        assertThat(implemented.status()).as(implemented.body()).isEqualTo(200);
        assertThat(implemented.json().get("status").asText()).isEqualTo("IMPLEMENTED");

        ObjectNode edited = (ObjectNode) api.get("/api/v1/controls/" + id).json();
        edited.put("title", "Quarterly access review");
        edited.put("status", "TESTED");
        Response tested = api.raw("PUT", "/api/v1/controls/" + id, edited.toString(), "application/json");
        assertThat(tested.status()).isEqualTo(400);
        edited.remove("status");
        Response renamed = api.raw("PUT", "/api/v1/controls/" + id, edited.toString(), "application/json");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("title").asText()).isEqualTo("Quarterly access review");
        assertThat(renamed.json().get("status").asText()).as("a PUT without status keeps it").isEqualTo("IMPLEMENTED");
        assertThat(renamed.json().get("ownerUserId").asText()).isEqualTo(org.adminUserId().toString());

        Response stale = api.raw("PUT", "/api/v1/controls/" + id, edited.toString(), "application/json");
        assertThat(stale.status()).isEqualTo(409);

        JsonNode audit = api.get("/api/v1/audit-log?targetId=" + id).json().get("items");
        assertThat(audit.findValuesAsString("action"))
                .containsExactly("control.updated", "control.status_changed", "control.created");
        assertThat(audit.get(0).get("summary").get("title").get("to").asText()).isEqualTo("Quarterly access review");

        assertThat(api.delete("/api/v1/controls/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/controls/" + id).status()).isEqualTo(404);
    }

    @Test
    void notApplicableNeedsAJustification() {
        Organization org = newOrganization("Justifiers");
        org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027"));
        Map<String, Object> input = custom("CUS-02", List.of("CC6.4"));
        input.put("applicable", false);
        Response refused = org.api().post("/api/v1/controls", input);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("notApplicableReason");
        input.put("notApplicableReason", "n/a");
        assertThat(org.api().post("/api/v1/controls", input).status()).isEqualTo(400);
        input.put("notApplicableReason", "We run no data centre or office; AWS holds the physical controls (carved out)");
        Response created = org.api().post("/api/v1/controls", input);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("applicable").asBoolean()).isFalse();
    }

    @Test
    void anAuditorCannotOwnControlsAndAnOwnerWhoLeavesIsUnassigned() {
        Organization org = newOrganization("Owners");
        org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027"));
        UUID auditor = provisioning.addUser(org.id(), "auditor-" + System.nanoTime() + "@cpa.example", "Ann Auditor",
                "a long auditor passphrase", Role.AUDITOR, "test");
        UUID engineer = provisioning.addUser(org.id(), "eng-" + System.nanoTime() + "@owners.example", "Eve Engineer",
                "a long engineer passphrase", Role.CONTRIBUTOR, "test");
        Map<String, Object> input = custom("CUS-03", List.of("CC8.1"));
        input.put("ownerUserId", auditor.toString());
        Response refused = org.api().post("/api/v1/controls", input);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("message").asText()).contains("auditor");

        input.put("ownerUserId", engineer.toString());
        String id = org.api().post("/api/v1/controls", input).json().get("id").asText();
        assertThat(org.api().delete("/api/v1/members/" + engineer).status()).isEqualTo(204);
        JsonNode control = org.api().get("/api/v1/controls/" + id).json();
        assertThat(control.get("ownerUserId").isNull()).isTrue();
        assertThat(org.api().get("/api/v1/audit-log?action=control.owner_unassigned").json().get("items")).hasSize(1);
    }

    @Test
    void contributorsMoveOnlyTheControlsTheyOwn() {
        Organization org = newOrganization("Contributors");
        org.api().post("/api/v1/programs", Programs.typeTwo("SOC 2 2027"));
        UUID engineer = provisioning.addUser(org.id(), "dev-" + System.nanoTime() + "@contrib.example", "Dev Eloper",
                "a long developer passphrase", Role.CONTRIBUTOR, "test");
        Map<String, Object> owned = custom("CUS-10", List.of("CC8.1"));
        owned.put("ownerUserId", engineer.toString());
        UUID ownedId = UUID.fromString(org.api().post("/api/v1/controls", owned).json().get("id").asText());
        UUID otherId = UUID.fromString(org.api().post("/api/v1/controls", custom("CUS-11", List.of("CC8.1")))
                .json().get("id").asText());
        Actor contributor = new Actor(ActorType.USER, engineer, "dev", org.id(), Role.CONTRIBUTOR, engineer, null);

        assertThat(controlService.changeStatus(contributor, ownedId, "IMPLEMENTED", 0L).status())
                .isEqualTo(ControlStatus.IMPLEMENTED);
        assertThatThrownBy(() -> controlService.changeStatus(contributor, otherId, "IMPLEMENTED", 0L))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("no owner");
    }

    @Test
    void aPutWithoutTheMappingsToCategoriesNoLongerInScopeKeepsThem() {
        Organization org = newOrganization("Inert");
        ApiClient api = org.api();
        String programId = api.post("/api/v1/programs", Programs.typeTwo("SOC 2 2027", "confidentiality")).json()
                .get("id").asText();
        String id = api.post("/api/v1/controls", custom("CUS-20", List.of("CC6.1", "C1.1"))).json().get("id").asText();
        JsonNode program = api.get("/api/v1/programs/" + programId).json();
        ObjectNode rescoped = (ObjectNode) program.deepCopy();
        rescoped.set("categories", ApiClient.JSON.valueToTree(Programs.categories()));
        assertThat(api.raw("PUT", "/api/v1/programs/" + programId, rescoped.toString(), "application/json").status())
                .isEqualTo(200);

        ObjectNode edited = (ObjectNode) api.get("/api/v1/controls/" + id).json().deepCopy();
        assertThat(edited.get("outOfScopeCriteria").toString()).isEqualTo("[\"C1.1\"]");
        edited.put("title", "Renamed while confidentiality is out of scope");
        Response saved = api.raw("PUT", "/api/v1/controls/" + id, edited.toString(), "application/json");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("criteria").toString()).isEqualTo("[\"CC6.1\"]");
        assertThat(saved.json().get("outOfScopeCriteria").toString()).as("kept, though the PUT could not send it")
                .isEqualTo("[\"C1.1\"]");
    }

    @Test
    void filtersFindControlsByCriterionSeriesCategoryOwnerAndText() {
        Organization org = newOrganization("Filters");
        ApiClient api = org.api();
        api.post("/api/v1/programs", Programs.typeTwo("SOC 2 2027", "availability", "confidentiality"));
        api.post("/api/v1/controls/library/adopt", Map.of());
        assertThat(all(api, "&criterion=CC6.1")).isNotEmpty()
                .allMatch(c -> c.get("criteria").toString().contains("\"CC6.1\""));
        assertThat(all(api, "&criterion=CC6")).allMatch(c -> c.get("criteria").toString().contains("\"CC6."));
        assertThat(all(api, "&category=availability")).isNotEmpty()
                .allMatch(c -> c.get("criteria").toString().contains("\"A1."));
        assertThat(all(api, "&owner=none").size()).isEqualTo(all(api, "").size());
        assertThat(all(api, "&status=implemented")).isEmpty();
        assertThat(all(api, "&q=multi-factor")).extracting(c -> c.get("ref").asText()).contains("AC-02");
        Response bad = api.get("/api/v1/controls?status=DONE");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("status");
    }
}
