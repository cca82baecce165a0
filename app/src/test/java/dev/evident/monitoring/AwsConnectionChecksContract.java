package dev.evident.monitoring;

import static dev.evident.testing.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.evident.testing.ApiClient;
import dev.evident.testing.ApiClient.Response;
import dev.evident.testing.AwsWireStub;
import dev.evident.testing.BackgroundWork;
import dev.evident.testing.IntegrationTest;
import dev.evident.testing.WebSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The real AWS connector end to end inside the app: a connection (access key, endpoint override) to a
 * WireMock account that speaks the AWS wire protocols, synced by the scheduler, its inventory evaluated
 * by the built-in checks. When S3 starts answering AccessDenied, the S3 checks turn to error with AWS's
 * refusal while the IAM and account checks go on evaluating the fresh data.
 */
@TestPropertySource(properties = "evident.integration.scheduler.polling-interval=200ms")
abstract class AwsConnectionChecksContract extends IntegrationTest {

    private static final String ACCOUNT = "111122223333";
    private static final String REGION = "us-east-1";

    @Autowired
    JdbcClient jdbc;

    private WireMockServer server;
    private AwsWireStub aws;

    @BeforeEach
    void anAccountWithOneConsoleUserWithoutMfaAWeakPasswordPolicyAndOneBareBucket() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        aws = new AwsWireStub(server, ACCOUNT);
        aws.identity();
        aws.consoleUserWithoutMfa("alice");
        aws.rootWithMfaAndNoKeys();
        aws.passwordPolicy(8);
        aws.bareBucket("acme-exports", REGION);
        aws.emptyRegion(REGION);
    }

    @AfterEach
    void stopStub() {
        server.stop();
    }

    private String awsConnection(ApiClient api) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("accessKeyId", AwsWireStub.KEY_ID);
        settings.put("secretAccessKey", AwsWireStub.SECRET);
        settings.put("regions", REGION);
        settings.put("endpointUrl", server.baseUrl());
        Response created = api.post("/api/v1/connections", body("connector", "aws", "displayName", "AWS (stub)",
                "settings", settings));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void aServiceDeniedFromTheFirstSyncIsAnErrorForTheConnectionUntilItCanBeRead() {
        Organization org = newOrganization("AWS denied");
        ApiClient api = org.api();
        aws.denyListBuckets();
        String id = awsConnection(api);

        assertThat(syncNow(api, id).get("status").asString()).isEqualTo("partial");
        BackgroundWork.awaitEvaluations(jdbc, org.id());
        JsonNode results = api.get("/api/v1/checks/aws.s3-bucket-encrypted/results").json();
        assertThat(outcomes(results)).as("no bucket was ever collected, and the check says why").isEqualTo("error");
        assertThat(results.get("results")).singleElement().satisfies(r -> {
            assertThat(r.get("resourceName").asString()).isEqualTo("aws: aws.s3_bucket not collected");
            assertThat(r.get("detail").asString()).contains("could not collect aws.s3_bucket",
                    "AWS denied s3:ListAllMyBuckets");
        });
        assertThat(outcomes(api, "aws.iam-user-console-mfa")).as("IAM still evaluates").isEqualTo("fail");

        aws.bareBucket("acme-exports", REGION);
        assertThat(syncNow(api, id).get("status").asString()).isEqualTo("ok");
        BackgroundWork.awaitEvaluations(jdbc, org.id());
        JsonNode after = api.get("/api/v1/checks/aws.s3-bucket-encrypted/results").json();
        assertThat(outcomes(after)).as("the stand-in ends once the buckets can be read").isEqualTo("fail");
        assertThat(after.get("results")).singleElement()
                .satisfies(r -> assertThat(r.get("resourceName").asString()).isEqualTo("acme-exports"));
    }

    @Test
    void accessDeniedOnS3TurnsOnlyTheS3ChecksToErrorNamingTheRefusal() {
        Organization org = newOrganization("AWS checks");
        ApiClient api = org.api();
        String id = awsConnection(api);

        JsonNode first = syncNow(api, id);
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("ok");
        BackgroundWork.awaitEvaluations(jdbc, org.id());
        assertThat(outcomes(api, "aws.s3-bucket-encrypted")).isEqualTo("fail");
        assertThat(outcomes(api, "aws.s3-bucket-not-public")).isEqualTo("pass");
        assertThat(outcomes(api, "aws.root-mfa-enabled")).isEqualTo("pass");
        assertThat(outcomes(api, "aws.password-policy-min-length")).isEqualTo("fail");
        assertThat(outcomes(api, "aws.iam-user-console-mfa")).isEqualTo("fail");
        assertThat(outcomes(api, "aws.iam-user-no-direct-policies")).as("alice's policy comes from a group")
                .isEqualTo("pass");
        assertThat(api.get("/api/v1/checks/aws.iam-admin-approved/results").json().get("results").get(0)
                .get("detail").asString()).isEqualTo("IAM user alice in account " + ACCOUNT + " has administrator "
                + "access (AdministratorAccess via group admins) and is not on the approved admin list");

        // The role loses s3:ListAllMyBuckets; meanwhile someone lengthens the password policy.
        aws.denyListBuckets();
        aws.passwordPolicy(16);
        JsonNode second = syncNow(api, id);
        assertThat(second.get("status").asString()).isEqualTo("partial");
        assertThat(second.get("error").asString()).contains("aws.s3_bucket", "AWS denied s3:ListAllMyBuckets");
        BackgroundWork.awaitEvaluations(jdbc, org.id());

        for (String s3Check : new String[] {"aws.s3-bucket-encrypted", "aws.s3-bucket-not-public",
                "aws.s3-public-access-blocked"}) {
            JsonNode results = api.get("/api/v1/checks/" + s3Check + "/results").json();
            assertThat(outcomes(results)).as(s3Check).isEqualTo("error");
            assertThat(results.get("results").get(0).get("detail").asString()).as(s3Check).contains(
                    "could not collect aws.s3_bucket", "AWS denied s3:ListAllMyBuckets for account " + ACCOUNT,
                    "AccessDenied");
        }
        assertThat(outcomes(api, "aws.password-policy-min-length")).as("evaluated on the new policy").isEqualTo("pass");
        assertThat(outcomes(api, "aws.root-mfa-enabled")).isEqualTo("pass");
        assertThat(outcomes(api, "aws.root-no-access-keys")).isEqualTo("pass");
        assertThat(outcomes(api, "aws.iam-user-console-mfa")).isEqualTo("fail");
        JsonNode consoleMfa = api.get("/api/v1/checks/aws.iam-user-console-mfa/results").json().get("results").get(0);
        assertThat(consoleMfa.get("detail").asString()).isEqualTo("console user alice has no MFA device");

        JsonNode located = api.get("/api/v1/checks/aws.s3-bucket-encrypted/breakdown").json().get("locations");
        assertThat(located).singleElement().satisfies(l -> {
            assertThat(l.get("accountId").asString()).isEqualTo(ACCOUNT);
            assertThat(l.get("region").asString()).isEqualTo(REGION);
            assertThat(l.get("counts").get("error").asInt()).isEqualTo(1);
        });
        WebSession web = browserlessSession();
        web.signIn(org.adminEmail(), org.adminPassword());
        assertThat(web.get("/checks/aws.s3-bucket-encrypted").body()).contains("Not evaluated", "acme-exports",
                "AWS denied s3:ListAllMyBuckets");
    }

    /** The outcome every current result of the check has, or their counts when they differ. */
    private static String outcomes(ApiClient api, String check) {
        return outcomes(api.get("/api/v1/checks/" + check + "/results").json());
    }

    private static String outcomes(JsonNode results) {
        Map<String, Integer> counts = new HashMap<>();
        results.get("counts").properties().forEach(e -> {
            if (e.getValue().asInt() > 0) {
                counts.put(e.getKey(), e.getValue().asInt());
            }
        });
        return counts.size() == 1 ? counts.keySet().iterator().next() : counts.toString();
    }

    /** Asks for a sync and waits until the sync log shows it finished; the newest finished run. */
    private static JsonNode syncNow(ApiClient api, String id) {
        int before = finished(api, id).size();
        Response requested = api.post("/api/v1/connections/" + id + "/sync", Map.of());
        for (int i = 0; i < 100 && requested.status() == 409; i++) {
            pause(); // the previous run is still rescheduling itself
            requested = api.post("/api/v1/connections/" + id + "/sync", Map.of());
        }
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        BackgroundWork.await("a sync of connection " + id, () -> finished(api, id).size() > before);
        return finished(api, id).get(0);
    }

    /** The finished runs in the sync log, newest first. */
    private static List<JsonNode> finished(ApiClient api, String id) {
        List<JsonNode> runs = new ArrayList<>();
        for (JsonNode run : api.get("/api/v1/connections/" + id + "/syncs").json().get("items")) {
            if (!run.get("status").asString().equals("running")) {
                runs.add(run);
            }
        }
        return runs;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
