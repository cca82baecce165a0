package dev.evident.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.identity.Provisioning;
import dev.evident.integration.internal.IntegrationTestSupport;
import dev.evident.integration.testconnector.ScriptedConnectorFactory;
import dev.evident.shared.Timestamps;
import dev.evident.shared.security.Role;
import dev.evident.testing.BackgroundWork;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import dev.evident.testing.WebSession.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inventory browser and a resource's page without JavaScript: filters as GET parameters, paging
 * across a page boundary (by link and as an htmx fragment), a resource with failing checks and its
 * attributes, and who may see them. The resources are GitHub members written to the real inventory
 * table, and the checks ran through the real evaluation after a ConnectionSynced event.
 */
@H2Test
@Import(IntegrationTestSupport.class)
class InventoryPagesOnH2IT extends IntegrationTest {

    private static final String TWO_FA = "github.member-2fa-enabled";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Provisioning provisioning;
    @Autowired
    ApplicationEventPublisher publisher;

    private Organization org;
    private UUID github;
    private WebSession web;

    @BeforeEach
    void membersSyncedAndEvaluated() {
        org = newOrganization("Inventory pages");
        Map<String, Object> settings = new HashMap<>();
        settings.put("baseUrl", "https://scripted.example.com");
        settings.put("apiToken", "valid-inventory-token-0123456789");
        settings.put("script", "script-" + UUID.randomUUID());
        github = UUID.fromString(org.api().post("/api/v1/connections", Map.of("connector", ScriptedConnectorFactory.NAME,
                "displayName", "Acme GitHub", "settings", settings, "enabled", false)).json().get("id").asText());
        member("101", "alice", "alice@example.com", true);
        member("102", "bob", null, false);
        member("103", "carol", "carol@example.com", true);
        publisher.publishEvent(new ConnectionSynced(org.id(), github, "github", UUID.randomUUID(), clock.instant(),
                List.of("github.member"), List.of(), null, "ab".repeat(32)));
        BackgroundWork.awaitEvaluations(jdbc, org.id());
        web = browserlessSession();
        web.signIn(org.adminEmail(), org.adminPassword());
    }

    private void member(String id, String login, String email, boolean twoFactor) {
        String attributes = "{\"login\":\"" + login + "\",\"name\":null,\"email\":" + (email == null ? "null" : "\"" + email + "\"")
                + ",\"role\":\"member\",\"twoFactorEnabled\":" + twoFactor
                + ",\"teams\":[\"platform\",\"security\"],\"profile\":{\"company\":\"Acme\",\"hireable\":false}}";
        jdbc.sql("""
                INSERT INTO integration_resource (org_id, connection_id, connector, resource_type, external_id, display_name,
                    attributes, account, email, collected_at, raw_digest)
                VALUES (:org, :conn, 'github', 'github.member', :id, :name, :attributes, TRUE, :email, :at, :digest)""")
                .param("org", org.id()).param("conn", github).param("id", id).param("name", login)
                .param("attributes", attributes).param("email", email).param("at", Timestamps.toDb(clock.instant()))
                .param("digest", ("d" + id).repeat(16)).update();
    }

    private int openFailures(String externalId) {
        return jdbc.sql("SELECT COUNT(*) FROM monitoring_result_interval WHERE org_id = :org AND resource_key = :key"
                        + " AND to_at IS NULL AND outcome = 'fail'")
                .param("org", org.id()).param("key", github + "/" + externalId).query(Integer.class).single();
    }

    private static String cursorIn(String body) {
        Matcher m = Pattern.compile("cursor=([A-Za-z0-9_-]+)").matcher(body);
        assertThat(m.find()).as("a Load more link").isTrue();
        return m.group(1);
    }

    @Test
    void theListShowsEveryResourceWithItsCheckSummaryAndPagesAcrossTheBoundary() {
        assertThat(web.get("/integrations").body()).contains("href=\"/integrations/inventory\"");
        assertThat(web.get("/integrations/" + github).body())
                .contains("/integrations/inventory?connection=" + github + "&amp;type=github.member");

        int bobFailing = openFailures("102");
        assertThat(bobFailing).as("bob lacks two-factor authentication").isPositive();
        Page all = web.get("/integrations/inventory");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("alice", "bob", "carol", "Acme GitHub", "github.member", bobFailing + " failing")
                .doesNotContain("Load more")
                .containsPattern("href=\"/integrations/inventory\"\\s+aria-current=\"page\"")
                .as("the closer navigation item is the current one")
                .doesNotContainPattern("href=\"/integrations\"\\s+aria-current");

        Page first = web.get("/integrations/inventory?size=2");
        assertThat(first.body()).contains(">alice<", ">bob<", "Load").doesNotContain(">carol<");
        String cursor = cursorIn(first.body());
        Page second = web.get("/integrations/inventory?size=2&cursor=" + cursor);
        assertThat(second.body()).contains(">carol<", "Back to the first page").doesNotContain(">alice<")
                .doesNotContain(">bob<").doesNotContain("Load more");
        Page fragment = web.get("/integrations/inventory?size=2&cursor=" + cursor, Map.of("HX-Request", "true"));
        assertThat(fragment.body()).contains(">carol<").doesNotContain("<html").doesNotContain("Filter the inventory");

        assertThat(web.get("/integrations/inventory?size=1&cursor=not-a-cursor").status()).isEqualTo(400);
    }

    @Test
    void filtersAreGetParametersOverConnectionTypeAndText() {
        assertThat(web.get("/integrations/inventory?q=ALI").body()).contains(">alice<").doesNotContain(">bob<")
                .contains("Clear filters");
        assertThat(web.get("/integrations/inventory?q=carol%40example").body()).contains(">carol<")
                .doesNotContain(">alice<");
        assertThat(web.get("/integrations/inventory?q=102").body()).contains(">bob<").doesNotContain(">carol<");
        assertThat(web.get("/integrations/inventory?q=" + URLEncoder.encode("%", StandardCharsets.UTF_8)).body())
                .as("% is a character, not a wildcard").contains("No resource matches these filters");
        assertThat(web.get("/integrations/inventory?type=github.repository").body())
                .contains("No resource matches these filters");
        assertThat(web.get("/integrations/inventory?connection=" + github + "&type=github.member").body())
                .contains(">alice<", ">bob<", ">carol<", "selected");
        assertThat(web.get("/integrations/inventory?connection=" + UUID.randomUUID()).body())
                .contains("No resource matches these filters");
    }

    @Test
    void aResourcePageShowsItsAttributesPersonAndFailingChecks() {
        Page bob = web.get("/integrations/inventory/resource?connection=" + github + "&type=github.member&id=102");
        assertThat(bob.status()).isEqualTo(200);
        assertThat(bob.body()).contains("<h1>bob</h1>", "Acme GitHub", "d102".repeat(16), "twoFactorEnabled", "teams",
                        "platform", "security", "profile", "company", "Acme", "hireable",
                        "href=\"/checks/" + TWO_FA + "\"", "outcome-fail", "Every GitHub member uses two-factor authentication",
                        "not joined to a person");
        Page alice = web.get("/integrations/inventory/resource?connection=" + github + "&type=github.member&id=101");
        assertThat(alice.body()).contains("alice@example.com", "href=\"/integrations/people\"", "outcome-pass");
        assertThat(web.get("/integrations/inventory/resource?connection=" + github + "&type=github.member&id=999").status())
                .isEqualTo(404);

        Organization other = newOrganization("Someone else");
        WebSession outsider = browserlessSession();
        outsider.signIn(other.adminEmail(), other.adminPassword());
        assertThat(outsider.get("/integrations/inventory/resource?connection=" + github + "&type=github.member&id=102")
                .status()).as("another organization's resource").isEqualTo(404);
        assertThat(outsider.get("/integrations/inventory").body()).doesNotContain(">bob<");
    }

    @Test
    void readersSeeTheInventoryAndEmployeesDoNot() {
        String contributor = "casey-" + System.nanoTime() + "@inventory.example";
        provisioning.addUser(org.id(), contributor, "Casey", "a long contributor passphrase", Role.CONTRIBUTOR, "test");
        WebSession reader = browserlessSession();
        reader.signIn(contributor, "a long contributor passphrase");
        assertThat(reader.get("/integrations/inventory").body()).contains(">bob<", "failing");
        assertThat(reader.get("/integrations/inventory/resource?connection=" + github + "&type=github.member&id=102")
                .status()).isEqualTo(200);

        String employee = "erin-" + System.nanoTime() + "@inventory.example";
        provisioning.addUser(org.id(), employee, "Erin", "a long employee passphrase", Role.EMPLOYEE, "test");
        WebSession outsiderWithin = browserlessSession();
        outsiderWithin.signIn(employee, "a long employee passphrase");
        assertThat(outsiderWithin.get("/integrations/inventory").status()).isEqualTo(403);
        assertThat(outsiderWithin.get("/integrations/inventory/resource?connection=" + github
                + "&type=github.member&id=102").status()).isEqualTo(403);
    }
}
