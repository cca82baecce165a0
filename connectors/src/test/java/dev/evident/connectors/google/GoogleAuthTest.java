package dev.evident.connectors.google;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.evident.connectors.google.GoogleTestSupport.NOW;
import static dev.evident.connectors.google.GoogleTestSupport.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JWT bearer grant: what is signed, how the token is reused, and what a refusal says. */
class GoogleAuthTest {

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String ONE_USER = "{\"users\":[" + GoogleTestSupport.user("1001", "grace@acme.example",
            false, true, true, false) + "]}";

    private final TestClock clock = new TestClock(NOW);

    private GoogleWorkspaceConnector connector() {
        Map<String, String> config = GoogleTestSupport.config(google.baseUrl());
        config.put("readSuspensionTimes", "false");
        return GoogleTestSupport.connector(config, clock, new RecordingSleeper(clock));
    }

    static String assertionOfLastTokenRequest(WireMockExtension server) {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/token")));
        String body = requests.get(requests.size() - 1).getBodyAsString();
        for (String pair : body.split("&")) {
            if (pair.startsWith("assertion=")) {
                return URLDecoder.decode(pair.substring("assertion=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no assertion in " + body);
    }

    static JsonNode claims(String jwt) {
        return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void theAssertionIsSignedWithTheServiceAccountKeyAndNamesTheAdminScopesAndAudience() throws Exception {
        google.stubFor(post("/token").willReturn(okJson(GoogleTestSupport.tokenAnswer("ya29.a"))));
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson(ONE_USER)));

        GoogleTestSupport.collectUsers(connector(), clock);

        google.verify(postRequestedFor(urlPathEqualTo("/token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")));
        String jwt = assertionOfLastTokenRequest(google);
        String[] parts = jwt.split("\\.");
        JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(header.path("kid").asString()).isEqualTo("4f2c0a9d1b7e");
        JsonNode claims = claims(jwt);
        assertThat(claims.path("iss").asString()).isEqualTo(GoogleTestSupport.CLIENT_EMAIL);
        assertThat(claims.path("sub").asString()).isEqualTo("it-admin@acme.example");
        assertThat(claims.path("aud").asString()).isEqualTo(google.baseUrl() + "/token");
        assertThat(claims.path("iat").longValue()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.path("exp").longValue()).isEqualTo(NOW.plusSeconds(3600).getEpochSecond());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(GoogleTestSupport.KEYS.getPublic());
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void theAccessTokenIsReusedUntilShortlyBeforeItExpires() throws Exception {
        google.stubFor(post("/token").willReturn(okJson(GoogleTestSupport.tokenAnswer("ya29.a"))));
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson(ONE_USER)));
        GoogleWorkspaceConnector connector = connector();

        GoogleTestSupport.collectUsers(connector, clock);
        clock.advance(Duration.ofMinutes(50));
        GoogleTestSupport.collectUsers(connector, clock);
        google.verify(1, postRequestedFor(urlPathEqualTo("/token")));

        clock.advance(Duration.ofMinutes(5));
        GoogleTestSupport.collectUsers(connector, clock);
        google.verify(2, postRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void aRejectedAccessTokenIsReplacedOnce() throws Exception {
        google.stubFor(post("/token").willReturn(okJson(GoogleTestSupport.tokenAnswer("ya29.a"))));
        google.stubFor(get(urlPathEqualTo(USERS)).inScenario("revoked").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(401).withBody("""
                        {"error":{"code":401,"message":"Request had invalid authentication credentials.",
                          "errors":[{"message":"Invalid Credentials","domain":"global","reason":"authError"}],
                          "status":"UNAUTHENTICATED"}}""")).willSetStateTo("renewed"));
        google.stubFor(get(urlPathEqualTo(USERS)).inScenario("revoked").whenScenarioStateIs("renewed")
                .willReturn(okJson(ONE_USER)));

        assertThat(GoogleTestSupport.collectUsers(connector(), clock)).hasSize(1);
        google.verify(2, postRequestedFor(urlPathEqualTo("/token")));
        google.verify(2, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void missingDomainWideDelegationNamesTheClientIdAndScopesToGrant() {
        google.stubFor(post("/token").willReturn(aResponse().withStatus(401).withBody("""
                {"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens \
                using this method, or client not authorized for any of the scopes requested."}""")));

        assertThatThrownBy(() -> GoogleTestSupport.collectUsers(connector(), clock))
                .hasMessageContaining("Manage Domain Wide Delegation")
                .hasMessageContaining(GoogleTestSupport.CLIENT_ID)
                .hasMessageContaining(GoogleApi.DIRECTORY_SCOPE);
    }

    @Test
    void anAdminEmailOutsideTheAccountIsNamed() {
        google.stubFor(post("/token").willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid email or User ID\"}")));

        assertThatThrownBy(() -> GoogleTestSupport.collectUsers(connector(), clock))
                .hasMessageContaining("it-admin@acme.example is not a user of this Google Workspace account");
    }

    @Test
    void aDeletedKeyIsNamed() {
        google.stubFor(post("/token").willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}")));

        assertThatThrownBy(() -> GoogleTestSupport.collectUsers(connector(), clock))
                .hasMessageContaining("create a new JSON key");
    }
}
