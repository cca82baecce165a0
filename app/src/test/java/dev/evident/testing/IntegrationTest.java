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
}
