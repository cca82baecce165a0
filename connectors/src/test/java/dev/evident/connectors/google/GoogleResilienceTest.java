package dev.evident.connectors.google;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.evident.connector.CollectionException;
import dev.evident.connector.UncheckedCollectionException;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.google.GoogleTestSupport.NOW;
import static dev.evident.connectors.google.GoogleTestSupport.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate limits, retries and error statuses, as the Admin SDK documents them. */
class GoogleResilienceTest {

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String ONE_USER = "{\"users\":[" + GoogleTestSupport.user("1001", "grace@acme.example",
            false, true, true, false) + "]}";

    private final TestClock clock = new TestClock(NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @BeforeEach
    void token() {
        google.stubFor(post("/token").willReturn(okJson(GoogleTestSupport.tokenAnswer("ya29.a"))));
    }

    private Map<String, String> config() {
        Map<String, String> config = GoogleTestSupport.config(google.baseUrl());
        config.put("readSuspensionTimes", "false");
        return config;
    }

    private List<?> collectUsers() throws CollectionException {
        return GoogleTestSupport.collectUsers(GoogleTestSupport.connector(config(), clock, sleeper), clock);
    }

    private void stubSequence(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        google.stubFor(get(urlPathEqualTo(USERS)).inScenario("sequence").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("second"));
        google.stubFor(get(urlPathEqualTo(USERS)).inScenario("sequence").whenScenarioStateIs("second").willReturn(then));
    }

    private static ResponseDefinitionBuilder error(int status, String reason, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8").withBody("""
                {"error":{"code":%d,"message":"%s","errors":[{"message":"%s","domain":"global","reason":"%s"}]}}"""
                .formatted(status, message, message, reason));
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        stubSequence(error(429, "rateLimitExceeded", "Quota exceeded").withHeader("Retry-After", "7"), okJson(ONE_USER));

        assertThat(collectUsers()).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aForbiddenRateLimitWithoutRetryAfterBacksOffExponentially() throws Exception {
        google.stubFor(get(urlPathEqualTo(USERS)).inScenario("limits").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(403, "userRateLimitExceeded", "User Rate Limit Exceeded")).willSetStateTo("again"));
        google.stubFor(get(urlPathEqualTo(USERS)).inScenario("limits").whenScenarioStateIs("again")
                .willReturn(error(403, "rateLimitExceeded", "Rate Limit Exceeded")).willSetStateTo("ok"));
        google.stubFor(get(urlPathEqualTo(USERS)).inScenario("limits").whenScenarioStateIs("ok").willReturn(okJson(ONE_USER)));

        assertThat(collectUsers()).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aRateLimitThatPersistsGivesUpAfterFiveBackOffs() {
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(error(403, "quotaExceeded", "Quota exceeded")));

        assertThatThrownBy(this::collectUsers)
                .hasMessageContaining("still refused GET /admin/directory/v1/users").hasMessageContaining("after 5 waits")
                .extracting(e -> ((UncheckedCollectionException) e).getCause())
                .satisfies(e -> assertThat(e.retryable()).isTrue());
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), Duration.ofSeconds(32));
    }

    @Test
    void aRateLimitThatOutlastsTheMaximumWaitFailsAsRetryable() {
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(error(429, "rateLimitExceeded", "Quota exceeded")
                .withHeader("Retry-After", "900")));

        assertThatThrownBy(this::collectUsers)
                .isInstanceOf(UncheckedCollectionException.class)
                .hasMessageContaining("Google Workspace rate limit reached")
                .extracting(e -> ((UncheckedCollectionException) e).getCause())
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(900)));
    }

    @Test
    void serverErrorsAreRetriedThenGiveUp() {
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(error(503, "backendError", "Backend Error")));

        assertThatThrownBy(this::collectUsers).hasMessageContaining("HTTP 503")
                .hasMessageContaining("after 4 attempts: Backend Error");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aBadGatewayOnceIsRetried() throws Exception {
        stubSequence(aResponse().withStatus(502), okJson(ONE_USER));

        assertThat(collectUsers()).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void slowAnswersTimeOutAndAreRetried() throws Exception {
        stubSequence(okJson(ONE_USER).withFixedDelay(3_000), okJson(ONE_USER));
        GoogleWorkspaceConnector connector = GoogleTestSupport.connector(config(), clock, sleeper, Duration.ofMillis(300));

        assertThat(GoogleTestSupport.collectUsers(connector, clock)).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
        google.verify(2, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void droppedConnectionsAreReportedAsRetryable() {
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertThatThrownBy(this::collectUsers)
                .hasMessageContaining("did not answer GET /admin/directory/v1/users after 4 attempts")
                .extracting(e -> ((UncheckedCollectionException) e).getCause())
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void forbiddenNamesThePrivilegeAndScopeNeeded() {
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(error(403, "forbidden",
                "Not Authorized to access this resource/api")));

        assertThatThrownBy(this::collectUsers)
                .hasMessageContaining("HTTP 403: Not Authorized to access this resource/api")
                .hasMessageContaining("Users > Read").hasMessageContaining(GoogleApi.DIRECTORY_SCOPE)
                .extracting(e -> ((UncheckedCollectionException) e).getCause())
                .satisfies(e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void notFoundIsAPermanentError() {
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(error(404, "notFound", "Resource Not Found: customer")));

        assertThatThrownBy(this::collectUsers).hasMessageContaining("HTTP 404").hasMessageContaining("Resource Not Found");
    }

    @Test
    void aStillRejectedTokenAfterRenewalIsAPermanentError() {
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(error(401, "authError", "Invalid Credentials")));

        assertThatThrownBy(this::collectUsers).hasMessageContaining("Google rejected the access token (HTTP 401");
    }

    @Test
    void malformedBodiesAreRetryableErrors() {
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson("{\"users\":[{\"id\":\"1001\",")));

        assertThatThrownBy(this::collectUsers)
                .hasMessageContaining("Google Workspace sent a malformed JSON body for GET /admin/directory/v1/users")
                .extracting(e -> ((UncheckedCollectionException) e).getCause())
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aListWhereAnObjectBelongsIsAnError() {
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson("[]")));

        assertThatThrownBy(this::collectUsers).hasMessageContaining("without the expected JSON object");
    }
}
