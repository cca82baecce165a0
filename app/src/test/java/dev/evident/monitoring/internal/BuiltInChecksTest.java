package dev.evident.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.catalog.ControlLibrary;
import dev.evident.monitoring.InMemoryInventory;
import dev.evident.monitoring.internal.CheckEvaluator.ResourceResult;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every built-in check compiles, maps to library controls, and passes and fails on its fixtures. */
class BuiltInChecksTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final ControlLibrary LIBRARY = ControlLibrary.loadBuiltIn();
    private static final CheckCompiler COMPILER = new CheckCompiler();
    private static final BuiltInChecks CHECKS = new BuiltInChecks(LIBRARY, COMPILER);

    @Test
    void theLibraryHasAtLeastFiftyChecksEachMappedToLibraryControls() {
        assertThat(CHECKS.all()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(CHECKS.all()).allSatisfy(c -> {
            assertThat(c.controls()).isNotEmpty();
            assertThat(c.controls()).allSatisfy(id -> assertThat(LIBRARY.control(id)).isPresent());
        });
    }

    @Test
    void crossSourceChecksJoinWithoutNamingASourceInTheEngine() {
        assertThat(CHECKS.get("hr.terminated-removed-from-github").joins()).extracting(CheckJoin::type)
                .containsExactly("github.member", "github.outside_collaborator");
        assertThat(CHECKS.get("people.terminated-accounts-removed").joins()).extracting(CheckJoin::type).containsExactly(
                "okta.user", "google.user", "aws.iam_user", "aws.sso_user", "github.member", "github.outside_collaborator");
        assertThat(CHECKS.get("github.member-known-person").joins()).extracting(CheckJoin::type).containsExactly("hr.person");
        assertThat(CHECKS.get("github.owner-approved").parameters()).containsKey("approvedAdmins");
    }

    @TestFactory
    Stream<DynamicTest> everyBuiltInCheckPassesAndFailsOnItsFixtures() {
        Map<String, Object> fixtures = fixtures();
        assertThat(fixtures.keySet()).containsExactlyInAnyOrderElementsOf(CHECKS.all().stream().map(CheckDefinition::key).toList());
        List<DynamicTest> tests = new ArrayList<>();
        for (CheckDefinition check : CHECKS.all()) {
            Map<?, ?> fixture = (Map<?, ?>) fixtures.get(check.key());
            tests.add(DynamicTest.dynamicTest(check.key() + " passes", () -> {
                ResourceResult r = evaluate(check, (Map<?, ?>) fixture.get("pass"));
                assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.PASS);
            }));
            tests.add(DynamicTest.dynamicTest(check.key() + " fails", () -> {
                Map<?, ?> fail = (Map<?, ?>) fixture.get("fail");
                ResourceResult r = evaluate(check, fail);
                assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.FAIL);
                assertThat(r.detail()).contains((String) fail.get("reason"));
            }));
            List<?> others = fixture.get("others") instanceof List<?> l ? l : List.of();
            for (int i = 0; i < others.size(); i++) {
                Map<?, ?> other = (Map<?, ?>) others.get(i);
                Outcome expected = Outcome.valueOf(((String) other.get("outcome")).toUpperCase(java.util.Locale.ROOT));
                tests.add(DynamicTest.dynamicTest(check.key() + " case " + (i + 1) + " gives " + expected, () -> {
                    ResourceResult r = evaluate(check, other);
                    assertThat(r.outcome()).as(r.detail()).isEqualTo(expected);
                    if (other.get("reason") != null) {
                        assertThat(r.detail()).contains((String) other.get("reason"));
                    }
                }));
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static ResourceResult evaluate(CheckDefinition check, Map<?, ?> fixture) {
        UUID org = UUID.randomUUID();
        UUID connection = UUID.randomUUID();
        InMemoryInventory inventory = new InMemoryInventory();
        inventory.put(org, connection, "test", check.resourceType(), "primary", "primary",
                (String) fixture.get("personEmail"), (Map<String, Object>) fixture.get("attributes"));
        Map<?, ?> joined = fixture.get("joined") instanceof Map<?, ?> j ? j : Map.of();
        int n = 0;
        for (CheckJoin join : check.joins()) {
            List<?> list = joined.get(join.as()) instanceof List<?> l ? l : List.of();
            for (Object o : list) {
                Map<?, ?> other = (Map<?, ?>) o;
                inventory.put(org, UUID.randomUUID(), "test", join.type(), "joined-" + n++, "joined",
                        (String) other.get("personEmail"), (Map<String, Object>) other.get("attributes"));
            }
        }
        Map<String, Object> params = new LinkedHashMap<>(check.parameters());
        if (fixture.get("params") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> params.put((String) k, v));
        }
        List<ResourceResult> results = CheckEvaluator.evaluate(COMPILER.compile(check), params,
                new InventorySnapshot(inventory, org), NOW, List.of());
        return results.stream().filter(r -> r.resourceKey().equals(connection + "/primary")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixtures() {
        try (InputStream in = BuiltInChecksTest.class.getClassLoader().getResourceAsStream("monitoring/builtin-fixtures.yaml")) {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
