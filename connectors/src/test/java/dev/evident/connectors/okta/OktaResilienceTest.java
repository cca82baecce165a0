package dev.evident.connectors.okta;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import dev.evident.connector.UncheckedCollectionException;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.okta.OktaTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Rate limits, retries and error statuses, as Okta documents them. */
class OktaResilienceTest {

    @RegisterExtension
    static WireMockExtension okta = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String POLICIES = "/api/v1/policies";
    private static final String POLICY = """
            [{"id":"00os1","status":"ACTIVE","name":"Default Policy","priority":1,"system":true,"type":"PASSWORD",
              "settings":{"password":{"complexity":{"minLength":8}}}}]""";
    private static final String RATE_LIMITED = """
            {"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests.",
             "errorLink":"E0000047","errorId":"sampleQPivGUj_ND5v78vbYWW","errorCauses":[]}""";

    private final TestClock clock = new TestClock(NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    private List<CollectedResource> collectPolicies() throws CollectionException {
        return OktaTestSupport.collect(OktaTestSupport.connector(okta.baseUrl(), clock, sleeper),
                "okta.password_policy", clock);
    }

    private void stubSequence(String path, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        okta.stubFor(get(urlPathEqualTo(path)).inScenario("sequence").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("second"));
        okta.stubFor(get(urlPathEqualTo(path)).inScenario("sequence").whenScenarioStateIs("second").willReturn(then));
    }

    private static ResponseDefinitionBuilder tooManyRequests(long resetEpochSecond) {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("X-Rate-Limit-Limit", "600").withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", Long.toString(resetEpochSecond)).withBody(RATE_LIMITED);
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheResetTime() throws Exception {
        stubSequence(POLICIES, tooManyRequests(NOW.plusSeconds(40).getEpochSecond()), okJson(POLICY));

        assertThat(collectPolicies()).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(41));
        okta.verify(2, getRequestedFor(urlPathEqualTo(POLICIES)));
    }

    @Test
    void anExhaustedBucketIsWaitedOutBeforeTheNextPageInsteadOfRunningIntoA429() throws Exception {
        long reset = NOW.plusSeconds(20).getEpochSecond();
        okta.stubFor(get(urlPathEqualTo(POLICIES)).withQueryParam("after", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson(POLICY).withHeader("X-Rate-Limit-Limit", "100")
                        .withHeader("X-Rate-Limit-Remaining", "0").withHeader("X-Rate-Limit-Reset", Long.toString(reset))
                        .withHeader("Link", "<" + okta.baseUrl() + "/api/v1/policies?type=PASSWORD&after=00os1&limit=200>; rel=\"next\"")));
        okta.stubFor(get(urlPathEqualTo(POLICIES)).withQueryParam("after", equalTo("00os1"))
                .willReturn(okJson(POLICY.replace("00os1", "00os2")).withHeader("X-Rate-Limit-Remaining", "99")
                        .withHeader("X-Rate-Limit-Reset", Long.toString(reset + 60))));

        assertThat(collectPolicies()).extracting(CollectedResource::externalId).containsExactly("00os1", "00os2");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(21));
    }

    @Test
    void aResetLaterThanTheMaximumWaitFailsAsRetryableSayingWhen() {
        okta.stubFor(get(urlPathEqualTo(POLICIES)).willReturn(tooManyRequests(NOW.plusSeconds(3600).getEpochSecond())));

        assertThatThrownBy(this::collectPolicies)
                .isInstanceOf(UncheckedCollectionException.class)
                .hasMessageContaining("Okta rate limit reached").hasMessageContaining("resets at 2026-06-15T13:00:01Z")
                .extracting(e -> ((UncheckedCollectionException) e).getCause())
                .satisfies(e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3601));
                });
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void badGatewayIsRetriedWithBackoff() throws Exception {
        stubSequence(POLICIES, aResponse().withStatus(502), okJson(POLICY));

        assertThat(collectPolicies()).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void persistentServerErrorsGiveUpAfterBoundedRetries() {
        okta.stubFor(get(urlPathEqualTo(POLICIES)).willReturn(aResponse().withStatus(500).withBody(
                "{\"errorCode\":\"E0000009\",\"errorSummary\":\"Internal Server Error\"}")));

        assertThatThrownBy(this::collectPolicies)
                .hasMessageContaining("HTTP 500").hasMessageContaining("after 4 attempts: E0000009 Internal Server Error")
                .extracting(e -> ((UncheckedCollectionException) e).getCause())
                .satisfies(e -> assertThat(e.retryable()).isTrue());
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void droppedConnectionsAreRetriedThenReportedAsRetryable() {
        okta.stubFor(get(urlPathEqualTo(POLICIES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(this::collectPolicies)
                .hasMessageContaining("did not answer GET /api/v1/policies after 4 attempts");
    }

    @Test
    void slowAnswersTimeOutAndAreRetried() throws Exception {
        stubSequence(POLICIES, okJson(POLICY).withFixedDelay(3_000), okJson(POLICY));
        OktaConnector connector = OktaTestSupport.connector(OktaTestSupport.config(okta.baseUrl()), clock, sleeper,
                Duration.ofMillis(300));

        assertThat(OktaTestSupport.collect(connector, "okta.password_policy", clock)).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
        okta.verify(2, getRequestedFor(urlPathEqualTo(POLICIES)));
    }

    @Test
    void anInvalidTokenIsAPermanentFailureSayingHowToReplaceIt() {
        okta.stubFor(get(urlPathEqualTo(POLICIES)).willReturn(aResponse().withStatus(401).withBody("""
                {"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011",
                 "errorId":"oaeXXX","errorCauses":[]}""")));

        assertThatThrownBy(this::collectPolicies)
                .hasMessageContaining("HTTP 401: E0000011 Invalid token provided")
                .hasMessageContaining("Security > API > Tokens")
                .extracting(e -> ((UncheckedCollectionException) e).getCause())
                .satisfies(e -> assertThat(e.retryable()).isFalse());
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void forbiddenNamesTheReadOnlyAdministratorRole() {
        okta.stubFor(get(urlPathEqualTo(POLICIES)).willReturn(aResponse().withStatus(403).withBody("""
                {"errorCode":"E0000006","errorSummary":"You do not have permission to perform the requested action",
                 "errorLink":"E0000006","errorId":"oaeYYY","errorCauses":[]}""")));

        assertThatThrownBy(this::collectPolicies)
                .hasMessageContaining("E0000006").hasMessageContaining("Read-only Administrator");
    }

    @Test
    void notFoundPointsAtTheOrgUrl() {
        okta.stubFor(get(urlPathEqualTo(POLICIES)).willReturn(aResponse().withStatus(404).withBody("""
                {"errorCode":"E0000022","errorSummary":"The endpoint does not support the provided HTTP method"}""")));

        assertThatThrownBy(this::collectPolicies).hasMessageContaining("404").hasMessageContaining("org URL");
    }

    @Test
    void malformedBodyIsARetryableError() {
        okta.stubFor(get(urlPathEqualTo(POLICIES)).willReturn(okJson("[{\"id\":\"00os1\",")));

        assertThatThrownBy(this::collectPolicies)
                .hasMessageContaining("Okta sent a malformed JSON body for GET /api/v1/policies")
                .extracting(e -> ((UncheckedCollectionException) e).getCause())
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void anObjectWhereAListBelongsIsAnError() {
        okta.stubFor(get(urlPathEqualTo(POLICIES)).willReturn(okJson("{\"id\":\"00os1\"}")));

        assertThatThrownBy(this::collectPolicies).hasMessageContaining("without the expected JSON array");
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowedWithTheToken() {
        okta.stubFor(get(urlPathEqualTo(POLICIES)).willReturn(okJson(POLICY)
                .withHeader("Link", "<https://evil.example/api/v1/policies?after=1>; rel=\"next\"")));

        assertThatThrownBy(this::collectPolicies)
                .hasMessageContaining("evil.example").hasMessageContaining("refusing to send credentials");
    }

    @Test
    void everyRequestCarriesTheSswsToken() throws Exception {
        okta.stubFor(get(urlPathEqualTo(POLICIES)).willReturn(okJson(POLICY)));

        collectPolicies();

        okta.verify(getRequestedFor(urlPathEqualTo(POLICIES))
                .withHeader("Authorization", equalTo("SSWS " + OktaTestSupport.TOKEN))
                .withHeader("Accept", equalTo("application/json"))
                .withQueryParam("type", equalTo("PASSWORD")).withQueryParam("limit", equalTo("200")));
    }
}
