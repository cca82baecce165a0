package dev.evident.platform;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The platform API, exercised over HTTP against a real database. Runs once per database
 * (see the subclasses): the same behaviour must hold on H2 and on PostgreSQL.
 */
abstract class PlatformApiContract extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static int counter;

    static synchronized String uniqueEmail(String prefix) {
        return prefix + "-" + (++counter) + "-" + UUID.randomUUID().toString().substring(0, 6) + "@acme.example";
    }

    String createToken(String role) {
        Response created = adminApi().post("/api/v1/tokens", body("name", role + " token", "role", role));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("secret").asText();
    }

    long auditCount() {
        return adminApi().get("/api/v1/audit-log/verify").json().get("entriesChecked").asLong();
    }

    @Test
    void bootstrapTokenActsAsAdminOfTheBootstrapOrganization() {
        JsonNode me = adminApi().get("/api/v1/me").json();
        assertThat(me.get("type").asText()).isEqualTo("API_TOKEN");
        assertThat(me.get("role").asText()).isEqualTo("ADMIN");
        assertThat(adminApi().get("/api/v1/organization").json().get("name").asText()).isEqualTo("Acme Cloud");
    }

    @Test
    void invitedColleagueJoinsThroughTheLinkAndEveryStepIsAudited() {
        String email = uniqueEmail("colleague");
        Response created = adminApi().post("/api/v1/invitations", body("email", email, "role", "CONTRIBUTOR"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String link = created.json().get("acceptUrl").asText();
        assertThat(created.json().get("invitation").get("status").asText()).isEqualTo("PENDING");
        String invitationId = created.json().get("invitation").get("id").asText();

        var session = browserlessSession();
        String path = link.substring(link.indexOf("/invite/"));
        assertThat(session.get(path).status()).isEqualTo(200);
        var joined = session.post(path, Map.of("displayName", "Grace Colleague", "password", "a long and unusual passphrase"));
        assertThat(joined.redirectsTo("/")).as(joined.body()).isTrue();

        JsonNode members = adminApi().get("/api/v1/members?limit=1000").json().get("items");
        assertThat(members.findValuesAsString("email")).contains(email);
        assertThat(adminApi().get("/api/v1/invitations/" + invitationId).json().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(session.get(path).status()).as("a used link stops working").isEqualTo(404);

        JsonNode audit = adminApi().get("/api/v1/audit-log?targetId=" + invitationId).json().get("items");
        assertThat(audit.findValuesAsString("action")).contains("invitation.created");
        JsonNode joinedEntries = adminApi().get("/api/v1/audit-log?action=member.joined&limit=1000").json().get("items");
        assertThat(joinedEntries.findValuesAsString("actorLabel")).contains(email);
    }

    @Test
    void roleChangeWithAStaleVersionIsRefusedWith409() {
        String userId = joinedMember("EMPLOYEE");
        JsonNode member = adminApi().get("/api/v1/members/" + userId).json();
        long version = member.get("version").asLong();

        Response changed = adminApi().patch("/api/v1/members/" + userId, body("role", "CONTRIBUTOR", "version", version));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("role").asText()).isEqualTo("CONTRIBUTOR");
        assertThat(changed.json().get("version").asLong()).isEqualTo(version + 1);

        Response stale = adminApi().patch("/api/v1/members/" + userId, body("role", "AUDITOR", "version", version));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.json().get("type").asText()).endsWith("/stale-version");
        assertThat(adminApi().get("/api/v1/members/" + userId).json().get("role").asText()).isEqualTo("CONTRIBUTOR");

        JsonNode audit = adminApi().get("/api/v1/audit-log?action=member.role_changed&targetId=" + userId).json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("summary").get("role").get("from").asText()).isEqualTo("EMPLOYEE");
        assertThat(audit.get(0).get("summary").get("role").get("to").asText()).isEqualTo("CONTRIBUTOR");
    }

    @Test
    void theLastAdminCannotBeDemotedOrRemoved() {
        JsonNode admins = adminApi().get("/api/v1/members?role=ADMIN").json().get("items");
        assertThat(admins).hasSize(1);
        String adminId = admins.get(0).get("userId").asText();
        long version = admins.get(0).get("version").asLong();
        Response demote = adminApi().patch("/api/v1/members/" + adminId, body("role", "AUDITOR", "version", version));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().get("detail").asText()).contains("at least one admin");
        assertThat(adminApi().delete("/api/v1/members/" + adminId).status()).isEqualTo(409);
    }

    @Test
    void apiTokenIsShownOnceScopedToItsRoleAndDiesWhenRevokedOrExpired() {
        Response created = adminApi().post("/api/v1/tokens", body("name", "auditor export", "role", "AUDITOR", "expiresInDays", 30));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("secret").asText();
        String tokenId = created.json().get("token").get("id").asText();
        assertThat(secret).startsWith("evd_");
        assertThat(adminApi().get("/api/v1/tokens/" + tokenId).body()).doesNotContain(secret);
        assertThat(adminApi().get("/api/v1/tokens?limit=1000").body()).doesNotContain(secret);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = :s").param("s", secret)
                .query(Integer.class).single()).as("the secret itself is never stored").isZero();

        ApiClient auditor = api(secret);
        assertThat(auditor.get("/api/v1/members").status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/audit-log").status()).isEqualTo(200);
        Response forbidden = auditor.post("/api/v1/invitations", body("email", uniqueEmail("x"), "role", "EMPLOYEE"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("type").asText()).endsWith("/forbidden");

        clock.tick(Duration.ofDays(31));
        try {
            Response expired = auditor.get("/api/v1/members");
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().get("detail").asText()).contains("expired");
        } finally {
            clock.tick(Duration.ofDays(-31));
        }

        assertThat(adminApi().delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(auditor.get("/api/v1/members").status()).isEqualTo(401);
        assertThat(adminApi().get("/api/v1/tokens/" + tokenId).json().get("status").asText()).isEqualTo("REVOKED");
    }

    @Test
    void aTokenCannotGrantMorePowerThanItsCreatorHolds() {
        ApiClient manager = api(createToken("COMPLIANCE_MANAGER"));
        Response escalate = manager.post("/api/v1/tokens", body("name", "sneaky", "role", "ADMIN"));
        assertThat(escalate.status()).isEqualTo(403);
        Response inviteAdmin = manager.post("/api/v1/invitations", body("email", uniqueEmail("boss"), "role", "ADMIN"));
        assertThat(inviteAdmin.status()).isEqualTo(403);
        assertThat(manager.post("/api/v1/invitations", body("email", uniqueEmail("ok"), "role", "EMPLOYEE")).status())
                .isEqualTo(201);
    }

    @Test
    void listsArePaginatedWithACursor() {
        for (int i = 0; i < 7; i++) {
            adminApi().post("/api/v1/invitations", body("email", uniqueEmail("page"), "role", "EMPLOYEE"));
        }
        Set<String> seen = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = adminApi().get("/api/v1/invitations?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            pageSizes.add(page.get("items").size());
            page.get("items").forEach(item -> assertThat(seen.add(item.get("id").asText())).as("no duplicates").isTrue());
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen.size()).isGreaterThanOrEqualTo(7);
        assertThat(pageSizes.subList(0, pageSizes.size() - 1)).allMatch(n -> n == 3);

        assertThat(adminApi().get("/api/v1/invitations?limit=0").json().get("errors").get(0).get("field").asText())
                .isEqualTo("limit");
        assertThat(adminApi().get("/api/v1/invitations?limit=1001").status()).isEqualTo(400);
        assertThat(adminApi().get("/api/v1/audit-log?limit=1000").status()).isEqualTo(200);
        Response badCursor = adminApi().get("/api/v1/members?cursor=%40%40%40");
        assertThat(badCursor.status()).isEqualTo(400);
    }

    @Test
    void auditLogIsFilterablePaginatedAndVerifiable() {
        adminApi().post("/api/v1/invitations", body("email", uniqueEmail("audited"), "role", "EMPLOYEE"));
        JsonNode prefix = adminApi().get("/api/v1/audit-log?action=invitation.*&limit=2").json();
        assertThat(prefix.get("items")).isNotEmpty();
        prefix.get("items").forEach(e -> assertThat(e.get("action").asText()).startsWith("invitation."));
        JsonNode all = adminApi().get("/api/v1/audit-log?limit=1000").json().get("items");
        long previous = Long.MAX_VALUE;
        for (JsonNode entry : all) {
            long seq = entry.get("seq").asLong();
            assertThat(seq).as("newest first").isLessThan(previous);
            previous = seq;
            assertThat(entry.get("hash").asText()).hasSize(64);
            assertThat(entry.get("orgId").asText()).isNotBlank();
        }
        String someId = all.get(0).get("id").asText();
        assertThat(adminApi().get("/api/v1/audit-log/" + someId).json().get("seq").asLong())
                .isEqualTo(all.get(0).get("seq").asLong());

        JsonNode verification = adminApi().get("/api/v1/audit-log/verify").json();
        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("entriesChecked").asLong()).isGreaterThanOrEqualTo(all.size());

        Response from = adminApi().get("/api/v1/audit-log?from=not-a-date");
        assertThat(from.status()).isEqualTo(400);
        assertThat(from.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
    }

    @Test
    void malformedJsonGets400NamingThePosition() {
        Response r = adminApi().raw("POST", "/api/v1/invitations", "{\n  \"email\": \"a@b.example\",\n  \"role\" \"ADMIN\"\n}",
                "application/json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asText()).endsWith("/malformed-request");
        assertThat(r.json().get("detail").asText()).contains("line 3");
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamed() {
        Response unknown = adminApi().raw("POST", "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"ADMIN\",\"orgId\":\"evil\"}",
                "application/json");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asText()).contains("orgId");
        Response wrongType = adminApi().raw("POST", "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"ADMIN\",\"expiresInDays\":\"soon\"}",
                "application/json");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("field").asText()).isEqualTo("expiresInDays");
    }

    @Test
    void wrongMediaTypeGets415AndOversizedBodyGets413() {
        Response text = adminApi().raw("POST", "/api/v1/invitations", "email=a@b.example", "text/plain");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("type").asText()).endsWith("/unsupported-media-type");
        String huge = "{\"email\":\"" + "a".repeat(1_100_000) + "@b.example\",\"role\":\"EMPLOYEE\"}";
        Response big = adminApi().raw("POST", "/api/v1/invitations", huge, "application/json");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("type").asText()).endsWith("/payload-too-large");
    }

    @Test
    void invalidInputGetsFieldErrorsAndWritesNothing() {
        long invitationsBefore = jdbc.sql("SELECT COUNT(*) FROM invitation").query(Long.class).single();
        long auditBefore = auditCount();
        Response bad = adminApi().post("/api/v1/invitations", body("email", "not-an-email", "role", "OWNER"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("type").asText()).endsWith("/validation-failed");
        assertThat(bad.json().get("errors").findValuesAsString("field")).contains("role");
        Response badEmail = adminApi().post("/api/v1/invitations", body("email", "not-an-email", "role", "EMPLOYEE"));
        assertThat(badEmail.json().get("errors").get(0).get("field").asText()).isEqualTo("email");
        assertThat(badEmail.json().get("errors").get(0).get("message").asText()).contains("not a valid email");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM invitation").query(Long.class).single()).isEqualTo(invitationsBefore);
        assertThat(auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void weakPasswordOnInvitationAcceptanceGetsAFieldErrorAndCreatesNoAccount() {
        String email = uniqueEmail("weak");
        String link = adminApi().post("/api/v1/invitations", body("email", email, "role", "EMPLOYEE")).json()
                .get("acceptUrl").asText();
        var session = browserlessSession();
        String path = link.substring(link.indexOf("/invite/"));
        session.get(path);
        var page = session.post(path, Map.of("displayName", "Weak Pass", "password", "password1234"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("commonly used");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE email = :e").param("e", email).query(Integer.class).single())
                .isZero();
    }

    @Test
    void unknownIdsAndUnknownRoutesGet404AndMissingTokenGets401() {
        String random = UUID.randomUUID().toString();
        for (String path : List.of("/api/v1/members/" + random, "/api/v1/invitations/" + random, "/api/v1/tokens/" + random,
                "/api/v1/audit-log/" + random, "/api/v1/members/not-a-uuid", "/api/v1/no-such-thing")) {
            Response r = adminApi().get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
        }
        Response anonymous = api(null).get("/api/v1/members");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("type").asText()).endsWith("/unauthenticated");
        Response explained = api(null).get(anonymous.json().get("type").asText(), "text/html");
        assertThat(explained.status()).as("problem type URIs resolve to documentation").isEqualTo(200);
        assertThat(explained.body()).contains("Authorization: Bearer");
        assertThat(api("evd_forged").get("/api/v1/members").status()).isEqualTo(401);
    }

    @Test
    void openApiDescribesEveryEndpoint() {
        Response spec = api(null).get("/api/openapi.json");
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).contains("/api/v1/members/{userId}", "/api/v1/tokens", "/api/v1/audit-log/verify",
                "/api/v1/programs/{programId}/readiness", "/api/v1/controls/library/adopt", "/api/v1/controls/import");
        assertThat(spec.body()).as("the caller is resolved from the token, not a parameter")
                .doesNotContain("\"name\":\"actor\"");
    }

    @Test
    void healthIsPublicAndMetricsNeedAnAdminToken() {
        assertThat(api(null).get("/actuator/health/liveness").body()).contains("UP");
        assertThat(api(null).get("/actuator/health/readiness").body()).contains("UP");
        assertThat(api(null).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api(createToken("AUDITOR")).get("/actuator/prometheus").status()).isEqualTo(403);
        Response metrics = adminApi().get("/actuator/prometheus", "text/plain");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void removingOrDemotingAMemberRevokesTheTokensTheyCreated() {
        String userId = joinedMember("EMPLOYEE");
        long version = adminApi().get("/api/v1/members/" + userId).json().get("version").asLong();
        adminApi().patch("/api/v1/members/" + userId, body("role", "COMPLIANCE_MANAGER", "version", version));
        // tokens created by the member themself (as the UI would, through the service)
        String managerToken = createTokenAs(userId, "COMPLIANCE_MANAGER");
        String auditorToken = createTokenAs(userId, "AUDITOR");
        version = adminApi().get("/api/v1/members/" + userId).json().get("version").asLong();
        adminApi().patch("/api/v1/members/" + userId, body("role", "AUDITOR", "version", version));
        assertThat(api(managerToken).get("/api/v1/me").status()).as("a token beyond the new role dies").isEqualTo(401);
        assertThat(api(auditorToken).get("/api/v1/me").status()).as("a token within the new role lives").isEqualTo(200);
        assertThat(adminApi().delete("/api/v1/members/" + userId).status()).isEqualTo(204);
        assertThat(api(auditorToken).get("/api/v1/me").status()).as("removal revokes everything").isEqualTo(401);
        var revoked = adminApi().get("/api/v1/audit-log?action=api_token.revoked&limit=1000").json().get("items");
        assertThat(revoked.findValuesAsString("reason")).contains("creator removed from the organization");
    }

    @Test
    void revokingATokenFollowsTheNoEscalationRule() {
        ApiClient manager = api(createToken("COMPLIANCE_MANAGER"));
        String adminTokenId = adminApi().post("/api/v1/tokens", body("name", "admin automation", "role", "ADMIN")).json()
                .get("token").get("id").asText();
        assertThat(manager.delete("/api/v1/tokens/" + adminTokenId).status()).isEqualTo(403);
        assertThat(adminApi().delete("/api/v1/tokens/" + adminTokenId).status()).isEqualTo(204);
    }

    @Test
    void aChunkedBodyOverTheLimitGets413() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        byte[] chunk = ("{\"email\":\"" + "a".repeat(1_100_000) + "@b.example\",\"role\":\"EMPLOYEE\"}").getBytes();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/invitations"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunk)))
                .build();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload-too-large");
    }

    @Test
    void referenceFrameworksListTheSixtyOneTrustServicesCriteria() {
        ApiClient employee = api(createToken("EMPLOYEE"));
        JsonNode frameworks = employee.get("/api/v1/frameworks").json();
        assertThat(frameworks.get("items").findValuesAsString("id")).contains("soc2-2017", "dc-200");
        assertThat(frameworks.get("nextCursor").isNull()).isTrue();

        List<String> criteria = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = employee.get("/api/v1/frameworks/soc2-2017/requirements?leaf=true&limit=25"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(r -> criteria.add(r.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(criteria).hasSize(61).doesNotHaveDuplicates().contains("CC1.1", "CC6.1", "A1.2", "PI1.5", "C1.2", "P8.1");

        JsonNode availability = employee.get("/api/v1/frameworks/soc2-2017/requirements?leaf=true&category=availability").json();
        assertThat(availability.get("items").findValuesAsString("id")).containsExactly("A1.1", "A1.2", "A1.3");
        JsonNode cc61 = employee.get("/api/v1/frameworks/soc2-2017/requirements?limit=1000").json().get("items");
        cc61.forEach(r -> {
            if (r.get("id").asText().equals("CC6.1")) {
                assertThat(r.get("parentId").asText()).isEqualTo("CC6");
            }
        });
        assertThat(employee.get("/api/v1/frameworks/iso-27001/requirements").status()).isEqualTo(404);
    }

    @Autowired
    dev.evident.identity.internal.TokenService tokenService;

    private String createTokenAs(String userId, String role) {
        UUID org = UUID.fromString(adminApi().get("/api/v1/organization").json().get("id").asText());
        var actor = new dev.evident.shared.security.Actor(dev.evident.shared.security.ActorType.USER, UUID.fromString(userId),
                "member", org, dev.evident.shared.security.Role.parse(role), UUID.fromString(userId), null);
        return tokenService.create(actor, role + " token of member", dev.evident.shared.security.Role.parse(role), null).secret();
    }

    /** Invites someone and accepts the invitation; returns the new member's user id. */
    String joinedMember(String role) {
        String email = uniqueEmail(role.toLowerCase());
        String link = adminApi().post("/api/v1/invitations", body("email", email, "role", role)).json().get("acceptUrl").asText();
        var session = browserlessSession();
        String path = link.substring(link.indexOf("/invite/"));
        session.get(path);
        session.post(path, Map.of("displayName", "Member " + role, "password", "a long and unusual passphrase"));
        JsonNode members = adminApi().get("/api/v1/members?limit=1000").json().get("items");
        for (JsonNode m : members) {
            if (m.get("email").asText().equals(email)) {
                return m.get("userId").asText();
            }
        }
        throw new AssertionError("member " + email + " did not join");
    }
}
