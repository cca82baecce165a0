package dev.evident.connectors.github;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.evident.connector.InvalidConfigException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.evident.connectors.github.GitHubTestSupport.NOW;
import static dev.evident.connectors.github.GitHubTestSupport.collect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GitHub App authentication: JWT signed with the App key, exchanged for a cached installation token. */
class GitHubAppAuthTest {

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TOKENS = "/app/installations/4242/access_tokens";
    private static KeyPair keys;

    private final TestClock clock = new TestClock(NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @BeforeAll
    static void appKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    /** The key as GitHub hands it out: PKCS#1 PEM. A 2048-bit PKCS#8 key carries a 26-byte envelope. */
    private static String pkcs1Pem() {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n";
    }

    private static String pkcs8Pem() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
    }

    private GitHubConnector appConnector(String pem) {
        Map<String, String> app = new HashMap<>(Map.of("authMode", "app", "appId", "12345", "installationId", "4242",
                "privateKey", pem));
        app.put("token", "");
        return GitHubTestSupport.connector(github.baseUrl(), clock, sleeper, app);
    }

    private static String tokenResponse(String token, java.time.Instant expiresAt) {
        return "{\"token\":\"" + token + "\",\"expires_at\":\"" + expiresAt + "\","
                + "\"permissions\":{\"members\":\"read\",\"administration\":\"read\"},\"repository_selection\":\"all\"}";
    }

    @Test
    void signsAJwtThatTheAppsPublicKeyVerifiesAndCachesTheInstallationToken() throws Exception {
        github.stubFor(post(TOKENS).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(tokenResponse("ghs_first", NOW.plus(Duration.ofHours(1))))));
        github.stubFor(get("/orgs/acme").withHeader("Authorization", equalTo("Bearer ghs_first"))
                .willReturn(okJson("{\"login\":\"acme\",\"id\":1}")));
        GitHubConnector connector = appConnector(pkcs1Pem());

        collect(connector, "github.organization", clock, null);
        collect(connector, "github.organization", clock, null);

        List<LoggedRequest> exchanges = github.findAll(postRequestedFor(urlEqualTo(TOKENS)));
        assertThat(exchanges).as("the installation token is reused while valid").hasSize(1);
        String jwt = exchanges.get(0).getHeader("Authorization").substring("Bearer ".length());
        String[] parts = jwt.split("\\.");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).as("JWT signature").isTrue();
        JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asString()).isEqualTo("RS256");
        assertThat(claims.get("iss").asString()).isEqualTo("12345");
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond() - 60);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isLessThanOrEqualTo(600);
    }

    @Test
    void renewsTheInstallationTokenShortlyBeforeItExpires() throws Exception {
        github.stubFor(post(TOKENS).inScenario("tokens").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(201).withBody(tokenResponse("ghs_first", NOW.plus(Duration.ofHours(1)))))
                .willSetStateTo("renewed"));
        github.stubFor(post(TOKENS).inScenario("tokens").whenScenarioStateIs("renewed")
                .willReturn(aResponse().withStatus(201).withBody(tokenResponse("ghs_second", NOW.plus(Duration.ofHours(2))))));
        github.stubFor(get("/orgs/acme").withHeader("Authorization", equalTo("Bearer ghs_first"))
                .willReturn(okJson("{\"login\":\"acme\",\"id\":1}")));
        github.stubFor(get("/orgs/acme").withHeader("Authorization", equalTo("Bearer ghs_second"))
                .willReturn(okJson("{\"login\":\"acme\",\"id\":1}")));
        GitHubConnector connector = appConnector(pkcs8Pem());

        collect(connector, "github.organization", clock, null);
        clock.advance(Duration.ofMinutes(54));
        collect(connector, "github.organization", clock, null);
        assertThat(github.findAll(postRequestedFor(urlEqualTo(TOKENS)))).hasSize(1);
        clock.advance(Duration.ofMinutes(2)); // now within five minutes of expiry
        collect(connector, "github.organization", clock, null);

        assertThat(github.findAll(postRequestedFor(urlEqualTo(TOKENS)))).hasSize(2);
    }

    @Test
    void connectionTestAuthenticatesAsTheInstallation() {
        github.stubFor(get("/").willReturn(okJson("{}")));
        github.stubFor(post(TOKENS).willReturn(aResponse().withStatus(201)
                .withBody(tokenResponse("ghs_first", NOW.plus(Duration.ofHours(1))))));
        github.stubFor(get("/orgs/acme").withHeader("Authorization", equalTo("Bearer ghs_first"))
                .willReturn(okJson("{\"login\":\"acme\",\"id\":1}")));
        github.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/orgs/acme/members"))
                .willReturn(okJson("[]")));
        github.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/orgs/acme/dependabot/alerts"))
                .willReturn(okJson("[]")));

        dev.evident.connector.ConnectionTestResult result = appConnector(pkcs1Pem()).testConnection();

        assertThat(result.passed()).as("%s", result).isTrue();
        assertThat(result.steps().get(1).message()).contains("installation token").contains(NOW.plus(Duration.ofHours(1)).toString());
    }

    @Test
    void rejectedJwtPointsAtAppIdAndKey() {
        github.stubFor(post(TOKENS).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"A JSON web token could not be decoded\"}")));

        assertThatThrownBy(() -> collect(appConnector(pkcs1Pem()), "github.organization", clock, null))
                .hasMessageContaining("App ID 12345").hasMessageContaining("private key");
    }

    @Test
    void unknownInstallationSaysHowToFindTheId() {
        github.stubFor(post(TOKENS).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        assertThatThrownBy(() -> collect(appConnector(pkcs1Pem()), "github.organization", clock, null))
                .hasMessageContaining("installation 4242 not found").hasMessageContaining("install the App");
    }

    @Test
    void unreadablePrivateKeyIsRejectedWhenTheConnectionIsCreated() {
        assertThatThrownBy(() -> appConnector("not a key"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("privateKey");
        assertThatThrownBy(() -> appConnector("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("privateKey");
    }

    @Test
    void keyWhoseLineBreaksWereLostInAFormFieldStillWorks() {
        String flattened = pkcs1Pem().replace("\n", " ");

        assertThat(AppInstallationAuth.parsePrivateKey(flattened, "privateKey")).isEqualTo(keys.getPrivate());
    }

    @Test
    void appModeWithoutItsSettingsNamesTheMissingOne() {
        Map<String, String> noAppId = new HashMap<>(Map.of("authMode", "app", "installationId", "4242",
                "privateKey", pkcs1Pem(), "token", ""));
        assertThatThrownBy(() -> GitHubTestSupport.connector(github.baseUrl(), clock, sleeper, noAppId))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("appId");

        Map<String, String> noKey = new HashMap<>(Map.of("authMode", "app", "appId", "1", "installationId", "4242",
                "token", ""));
        assertThatThrownBy(() -> GitHubTestSupport.connector(github.baseUrl(), clock, sleeper, noKey))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("privateKey");
    }

    @Test
    void tokenModeWithoutATokenNamesIt() {
        assertThatThrownBy(() -> GitHubTestSupport.connector(github.baseUrl(), clock, sleeper, Map.of("token", "")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("token");
    }
}
