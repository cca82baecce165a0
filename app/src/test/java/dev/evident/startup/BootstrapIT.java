package dev.evident.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.evident.shared.crypto.SecretTokens;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** EVIDENT_BOOTSTRAP_ADMIN_* settings give an unattended installation its first admin and API token. */
@H2Test
class BootstrapIT extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private UUID adminId() {
        return jdbc.sql("SELECT id FROM app_user WHERE email = :email").param("email", ADMIN_EMAIL)
                .query(UUID.class).single();
    }

    private JsonNode auditEntries(String query) {
        var response = adminApi().get("/api/v1/audit-log?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("items");
    }

    private int count(String sql) {
        return jdbc.sql(sql).param("email", ADMIN_EMAIL).param("hash", SecretTokens.hash(ADMIN_TOKEN))
                .query(Integer.class).single();
    }

    @Test
    void bootstrapAdminSignsInWithTheConfiguredPassword() {
        WebSession session = browserlessSession();

        WebSession.Page signedIn = session.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

        assertThat(signedIn.redirectsTo("/")).as(signedIn.toString()).isTrue();
        WebSession.Page dashboard = session.get("/");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Acme Cloud");
    }

    @Test
    void bootstrapAdminIsTheAdminOfTheConfiguredOrganization() {
        var organization = adminApi().get("/api/v1/organization").json();
        var admin = adminApi().get("/api/v1/members/" + adminId()).json();

        assertThat(organization.get("name").asText()).isEqualTo("Acme Cloud");
        assertThat(admin.get("email").asText()).isEqualTo(ADMIN_EMAIL);
        assertThat(admin.get("role").asText()).isEqualTo("ADMIN");
        assertThat(admin.get("displayName").asText()).isEqualTo("Admin");
    }

    @Test
    void bootstrapTokenActsAsAnAdminApiToken() {
        var response = adminApi().get("/api/v1/me");

        assertThat(response.status()).isEqualTo(200);
        JsonNode me = response.json();
        assertThat(me.get("type").asText()).isEqualTo("API_TOKEN");
        assertThat(me.get("role").asText()).isEqualTo("ADMIN");
        assertThat(me.get("label").asText()).contains("Bootstrap token");
        assertThat(me.get("permissions")).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void bootstrapTokenIsStoredOnlyAsAHash() {
        int byHash = count("SELECT COUNT(*) FROM api_token WHERE token_hash = :hash");
        Integer plain = jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = :token OR token_prefix = :token")
                .param("token", ADMIN_TOKEN).query(Integer.class).single();

        assertThat(byHash).isEqualTo(1);
        assertThat(plain).isZero();
    }

    @Test
    void bootstrapIsAuditedAsOrganizationCreatedAndMemberJoined() {
        JsonNode created = auditEntries("action=organization.created");
        JsonNode joined = auditEntries("action=member.joined&targetId=" + adminId());

        assertThat(created).hasSize(1);
        assertThat(created.get(0).get("actorType").asText()).isEqualTo("SYSTEM");
        assertThat(created.get(0).get("actorLabel").asText()).isEqualTo("bootstrap");
        assertThat(created.get(0).get("summary").get("name").asText()).isEqualTo("Acme Cloud");
        assertThat(joined).hasSize(1);
        assertThat(joined.get(0).get("summary").get("role").asText()).isEqualTo("ADMIN");
        assertThat(joined.get(0).get("summary").get("newAccount").asBoolean()).isTrue();
        java.util.List<String> tokenCreators = new java.util.ArrayList<>();
        auditEntries("action=api_token.created").forEach(entry -> tokenCreators.add(entry.get("actorLabel").asText()));
        assertThat(tokenCreators).contains("bootstrap");
    }

    @Test
    void runningTheBootstrapAgainOnRestartChangesNothing() {
        String users = "SELECT COUNT(*) FROM app_user WHERE email = :email";
        String tokens = "SELECT COUNT(*) FROM api_token WHERE token_hash = :hash";
        String memberships = "SELECT COUNT(*) FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = :email";
        int organizationsCreated = auditEntries("action=organization.created").size();
        int tokensCreated = auditEntries("action=api_token.created").size();
        ApplicationRunner firstRun = context.getBean("firstRun", ApplicationRunner.class);

        assertThatCode(() -> firstRun.run(null)).doesNotThrowAnyException();
        assertThatCode(() -> firstRun.run(null)).doesNotThrowAnyException();

        assertThat(count(users)).isEqualTo(1);
        assertThat(count(tokens)).isEqualTo(1);
        assertThat(count(memberships)).isEqualTo(1);
        assertThat(auditEntries("action=organization.created")).hasSize(organizationsCreated);
        assertThat(auditEntries("action=api_token.created")).hasSize(tokensCreated);
        assertThat(adminApi().get("/api/v1/me").status()).isEqualTo(200);
        assertThat(browserlessSession().signIn(ADMIN_EMAIL, ADMIN_PASSWORD).redirectsTo("/")).isTrue();
    }
}
