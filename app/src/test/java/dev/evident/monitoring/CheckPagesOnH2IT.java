package dev.evident.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.identity.Provisioning;
import dev.evident.integration.ConnectionSynced;
import dev.evident.shared.security.Role;
import dev.evident.testing.BackgroundWork;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import dev.evident.testing.WebSession.Page;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Checks pages without JavaScript: the list with its filters and failing checks first, a check's
 * page with its failing resources, chart and exceptions, accepting an exception (and the errors of a
 * bad one), who may see and change what, and the custom check editor's dry run and versions.
 * The inventory is the in-memory stand-in; a sync is a ConnectionSynced event. H2 only: pages are the
 * same on every database.
 */
@H2Test
@Import(MonitoringTestConfiguration.class)
class CheckPagesOnH2IT extends IntegrationTest {

    private static final String TWO_FA = "github.member-2fa-enabled";

    @Autowired
    InMemoryInventory inventory;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    Provisioning provisioning;
    @Autowired
    JdbcClient jdbc;

    private Organization org;
    private WebSession web;
    private final UUID github = UUID.randomUUID();

    @BeforeEach
    void organizationWithOneMemberLackingTwoFactor() {
        org = newOrganization("Checks pages");
        member("101", "alice", true);
        member("102", "bob", false);
        publisher.publishEvent(new ConnectionSynced(org.id(), github, "github", UUID.randomUUID(), clock.instant(),
                List.of("github.member"), List.of(), null, "ab".repeat(32)));
        BackgroundWork.awaitEvaluations(jdbc, org.id());
        web = browserlessSession();
        web.signIn(org.adminEmail(), org.adminPassword());
    }

    private void member(String id, String login, boolean twoFactor) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("login", login);
        attributes.put("name", null);
        attributes.put("email", null);
        attributes.put("role", "member");
        attributes.put("twoFactorEnabled", twoFactor);
        inventory.put(org.id(), github, "github", "github.member", id, login, null, attributes);
    }

    private String bobKey() {
        return github + "/102";
    }

    private String expiry(int days) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(days).toString();
    }

    @Test
    void theListShowsFailingChecksFirstAndFiltersByQueryParameters() {
        Page list = web.get("/checks");
        assertThat(list.status()).isEqualTo(200);
        String body = list.body();
        assertThat(body).contains("Checks", "New custom check", TWO_FA, "1 failing", "1 passing",
                "github.repo-default-branch-protected", "Not evaluated yet");
        assertThat(body.indexOf(TWO_FA)).as("the failing check comes first")
                .isLessThan(body.indexOf("github.org-2fa-required"));

        assertThat(web.get("/checks?status=failing").body()).contains(TWO_FA)
                .doesNotContain("github.repo-default-branch-protected").doesNotContain("status check-passing")
                .doesNotContain("status check-not-evaluated");
        assertThat(web.get("/checks?connector=hr").body()).contains("hr.contractor-has-end-date")
                .doesNotContain("href=\"/checks/" + TWO_FA + "\"");
        assertThat(web.get("/checks?criterion=CC8.1").body()).contains("github.repo-default-branch-protected")
                .doesNotContain("href=\"/checks/" + TWO_FA + "\"");
        assertThat(web.get("/checks?control=AC-02&severity=high").body()).contains("href=\"/checks/" + TWO_FA + "\"")
                .doesNotContain("href=\"/checks/github.org-2fa-required\"") // critical, not high
                .contains("Clear filters");
        assertThat(web.get("/checks?status=passing&q=2fa").body()).contains("No check matches these filters");
    }

    @Test
    void aFailingResourceIsAcceptedAndBadInputIsNamedPerField() {
        Page detail = web.get("/checks/" + TWO_FA);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("Failing resources", "bob", "twoFactorEnabled: false", "Accept exception",
                "AC-02", "CC6.1", "class=\"outcome-chart\"", "The figures as a table", "resource.attributes.twoFactorEnabled",
                "No exception has been accepted").doesNotContain(">alice<");

        Page refused = web.post("/checks/" + TWO_FA + "/exceptions", Map.of("resourceKey", bobKey(), "reason", " ",
                "expiresOn", "next month"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Please fix the following", "id=\"reason-error\"", "Reason is required",
                "id=\"expiresOn-error\"", "Expiry date must be a date such as 2026-03-31, was &#39;next month&#39;",
                "next month");
        Page tooLong = web.post("/checks/" + TWO_FA + "/exceptions", Map.of("resourceKey", bobKey(),
                "reason", "Service account", "expiresOn", expiry(400)));
        assertThat(tooLong.body()).contains("Expiry date may be at most 366 days ahead", "Service account");
        Page notFailing = web.post("/checks/" + TWO_FA + "/exceptions", Map.of("resourceKey", github + "/101",
                "reason", "x", "expiresOn", expiry(10)));
        assertThat(notFailing.body()).contains("not failing; only failing resources can be accepted");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM monitoring_check_exception WHERE org_id = :org")
                .param("org", org.id()).query(Integer.class).single()).isZero();

        Page accepted = web.post("/checks/" + TWO_FA + "/exceptions", Map.of("resourceKey", bobKey(),
                "reason", "Bot account, hardware key enrolment pending", "expiresOn", expiry(30)));
        assertThat(accepted.status()).isEqualTo(302);
        String after = web.get("/checks/" + TWO_FA).body();
        assertThat(after).contains("The exception was accepted", "Excepted resources", "Nothing fails right now",
                "Bot account, hardware key enrolment pending", ">active<", "Revoke");
        assertThat(web.get("/checks?status=excepted").body()).contains("href=\"/checks/" + TWO_FA + "\"");

        String id = jdbc.sql("SELECT id FROM monitoring_check_exception WHERE org_id = :org").param("org", org.id())
                .query(String.class).single();
        assertThat(web.post("/checks/" + TWO_FA + "/exceptions/" + id + "/revoke", Map.of()).status()).isEqualTo(302);
        assertThat(web.get("/checks/" + TWO_FA).body()).contains("The exception was revoked", ">revoked<",
                "Failing resources", "twoFactorEnabled: false");
    }

    @Test
    void anAwsCheckBreaksItsResultsDownByAccountAndRegionAndListsOneOfThemOnRequest() {
        UUID aws = UUID.randomUUID();
        String encrypted = "aws.s3-bucket-encrypted";
        bucket(aws, "111122223333", "eu-west-1", "logs-eu", true);
        bucket(aws, "111122223333", "eu-west-1", "exports-eu", false);
        bucket(aws, "111122223333", "us-east-1", "exports-us", false);
        bucket(aws, "444455556666", "eu-west-1", "sandbox-eu", false);
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("accountId", "111122223333");
        account.put("region", "global");
        account.put("name", "production");
        inventory.put(org.id(), aws, "aws", "aws.account", "111122223333", "production (111122223333)", null, account);
        publisher.publishEvent(new ConnectionSynced(org.id(), aws, "aws", UUID.randomUUID(), clock.instant(),
                List.of("aws.s3_bucket", "aws.account"), List.of(), null, "cd".repeat(32)));
        BackgroundWork.awaitEvaluations(jdbc, org.id());

        String page = web.get("/checks/" + encrypted).body();
        assertThat(page).contains("By account and region", "production", "111122223333", "444455556666",
                "exports-eu", "exports-us", "sandbox-eu")
                .doesNotContain("Only the resources");
        String breakdown = page.substring(page.indexOf("id=\"breakdown\""), page.indexOf("id=\"failing\""));
        assertThat(breakdown).contains("href=\"/checks/" + encrypted + "?account=111122223333&amp;region=eu-west-1#failing\"",
                "href=\"/checks/" + encrypted + "?account=444455556666#failing\"");
        // production in eu-west-1: one failing (exports-eu), one passing (logs-eu)
        assertThat(breakdown.replaceAll("\\s+", " ")).contains(
                ">eu-west-1</a></td> <td>1</td><td>0</td> <td>0</td><td>1</td>",
                ">us-east-1</a></td> <td>1</td><td>0</td> <td>0</td><td>0</td>");
        assertThat(breakdown.indexOf("111122223333")).as("accounts in order").isLessThan(breakdown.indexOf("444455556666"));

        Page filtered = web.get("/checks/" + encrypted + "?account=111122223333&region=eu-west-1");
        assertThat(filtered.status()).isEqualTo(200);
        String failing = filtered.body().substring(filtered.body().indexOf("id=\"failing\""));
        assertThat(failing).contains("Only the resources", "exports-eu", "Show every resource")
                .doesNotContain("exports-us").doesNotContain("sandbox-eu");
        assertThat(filtered.body()).contains("aria-current=\"true\"");
        assertThat(web.get("/checks/" + encrypted + "?account=444455556666").body()).contains("sandbox-eu")
                .doesNotContain("exports-eu");
        assertThat(web.get("/checks/" + encrypted + "?account=999999999999&region=eu-west-1").body())
                .contains("Nothing fails in this account and region");
        Page tooLong = web.get("/checks/" + encrypted + "?region=" + "x".repeat(201));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("region must be at most 200 characters");

        assertThat(web.get("/checks/aws.root-mfa-enabled").body()).as("the account itself is global")
                .contains(">global</a>", "production");
        assertThat(web.get("/checks/" + TWO_FA).body()).as("GitHub members name no account")
                .doesNotContain("By account and region");

        var api = org.api().get("/api/v1/checks/" + encrypted + "/breakdown");
        assertThat(api.status()).isEqualTo(200);
        var locations = api.json().get("locations");
        assertThat(locations).hasSize(3);
        assertThat(locations.get(0).get("accountId").asString()).isEqualTo("111122223333");
        assertThat(locations.get(0).get("accountName").asString()).isEqualTo("production");
        assertThat(locations.get(0).get("region").asString()).isEqualTo("eu-west-1");
        assertThat(locations.get(0).get("counts").get("fail").asInt()).isEqualTo(1);
        assertThat(locations.get(0).get("counts").get("pass").asInt()).isEqualTo(1);
        assertThat(locations.get(2).get("accountName").isNull()).isTrue();
        assertThat(api.json().get("unlocated").asInt()).isZero();
        var results = org.api().get("/api/v1/checks/" + encrypted + "/results?outcome=fail&account=111122223333&region=us-east-1");
        assertThat(results.json().get("results")).singleElement()
                .satisfies(r -> assertThat(r.get("resourceName").asString()).isEqualTo("exports-us"));
        assertThat(results.json().get("counts").get("fail").asInt()).as("counts stay those of the check").isEqualTo(3);
        assertThat(org.api().get("/api/v1/checks/" + TWO_FA + "/breakdown").json().get("locations")).isEmpty();
        assertThat(org.api().get("/api/v1/checks/" + encrypted + "/results?account=" + "1".repeat(201)).status())
                .isEqualTo(400);
    }

    private void bucket(UUID connection, String accountId, String region, String name, boolean encrypted) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("accountId", accountId);
        attributes.put("region", region);
        attributes.put("name", name);
        attributes.put("encrypted", encrypted);
        inventory.put(org.id(), connection, "aws", "aws.s3_bucket", accountId + ":" + name, name, null, attributes);
    }

    @Test
    void readersSeeChecksWithoutFormsAndEmployeesNotAtAll() {
        String contributorEmail = "casey-" + System.nanoTime() + "@checks.example";
        provisioning.addUser(org.id(), contributorEmail, "Casey", "a long contributor passphrase", Role.CONTRIBUTOR, "test");
        WebSession contributor = browserlessSession();
        contributor.signIn(contributorEmail, "a long contributor passphrase");
        assertThat(contributor.get("/checks").body()).contains(TWO_FA).doesNotContain("New custom check");
        Page detail = contributor.get("/checks/" + TWO_FA);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("bob").doesNotContain("/exceptions\"").doesNotContain("Accept exception")
                .doesNotContain("/disable");
        assertThat(contributor.post("/checks/" + TWO_FA + "/exceptions", Map.of("resourceKey", bobKey(), "reason", "x",
                "expiresOn", expiry(10))).status()).isEqualTo(403);
        assertThat(contributor.get("/checks/new").status()).isEqualTo(403);
        assertThat(contributor.post("/checks/" + TWO_FA + "/disable", Map.of()).status()).isEqualTo(403);

        String employeeEmail = "erin-" + System.nanoTime() + "@checks.example";
        provisioning.addUser(org.id(), employeeEmail, "Erin", "a long employee passphrase", Role.EMPLOYEE, "test");
        WebSession employee = browserlessSession();
        employee.signIn(employeeEmail, "a long employee passphrase");
        assertThat(employee.get("/checks").status()).isEqualTo(403);
        assertThat(employee.get("/checks/" + TWO_FA).status()).isEqualTo(403);
        assertThat(employee.get("/").body()).doesNotContain("href=\"/checks\"");
        assertThat(web.get("/").body()).contains("href=\"/checks\"");
    }

    @Test
    void theEditorDryRunsShowsCompileErrorsAtTheirPositionAndSavesVersions() {
        assertThat(web.get("/checks/new").body()).contains("New custom check", "Dry run", "github.member");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("key", "custom.members-named");
        form.put("title", "Members have a role");
        form.put("resourceType", "github.member");
        form.put("expression", "resource.attributes.role == 'member' &&\n   members.size() > 1");
        form.put("severity", "low");
        form.put("controls", "AC-02");
        Page bad = web.post("/checks/dry-run", form, Map.of("HX-Request", "true"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).doesNotContain("<html").contains("The expression does not compile",
                "line 2, column 4", "undeclared reference to &#39;members&#39;", "   members.size() &gt; 1\n   ^");

        form.put("expression", "resource.attributes.twoFactorEnabled == true ? \"\" : \"2FA is off for \" + resource.name");
        Page ok = web.post("/checks/dry-run", form, Map.of("HX-Request", "true"));
        assertThat(ok.body()).contains("Dry run on the current inventory", "1 pass", "1 fail", "2FA is off for bob",
                "Nothing was saved");
        Page noJs = web.post("/checks/dry-run", form);
        assertThat(noJs.body()).contains("<html", "New custom check", "2FA is off for bob");

        form.put("controls", "AC-02, NOPE-99");
        Page refused = web.post("/checks/new", form);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"controls-error\"", "Control 2 &#39;NOPE-99&#39; is neither");
        form.put("controls", "AC-02");
        Page saved = web.post("/checks/new", form);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/checks/custom.members-named");
        assertThat(web.get("/checks/custom.members-named").body()).contains("saved as version 1", "Custom check", "Edit");

        Page edit = web.get("/checks/custom.members-named/edit");
        assertThat(edit.body()).contains("Saving stores version", "name=\"expectedVersion\" value=\"1\"", "readonly");
        Map<String, String> change = new LinkedHashMap<>(form);
        change.put("expectedVersion", "1");
        change.put("severity", "high");
        change.put("expression", "(");
        assertThat(web.post("/checks/custom.members-named/edit", change).body()).contains("id=\"expression-error\"",
                "line 1, column");
        change.put("expression", "resource.attributes.twoFactorEnabled == true");
        assertThat(web.post("/checks/custom.members-named/edit", change).status()).isEqualTo(302);
        String after = web.get("/checks/custom.members-named").body();
        assertThat(after).contains("Saved as version 2", "v2", "v1");

        assertThat(web.get("/checks/" + TWO_FA + "/edit").status()).isEqualTo(409);
        assertThat(web.get("/checks/" + TWO_FA).body()).doesNotContain("/checks/" + TWO_FA + "/edit");
    }
}
