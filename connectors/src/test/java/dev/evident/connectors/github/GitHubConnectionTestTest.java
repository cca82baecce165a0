package dev.evident.connectors.github;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.TestStep;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.github.GitHubTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** "Test connection": named steps whose failures say what to fix. */
class GitHubConnectionTestTest {

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestClock clock = new TestClock(NOW);

    private ConnectionTestResult test() {
        return GitHubTestSupport.connector(github.baseUrl(), clock, new RecordingSleeper(clock), Map.of())
                .testConnection();
    }

    private void stubHealthyOrganization(String scopes) {
        github.stubFor(get("/").willReturn(okJson("{\"current_user_url\":\"https://api.github.com/user\"}")));
        github.stubFor(get("/user").willReturn(okJson("{\"login\":\"octocat\",\"id\":1}").withHeader("X-OAuth-Scopes", scopes)));
        github.stubFor(get("/orgs/acme").willReturn(okJson(
                "{\"login\":\"acme\",\"id\":1,\"two_factor_requirement_enabled\":true}")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).willReturn(okJson("[]")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/dependabot/alerts")).willReturn(okJson("[]")));
    }

    @Test
    void allStepsPassForAnOwnerTokenWithTheNeededScopes() {
        stubHealthyOrganization("read:org, repo, security_events");

        ConnectionTestResult result = test();

        assertThat(result.steps()).extracting(TestStep::name).containsExactly(GitHubConnectionTest.REACH,
                GitHubConnectionTest.AUTHENTICATE, GitHubConnectionTest.ORGANIZATION, GitHubConnectionTest.MEMBERS,
                GitHubConnectionTest.DEPENDABOT);
        assertThat(result.passed()).isTrue();
        assertThat(result.steps().get(1).message()).contains("octocat");
    }

    @Test
    void badTokenFailsTheAuthenticationStepAndStops() {
        github.stubFor(get("/").willReturn(okJson("{}")));
        github.stubFor(get("/user").willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));

        ConnectionTestResult result = test();

        assertThat(result.passed()).isFalse();
        assertThat(result.steps()).hasSize(2);
        assertThat(result.steps().get(1).passed()).isFalse();
        assertThat(result.steps().get(1).message()).contains("HTTP 401").contains("wrong, expired or revoked");
    }

    @Test
    void classicTokenWithoutReadOrgIsToldToAddTheScope() {
        stubHealthyOrganization("repo");
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible by personal access token\"}")));

        TestStep members = test().steps().get(3);

        assertThat(members.passed()).isFalse();
        assertThat(members.message()).contains("token lacks the read:org scope");
    }

    @Test
    void nonOwnerCannotSeeTwoFactorStatus() {
        stubHealthyOrganization("read:org, repo");
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("filter", equalTo("2fa_disabled"))
                .willReturn(aResponse().withStatus(422).withBody("{\"message\":\"Only owners can use this filter.\"}")));

        TestStep members = test().steps().get(3);

        assertThat(members.passed()).isFalse();
        assertThat(members.message()).contains("organization owner").contains("Only owners can use this filter");
    }

    @Test
    void missingDependabotPermissionNamesTheScope() {
        stubHealthyOrganization("read:org");
        github.stubFor(get(urlPathEqualTo("/orgs/acme/dependabot/alerts")).willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible\"}")));

        TestStep dependabot = test().steps().get(4);

        assertThat(dependabot.passed()).isFalse();
        assertThat(dependabot.message()).contains("token lacks the security_events scope");
    }

    @Test
    void unknownOrganizationSaysToCheckTheSpelling() {
        stubHealthyOrganization("read:org");
        github.stubFor(get("/orgs/acme").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        ConnectionTestResult result = test();

        assertThat(result.steps()).hasSize(3);
        assertThat(result.steps().get(2).message()).contains("'acme' not found").contains("spelling");
    }

    @Test
    void unreachableServerFailsTheFirstStepNamingTheBaseUrl() {
        GitHubConnector connector = GitHubTestSupport.connector("http://127.0.0.1:1", clock,
                new RecordingSleeper(clock), Map.of());

        ConnectionTestResult result = connector.testConnection();

        assertThat(result.steps()).hasSize(1);
        assertThat(result.steps().get(0).passed()).isFalse();
        assertThat(result.steps().get(0).message()).contains("127.0.0.1:1").contains("API base URL");
    }
}
