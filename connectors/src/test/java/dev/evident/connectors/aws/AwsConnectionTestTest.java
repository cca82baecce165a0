package dev.evident.connectors.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.TestStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.aws.AwsStub.action;
import static dev.evident.connectors.aws.AwsTestSupport.ACCOUNT;
import static dev.evident.connectors.aws.AwsTestSupport.KEY_ID;
import static dev.evident.connectors.aws.AwsTestSupport.USER_ARN;
import static dev.evident.connectors.aws.AwsTestSupport.config;
import static dev.evident.connectors.aws.AwsTestSupport.connector;
import static org.assertj.core.api.Assertions.assertThat;

/** The connection test's named steps, and what each says when it fails. */
class AwsConnectionTestTest {

    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/EvidentReadOnly";
    static final String ROLE_KEY = "ASIAROLE000000000001";

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private AwsStub stub;

    @BeforeEach
    void stub() {
        stub = new AwsStub(aws);
    }

    private Map<String, String> withRole() {
        Map<String, String> values = config(aws.baseUrl());
        values.put("roleArn", ROLE);
        values.put("externalId", "evident-acme-7f3k");
        return values;
    }

    @Test
    void everyStepPassesWithTheRoleAndItsPermissions() {
        stub.identity(KEY_ID, ACCOUNT, USER_ARN);
        stub.assumeRole(KEY_ID, ROLE, ROLE_KEY);
        new IamStub(stub, ROLE_KEY, ACCOUNT).minimalAccount();
        new S3Stub(stub, ROLE_KEY).buckets();
        new RegionalStub(stub, ROLE_KEY).empty("us-east-1");

        ConnectionTestResult result = connector(withRole()).testConnection();

        assertThat(result.steps()).extracting(TestStep::name).containsExactly(AwsConnectionTest.CREDENTIALS,
                AwsConnectionTest.ASSUME_ROLE, AwsConnectionTest.READ_IAM, AwsConnectionTest.READ_CREDENTIAL_REPORT,
                AwsConnectionTest.READ_IDENTITY_CENTER,
                AwsConnectionTest.READ_S3, AwsConnectionTest.READ_CLOUDTRAIL, AwsConnectionTest.READ_RDS,
                AwsConnectionTest.READ_EC2, AwsConnectionTest.READ_KMS, AwsConnectionTest.READ_GUARDDUTY);
        assertThat(result.passed()).isTrue();
        assertThat(result.steps().get(0).message()).contains(USER_ARN);
    }

    @Test
    void expiredCredentialsStopAtTheFirstStep() {
        stub.stub(action("GetCallerIdentity", KEY_ID).willReturn(AwsStub.error(403, "ExpiredToken",
                "The security token included in the request is expired")));

        ConnectionTestResult result = connector(config(aws.baseUrl())).testConnection();

        assertThat(result.steps()).hasSize(1);
        assertThat(result.steps().get(0).passed()).isFalse();
        assertThat(result.steps().get(0).message()).contains("expired").contains("long-lived access key");
    }

    @Test
    void anUnknownKeySaysWhereToCheckIt() {
        stub.stub(action("GetCallerIdentity", KEY_ID).willReturn(AwsStub.error(403, "InvalidClientTokenId",
                "The security token included in the request is invalid.")));

        TestStep step = connector(config(aws.baseUrl())).testConnection().steps().get(0);

        assertThat(step.name()).isEqualTo(AwsConnectionTest.CREDENTIALS);
        assertThat(step.message()).contains("InvalidClientTokenId").contains("IAM > Users > Security credentials");
    }

    @Test
    void aRoleThatRefusesTheExternalIdNamesTheTrustPolicy() {
        stub.identity(KEY_ID, ACCOUNT, USER_ARN);
        stub.stub(action("AssumeRole", KEY_ID).willReturn(AwsStub.accessDenied(USER_ARN,
                "sts:AssumeRole on resource: " + ROLE)));

        ConnectionTestResult result = connector(withRole()).testConnection();

        assertThat(result.steps()).extracting(TestStep::name)
                .containsExactly(AwsConnectionTest.CREDENTIALS, AwsConnectionTest.ASSUME_ROLE);
        TestStep role = result.steps().get(1);
        assertThat(role.passed()).isFalse();
        assertThat(role.message()).contains("cannot assume " + ROLE).contains("trust policy")
                .contains("require exactly this external ID");
    }

    @Test
    void aMissingPermissionFailsOnlyItsStepAndNamesTheAction() {
        stub.identity(KEY_ID, ACCOUNT, USER_ARN);
        new IamStub(stub, KEY_ID, ACCOUNT).minimalAccount();
        new S3Stub(stub, KEY_ID).buckets();
        RegionalStub regional = new RegionalStub(stub, KEY_ID);
        regional.empty("us-east-1");
        stub.stub(action("GenerateCredentialReport", KEY_ID).atPriority(1)
                .willReturn(AwsStub.accessDenied(USER_ARN, "iam:GenerateCredentialReport")));
        regional.stub(regional.json("us-east-1", "kms", RegionalStub.KMS + "ListKeys").atPriority(1),
                RegionalStub.jsonError(400, "AccessDeniedException", "User: " + USER_ARN + " is not authorized to "
                        + "perform: kms:ListKeys on resource: *"));

        ConnectionTestResult result = connector(config(aws.baseUrl())).testConnection();

        assertThat(result.passed()).isFalse();
        assertThat(result.steps()).filteredOn(step -> !step.passed()).extracting(TestStep::name)
                .containsExactly(AwsConnectionTest.READ_CREDENTIAL_REPORT, AwsConnectionTest.READ_KMS);
        assertThat(result.steps().get(2).message()).contains("Allow iam:GenerateCredentialReport");
        assertThat(result.steps().get(result.steps().size() - 2).message()).contains("Allow kms:ListKeys")
                .contains("account " + ACCOUNT + " in us-east-1");
    }

    @Test
    void aRoleWithoutTheAuthorizationDetailsPermissionFailsTheIamStepNamingIt() {
        stub.identity(KEY_ID, ACCOUNT, USER_ARN);
        new IamStub(stub, KEY_ID, ACCOUNT).minimalAccount();
        new S3Stub(stub, KEY_ID).buckets();
        new RegionalStub(stub, KEY_ID).empty("us-east-1");
        stub.stub(action("GetAccountAuthorizationDetails", KEY_ID).atPriority(1)
                .willReturn(AwsStub.accessDenied(USER_ARN, "iam:GetAccountAuthorizationDetails")));

        ConnectionTestResult result = connector(config(aws.baseUrl())).testConnection();

        assertThat(result.steps()).filteredOn(step -> !step.passed()).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo(AwsConnectionTest.READ_IAM);
            assertThat(step.message()).contains("Allow iam:GetAccountAuthorizationDetails");
        });
    }

    @Test
    void anUnreachableEndpointIsReportedNotThrown() {
        Map<String, String> values = config("http://127.0.0.1:9");

        TestStep step = connector(values).testConnection().steps().get(0);

        assertThat(step.passed()).isFalse();
        assertThat(step.message()).contains("could not call sts:GetCallerIdentity");
    }
}
