package dev.evident.connectors.okta;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.InvalidConfigException;
import dev.evident.connector.TestStep;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.okta.OktaTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Test connection" and settings: named steps whose failures say what to fix. */
class OktaConnectionTestTest {

    @RegisterExtension
    static WireMockExtension okta = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestClock clock = new TestClock(NOW);

    private ConnectionTestResult test() {
        return OktaTestSupport.connector(okta.baseUrl(), clock, new RecordingSleeper(clock)).testConnection();
    }

    private void stubHealthyOrg() {
        okta.stubFor(get("/.well-known/okta-organization").willReturn(okJson("""
                {"id":"00o1","pipeline":"idx","_links":{"organization":{"href":"https://acme.okta.com"}}}""")));
        okta.stubFor(get("/api/v1/users/me").willReturn(okJson(OktaTestSupport.user("00u9ro", "ACTIVE",
                "auditor@acme.example", "auditor@acme.example", "2025-01-10T09:05:00.000Z"))));
        okta.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[]")));
        okta.stubFor(get("/api/v1/users/00u9ro/factors").willReturn(okJson("[]")));
        okta.stubFor(get("/api/v1/users/00u9ro/roles").willReturn(okJson("[{\"type\":\"READ_ONLY_ADMIN\"}]")));
        okta.stubFor(get(urlPathEqualTo("/api/v1/policies")).willReturn(okJson("[]")));
    }

    private static Map<String, String> settings(String orgUrl, boolean allowHttp) {
        return Map.of("orgUrl", orgUrl, "apiToken", "00token", "allowHttpLocalhost", Boolean.toString(allowHttp));
    }

    private static OktaConnector create(Map<String, String> settings) {
        return (OktaConnector) new OktaConnectorFactory().create(
                ConnectorConfig.of(new OktaConnectorFactory().configSchema(), settings));
    }

    @Test
    void allStepsPassForAReadOnlyAdministratorToken() {
        stubHealthyOrg();

        ConnectionTestResult result = test();

        assertThat(result.steps()).extracting(TestStep::name).containsExactly(OktaConnectionTest.REACH,
                OktaConnectionTest.AUTHENTICATE, OktaConnectionTest.USERS, OktaConnectionTest.FACTORS_AND_ROLES,
                OktaConnectionTest.POLICIES);
        assertThat(result.passed()).isTrue();
        assertThat(result.steps().get(1).message()).contains("auditor@acme.example");
    }

    @Test
    void anInvalidTokenFailsTheAuthenticationStepAndStops() {
        stubHealthyOrg();
        okta.stubFor(get("/api/v1/users/me").willReturn(aResponse().withStatus(401).withBody(
                "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}")));

        ConnectionTestResult result = test();

        assertThat(result.passed()).isFalse();
        assertThat(result.steps()).hasSize(2);
        assertThat(result.steps().get(1).name()).isEqualTo(OktaConnectionTest.AUTHENTICATE);
        assertThat(result.steps().get(1).message()).contains("HTTP 401").contains("Security > API > Tokens");
    }

    @Test
    void aTokenWithoutAnAdminRoleFailsTheFactorStepNamingTheRole() {
        stubHealthyOrg();
        okta.stubFor(get("/api/v1/users/00u9ro/roles").willReturn(aResponse().withStatus(403).withBody(
                "{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission to perform the requested action\"}")));

        ConnectionTestResult result = test();

        TestStep failed = result.steps().stream().filter(s -> !s.passed()).findFirst().orElseThrow();
        assertThat(failed.name()).isEqualTo(OktaConnectionTest.FACTORS_AND_ROLES);
        assertThat(failed.message()).contains("Read-only Administrator");
        assertThat(result.steps()).hasSize(5);
    }

    @Test
    void anUnreachableOrgFailsTheFirstStep() {
        OktaConnector connector = OktaTestSupport.connector("http://127.0.0.1:9", clock, new RecordingSleeper(clock));

        ConnectionTestResult result = connector.testConnection();

        assertThat(result.steps()).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo(OktaConnectionTest.REACH);
            assertThat(step.passed()).isFalse();
            assertThat(step.message()).contains("did not answer").contains("Check the org URL");
        });
    }

    @Test
    void anHttpOrgUrlIsRefusedNamingTheFieldAndTheFix() {
        assertThatThrownBy(() -> create(settings("http://acme.okta.com", false)))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("orgUrl");
                    assertThat(p.message()).contains("must start with https://").contains("use https://acme.okta.com");
                }));
    }

    @Test
    void plainHttpIsOnlyAllowedForALocalTestServerWithTheFlag() {
        assertThatThrownBy(() -> create(settings("http://localhost:8089", false)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("orgUrl");
        assertThatThrownBy(() -> create(settings("http://acme.okta.com", true)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("https://");
        assertThat(create(settings("http://localhost:8089", true))).isNotNull();
    }

    @Test
    void theAdminConsoleUrlIsRefusedWithTheOrgUrlToUseInstead() {
        assertThatThrownBy(() -> create(settings("https://acme-admin.okta.com", false)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("https://acme.okta.com");
    }

    @Test
    void aMissingTokenNamesTheField() {
        assertThatThrownBy(() -> create(Map.of("orgUrl", "https://acme.okta.com")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("apiToken");
    }
}
