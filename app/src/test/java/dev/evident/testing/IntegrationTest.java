package dev.evident.testing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Base of full-stack tests: the real application on a random port, bootstrapped with an admin
 * account and an admin API token, on a clock the test controls. Subclasses pick the database with
 * {@link H2Test} or {@link PostgresTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "evident.bootstrap.admin-email=" + IntegrationTest.ADMIN_EMAIL,
        "evident.bootstrap.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
        "evident.bootstrap.admin-token=" + IntegrationTest.ADMIN_TOKEN,
        "evident.bootstrap.organization-name=Acme Cloud",
        "evident.sign-in.attempts-per-minute=10000"})
@Import(TestClockConfiguration.class)
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@acme.example";
    public static final String ADMIN_PASSWORD = "granite river lantern 42";
    public static final String ADMIN_TOKEN = "bootstrap-token-0123456789abcdefghijklmnopqrstuv";

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected ApiClient api(String token) {
        return new ApiClient(baseUrl(), token);
    }

    protected ApiClient adminApi() {
        return api(ADMIN_TOKEN);
    }

    protected WebSession browserlessSession() {
        return new WebSession(baseUrl());
    }

    @Autowired
    private dev.evident.identity.Provisioning provisioning;

    /** An organization of its own for one test, with an admin (email, password) and an admin API token. */
    public record Organization(java.util.UUID id, String adminEmail, String adminPassword, String adminToken,
                               java.util.UUID adminUserId, ApiClient api) {
    }

    protected Organization newOrganization(String name) {
        String suffix = Long.toString(System.nanoTime(), 36);
        String email = "admin-" + suffix + "@" + name.toLowerCase().replaceAll("[^a-z0-9]+", "") + ".example";
        String password = "another long passphrase " + suffix;
        java.util.UUID orgId = provisioning.createOrganizationWithAdmin(name + " " + suffix, email, name + " Admin",
                password, "test");
        String secret = "test-admin-token-" + suffix + "-0123456789abcdef";
        provisioning.registerToken(orgId, name + " admin", dev.evident.shared.security.Role.ADMIN, secret, "test");
        ApiClient api = api(secret);
        java.util.UUID adminId = java.util.UUID.fromString(api.get("/api/v1/members?role=ADMIN").json().get("items").get(0)
                .get("userId").asText());
        return new Organization(orgId, email, password, secret, adminId, api);
    }
}
