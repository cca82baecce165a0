package dev.evident.connectors.okta;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.evident.connector.CollectedResource;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.okta.OktaTestSupport.NOW;
import static dev.evident.connectors.okta.OktaTestSupport.attributes;
import static dev.evident.connectors.okta.OktaTestSupport.collect;
import static dev.evident.connectors.okta.OktaTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;

/** What each collector makes of answers shaped like Okta's API reference. */
class OktaCollectorsTest {

    @RegisterExtension
    static WireMockExtension okta = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestClock clock = new TestClock(NOW);

    private static final String ADA = user("00u1ada", "ACTIVE", "ada@acme.example", "Ada@Acme.example",
            "2025-01-10T09:05:00.000Z");
    private static final String BOB = user("00u2bob", "SUSPENDED", "bob", "bob@acme.example",
            "2026-05-02T07:00:00.000Z");
    private static final String CARL = user("00u3carl", "DEPROVISIONED", "carl@acme.example", "carl@acme.example",
            "2026-04-30T17:45:12.000Z");

    private List<CollectedResource> collectUsers() throws Exception {
        return collect(OktaTestSupport.connector(okta.baseUrl(), clock, new RecordingSleeper(clock)), "okta.user", clock);
    }

    private void stubUsers() {
        okta.stubFor(get(urlPathEqualTo("/api/v1/users")).withQueryParam("filter", absent())
                .withQueryParam("after", absent()).willReturn(okJson("[" + ADA + "]")
                        .withHeader("Link", "<" + okta.baseUrl() + "/api/v1/users?limit=200>; rel=\"self\"")
                        .withHeader("Link", "<" + okta.baseUrl() + "/api/v1/users?after=00u1ada&limit=200>; rel=\"next\"")));
        okta.stubFor(get(urlPathEqualTo("/api/v1/users")).withQueryParam("after", equalTo("00u1ada"))
                .willReturn(okJson("[" + BOB + "]")
                        .withHeader("Link", "<" + okta.baseUrl() + "/api/v1/users?after=00u1ada&limit=200>; rel=\"self\"")));
        okta.stubFor(get(urlPathEqualTo("/api/v1/users")).withQueryParam("filter", equalTo("status eq \"DEPROVISIONED\""))
                .willReturn(okJson("[" + CARL + "]")));
        okta.stubFor(get("/api/v1/users/00u1ada/factors").willReturn(okJson("""
                [{"id":"ufs1","factorType":"question","provider":"OKTA","vendorName":"OKTA","status":"ACTIVE",
                  "profile":{"question":"disliked_food","questionText":"What is the food you least liked as a child?"}},
                 {"id":"opf1","factorType":"push","provider":"OKTA","vendorName":"OKTA","status":"ACTIVE",
                  "profile":{"credentialId":"ada@acme.example","deviceType":"SmartPhone_IPhone"}},
                 {"id":"mbl1","factorType":"sms","provider":"OKTA","status":"PENDING_ACTIVATION",
                  "profile":{"phoneNumber":"+1-555-415-1337"}}]""")));
        okta.stubFor(get("/api/v1/users/00u1ada/roles").willReturn(okJson("""
                [{"id":"ra1","label":"Super Administrator","type":"SUPER_ADMIN","status":"ACTIVE",
                  "created":"2025-01-10T09:00:00.000Z","lastUpdated":"2025-01-10T09:00:00.000Z","assignmentType":"USER"},
                 {"id":"ra2","label":"Read-only Administrator","type":"READ_ONLY_ADMIN","status":"ACTIVE",
                  "assignmentType":"GROUP"}]""")));
        okta.stubFor(get("/api/v1/users/00u2bob/factors").willReturn(okJson("""
                [{"id":"emf1","factorType":"email","provider":"OKTA","status":"ACTIVE","profile":{"email":"bob@acme.example"}},
                 {"id":"ufs2","factorType":"question","provider":"OKTA","status":"ACTIVE"}]""")));
        okta.stubFor(get("/api/v1/users/00u2bob/roles").willReturn(okJson("[]")));
    }

    @Test
    void usersFollowTheLinkHeaderAndIncludeDeactivatedUsers() throws Exception {
        stubUsers();

        List<CollectedResource> users = collectUsers();

        assertThat(users).extracting(CollectedResource::externalId).containsExactly("00u1ada", "00u2bob", "00u3carl");
        assertThat(users).extracting(CollectedResource::displayName)
                .containsExactly("ada@acme.example", "bob", "carl@acme.example");
        okta.verify(getRequestedFor(urlPathEqualTo("/api/v1/users")).withQueryParam("limit", equalTo("200"))
                .withQueryParam("filter", absent()).withQueryParam("after", absent()));
    }

    @Test
    void anActiveAdminWithPushHasMfaAndAdminRoles() throws Exception {
        stubUsers();

        JsonNode ada = attributes(collectUsers().get(0));

        assertThat(ada.path("email").asString()).isEqualTo("ada@acme.example");
        assertThat(ada.path("aliases").isEmpty()).isTrue();
        assertThat(ada.path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(ada.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(ada.path("active").booleanValue()).isTrue();
        assertThat(ada.path("lastLoginAt").asString()).isEqualTo("2026-06-14T08:30:00Z");
        assertThat(ada.path("mfaEnrolled").booleanValue()).isTrue();
        assertThat(ada.path("factorTypes").toString()).isEqualTo("[\"question\",\"push\"]");
        assertThat(ada.path("factors")).hasSize(3);
        assertThat(ada.path("factors").get(2).path("status").asString()).isEqualTo("PENDING_ACTIVATION");
        assertThat(ada.path("admin").booleanValue()).isTrue();
        assertThat(ada.path("superAdmin").booleanValue()).isTrue();
        assertThat(ada.path("adminRoles").toString()).isEqualTo("[\"SUPER_ADMIN\",\"READ_ONLY_ADMIN\"]");
        assertThat(ada.path("deactivatedAt").isNull()).isTrue();
        assertThat(ada.path("suspendedAt").isNull()).isTrue();
    }

    @Test
    void emailAndSecurityQuestionAloneDoNotCountAsMfa() throws Exception {
        stubUsers();

        JsonNode bob = attributes(collectUsers().get(1));

        assertThat(bob.path("mfaEnrolled").booleanValue()).isFalse();
        assertThat(bob.path("factorTypes").toString()).isEqualTo("[\"email\",\"question\"]");
        assertThat(bob.path("admin").booleanValue()).isFalse();
        assertThat(bob.path("adminRoles").isEmpty()).isTrue();
        assertThat(bob.path("active").booleanValue()).isFalse();
        assertThat(bob.path("suspendedAt").asString()).isEqualTo("2026-05-02T07:00:00Z");
        assertThat(bob.path("aliases").toString()).isEqualTo("[]");
    }

    @Test
    void deactivatedUsersCarryTheDeactivationTimeAndNoGuessedFactorsOrRoles() throws Exception {
        stubUsers();

        JsonNode carl = attributes(collectUsers().get(2));

        assertThat(carl.path("status").asString()).isEqualTo("DEPROVISIONED");
        assertThat(carl.path("active").booleanValue()).isFalse();
        assertThat(carl.path("deactivatedAt").asString()).isEqualTo("2026-04-30T17:45:12Z");
        assertThat(carl.path("mfaEnrolled").isNull()).isTrue();
        assertThat(carl.path("admin").isNull()).isTrue();
        assertThat(carl.path("superAdmin").isNull()).isTrue();
        okta.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/users/00u3carl/factors")));
    }

    @Test
    void theDigestCoversTheUserAndItsFactorAndRoleAnswers() throws Exception {
        stubUsers();

        CollectedResource bob = collectUsers().get(1);

        String factors = """
                [{"id":"emf1","factorType":"email","provider":"OKTA","status":"ACTIVE","profile":{"email":"bob@acme.example"}},
                 {"id":"ufs2","factorType":"question","provider":"OKTA","status":"ACTIVE"}]""";
        assertThat(bob.rawDigest()).isEqualTo(Json.sha256(BOB.getBytes(StandardCharsets.UTF_8),
                factors.getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8)));
        assertThat(bob.collectedAt()).isEqualTo(NOW);
    }

    @Test
    void passwordPoliciesCarryComplexityAgeAndLockout() throws Exception {
        okta.stubFor(get(urlPathEqualTo("/api/v1/policies")).withQueryParam("type", equalTo("PASSWORD")).willReturn(okJson("""
                [{"id":"00os5b4fpkfFwaH9E0g3","status":"ACTIVE","name":"Default Policy","description":"The default policy",
                  "priority":1,"system":true,"type":"PASSWORD",
                  "conditions":{"people":{"groups":{"include":["00g1everyone"]}},"authProvider":{"provider":"OKTA"}},
                  "settings":{"password":{
                    "complexity":{"minLength":12,"minLowerCase":1,"minUpperCase":1,"minNumber":1,"minSymbol":0,
                      "excludeUsername":true,"dictionary":{"common":{"exclude":true}},"excludeAttributes":[]},
                    "age":{"maxAgeDays":90,"expireWarnDays":7,"minAgeMinutes":60,"historyCount":4},
                    "lockout":{"maxAttempts":10,"autoUnlockMinutes":0,"showLockoutFailures":false}},
                   "recovery":{"factors":{}},"delegation":{"options":{"skipUnlock":false}}}}]""")));

        List<CollectedResource> policies = collect(OktaTestSupport.connector(okta.baseUrl(), clock,
                new RecordingSleeper(clock)), "okta.password_policy", clock);

        assertThat(policies).singleElement().satisfies(p -> {
            assertThat(p.externalId()).isEqualTo("00os5b4fpkfFwaH9E0g3");
            JsonNode a = attributes(p);
            assertThat(a.path("minLength").intValue()).isEqualTo(12);
            assertThat(a.path("minSymbols").intValue()).isZero();
            assertThat(a.path("maxAgeDays").intValue()).isEqualTo(90);
            assertThat(a.path("historyCount").intValue()).isEqualTo(4);
            assertThat(a.path("lockoutAttempts").intValue()).isEqualTo(10);
            assertThat(a.path("groupIds").toString()).isEqualTo("[\"00g1everyone\"]");
            assertThat(a.path("active").booleanValue()).isTrue();
            assertThat(a.path("system").booleanValue()).isTrue();
        });
    }

    @Test
    void mfaEnrollmentPoliciesOfIdentityEngineAndClassicOrgsListRequiredAuthenticators() throws Exception {
        okta.stubFor(get(urlPathEqualTo("/api/v1/policies")).withQueryParam("type", equalTo("MFA_ENROLL")).willReturn(okJson("""
                [{"id":"00p1oie","status":"ACTIVE","name":"Everyone","priority":1,"system":false,"type":"MFA_ENROLL",
                  "conditions":{"people":{"groups":{"include":["00g1everyone"]}}},
                  "settings":{"type":"AUTHENTICATORS","authenticators":[
                    {"key":"okta_verify","enroll":{"self":"REQUIRED"}},
                    {"key":"okta_email","enroll":{"self":"OPTIONAL"}},
                    {"key":"phone_number","enroll":{"self":"NOT_ALLOWED"}}]}},
                 {"id":"00p2classic","status":"INACTIVE","name":"Legacy","priority":2,"system":true,"type":"MFA_ENROLL",
                  "conditions":{"people":{"groups":{"include":[]}}},
                  "settings":{"factors":{"okta_otp":{"enroll":{"self":"REQUIRED"},"consent":{"type":"NONE"}},
                    "okta_sms":{"enroll":{"self":"NOT_ALLOWED"},"consent":{"type":"NONE"}},
                    "google_otp":{"enroll":{"self":"OPTIONAL"},"consent":{"type":"NONE"}}}}}]""")));

        List<CollectedResource> policies = collect(OktaTestSupport.connector(okta.baseUrl(), clock,
                new RecordingSleeper(clock)), "okta.mfa_enrollment_policy", clock);

        assertThat(policies).hasSize(2);
        JsonNode oie = attributes(policies.get(0));
        assertThat(oie.path("requiredAuthenticators").toString()).isEqualTo("[\"okta_verify\"]");
        assertThat(oie.path("optionalAuthenticators").toString()).isEqualTo("[\"okta_email\"]");
        assertThat(oie.path("settingsType").asString()).isEqualTo("AUTHENTICATORS");
        JsonNode classic = attributes(policies.get(1));
        assertThat(classic.path("requiredAuthenticators").toString()).isEqualTo("[\"okta_otp\"]");
        assertThat(classic.path("optionalAuthenticators").toString()).isEqualTo("[\"google_otp\"]");
        assertThat(classic.path("active").booleanValue()).isFalse();
    }
}
