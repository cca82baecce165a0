package dev.evident.connectors.google;

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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.google.GoogleTestSupport.ACTIVITIES;
import static dev.evident.connectors.google.GoogleTestSupport.NOW;
import static dev.evident.connectors.google.GoogleTestSupport.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Test connection" and settings: named steps and fields whose failures say what to fix. */
class GoogleConnectionTestTest {

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestClock clock = new TestClock(NOW);

    private ConnectionTestResult test(Map<String, String> overrides) {
        Map<String, String> config = GoogleTestSupport.config(google.baseUrl());
        config.putAll(overrides);
        return GoogleTestSupport.connector(config, clock, new RecordingSleeper(clock)).testConnection();
    }

    private void stubHealthyAccount() {
        google.stubFor(post("/token").willReturn(okJson(GoogleTestSupport.tokenAnswer("ya29.a"))));
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson("{\"kind\":\"admin#directory#users\",\"users\":[]}")));
        google.stubFor(get(urlPathEqualTo(ACTIVITIES)).willReturn(okJson("{\"kind\":\"admin#reports#activities\"}")));
    }

    private static InvalidConfigException settingsError(Map<String, String> overrides) {
        Map<String, String> config = GoogleTestSupport.config("https://admin.googleapis.com");
        config.putAll(overrides);
        GoogleWorkspaceConnectorFactory factory = new GoogleWorkspaceConnectorFactory();
        try {
            factory.create(ConnectorConfig.of(factory.configSchema(), config)).close();
        } catch (InvalidConfigException e) {
            return e;
        }
        throw new AssertionError("settings were accepted: " + overrides.keySet());
    }

    @Test
    void allStepsPassForAServiceAccountWithDelegation() {
        stubHealthyAccount();

        ConnectionTestResult result = test(Map.of());

        assertThat(result.steps()).extracting(TestStep::name).containsExactly(GoogleConnectionTest.KEY,
                GoogleConnectionTest.TOKEN, GoogleConnectionTest.USERS, GoogleConnectionTest.AUDIT);
        assertThat(result.passed()).isTrue();
        assertThat(result.steps().get(0).message()).contains(GoogleTestSupport.CLIENT_EMAIL);
    }

    @Test
    void withoutSuspensionTimesTheAuditStepIsNotRun() {
        stubHealthyAccount();

        ConnectionTestResult result = test(Map.of("readSuspensionTimes", "false"));

        assertThat(result.steps()).extracting(TestStep::name).doesNotContain(GoogleConnectionTest.AUDIT);
        assertThat(result.passed()).isTrue();
    }

    @Test
    void missingDelegationFailsTheTokenStepAndStops() {
        stubHealthyAccount();
        google.stubFor(post("/token").willReturn(aResponse().withStatus(401).withBody(
                "{\"error\":\"unauthorized_client\",\"error_description\":\"Client is unauthorized to retrieve access "
                        + "tokens using this method, or client not authorized for any of the scopes requested.\"}")));

        ConnectionTestResult result = test(Map.of());

        assertThat(result.steps()).hasSize(2);
        assertThat(result.steps().get(1).name()).isEqualTo(GoogleConnectionTest.TOKEN);
        assertThat(result.steps().get(1).passed()).isFalse();
        assertThat(result.steps().get(1).message()).contains(GoogleTestSupport.CLIENT_ID)
                .contains(GoogleApi.DIRECTORY_SCOPE).contains(GoogleApi.AUDIT_SCOPE);
    }

    @Test
    void aWrongCustomerIdFailsTheUsersStepNamingTheCustomerId() {
        stubHealthyAccount();
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(aResponse().withStatus(400).withBody("""
                {"error":{"code":400,"message":"Bad Request","errors":[{"message":"Bad Request","domain":"global",
                  "reason":"badRequest"}]}}""")));

        ConnectionTestResult result = test(Map.of("customerId", "C09zzz99z"));

        TestStep users = result.steps().get(2);
        assertThat(users.name()).isEqualTo(GoogleConnectionTest.USERS);
        assertThat(users.passed()).isFalse();
        assertThat(users.message()).contains("HTTP 400").contains("Check the customer ID \"C09zzz99z\"")
                .contains("my_customer");
    }

    @Test
    void anAdminWithoutAuditPrivilegesFailsOnlyTheAuditStep() {
        stubHealthyAccount();
        google.stubFor(get(urlPathEqualTo(ACTIVITIES)).willReturn(aResponse().withStatus(403).withBody(
                "{\"error\":{\"code\":403,\"message\":\"Caller does not have access to the customers reporting data.\","
                        + "\"errors\":[{\"reason\":\"forbidden\"}]}}")));

        ConnectionTestResult result = test(Map.of());

        assertThat(result.steps()).filteredOn(s -> !s.passed()).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo(GoogleConnectionTest.AUDIT);
            assertThat(step.message()).contains("Reports privileges").contains("turn off \"Read suspension times\"");
        });
    }

    @Test
    void aKeyThatIsNotJsonIsASettingsErrorWithThePositionAndTheFix() {
        InvalidConfigException e = settingsError(Map.of("serviceAccountKey", "{\n  \"type\": \"service_account\",\n  oops\n}"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("serviceAccountKey");
            assertThat(p.message()).contains("does not parse as JSON at line 3").contains("Keys > Add key");
        });
    }

    @Test
    void aKeyOfAnotherKindIsNamed() {
        InvalidConfigException e = settingsError(Map.of("serviceAccountKey",
                "{\"type\":\"authorized_user\",\"client_id\":\"1\",\"refresh_token\":\"x\"}"));

        assertThat(e.getMessage()).contains("serviceAccountKey").contains("\"authorized_user\", not \"service_account\"");
    }

    @Test
    void aKeyWithoutAReadablePrivateKeyIsNamed() {
        String broken = GoogleTestSupport.serviceAccountJson().replaceAll("MII[A-Za-z0-9+/]{20}", "MII!!!!");

        InvalidConfigException e = settingsError(Map.of("serviceAccountKey", broken));

        assertThat(e.getMessage()).contains("serviceAccountKey").contains("not a readable RSA key");
    }

    @Test
    void aMalformedCustomerIdOrAdminEmailIsASettingsError() {
        assertThat(settingsError(Map.of("customerId", "acme.example")).problems()).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("customerId"));
        assertThat(settingsError(Map.of("adminEmail", "it-admin")).problems()).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("adminEmail"));
    }
}
