package dev.evident.connectors.google;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.evident.connector.CollectedResource;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.google.GoogleTestSupport.ACTIVITIES;
import static dev.evident.connectors.google.GoogleTestSupport.NOW;
import static dev.evident.connectors.google.GoogleTestSupport.USERS;
import static dev.evident.connectors.google.GoogleTestSupport.attributes;
import static dev.evident.connectors.google.GoogleTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;

/** What the user collector makes of answers shaped like the Admin SDK reference. */
class GoogleCollectorsTest {

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String GRACE = user("1001", "Grace@acme.example", true, true, true, false);
    private static final String BOB = user("1002", "bob@acme.example", false, false, false, true);
    private static final String NEW_HIRE = """
            {"kind":"admin#directory#user","id":"1003","primaryEmail":"new.hire@acme.example",
             "name":{"fullName":"New Hire"},"isAdmin":false,"isDelegatedAdmin":true,
             "lastLoginTime":"1970-01-01T00:00:00.000Z","creationTime":"2026-06-14T09:00:00.000Z","suspended":false,
             "archived":false,"aliases":["nh@acme.example"],"nonEditableAliases":["new.hire@acme.test-google-a.com"],
             "emails":[{"address":"new.hire@acme.example","primary":true},{"address":"NH@acme.example"}],
             "isEnrolledIn2Sv":false,"isEnforcedIn2Sv":true,"orgUnitPath":"/"}""";

    private final TestClock clock = new TestClock(NOW);

    @BeforeEach
    void stubGoogle() {
        google.stubFor(post("/token").willReturn(okJson(GoogleTestSupport.tokenAnswer("ya29.test-token"))));
        google.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("pageToken", absent()).willReturn(okJson("""
                {"kind":"admin#directory#users","etag":"\\"e1\\"","users":[%s,%s],"nextPageToken":"Q2hVSUFBQUFB"}"""
                .formatted(GRACE, BOB))));
        google.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("pageToken", equalTo("Q2hVSUFBQUFB")).willReturn(okJson("""
                {"kind":"admin#directory#users","etag":"\\"e2\\"","users":[%s]}""".formatted(NEW_HIRE))));
        google.stubFor(get(urlPathEqualTo(ACTIVITIES)).willReturn(okJson("""
                {"kind":"admin#reports#activities","items":[
                  {"kind":"admin#reports#activity","id":{"time":"2026-05-20T16:02:11.000Z","uniqueQualifier":"-1",
                    "applicationName":"admin","customerId":"C01abc23d"},
                   "actor":{"email":"it-admin@acme.example","profileId":"1000"},
                   "events":[{"type":"USER_SETTINGS","name":"SUSPEND_USER",
                     "parameters":[{"name":"USER_EMAIL","value":"Bob@acme.example"}]}]},
                  {"kind":"admin#reports#activity","id":{"time":"2026-03-01T08:00:00.000Z","uniqueQualifier":"-2",
                    "applicationName":"admin","customerId":"C01abc23d"},
                   "events":[{"type":"USER_SETTINGS","name":"SUSPEND_USER",
                     "parameters":[{"name":"USER_EMAIL","value":"bob@acme.example"}]}]}]}""")));
    }

    private List<CollectedResource> collect(Map<String, String> overrides) throws Exception {
        Map<String, String> config = GoogleTestSupport.config(google.baseUrl());
        config.putAll(overrides);
        return GoogleTestSupport.collectUsers(GoogleTestSupport.connector(config, clock, new RecordingSleeper(clock)),
                clock);
    }

    @Test
    void usersFollowNextPageTokenWithTheCustomerAndToken() throws Exception {
        List<CollectedResource> users = collect(Map.of());

        assertThat(users).extracting(CollectedResource::externalId).containsExactly("1001", "1002", "1003");
        assertThat(users).extracting(CollectedResource::displayName)
                .containsExactly("Grace@acme.example", "bob@acme.example", "new.hire@acme.example");
        google.verify(2, getRequestedFor(urlPathEqualTo(USERS)).withQueryParam("customer", equalTo("my_customer"))
                .withQueryParam("maxResults", equalTo("500"))
                .withHeader("Authorization", equalTo("Bearer ya29.test-token")));
    }

    @Test
    void anEnrolledSuperAdmin() throws Exception {
        JsonNode grace = attributes(collect(Map.of()).get(0));

        assertThat(grace.path("email").asString()).isEqualTo("grace@acme.example");
        assertThat(grace.path("name").asString()).isEqualTo("Grace Hopper");
        assertThat(grace.path("status").asString()).isEqualTo("active");
        assertThat(grace.path("active").booleanValue()).isTrue();
        assertThat(grace.path("admin").booleanValue()).isTrue();
        assertThat(grace.path("superAdmin").booleanValue()).isTrue();
        assertThat(grace.path("mfaEnrolled").booleanValue()).isTrue();
        assertThat(grace.path("mfaEnforced").booleanValue()).isTrue();
        assertThat(grace.path("lastLoginAt").asString()).isEqualTo("2026-06-14T07:10:00Z");
        assertThat(grace.path("orgUnitPath").asString()).isEqualTo("/Engineering");
        assertThat(grace.path("suspendedAt").isNull()).isTrue();
    }

    @Test
    void aSuspendedUserGetsTheTimeOfTheLatestSuspensionEvent() throws Exception {
        JsonNode bob = attributes(collect(Map.of()).get(1));

        assertThat(bob.path("status").asString()).isEqualTo("suspended");
        assertThat(bob.path("active").booleanValue()).isFalse();
        assertThat(bob.path("suspended").booleanValue()).isTrue();
        assertThat(bob.path("suspensionReason").asString()).isEqualTo("ADMIN");
        assertThat(bob.path("suspendedAt").asString()).isEqualTo("2026-05-20T16:02:11Z");
        assertThat(bob.path("mfaEnrolled").booleanValue()).isFalse();
        google.verify(getRequestedFor(urlPathEqualTo(ACTIVITIES)).withQueryParam("eventName", equalTo("SUSPEND_USER"))
                .withQueryParam("startTime", equalTo("2025-12-17T12:00:00Z")));
    }

    @Test
    void aDelegatedAdminWhoNeverSignedInWithAliases() throws Exception {
        JsonNode hire = attributes(collect(Map.of()).get(2));

        assertThat(hire.path("admin").booleanValue()).isTrue();
        assertThat(hire.path("superAdmin").booleanValue()).isFalse();
        assertThat(hire.path("delegatedAdmin").booleanValue()).isTrue();
        assertThat(hire.path("lastLoginAt").isNull()).isTrue();
        assertThat(hire.path("mfaEnrolled").booleanValue()).isFalse();
        assertThat(hire.path("mfaEnforced").booleanValue()).isTrue();
        assertThat(hire.path("aliases").toString())
                .isEqualTo("[\"nh@acme.example\",\"new.hire@acme.test-google-a.com\"]");
    }

    @Test
    void withoutSuspensionTimesTheAuditLogIsNotReadAndItsScopeNotRequested() throws Exception {
        JsonNode bob = attributes(collect(Map.of("readSuspensionTimes", "false")).get(1));

        assertThat(bob.path("suspended").booleanValue()).isTrue();
        assertThat(bob.path("suspendedAt").isNull()).isTrue();
        google.verify(0, getRequestedFor(urlPathEqualTo(ACTIVITIES)));
        String assertion = GoogleAuthTest.assertionOfLastTokenRequest(google);
        assertThat(GoogleAuthTest.claims(assertion).path("scope").asString()).isEqualTo(GoogleApi.DIRECTORY_SCOPE);
    }

    @Test
    void theDigestIsOfTheUsersExactBytesInTheListing() throws Exception {
        CollectedResource bob = collect(Map.of()).get(1);

        assertThat(bob.rawDigest()).isEqualTo(Json.sha256(BOB.getBytes(StandardCharsets.UTF_8)));
        assertThat(bob.collectedAt()).isEqualTo(NOW);
    }

    @Test
    void anAnswerWithoutAUsersFieldIsAnEmptyPage() throws Exception {
        google.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson("{\"kind\":\"admin#directory#users\",\"etag\":\"\\\"e0\\\"\"}")));
        google.stubFor(get(urlPathEqualTo(ACTIVITIES)).willReturn(okJson("{\"kind\":\"admin#reports#activities\"}")));

        assertThat(collect(Map.of())).isEmpty();
    }
}
