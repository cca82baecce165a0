package dev.evident.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.Collector;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.ConnectorFactory;
import dev.evident.connectors.aws.AwsConnectorFactory;
import dev.evident.connectors.google.GoogleWorkspaceConnectorFactory;
import dev.evident.connectors.okta.OktaConnectorFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real Okta, Google Workspace and AWS connectors collect the demo recordings through their replays. */
class DemoReplayConnectorsTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Map<String, List<CollectedResource>> collect(DemoSource source, ConnectorFactory factory) throws Exception {
        DemoReplay replay = DemoReplay.start(source.recording(), CLOCK);
        Map<String, List<CollectedResource>> byType = new TreeMap<>();
        try (Connector connector = factory.create(ConnectorConfig.of(factory.configSchema(),
                source.settings(replay.baseUrl())))) {
            for (Collector collector : connector.collectors()) {
                List<CollectedResource> resources = new ArrayList<>();
                collector.collect(CollectionContext.of(CLOCK, null)).forEachRemaining(resources::add);
                byType.put(collector.resourceType(), resources);
            }
        } finally {
            replay.stop();
        }
        return byType;
    }

    private static JsonNode attributes(List<CollectedResource> resources, String displayName) {
        return JSON.readTree(resources.stream().filter(r -> r.displayName().equals(displayName)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + displayName)).attributesJson());
    }

    private static Map<String, Integer> counts(Map<String, List<CollectedResource>> byType) {
        return byType.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(),
                (a, b) -> a, TreeMap::new));
    }

    @Test
    void oktaUsersFactorsRolesAndPoliciesAreReplayed() throws Exception {
        Map<String, List<CollectedResource>> okta = collect(DemoSource.OKTA, new OktaConnectorFactory());

        assertThat(counts(okta)).containsEntry("okta.user", 33).containsEntry("okta.password_policy", 1)
                .containsEntry("okta.mfa_enrollment_policy", 1);
        List<CollectedResource> users = okta.get("okta.user");
        assertThat(attributes(users, "carlos@brightwave.example").path("mfaEnrolled").asBoolean()).isFalse();
        assertThat(attributes(users, "maya@brightwave.example").path("superAdmin").asBoolean()).isTrue();
        JsonNode liam = attributes(users, "liam.obrien@brightwave.example");
        assertThat(liam.path("aliases").toString()).as("the roster's address is Liam's second email")
                .contains("liam@brightwave.example");
        JsonNode ravi = attributes(users, "ravi@brightwave.example");
        assertThat(ravi.path("status").asString()).isEqualTo("DEPROVISIONED");
        assertThat(ravi.path("deactivatedAt").isNull()).isFalse();
    }

    @Test
    void googleUsersAreReplayedAfterTheTokenExchangeWithAKeyMadeAtSeeding() throws Exception {
        Map<String, List<CollectedResource>> google = collect(DemoSource.GOOGLE, new GoogleWorkspaceConnectorFactory());

        List<CollectedResource> users = google.get("google.user");
        assertThat(users).hasSize(30);
        assertThat(users).allSatisfy(u -> assertThat(JSON.readTree(u.attributesJson()).path("mfaEnforced").asBoolean()).isTrue());
        assertThat(attributes(users, "nadia.rahman@brightwave.example").path("aliases").toString())
                .contains("nadia@brightwave.example");
        JsonNode ravi = attributes(users, "ravi@brightwave.example");
        assertThat(ravi.path("active").asBoolean()).isFalse();
        assertThat(ravi.path("suspendedAt").asString()).as("from the replayed audit log").isNotBlank();
    }

    @Test
    void awsOrganizationOfTwoAccountsInTwoRegionsIsReplayedThroughTheSdk() throws Exception {
        Map<String, List<CollectedResource>> aws = collect(DemoSource.AWS, new AwsConnectorFactory());

        assertThat(counts(aws)).containsEntry("aws.account", 2).containsEntry("aws.iam_user", 9)
                .containsEntry("aws.s3_bucket", 6).containsEntry("aws.cloudtrail_trail", 2)
                .containsEntry("aws.rds_instance", 3).containsEntry("aws.rds_cluster", 1)
                .containsEntry("aws.security_group", 7).containsEntry("aws.kms_key", 3)
                .containsEntry("aws.guardduty_detector", 4).containsEntry("aws.sso_user", 20);
        JsonNode ci = attributes(aws.get("aws.iam_user"), "ci-deploy (345678901234)");
        assertThat(ci.path("oldestActiveAccessKeyAgeDays").asInt()).isGreaterThan(90);
        assertThat(ci.path("groups").toString()).isEqualTo("[\"deployers\"]");
        assertThat(ci.path("admin").asBoolean()).as("deploy-releases writes one bucket").isFalse();
        assertThat(ci.path("tags").path("owner").asString()).isEqualTo("tom@brightwave.example");
        JsonNode terraform = attributes(aws.get("aws.iam_user"), "terraform-ci (210987654321)");
        assertThat(terraform.path("adminPolicies").toString()).isEqualTo("[\"terraform-apply via group automation\"]");
        assertThat(attributes(aws.get("aws.iam_user"), "felix@brightwave.example (345678901234)").path("admin")
                .asBoolean()).as("PowerUserAccess is not administrator access").isFalse();
        JsonNode maya = attributes(aws.get("aws.sso_user"), "maya@brightwave.example (Identity Center)");
        assertThat(maya.path("adminAssignments")).hasSize(2);
        assertThat(maya.path("accounts").toString()).isEqualTo("[\"210987654321\",\"345678901234\"]");
        JsonNode olga = attributes(aws.get("aws.sso_user"), "olga@brightwave.example (Identity Center)");
        assertThat(olga.path("admin").asBoolean()).isFalse();
        assertThat(olga.path("assignments").get(0).path("permissionSet").asString()).isEqualTo("ReadOnly");
        JsonNode exports = attributes(aws.get("aws.s3_bucket"), "brightwave-analytics-exports");
        assertThat(exports.path("versioningEnabled").asBoolean()).isFalse();
        assertThat(attributes(aws.get("aws.s3_bucket"), "brightwave-web-assets").path("region").asString())
                .isEqualTo("us-east-1");
        assertThat(attributes(aws.get("aws.account"), "Brightwave Production (345678901234)").path("rootMfaEnabled")
                .asBoolean()).isTrue();
        assertThat(attributes(aws.get("aws.security_group"), "alb-public (sg-0a1b2c3d4e5f60001)")
                .path("openToInternet").asBoolean()).isTrue();
    }
}
