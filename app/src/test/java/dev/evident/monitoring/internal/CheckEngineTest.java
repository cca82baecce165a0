package dev.evident.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.monitoring.InMemoryInventory;
import dev.evident.monitoring.internal.CheckDefinition.Severity;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import dev.evident.monitoring.internal.CheckEvaluator.SyncFailure;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckEngineTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private final CheckCompiler compiler = new CheckCompiler();
    private final InMemoryInventory inventory = new InMemoryInventory();
    private final UUID org = UUID.randomUUID();
    private final UUID github = UUID.randomUUID();
    private final UUID hr = UUID.randomUUID();

    private static CheckDefinition check(String type, String expression, List<CheckJoin> joins, Map<String, Object> params) {
        return new CheckDefinition("test.check", "Test", null, type, expression, Severity.HIGH, List.of("AC-02"), null,
                params, joins);
    }

    private Map<String, ResourceResult> run(CheckDefinition d, SyncFailure failure) {
        Map<String, ResourceResult> byId = new HashMap<>();
        CheckEvaluator.evaluate(compiler.compile(d), d.parameters(), new InventorySnapshot(inventory, org), NOW,
                        failure == null ? List.of() : List.of(failure))
                .forEach(r -> byId.put(r.resourceKey().substring(r.resourceKey().indexOf('/') + 1), r));
        return byId;
    }

    private FieldError compileError(String expression) {
        try {
            compiler.compile(check("github.member", expression, List.of(), Map.of()));
        } catch (InvalidInputException e) {
            return e.errors().get(0);
        }
        throw new AssertionError("compiled: " + expression);
    }

    @Test
    void syntaxErrorsNameTheLineAndColumn() {
        FieldError error = compileError("resource.attributes.role == \"admin\" &&\n  resource.attributes.login ==");
        assertThat(error.field()).isEqualTo("expression");
        assertThat(error.location().line()).isEqualTo(2);
        assertThat(error.location().column()).isEqualTo(31);
        assertThat(error.message()).startsWith("line 2, column 31:");
    }

    @Test
    void unknownVariablesAndWrongResultTypesAreCompileErrors() {
        FieldError undeclared = compileError("resource.attributes.x == 1 && members.size() > 0");
        assertThat(undeclared.message()).contains("undeclared reference to 'members'");
        assertThat(undeclared.location().column()).isEqualTo(31);
        assertThat(compileError("1 + 2").message()).contains("yields int");
        assertThatThrownBy(() -> compiler.compile(check("github.member", "x".repeat(CheckCompiler.MAX_EXPRESSION + 1),
                List.of(), Map.of()))).isInstanceOf(InvalidInputException.class).hasMessageContaining("at most");
    }

    @Test
    void misspeltAttributesOfKnownTypesAreCompileErrorsAtTheirPosition() {
        FieldError direct = compileError("resource.attributes.role == 'admin' || resource.attributes.twoFactorEnable");
        assertThat(direct.message()).contains("github.member has no attribute 'twoFactorEnable'");
        assertThat(direct.location().line()).isEqualTo(1);
        assertThat(direct.location().column()).isEqualTo(59);
        assertThatThrownBy(() -> compiler.compile(check("hr.person", "members.exists(m, m.attributes.rol == 'admin')",
                List.of(new CheckJoin("members", "github.member", "person", null, null)), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.errors().get(0).message()).contains("has no attribute 'rol'"));
        List<CheckJoin> twoSources = List.of(new CheckJoin("members", "github.member", "person", null, null),
                new CheckJoin("oktaUsers", "okta.user", "person", null, null));
        compiler.compile(check("hr.person", "members.exists(a, a.attributes.login == 'x') || oktaUsers.exists(a, a.attributes.active)",
                twoSources, Map.of()));
        assertThatThrownBy(() -> compiler.compile(check("hr.person",
                "members.exists(a, a.attributes.login == 'x') || oktaUsers.exists(a, a.attributes.logn == 'x')", twoSources, Map.of())))
                .as("a variable name reused over another join is checked against that join's type")
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.message()).contains("okta.user has no attribute 'logn'")));
        // a type no built-in connector produces is read as it comes
        compiler.compile(check("acme.widget", "resource.attributes.anything == true", List.of(), Map.of()));
    }

    @Test
    void boolStringAndMapResultsGiveOutcomesAndReasons() {
        inventory.put(org, github, "github", "github.member", "1", "ann", null, Map.of("login", "ann", "role", "admin"));
        inventory.put(org, github, "github", "github.member", "2", "bob", null, Map.of("login", "bob", "role", "member"));
        assertThat(run(check("github.member", "resource.attributes.role == 'member'", List.of(), Map.of()), null))
                .satisfies(r -> {
                    assertThat(r.get("1").outcome()).isEqualTo(Outcome.FAIL);
                    assertThat(r.get("2").outcome()).isEqualTo(Outcome.PASS);
                });
        var strings = run(check("github.member", "resource.attributes.role == 'member' ? '' : resource.name + ' is an owner'",
                List.of(), Map.of()), null);
        assertThat(strings.get("1").detail()).isEqualTo("ann is an owner");
        var maps = run(check("github.member", "{'pass': resource.attributes.role == 'member', 'reason': 'role '"
                + " + resource.attributes.role}", List.of(), Map.of()), null);
        assertThat(maps.get("1").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(maps.get("1").detail()).isEqualTo("role admin");
        assertThat(maps.get("2").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aRuntimeErrorIsAnErrorForThatResourceOnly() {
        inventory.put(org, github, "github", "github.member", "1", "ann", null, Map.of("login", "ann", "twoFactorEnabled", true));
        inventory.put(org, github, "github", "github.member", "2", "bob", null, Map.of("login", "bob"));
        var results = run(check("github.member", "resource.attributes.twoFactorEnabled", List.of(), Map.of()), null);
        assertThat(results.get("1").outcome()).isEqualTo(Outcome.PASS);
        assertThat(results.get("2").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(results.get("2").detail()).contains("twoFactorEnabled");
    }

    @Test
    void runawayComprehensionsStopWithAnError() {
        inventory.put(org, github, "github", "github.member", "1", "ann", null, Map.of("login", "ann"));
        var results = run(check("github.member",
                "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, "
                        + "[1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, "
                        + "a + b + c + d + e + f > 0))))))", List.of(), Map.of()), null);
        assertThat(results.get("1").outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void personJoinsMeetAccountsAndPeopleByLinkOrEmailWithoutNamingSources() {
        inventory.put(org, hr, "hr-roster", "hr.person", "ann@acme.example", "Ann", null,
                Map.of("email", "Ann@Acme.example", "status", "terminated", "endDate", "2026-06-01"));
        inventory.put(org, hr, "hr-roster", "hr.person", "cat@acme.example", "Cat", null,
                Map.of("email", "cat@acme.example", "status", "active"));
        // linked by the inventory (personEmail), and by the account's own email attribute
        inventory.put(org, github, "github", "github.member", "10", "annie", "ann@acme.example", Map.of("login", "annie"));
        inventory.put(org, UUID.randomUUID(), "okta", "okta.user", "u1", "ann", null, Map.of("email", "ann@acme.example"));
        CheckDefinition offboarding = check("hr.person",
                "resource.attributes.status != 'terminated' || daysBetween(date(resource.attributes.endDate), now) <= 3"
                        + " || accounts.size() + oktaUsers.size() == 0",
                List.of(new CheckJoin("accounts", "github.member", "person", null, null),
                        new CheckJoin("oktaUsers", "okta.user", "personEmail", null, null)), Map.of());
        var results = run(offboarding, null);
        assertThat(results.get("ann@acme.example").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(results.get("cat@acme.example").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void keyExpressionJoinsAndJoinsOnAll() {
        inventory.put(org, github, "github", "github.repository", "r1", "api", null, Map.of("name", "api"));
        inventory.put(org, github, "github", "github.repository", "r2", "web", null, Map.of("name", "web"));
        inventory.put(org, github, "github", "github.dependabot_alert", "api#1", "a1", null,
                Map.of("repository", "api", "severity", "critical", "state", "open"));
        CheckDefinition noCritical = check("github.repository",
                "alerts.filter(a, a.attributes.severity == 'critical').size() == 0 && everything.size() == 1",
                List.of(new CheckJoin("alerts", "github.dependabot_alert", null, "resource.attributes.repository",
                        "resource.attributes.name"), new CheckJoin("everything", "github.dependabot_alert", "all", null, null)),
                Map.of());
        var results = run(noCritical, null);
        assertThat(results.get("r1").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(results.get("r2").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void joinDeclarationsAreCheckedBeforeCompiling() {
        assertThatThrownBy(() -> compiler.compile(check("hr.person", "true",
                List.of(new CheckJoin("resource", "github.member", "person", null, null),
                        new CheckJoin("x", "github.member", "sideways", null, null),
                        new CheckJoin("y", "github.member", null, "resource.id", null)), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("joins[0].as", "joins[1].on", "joins[2]"));
        assertThatThrownBy(() -> compiler.compile(check("hr.person", "true",
                List.of(new CheckJoin("x", "github.member", null, "resource.id +", "resource.id")), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field())
                        .isEqualTo("joins[0].key"));
    }

    @Test
    void parametersAreReadAsParams() {
        inventory.put(org, github, "github", "github.member", "1", "ann", null, Map.of("login", "ann"));
        inventory.put(org, github, "github", "github.member", "2", "bob", null, Map.of("login", "bob"));
        var results = run(check("github.member", "resource.attributes.login in params.allowed", List.of(),
                Map.of("allowed", List.of("ann"))), null);
        assertThat(results.get("1").outcome()).isEqualTo(Outcome.PASS);
        assertThat(results.get("2").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void aFailedSyncMakesDependentResultsErrorsNeverPassOrFail() {
        UUID otherGithub = UUID.randomUUID();
        inventory.put(org, github, "github", "github.member", "1", "ann", null, Map.of("login", "ann"));
        inventory.put(org, otherGithub, "github", "github.member", "2", "bob", null, Map.of("login", "bob"));
        inventory.put(org, hr, "hr-roster", "hr.person", "ann@acme.example", "Ann", null, Map.of("email", "ann@acme.example"));
        SyncFailure failure = new SyncFailure(github, "github", List.of("github.member"), "HTTP 401 Bad credentials");
        var own = run(check("github.member", "true", List.of(), Map.of()), failure);
        assertThat(own.get("1").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(own.get("1").detail()).contains("github.member").contains("HTTP 401 Bad credentials");
        assertThat(own.get("2").outcome()).as("another connection's resources are unaffected").isEqualTo(Outcome.PASS);
        var joined = run(check("hr.person", "true", List.of(new CheckJoin("m", "github.member", "person", null, null)),
                Map.of()), failure);
        assertThat(joined.get("ann@acme.example").outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void aTypeNeverCollectedBecauseItsServiceRefusesIsOneErrorForItsConnection() {
        UUID aws = UUID.randomUUID();
        UUID otherAws = UUID.randomUUID();
        inventory.put(org, otherAws, "aws", "aws.s3_bucket", "logs", "logs", null, Map.of("name", "logs"));
        SyncFailure denied = new SyncFailure(aws, "aws", List.of("aws.s3_bucket"), "AWS denied s3:ListAllMyBuckets");

        var results = run(check("aws.s3_bucket", "true", List.of(), Map.of()), denied);

        assertThat(results).hasSize(2);
        ResourceResult uncollected = results.get(CheckEvaluator.UNCOLLECTED + "aws.s3_bucket");
        assertThat(uncollected.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(uncollected.connectionId()).isEqualTo(aws);
        assertThat(uncollected.resourceName()).isEqualTo("aws: aws.s3_bucket not collected");
        assertThat(uncollected.detail()).contains("could not collect aws.s3_bucket", "AWS denied s3:ListAllMyBuckets");
        assertThat(results.get("logs").outcome()).as("another connection's buckets still evaluate").isEqualTo(Outcome.PASS);
        assertThat(run(check("aws.s3_bucket", "true", List.of(), Map.of()), null))
                .as("without the failure, nothing stands in for the missing type").hasSize(1);
    }

    @Test
    void compilingTheSameDefinitionTwiceUsesTheCache() {
        CheckDefinition d = check("github.member", "true", List.of(), Map.of());
        assertThat(compiler.compile(d)).isSameAs(compiler.compile(d));
    }
}
