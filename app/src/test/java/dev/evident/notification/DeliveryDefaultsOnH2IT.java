package dev.evident.notification;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.H2Test;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Delivery with the installation's defaults: no SMTP server (email is off, nothing fails) and
 * webhooks limited to public addresses, so an admin cannot aim one at the internal network.
 */
@H2Test
class DeliveryDefaultsOnH2IT extends IntegrationTest {

    @ParameterizedTest
    @CsvSource({
            "https://10.0.0.5/hook, 10.0.0.5, private",
            "https://10.20.30.40:8443/internal, 10.20.30.40, private",
            "https://169.254.169.254/latest/meta-data/, 169.254.169.254, link-local",
            "http://localhost:8080/actuator/health, 127.0.0.1, loopback"})
    void webhooksToInternalAddressesAreRefusedNamingTheUrlField(String url, String address, String kind) {
        Organization org = newOrganization("SSRF");
        Response refused = org.api().post("/api/v1/webhooks", body("url", url, "events", List.of("all")));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("url");
        assertThat(error.get("message").asText()).contains(address).contains(kind)
                .contains("evident.webhooks.allow-private-addresses");
        assertThat(org.api().get("/api/v1/webhooks").json().get("items")).isEmpty();
    }

    @Test
    void theWebhooksPageShowsTheSameErrorAtTheField() {
        Organization org = newOrganization("SSRF page");
        WebSession admin = browserlessSession();
        admin.signIn(org.adminEmail(), org.adminPassword());
        assertThat(admin.get("/webhooks").body()).contains("Add an endpoint").contains("No endpoints yet.");
        WebSession.Page page = admin.postAll("/webhooks", List.of(Map.entry("url", "https://10.1.2.3/hook"),
                Map.entry("description", "internal"), Map.entry("events", "all")));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"url-error\"").contains("URL points to 10.1.2.3, a private address");
    }

    @Test
    void withoutAnSmtpServerEmailIsOffAndPreferencesStillWork() {
        Organization org = newOrganization("No mail");
        WebSession admin = browserlessSession();
        admin.signIn(org.adminEmail(), org.adminPassword());
        assertThat(admin.get("/notifications").body()).contains("does not send email yet");
        assertThat(admin.post("/notifications/preferences", Map.of("email", "OFF")).redirectsTo("/notifications")).isTrue();
        assertThat(admin.get("/notifications").body()).containsPattern("value=\"OFF\"\\s+checked");
    }
}
