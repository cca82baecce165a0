package dev.evident.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.integration.internal.IntegrationTestSupport;
import dev.evident.integration.testconnector.ScriptedConnectorFactory;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import dev.evident.testing.WebSession.Page;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Integrations pages without JavaScript: the picker, the form rendered from the schema, its errors,
 * the masked secret, test connection, sync now and document upload. H2 only: pages are the same on every database.
 */
@H2Test
@Import(IntegrationTestSupport.class)
class IntegrationPagesOnH2IT extends IntegrationTest {

    private static final Pattern CONNECTION = Pattern.compile("/integrations/([0-9a-f-]{36})");
    private static final String TOKEN = "valid-page-token-0123456789-qrst";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aConnectionIsAddedThroughTheSchemaFormWithItsSecretMaskedAndTested() {
        Organization org = newOrganization("Pages");
        WebSession web = browserlessSession();
        web.signIn(org.adminEmail(), org.adminPassword());

        assertThat(web.get("/integrations").body()).contains("Integrations", "Add a connection", "No connections yet");
        assertThat(web.get("/integrations/new").body()).contains("Scripted test system", "connector=scripted");
        Page form = web.get("/integrations/new?connector=" + ScriptedConnectorFactory.NAME);
        assertThat(form.body()).contains("API base URL", "Where the scripted API lives", "type=\"password\"",
                "name=\"setting.apiToken\"", "<select", "incremental", "<textarea", "Roster file");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("connector", ScriptedConnectorFactory.NAME);
        fields.put("displayName", "Scripted via page");
        fields.put("setting.baseUrl", "nowhere");
        fields.put("setting.apiToken", "");
        fields.put("setting.mode", "full");
        fields.put("syncIntervalMinutes", "60");
        fields.put("enabled", "true");
        Page refused = web.post("/integrations/new", fields);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("API base URL must be an absolute http", "API token is required");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM integration_connection WHERE org_id = :org").param("org", org.id())
                .query(Integer.class).single()).isZero();

        fields.put("setting.baseUrl", "https://scripted.example.com");
        fields.put("setting.apiToken", TOKEN);
        Page created = web.post("/integrations/new", fields);
        assertThat(created.status()).isEqualTo(302);
        Matcher m = CONNECTION.matcher(created.location());
        assertThat(m.find()).as(created.location()).isTrue();
        String id = m.group(1);

        Page detail = web.get("/integrations/" + id);
        assertThat(detail.body()).contains("Scripted via page", "Not synced yet", "value=\"••••••••qrst\"")
                .doesNotContain(TOKEN).doesNotContain("0123456789");

        // Saving the form as shown keeps the secret.
        Map<String, String> update = new LinkedHashMap<>(fields);
        update.remove("connector");
        update.put("setting.apiToken", "••••••••qrst");
        update.put("syncIntervalMinutes", "120");
        assertThat(web.post("/integrations/" + id, update).status()).isEqualTo(302);
        assertThat(web.get("/integrations/" + id).body()).contains("The connection was saved", "value=\"120\"");
        assertThat(jdbc.sql("SELECT settings FROM integration_connection WHERE org_id = :org").param("org", org.id())
                .query(String.class).single()).doesNotContain(TOKEN);
        Page tested = web.post("/integrations/" + id + "/test", Map.of());
        assertThat(tested.body()).contains("The connection works", "Authenticate", "token accepted");

        Page synced = web.post("/integrations/" + id + "/sync", Map.of());
        assertThat(synced.status()).isEqualTo(302);
        assertThat(web.get("/integrations/" + id).body()).contains("The sync started");

        web.get("/integrations/" + id);
        Page uploaded = web.postFile("/integrations/" + id + "/documents/roster", "file", "people.csv",
                "dana@example.com\n".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(uploaded.status()).isEqualTo(302);
        assertThat(web.get("/integrations/" + id).body()).contains("people.csv", "was uploaded");
    }

    @Test
    void aSettingOnlyTheConnectorCanJudgeIsShownUnderItsFieldAndNothingIsSaved() {
        Organization org = newOrganization("Okta form");
        WebSession web = browserlessSession();
        web.signIn(org.adminEmail(), org.adminPassword());
        web.get("/integrations/new?connector=okta");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("connector", "okta");
        fields.put("displayName", "Okta");
        fields.put("setting.orgUrl", "http://acme.okta.com");
        fields.put("setting.apiToken", "00abcdefghijklmnopqrstu");
        fields.put("syncIntervalMinutes", "60");
        fields.put("enabled", "true");
        Page refused = web.post("/integrations/new", fields);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Okta org URL must start with https://", "id=\"setting.orgUrl-error\"",
                "value=\"http://acme.okta.com\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM integration_connection WHERE org_id = :org").param("org", org.id())
                .query(Integer.class).single()).isZero();

        fields.put("setting.orgUrl", "https://acme.okta.com");
        assertThat(web.post("/integrations/new", fields).status()).isEqualTo(302);
    }

    @Test
    void theCloudAndIdentityConnectorsHaveTheirFormsAndNeverShowASecretOnceSaved() throws Exception {
        Organization org = newOrganization("Cloud forms");
        WebSession web = browserlessSession();
        web.signIn(org.adminEmail(), org.adminPassword());
        assertThat(web.get("/integrations/new?connector=aws").body()).contains("Access key ID", "Role ARN to assume",
                "name=\"setting.secretAccessKey\"", "type=\"password\"");
        assertThat(web.get("/integrations/new?connector=okta").body()).contains("name=\"setting.orgUrl\"",
                "name=\"setting.apiToken\"", "type=\"password\"");
        assertThat(web.get("/integrations/new?connector=google-workspace").body())
                .contains("name=\"setting.serviceAccountKey\"", "name=\"setting.adminEmail\"", "type=\"password\"");

        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String googleKey = new tools.jackson.databind.json.JsonMapper().writeValueAsString(Map.of("type", "service_account",
                "client_email", "evident@acme-project.iam.gserviceaccount.com", "private_key", pem,
                "private_key_id", "k1", "client_id", "104857600000000000001", "token_uri",
                "https://oauth2.googleapis.com/token"));
        String awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRET" + System.nanoTime();
        String oktaToken = "00okta-token-" + System.nanoTime() + "-abcdefghij";
        Map<String, Map<String, Object>> created = Map.of(
                "aws", Map.of("accessKeyId", "AKIAIOSFODNN7EXAMPLE", "secretAccessKey", awsSecret, "regions", "us-east-1"),
                "okta", Map.of("orgUrl", "https://acme.okta.com", "apiToken", oktaToken),
                "google-workspace", Map.of("serviceAccountKey", googleKey, "adminEmail", "admin@acme.example"));
        for (var entry : created.entrySet()) {
            var response = org.api().post("/api/v1/connections", Map.of("connector", entry.getKey(), "displayName",
                    entry.getKey() + " connection", "settings", entry.getValue()));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            String id = response.json().get("id").asText();
            String page = web.get("/integrations/" + id).body();
            String api = org.api().get("/api/v1/connections/" + id).body();
            for (String secret : List.of(awsSecret, oktaToken, "BEGIN PRIVATE KEY", pem.substring(40, 80))) {
                assertThat(page).as(entry.getKey() + " page").doesNotContain(secret);
                assertThat(api).as(entry.getKey() + " API").doesNotContain(secret);
            }
            assertThat(page).as(entry.getKey()).contains("Stored encrypted.");
        }
    }

    @Test
    void contributorsSeeConnectionsButCannotChangeThem() {
        Organization org = newOrganization("ReadOnly");
        var created = org.api().post("/api/v1/connections", Map.of("connector", ScriptedConnectorFactory.NAME,
                "displayName", "Scripted", "settings", Map.of("baseUrl", "https://scripted.example.com", "apiToken", TOKEN)));
        String id = created.json().get("id").asText();
        String secret = "contributor-token-" + System.nanoTime() + "-0123456789abcdef";
        provisioning.registerToken(org.id(), "contributor", dev.evident.shared.security.Role.CONTRIBUTOR, secret, "test");
        var contributor = api(secret);
        assertThat(contributor.get("/api/v1/connections/" + id).json().get("settings").get("apiToken").asText())
                .isEqualTo("••••••••qrst");
        assertThat(contributor.post("/api/v1/connections/" + id + "/sync", Map.of()).status()).isEqualTo(403);
        assertThat(contributor.patch("/api/v1/connections/" + id, Map.of("displayName", "x")).status()).isEqualTo(403);
    }

    @Autowired
    dev.evident.identity.Provisioning provisioning;
}
