package dev.evident.connectors.github;

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
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.github.GitHubTestSupport.NOW;
import static dev.evident.connectors.github.GitHubTestSupport.collect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Rate limits, retries and error statuses, as GitHub documents them. */
class GitHubResilienceTest {

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String ORG = "{\"login\":\"acme\",\"id\":1,\"name\":\"Acme\"}";

    private final TestClock clock = new TestClock(NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    private List<CollectedResource> collectOrganization() throws CollectionException {
        return collect(GitHubTestSupport.connector(github.baseUrl(), clock, sleeper, Map.of()), "github.organization",
                clock, null);
    }

    private void stubSequence(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first,
                              com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder then) {
        github.stubFor(get(path).inScenario("sequence").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("second"));
        github.stubFor(get(path).inScenario("sequence").whenScenarioStateIs("second").willReturn(then));
    }

    @Test
    void primaryRateLimitIsWaitedOutUntilTheResetTime() throws Exception {
        long reset = NOW.plusSeconds(120).getEpochSecond();
        stubSequence("/orgs/acme", aResponse().withStatus(403)
                        .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-used", "5000").withHeader("x-ratelimit-reset", Long.toString(reset))
                        .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":\"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\"}"),
                okJson(ORG));

        assertThat(collectOrganization()).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(121));
    }

    @Test
    void rateLimitResettingLaterThanTheMaximumWaitFailsSayingWhenItResets() {
        long reset = NOW.plusSeconds(3600).getEpochSecond();
        github.stubFor(get("/orgs/acme").willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", Long.toString(reset))
                .withBody("{\"message\":\"API rate limit exceeded\"}")));

        assertThatThrownBy(this::collectOrganization)
                .isInstanceOf(CollectionException.class)
                .hasMessageContaining("resets at 2026-06-15T13:00:01Z")
                .asInstanceOf(type(CollectionException.class))
                .satisfies(e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3601));
                });
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        stubSequence("/orgs/acme", aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}"), okJson(ORG));

        assertThat(collectOrganization()).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void badGatewayIsRetriedWithBackoff() throws Exception {
        stubSequence("/orgs/acme", aResponse().withStatus(502).withBody("{\"message\":\"Server Error\"}"), okJson(ORG));

        assertThat(collectOrganization()).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
        github.verify(2, getRequestedFor(urlPathEqualTo("/orgs/acme")));
    }

    @Test
    void persistentServerErrorGivesUpAfterBoundedRetries() {
        github.stubFor(get("/orgs/acme").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(this::collectOrganization)
                .hasMessageContaining("HTTP 500").hasMessageContaining("after 4 attempts")
                .asInstanceOf(type(CollectionException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void droppedConnectionsAreRetriedThenReportedAsRetryable() {
        github.stubFor(get("/orgs/acme").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(this::collectOrganization)
                .hasMessageContaining("did not answer GET /orgs/acme after 4 attempts")
                .asInstanceOf(type(CollectionException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void slowAnswersTimeOutAndAreRetried() throws Exception {
        stubSequence("/orgs/acme", okJson(ORG).withFixedDelay(3_000), okJson(ORG));
        GitHubConnector connector = GitHubConnectorFactory.create(dev.evident.connector.ConnectorConfig.of(
                new GitHubConnectorFactory().configSchema(), Map.of("apiBaseUrl", github.baseUrl(),
                        "organization", "acme", "token", "ghp_good")), clock, sleeper, Duration.ofMillis(300));

        assertThat(collect(connector, "github.organization", clock, null)).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
        github.verify(2, getRequestedFor(urlPathEqualTo("/orgs/acme")));
    }

    @Test
    void badTokenIsAPermanentFailureNamingTheCredentials() {
        github.stubFor(get("/orgs/acme").willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}")));

        assertThatThrownBy(this::collectOrganization)
                .hasMessageContaining("HTTP 401").hasMessageContaining("token is wrong, expired or revoked")
                .asInstanceOf(type(CollectionException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse());
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void forbiddenNamesTheMissingPermission() {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/dependabot/alerts")).willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible by personal access token\"}")));

        assertThatThrownBy(() -> collect(GitHubTestSupport.connector(github.baseUrl(), clock, sleeper, Map.of()),
                "github.dependabot_alert", clock, null))
                .isInstanceOf(UncheckedCollectionException.class)
                .hasMessageContaining("security_events").hasMessageContaining("Dependabot alerts: read")
                .hasMessageContaining("Resource not accessible by personal access token");
    }

    @Test
    void notFoundExplainsThatGitHubHidesWhatTheTokenMayNotSee() {
        github.stubFor(get("/orgs/acme").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        assertThatThrownBy(this::collectOrganization)
                .hasMessageContaining("404").hasMessageContaining("read:org");
    }

    @Test
    void malformedBodyIsARetryableError() {
        github.stubFor(get("/orgs/acme").willReturn(okJson("{\"login\":\"acme\",")));

        assertThatThrownBy(this::collectOrganization)
                .hasMessageContaining("malformed JSON")
                .asInstanceOf(type(CollectionException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowedWithTheToken() {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/dependabot/alerts")).willReturn(okJson("[]")
                .withHeader("Link", "<https://evil.example/steal?page=2>; rel=\"next\"")));

        assertThatThrownBy(() -> collect(GitHubTestSupport.connector(github.baseUrl(), clock, sleeper, Map.of()),
                "github.dependabot_alert", clock, null))
                .hasMessageContaining("evil.example").hasMessageContaining("refusing to send credentials");
    }

    @Test
    void everyRequestCarriesTheTokenAndApiVersion() throws Exception {
        github.stubFor(get("/orgs/acme").willReturn(okJson(ORG)));

        collectOrganization();

        github.verify(getRequestedFor(urlPathEqualTo("/orgs/acme"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer ghp_good"))
                .withHeader("X-GitHub-Api-Version", com.github.tomakehurst.wiremock.client.WireMock.equalTo("2022-11-28"))
                .withHeader("Accept", com.github.tomakehurst.wiremock.client.WireMock.equalTo("application/vnd.github+json")));
        // GitHub's media type replaces the shared client's default Accept rather than joining it.
        assertThat(github.findAll(getRequestedFor(urlPathEqualTo("/orgs/acme"))))
                .allSatisfy(request -> assertThat(request.header("Accept").values())
                        .containsExactly("application/vnd.github+json"));
    }

    @Test
    void aRedirectWithinTheApiIsFollowedWithTheToken() throws Exception {
        github.stubFor(get("/orgs/acme").willReturn(aResponse().withStatus(301)
                .withHeader("Location", github.baseUrl() + "/organizations/1")));
        github.stubFor(get("/organizations/1").willReturn(okJson(ORG)));

        assertThat(collectOrganization()).singleElement().extracting(CollectedResource::externalId).isEqualTo("acme");
        github.verify(getRequestedFor(urlPathEqualTo("/organizations/1"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing("ghp_")));
    }

    @Test
    void aRedirectToAnotherHostIsRefusedAndTheTokenNeverGoesThere() {
        github.stubFor(get("/orgs/acme").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.2:" + github.getPort() + "/orgs/acme")));

        assertThatThrownBy(this::collectOrganization).isInstanceOf(CollectionException.class)
                .hasMessageContaining("redirected GET /orgs/acme to http://127.0.0.2")
                .hasMessageContaining("refusing to send credentials there");
        assertThat(github.findAll(getRequestedFor(urlPathEqualTo("/orgs/acme")))).hasSize(1);
    }

    @Test
    void endlessRedirectsStop() {
        github.stubFor(get("/orgs/acme").willReturn(aResponse().withStatus(301).withHeader("Location", "/orgs/acme")));

        assertThatThrownBy(this::collectOrganization).isInstanceOf(CollectionException.class)
                .hasMessageContaining("more than 5 times");
    }
}
