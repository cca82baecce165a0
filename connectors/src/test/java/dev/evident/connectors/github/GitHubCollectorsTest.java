package dev.evident.connectors.github;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.github.GitHubTestSupport.NOW;
import static dev.evident.connectors.github.GitHubTestSupport.attributes;
import static dev.evident.connectors.github.GitHubTestSupport.collect;
import static dev.evident.connectors.github.GitHubTestSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/** Each collector against responses shaped like GitHub's REST API reference (API version 2022-11-28). */
class GitHubCollectorsTest {

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestClock clock = new TestClock(NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    private static final String ALICE = "{\"login\":\"alice\",\"id\":101,\"type\":\"User\",\"site_admin\":false}";
    private static final String BOB = "{\"login\":\"bob\",\"id\":102,\"type\":\"User\",\"site_admin\":false}";
    private static final String CAROL = "{\"login\":\"carol\",\"id\":103,\"type\":\"User\",\"site_admin\":false}";
    private static final String DAVE = "{\"login\":\"dave\",\"id\":104,\"type\":\"User\",\"site_admin\":false}";

    @BeforeEach
    void repositories() {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).withQueryParam("type", equalTo("all"))
                .withQueryParam("per_page", equalTo("100"))
                .willReturn(okJson("""
                        [{"id":11,"name":"api","full_name":"acme/api","private":true,"visibility":"private","archived":false,"default_branch":"main"},
                         {"id":12,"name":"docs","full_name":"acme/docs","private":false,"visibility":"public","archived":false,"default_branch":"main"},
                         {"id":13,"name":"web","full_name":"acme/web","private":true,"visibility":"internal","archived":true,"default_branch":"trunk"}]""")));
    }

    private GitHubConnector connector(Map<String, String> overrides) {
        return GitHubTestSupport.connector(github.baseUrl(), clock, sleeper, overrides);
    }

    private List<CollectedResource> collectAll(String type) throws CollectionException {
        return collect(connector(Map.of()), type, clock, null);
    }

    private static Map<String, JsonNode> byLogin(List<CollectedResource> resources) {
        return resources.stream().collect(Collectors.toMap(r -> attributes(r).get("login").asString(),
                GitHubTestSupport::attributes));
    }

    @Test
    void organizationSettingsAreRead() throws Exception {
        String body = """
                {"login":"acme","id":1,"name":"Acme Inc","two_factor_requirement_enabled":true,\
                "default_repository_permission":"read","members_can_create_public_repositories":false}""";
        github.stubFor(get("/orgs/acme").willReturn(okJson(body)));

        CollectedResource org = collectAll("github.organization").get(0);

        assertThat(org.externalId()).isEqualTo("acme");
        assertThat(org.displayName()).isEqualTo("Acme Inc");
        assertThat(org.rawDigest()).isEqualTo(sha256(body));
        assertThat(org.collectedAt()).isEqualTo(NOW);
        JsonNode attributes = attributes(org);
        assertThat(attributes.get("twoFactorRequirementEnabled").booleanValue()).isTrue();
        assertThat(attributes.get("defaultRepositoryPermission").asString()).isEqualTo("read");
        assertThat(attributes.get("membersCanCreatePublicRepositories").booleanValue()).isFalse();
    }

    @Test
    void enterpriseServerBaseUrlWithApiPathIsKept() throws Exception {
        github.stubFor(get("/api/v3/orgs/acme").willReturn(okJson("{\"login\":\"acme\",\"id\":1}")));

        List<CollectedResource> orgs = collect(GitHubTestSupport.connector(github.baseUrl() + "/api/v3/", clock, sleeper,
                Map.of()), "github.organization", clock, null);

        assertThat(orgs).extracting(CollectedResource::externalId).containsExactly("acme");
    }

    @Test
    void organizationSettingsOnlyOwnersSeeAreNullNotFalse() throws Exception {
        github.stubFor(get("/orgs/acme").willReturn(okJson("{\"login\":\"acme\",\"id\":1,\"name\":null}")));

        JsonNode attributes = attributes(collectAll("github.organization").get(0));

        assertThat(attributes.get("twoFactorRequirementEnabled").isNull()).isTrue();
        assertThat(attributes.get("defaultRepositoryPermission").isNull()).isTrue();
    }

    @Test
    void membersAcrossPagesWithRolesAndTwoFactorStatus() throws Exception {
        String page2 = github.baseUrl() + "/organizations/1/members?role=member&per_page=100&page=2";
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("role", equalTo("admin"))
                .willReturn(okJson("[" + ALICE + "]")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("role", equalTo("member"))
                .willReturn(okJson("[" + BOB + "," + CAROL + "]")
                        .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\"")));
        github.stubFor(get(urlPathEqualTo("/organizations/1/members")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("[" + DAVE + "]")
                        .withHeader("Link", "<" + github.baseUrl() + "/organizations/1/members?role=member&per_page=100&page=1>; rel=\"prev\"")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("filter", equalTo("2fa_disabled"))
                .willReturn(okJson("[" + BOB + "]")));

        List<CollectedResource> members = collectAll("github.member");

        assertThat(members).extracting(CollectedResource::displayName).containsExactly("alice", "bob", "carol", "dave");
        Map<String, JsonNode> byLogin = byLogin(members);
        assertThat(byLogin.get("alice").get("role").asString()).isEqualTo("admin");
        assertThat(byLogin.get("dave").get("role").asString()).isEqualTo("member");
        assertThat(byLogin.get("bob").get("twoFactorEnabled").booleanValue()).isFalse();
        assertThat(byLogin.get("carol").get("twoFactorEnabled").booleanValue()).isTrue();
        assertThat(byLogin.get("alice").get("email").isNull()).isTrue();
        assertThat(members.get(0).externalId()).isEqualTo("101");
        assertThat(members.get(0).rawDigest()).as("digest of the member's own JSON").isEqualTo(sha256(ALICE));
        github.verify(1, getRequestedFor(urlPathEqualTo("/organizations/1/members")));
    }

    @Test
    void twoFactorStatusIsUnknownWhenTheTokenMayNotUseTheFilter() throws Exception {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("role", equalTo("admin"))
                .willReturn(okJson("[]")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("role", equalTo("member"))
                .willReturn(okJson("[" + BOB + "]")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("filter", equalTo("2fa_disabled"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Must be an organization owner.\"}")));

        JsonNode bob = attributes(collectAll("github.member").get(0));

        assertThat(bob.get("twoFactorEnabled").isNull()).isTrue();
    }

    @Test
    void profilesAddNameAndPublicEmailWhenEnabled() throws Exception {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("role", equalTo("admin"))
                .willReturn(okJson("[" + ALICE + "]")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("role", equalTo("member"))
                .willReturn(okJson("[" + BOB + "]")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/members")).withQueryParam("filter", equalTo("2fa_disabled"))
                .willReturn(okJson("[]")));
        github.stubFor(get("/users/alice").willReturn(okJson(
                "{\"login\":\"alice\",\"id\":101,\"name\":\"Alice Archer\",\"email\":\"alice@acme.example\"}")));
        github.stubFor(get("/users/bob").willReturn(okJson("{\"login\":\"bob\",\"id\":102,\"name\":null,\"email\":null}")));

        Map<String, JsonNode> byLogin = byLogin(collect(connector(Map.of("readProfiles", "true")), "github.member", clock, null));

        assertThat(byLogin.get("alice").get("name").asString()).isEqualTo("Alice Archer");
        assertThat(byLogin.get("alice").get("email").asString()).isEqualTo("alice@acme.example");
        assertThat(byLogin.get("bob").get("email").isNull()).isTrue();
    }

    private void outsideCollaborators(String body) {
        github.stubFor(get(urlPathEqualTo("/orgs/acme/outside_collaborators")).withQueryParam("filter", equalTo("2fa_disabled"))
                .willReturn(okJson("[]")));
        github.stubFor(get(urlPathEqualTo("/orgs/acme/outside_collaborators")).withQueryParam("per_page", equalTo("100"))
                .atPriority(10).willReturn(okJson(body)));
    }

    /** A collaborator as "List repository collaborators" returns it: permissions hash and role_name. */
    private static String collaborator(String login, int id, String role) {
        boolean admin = role.equals("admin");
        boolean push = admin || role.equals("maintain") || role.equals("write");
        return "{\"login\":\"" + login + "\",\"id\":" + id + ",\"type\":\"User\",\"site_admin\":false,"
                + "\"permissions\":{\"pull\":true,\"triage\":" + !role.equals("read") + ",\"push\":" + push
                + ",\"maintain\":" + (admin || role.equals("maintain")) + ",\"admin\":" + admin + "},"
                + "\"role_name\":\"" + role + "\"}";
    }

    @Test
    void outsideCollaboratorsHaveNoRoleAndCarryTheirRepositoryPermissions() throws Exception {
        outsideCollaborators("[{\"login\":\"eve\",\"id\":201},{\"login\":\"frank\",\"id\":202},{\"login\":\"gina\",\"id\":203}]");
        // acme/api: two pages; acme/docs: none; acme/web: deleted while the sync ran
        String page2 = github.baseUrl() + "/repositories/11/collaborators?affiliation=outside&per_page=100&page=2";
        github.stubFor(get(urlPathEqualTo("/repos/acme/api/collaborators")).withQueryParam("affiliation", equalTo("outside"))
                .withQueryParam("per_page", equalTo("100")).atPriority(10)
                .willReturn(okJson("[" + collaborator("eve", 201, "admin") + "]")
                        .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\"")));
        github.stubFor(get(urlPathEqualTo("/repositories/11/collaborators")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("[" + collaborator("frank", 202, "write") + "]")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/docs/collaborators")).willReturn(okJson(
                "[" + collaborator("frank", 202, "read") + "]")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/web/collaborators")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));

        Map<String, JsonNode> collaborators = byLogin(collectAll("github.outside_collaborator"));

        assertThat(collaborators).containsOnlyKeys("eve", "frank", "gina");
        JsonNode eve = collaborators.get("eve");
        assertThat(eve.has("role")).isFalse();
        assertThat(eve.get("twoFactorEnabled").booleanValue()).isTrue();
        assertThat(eve.get("adminRepositories").toString()).isEqualTo("[\"acme/api\"]");
        assertThat(eve.get("repositories").get(0).get("role").asString()).isEqualTo("admin");
        JsonNode frank = collaborators.get("frank");
        assertThat(frank.get("adminRepositories")).isEmpty();
        assertThat(frank.get("repositories").findValuesAsString("repository")).containsExactly("acme/api", "acme/docs");
        assertThat(frank.get("repositories").findValuesAsString("role")).containsExactly("write", "read");
        assertThat(collaborators.get("gina").get("repositories")).isEmpty();
        github.verify(getRequestedFor(urlPathEqualTo("/repositories/11/collaborators")));
    }

    @Test
    void aTokenThatMayNotListCollaboratorsFailsTheTypeNamingThePermission() {
        outsideCollaborators("[{\"login\":\"eve\",\"id\":201}]");
        github.stubFor(get(urlPathEqualTo("/repos/acme/api/collaborators")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Must have push access to view repository collaborators.\",\"status\":\"403\"}")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> collectAll("github.outside_collaborator"))
                .isInstanceOf(CollectionException.class).hasMessageContaining("403").hasMessageContaining("Metadata: read");
    }

    @Test
    void repositoryProtectionFromBranchProtectionRulesetOrNothing() throws Exception {
        String protection = """
                {"url":"https://api.github.com/repos/acme/api/branches/main/protection",
                 "required_status_checks":{"strict":true,"contexts":["ci/build"],"checks":[{"context":"ci/build","app_id":null},{"context":"ci/test","app_id":15368}]},
                 "enforce_admins":{"url":"https://api.github.com/repos/acme/api/branches/main/protection/enforce_admins","enabled":true},
                 "required_pull_request_reviews":{"dismiss_stale_reviews":true,"require_code_owner_reviews":false,"required_approving_review_count":2},
                 "required_linear_history":{"enabled":true},
                 "allow_force_pushes":{"enabled":false},
                 "allow_deletions":{"enabled":false}}""";
        github.stubFor(get("/repos/acme/api/branches/main/protection").willReturn(okJson(protection)));
        github.stubFor(get(urlPathEqualTo("/repos/acme/api/rules/branches/main")).willReturn(okJson("[]")));
        github.stubFor(get("/repos/acme/docs/branches/main/protection").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Branch not protected\",\"documentation_url\":\"https://docs.github.com/rest/branches/branch-protection#get-branch-protection\",\"status\":\"404\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/docs/rules/branches/main")).willReturn(okJson("[]")));
        github.stubFor(get("/repos/acme/web/branches/trunk/protection").willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Branch not protected\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/web/rules/branches/trunk")).willReturn(okJson("""
                [{"type":"pull_request","ruleset_source_type":"Organization","ruleset_source":"acme","ruleset_id":42,
                  "parameters":{"required_approving_review_count":1,"dismiss_stale_reviews_on_push":false,"require_code_owner_review":true,
                                "require_last_push_approval":false,"required_review_thread_resolution":false}},
                 {"type":"required_status_checks","ruleset_source_type":"Repository","ruleset_source":"acme/web","ruleset_id":43,
                  "parameters":{"strict_required_status_checks_policy":false,"required_status_checks":[{"context":"build","integration_id":15368}]}},
                 {"type":"non_fast_forward","ruleset_source_type":"Repository","ruleset_source":"acme/web","ruleset_id":43},
                 {"type":"deletion","ruleset_source_type":"Repository","ruleset_source":"acme/web","ruleset_id":43}]""")));

        Map<String, CollectedResource> repos = collectAll("github.repository").stream()
                .collect(Collectors.toMap(CollectedResource::displayName, Function.identity()));

        JsonNode api = attributes(repos.get("acme/api"));
        assertThat(api.get("protected").booleanValue()).isTrue();
        assertThat(api.get("protectionSource").asString()).isEqualTo("branch_protection");
        assertThat(api.get("requiredApprovingReviews").intValue()).isEqualTo(2);
        assertThat(api.get("dismissStaleReviews").booleanValue()).isTrue();
        assertThat(api.get("requireCodeOwnerReviews").booleanValue()).isFalse();
        assertThat(api.get("enforceAdmins").booleanValue()).isTrue();
        assertThat(api.get("requiredStatusChecks").valueStream().map(JsonNode::asString)).containsExactly("ci/build", "ci/test");
        assertThat(api.get("allowForcePushes").booleanValue()).isFalse();
        assertThat(api.get("visibility").asString()).isEqualTo("private");
        assertThat(repos.get("acme/api").externalId()).isEqualTo("11");

        JsonNode docs = attributes(repos.get("acme/docs"));
        assertThat(docs.get("protected").booleanValue()).isFalse();
        assertThat(docs.get("protectionSource").asString()).isEqualTo("none");
        assertThat(docs.get("requiredApprovingReviews").intValue()).isZero();
        assertThat(docs.get("allowForcePushes").booleanValue()).isTrue();
        assertThat(docs.get("allowDeletions").booleanValue()).isTrue();

        JsonNode web = attributes(repos.get("acme/web"));
        assertThat(web.get("protected").booleanValue()).isTrue();
        assertThat(web.get("protectionSource").asString()).isEqualTo("ruleset");
        assertThat(web.get("requiredApprovingReviews").intValue()).isEqualTo(1);
        assertThat(web.get("requireCodeOwnerReviews").booleanValue()).isTrue();
        assertThat(web.get("enforceAdmins").isNull()).as("bypass actors are not visible in branch rules").isTrue();
        assertThat(web.get("requiredStatusChecks").valueStream().map(JsonNode::asString)).containsExactly("build");
        assertThat(web.get("allowForcePushes").booleanValue()).isFalse();
        assertThat(web.get("allowDeletions").booleanValue()).isFalse();
        assertThat(web.get("archived").booleanValue()).isTrue();
        assertThat(web.get("defaultBranch").asString()).isEqualTo("trunk");
    }

    @Test
    void branchProtectionAndRulesetCombineToTheStricterSetting() throws Exception {
        github.stubFor(get(urlPathEqualTo("/repos/acme/api/branches/main/protection")).willReturn(okJson("""
                {"required_pull_request_reviews":{"dismiss_stale_reviews":false,"require_code_owner_reviews":false,"required_approving_review_count":1},
                 "enforce_admins":{"enabled":false},"allow_force_pushes":{"enabled":true},"allow_deletions":{"enabled":false}}""")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/api/rules/branches/main")).willReturn(okJson("""
                [{"type":"pull_request","ruleset_id":42,"parameters":{"required_approving_review_count":2,"dismiss_stale_reviews_on_push":true,"require_code_owner_review":false}},
                 {"type":"non_fast_forward","ruleset_id":42}]""")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/docs/branches/main/protection")).willReturn(aResponse().withStatus(404)));
        github.stubFor(get(urlPathEqualTo("/repos/acme/docs/rules/branches/main")).willReturn(okJson("[]")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/web/branches/trunk/protection")).willReturn(aResponse().withStatus(404)));
        github.stubFor(get(urlPathEqualTo("/repos/acme/web/rules/branches/trunk")).willReturn(okJson("[]")));

        JsonNode api = attributes(collectAll("github.repository").get(0));

        assertThat(api.get("protectionSource").asString()).isEqualTo("both");
        assertThat(api.get("requiredApprovingReviews").intValue()).isEqualTo(2);
        assertThat(api.get("dismissStaleReviews").booleanValue()).isTrue();
        assertThat(api.get("allowForcePushes").booleanValue()).as("the ruleset blocks force pushes").isFalse();
    }

    @Test
    void readingBranchProtectionWithoutAdministrationPermissionFailsNamingIt() {
        github.stubFor(get(urlPathEqualTo("/repos/acme/api/branches/main/protection")).willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible by integration\"}")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> collectAll("github.repository"))
                .hasMessageContaining("Administration: read")
                .hasMessageContaining("Resource not accessible by integration");
    }

    private void stubPullRequests() {
        github.stubFor(get(urlPathEqualTo("/repos/acme/api/pulls")).withQueryParam("state", equalTo("closed"))
                .withQueryParam("sort", equalTo("updated")).withQueryParam("direction", equalTo("desc"))
                .withQueryParam("per_page", equalTo("100"))
                .willReturn(okJson("""
                        [{"number":7,"state":"closed","title":"Add login","user":{"login":"alice"},"updated_at":"2026-06-10T10:05:00Z","merged_at":"2026-06-10T10:00:00Z"},
                         {"number":6,"state":"closed","title":"Abandoned","user":{"login":"bob"},"updated_at":"2026-06-01T09:00:00Z","merged_at":null},
                         {"number":5,"state":"closed","title":"Hotfix","user":{"login":"alice"},"updated_at":"2026-05-20T08:00:00Z","merged_at":"2026-05-20T07:59:00Z"},
                         {"number":3,"state":"closed","title":"Old","user":{"login":"alice"},"updated_at":"2026-01-02T08:00:00Z","merged_at":"2026-01-02T08:00:00Z"}]""")
                        .withHeader("Link", "<" + github.baseUrl() + "/repositories/11/pulls?state=closed&page=2>; rel=\"next\"")));
        github.stubFor(get(urlPathEqualTo("/repositories/11/pulls")).willReturn(okJson("[]")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/docs/pulls")).willReturn(okJson("[]")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/web/pulls")).willReturn(okJson("[]")));
        github.stubFor(get("/repos/acme/api/pulls/7").willReturn(okJson("""
                {"number":7,"state":"closed","title":"Add login","user":{"login":"alice"},"merged":true,
                 "merged_at":"2026-06-10T10:00:00Z","merged_by":{"login":"bob"},"base":{"ref":"main"},
                 "html_url":"https://github.com/acme/api/pull/7"}""")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/api/pulls/7/reviews")).willReturn(okJson("""
                [{"id":1,"user":{"login":"alice"},"state":"COMMENTED","submitted_at":"2026-06-09T08:00:00Z"},
                 {"id":2,"user":{"login":"bob"},"state":"CHANGES_REQUESTED","submitted_at":"2026-06-09T09:00:00Z"},
                 {"id":3,"user":{"login":"bob"},"state":"APPROVED","submitted_at":"2026-06-10T09:00:00Z"},
                 {"id":4,"user":{"login":"carol"},"state":"APPROVED","submitted_at":"2026-06-09T09:30:00Z"},
                 {"id":5,"user":{"login":"carol"},"state":"DISMISSED","submitted_at":"2026-06-10T09:30:00Z"},
                 {"id":6,"user":{"login":"dave"},"state":"COMMENTED","submitted_at":"2026-06-10T09:40:00Z"}]""")));
        github.stubFor(get("/repos/acme/api/pulls/5").willReturn(okJson("""
                {"number":5,"title":"Hotfix","user":{"login":"alice"},"merged_at":"2026-05-20T07:59:00Z",
                 "merged_by":{"login":"alice"},"base":{"ref":"main"},"html_url":"https://github.com/acme/api/pull/5"}""")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/api/pulls/5/reviews")).willReturn(okJson(
                "[{\"id\":9,\"user\":{\"login\":\"alice\"},\"state\":\"APPROVED\",\"submitted_at\":\"2026-05-20T07:58:00Z\"}]")));
    }

    @Test
    void pullRequestsMergedInTheLastNinetyDaysWithTheirReviews() throws Exception {
        stubPullRequests();

        List<CollectedResource> pulls = collectAll("github.pull_request");

        assertThat(pulls).extracting(CollectedResource::externalId).containsExactly("api#7", "api#5");
        JsonNode seven = attributes(pulls.get(0));
        assertThat(seven.get("repository").asString()).isEqualTo("api");
        assertThat(seven.get("author").asString()).isEqualTo("alice");
        assertThat(seven.get("mergedBy").asString()).isEqualTo("bob");
        assertThat(seven.get("mergedAt").asString()).isEqualTo("2026-06-10T10:00:00Z");
        assertThat(seven.get("baseBranch").asString()).isEqualTo("main");
        assertThat(seven.get("url").asString()).isEqualTo("https://github.com/acme/api/pull/7");
        assertThat(seven.get("reviews")).hasSize(6);
        assertThat(seven.get("reviews").get(2).get("reviewer").asString()).isEqualTo("bob");
        assertThat(seven.get("reviews").get(2).get("state").asString()).isEqualTo("APPROVED");
        assertThat(seven.get("approvals").intValue()).as("bob approved last; carol's approval was dismissed").isEqualTo(1);
        assertThat(seven.get("selfMerged").booleanValue()).isFalse();

        JsonNode five = attributes(pulls.get(1));
        assertThat(five.get("approvals").intValue()).as("the author's own approval does not count").isZero();
        assertThat(five.get("selfMerged").booleanValue()).isTrue();
        github.verify(0, getRequestedFor(urlPathEqualTo("/repositories/11/pulls")));
        github.verify(0, getRequestedFor(urlPathEqualTo("/repos/acme/api/pulls/3")));
    }

    @Test
    void incrementalRunReadsOnlyPullRequestsMergedSinceTheLastRun() throws Exception {
        stubPullRequests();

        List<CollectedResource> pulls = collect(connector(Map.of()), "github.pull_request", clock,
                Instant.parse("2026-06-01T00:00:00Z"));

        assertThat(pulls).extracting(CollectedResource::externalId).containsExactly("api#7");
        github.verify(0, getRequestedFor(urlPathEqualTo("/repos/acme/api/pulls/5")));
    }

    @Test
    void openDependabotAlertsWithSeverityAndAge() throws Exception {
        String alert = """
                {"number":3,"state":"open","dependency":{"package":{"ecosystem":"npm","name":"lodash"},"manifest_path":"package-lock.json","scope":"runtime"},\
                "security_advisory":{"ghsa_id":"GHSA-jf85-cpcp-j695","cve_id":"CVE-2019-10744","summary":"Prototype Pollution in lodash","severity":"critical"},\
                "security_vulnerability":{"package":{"ecosystem":"npm","name":"lodash"},"severity":"critical","vulnerable_version_range":"< 4.17.12"},\
                "url":"https://api.github.com/repos/acme/api/dependabot/alerts/3","html_url":"https://github.com/acme/api/security/dependabot/3",\
                "created_at":"2026-05-16T12:00:00Z","updated_at":"2026-05-16T12:00:00Z","repository":{"id":11,"name":"api","full_name":"acme/api"}}""";
        github.stubFor(get(urlPathEqualTo("/orgs/acme/dependabot/alerts")).withQueryParam("state", equalTo("open"))
                .willReturn(okJson("[" + alert + "]")));

        List<CollectedResource> alerts = collectAll("github.dependabot_alert");

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).externalId()).isEqualTo("api#3");
        assertThat(alerts.get(0).rawDigest()).isEqualTo(sha256(alert));
        JsonNode attributes = attributes(alerts.get(0));
        assertThat(attributes.get("severity").asString()).isEqualTo("critical");
        assertThat(attributes.get("packageName").asString()).isEqualTo("lodash");
        assertThat(attributes.get("ecosystem").asString()).isEqualTo("npm");
        assertThat(attributes.get("ghsaId").asString()).isEqualTo("GHSA-jf85-cpcp-j695");
        assertThat(attributes.get("cveId").asString()).isEqualTo("CVE-2019-10744");
        assertThat(attributes.get("ageDays").intValue()).isEqualTo(30);
        assertThat(attributes.get("url").asString()).isEqualTo("https://github.com/acme/api/security/dependabot/3");
    }
}
