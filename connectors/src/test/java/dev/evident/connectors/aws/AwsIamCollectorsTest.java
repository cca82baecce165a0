package dev.evident.connectors.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.aws.AwsTestSupport.ACCOUNT;
import static dev.evident.connectors.aws.AwsTestSupport.KEY_ID;
import static dev.evident.connectors.aws.AwsTestSupport.USER_ARN;
import static dev.evident.connectors.aws.AwsTestSupport.attributes;
import static dev.evident.connectors.aws.AwsTestSupport.collect;
import static dev.evident.connectors.aws.AwsTestSupport.config;
import static dev.evident.connectors.aws.AwsTestSupport.connector;
import static org.assertj.core.api.Assertions.assertThat;

/** aws.iam_user and aws.account through the real SDK against the IAM stub. */
class AwsIamCollectorsTest {

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private AwsStub stub;
    private IamStub iam;

    @BeforeEach
    void identity() {
        stub = new AwsStub(aws);
        iam = new IamStub(stub, KEY_ID, ACCOUNT);
        stub.identity(KEY_ID, ACCOUNT, USER_ARN);
    }

    @Test
    void usersFollowTheMarkerAndCarryConsoleMfaAndKeys() throws Exception {
        iam.users(IamStub.user(ACCOUNT, "ada@acme.example", "2024-01-10T09:00:00Z", "2026-06-14T08:00:00Z"),
                IamStub.user(ACCOUNT, "ci-deployer", "2023-02-01T00:00:00Z", null));
        iam.mfaDevices("ada@acme.example", "arn:aws:iam::" + ACCOUNT + ":mfa/ada");
        iam.accessKeys("ada@acme.example");
        iam.loginProfile("ada@acme.example", true);
        iam.mfaDevices("ci-deployer");
        iam.accessKeys("ci-deployer",
                new String[] {"AKIAOLDKEY0000000001", "Active", "2026-01-01T00:00:00Z", "2026-06-10T12:00:00Z"},
                new String[] {"AKIANEVERUSED0000002", "Inactive", "2026-05-16T12:00:00Z", null});
        iam.loginProfile("ci-deployer", false);

        List<CollectedResource> users = collect(connector(config(aws.baseUrl())), IamUserCollector.TYPE);

        assertThat(users).extracting(CollectedResource::externalId).containsExactly(
                "arn:aws:iam::" + ACCOUNT + ":user/ada@acme.example", "arn:aws:iam::" + ACCOUNT + ":user/ci-deployer");
        JsonNode ada = attributes(users.get(0));
        assertThat(ada.path("accountId").asString()).isEqualTo(ACCOUNT);
        assertThat(ada.path("region").asString()).isEqualTo("global");
        assertThat(ada.path("email").asString()).isEqualTo("ada@acme.example");
        assertThat(ada.path("consoleAccess").booleanValue()).isTrue();
        assertThat(ada.path("mfaEnabled").booleanValue()).isTrue();
        assertThat(ada.path("mfaDevices").get(0).path("virtual").booleanValue()).isTrue();
        assertThat(ada.path("activeAccessKeys").intValue()).isZero();
        assertThat(ada.path("oldestActiveAccessKeyAgeDays").isNull()).isTrue();
        assertThat(ada.path("lastActivityAt").asString()).isEqualTo("2026-06-14T08:00:00Z");

        JsonNode ci = attributes(users.get(1));
        assertThat(ci.path("email").isNull()).isTrue();
        assertThat(ci.path("consoleAccess").booleanValue()).isFalse();
        assertThat(ci.path("passwordResetRequired").isNull()).isTrue();
        assertThat(ci.path("mfaEnabled").booleanValue()).isFalse();
        assertThat(ci.path("activeAccessKeys").intValue()).isEqualTo(1);
        assertThat(ci.path("oldestActiveAccessKeyAgeDays").intValue()).isEqualTo(165);
        assertThat(ci.path("active").booleanValue()).isTrue();
        JsonNode used = ci.path("accessKeys").get(0);
        assertThat(used.path("lastUsedAt").asString()).isEqualTo("2026-06-10T12:00:00Z");
        assertThat(used.path("daysSinceLastUse").intValue()).isEqualTo(5);
        assertThat(used.path("lastUsedService").asString()).isEqualTo("s3");
        JsonNode never = ci.path("accessKeys").get(1);
        assertThat(never.path("active").booleanValue()).isFalse();
        assertThat(never.path("ageDays").intValue()).isEqualTo(30);
        assertThat(never.path("lastUsedAt").isNull()).isTrue();
        assertThat(never.path("lastUsedService").isNull()).as("N/A is no service").isTrue();
        aws.verify(2, postRequestedFor(urlPathEqualTo("/")).withFormParam("Action", equalTo("ListUsers")));
    }

    @Test
    void usersCarryTheirGroupsPoliciesAdministratorAccessAndTags() throws Exception {
        iam.users(IamStub.user(ACCOUNT, "ada@acme.example", "2024-01-10T09:00:00Z", null)
                        + IamStub.user(ACCOUNT, "ci-deployer", "2023-02-01T00:00:00Z", null),
                IamStub.user(ACCOUNT, "bob", "2024-03-01T00:00:00Z", null)
                        + IamStub.user(ACCOUNT, "newcomer", "2026-06-15T11:00:00Z", null));
        for (String user : List.of("ada@acme.example", "ci-deployer", "bob", "newcomer")) {
            iam.bareUser(user);
        }
        String deployPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":[\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::releases/*\"}}";
        String everything = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
                + "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"*:*\",\"Resource\":[\"*\"]}]}";
        String deployArn = "arn:aws:iam::" + ACCOUNT + ":policy/deploy";
        String fullArn = "arn:aws:iam::" + ACCOUNT + ":policy/ops-full";
        iam.authorizationDetails(
                IamStub.userDetail("ada@acme.example", List.of("admins"), "", "", "")
                        + IamStub.userDetail("ci-deployer", List.of("readers"), IamStub.attached("deploy", deployArn),
                        IamStub.inline("break-glass", everything), IamStub.tag("team", "platform"))
                        + IamStub.userDetail("bob", List.of("ops", "readers"), "", "",
                        IamStub.tag("Email", " Bob@Acme.example ") + IamStub.tag("cost-center", "42")),
                IamStub.groupDetail("admins", IamStub.attached("AdministratorAccess",
                        "arn:aws:iam::aws:policy/AdministratorAccess"), "")
                        + IamStub.groupDetail("readers", IamStub.attached("ReadOnlyAccess",
                        "arn:aws:iam::aws:policy/ReadOnlyAccess"), "")
                        + IamStub.groupDetail("ops", IamStub.attached("ops-full", fullArn), ""),
                IamStub.managedPolicy(ACCOUNT, "deploy", deployPolicy) + IamStub.managedPolicy(ACCOUNT, "ops-full",
                        everything));

        List<CollectedResource> users = collect(connector(config(aws.baseUrl())), IamUserCollector.TYPE);

        JsonNode ada = attributes(users.get(0));
        assertThat(ada.path("groups").toString()).isEqualTo("[\"admins\"]");
        assertThat(ada.path("admin").booleanValue()).isTrue();
        assertThat(ada.path("adminPolicies").toString()).isEqualTo("[\"AdministratorAccess via group admins\"]");
        assertThat(ada.path("directPolicies").toString()).isEqualTo("[]");
        assertThat(ada.path("email").asString()).isEqualTo("ada@acme.example");
        assertThat(ada.path("permissionsNotCollected").isNull()).isTrue();

        JsonNode ci = attributes(users.get(1));
        assertThat(ci.path("admin").booleanValue()).as("the inline policy allows every action").isTrue();
        assertThat(ci.path("adminPolicies").toString()).isEqualTo("[\"break-glass\"]");
        assertThat(ci.path("directPolicies").toString()).isEqualTo("[\"deploy\",\"break-glass\"]");
        assertThat(ci.path("policies").get(0).path("admin").booleanValue()).as("deploy").isFalse();
        assertThat(ci.path("policies").get(0).path("arn").asString()).isEqualTo(deployArn);
        assertThat(ci.path("policies").get(1).path("inline").booleanValue()).isTrue();
        assertThat(ci.path("policies").get(2).path("group").asString()).isEqualTo("readers");
        assertThat(ci.path("tags").path("team").asString()).isEqualTo("platform");
        assertThat(ci.path("email").isNull()).as("a team tag is no email").isTrue();

        JsonNode bob = attributes(users.get(2));
        assertThat(bob.path("admin").booleanValue()).as("ops-full's default version allows everything").isTrue();
        assertThat(bob.path("adminPolicies").toString()).isEqualTo("[\"ops-full via group ops\"]");
        assertThat(bob.path("email").asString()).as("from the Email tag").isEqualTo("bob@acme.example");

        JsonNode newcomer = attributes(users.get(3));
        assertThat(newcomer.path("admin").isNull()).isTrue();
        assertThat(newcomer.path("policies").isNull()).isTrue();
        assertThat(newcomer.path("permissionsNotCollected").asString()).contains("created after");
    }

    @Test
    void accessDeniedOnAuthorizationDetailsLeavesPermissionsUnknownButCollectsTheUsers() throws Exception {
        iam.minimalAccount();
        stub.stub(AwsStub.action("GetAccountAuthorizationDetails", KEY_ID)
                .willReturn(AwsStub.accessDenied(USER_ARN, "iam:GetAccountAuthorizationDetails")));

        List<CollectedResource> users = collect(connector(config(aws.baseUrl())), IamUserCollector.TYPE);

        JsonNode solo = attributes(users.get(0));
        assertThat(solo.path("userName").asString()).isEqualTo("solo");
        assertThat(solo.path("consoleAccess").booleanValue()).isFalse();
        assertThat(solo.path("admin").isNull()).isTrue();
        assertThat(solo.path("directPolicies").isNull()).isTrue();
        assertThat(solo.path("permissionsNotCollected").asString())
                .isEqualTo("AWS denied iam:GetAccountAuthorizationDetails for account " + ACCOUNT
                        + "; allow it in the read-only policy to see groups, policies and administrators");
    }

    @Test
    void accountCarriesRootUseAndPasswordPolicy() throws Exception {
        iam.credentialReport(IamStub.rootRow(ACCOUNT, false, true, "2026-06-01T00:00:00+00:00",
                        "2026-06-12T09:30:00+00:00"),
                "ada,arn:aws:iam::" + ACCOUNT + ":user/ada,2024-01-10T09:00:00+00:00,true,N/A,N/A,N/A,true,false,N/A,"
                        + "N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
        iam.passwordPolicy(IamStub.STRONG_POLICY);

        JsonNode account = attributes(collect(connector(config(aws.baseUrl())), AccountCollector.TYPE).get(0));

        assertThat(account.path("accountId").asString()).isEqualTo(ACCOUNT);
        assertThat(account.path("rootMfaEnabled").booleanValue()).isFalse();
        assertThat(account.path("rootAccessKeysActive").booleanValue()).isTrue();
        assertThat(account.path("rootAccessKey2Active").booleanValue()).isFalse();
        assertThat(account.path("rootAccessKeyLastUsedAt").asString()).isEqualTo("2026-06-01T00:00:00Z");
        assertThat(account.path("rootPasswordLastUsedAt").asString()).isEqualTo("2026-06-12T09:30:00Z");
        assertThat(account.path("rootDaysSinceLastUse").intValue()).isEqualTo(3);
        assertThat(account.path("credentialReportGeneratedAt").asString()).isEqualTo("2026-06-15T11:58:00Z");
        assertThat(account.path("passwordPolicySet").booleanValue()).isTrue();
        assertThat(account.path("passwordMinLength").intValue()).isEqualTo(14);
        assertThat(account.path("passwordMaxAgeDays").intValue()).isEqualTo(90);
        assertThat(account.path("passwordReusePrevention").intValue()).isEqualTo(24);
        assertThat(account.path("passwordRequireSymbols").booleanValue()).isTrue();
    }

    @Test
    void anAccountWithoutPasswordPolicySaysSoAndLeavesTheFieldsUnknown() throws Exception {
        iam.credentialReport(IamStub.rootRow(ACCOUNT, true, false, null, null));
        iam.passwordPolicy(null);

        JsonNode account = attributes(collect(connector(config(aws.baseUrl())), AccountCollector.TYPE).get(0));

        assertThat(account.path("passwordPolicySet").booleanValue()).isFalse();
        assertThat(account.path("passwordMinLength").isNull()).isTrue();
        assertThat(account.path("rootMfaEnabled").booleanValue()).isTrue();
        assertThat(account.path("rootAccessKeysActive").booleanValue()).isFalse();
        assertThat(account.path("rootPasswordLastUsedAt").isNull()).as("no_information").isTrue();
        assertThat(account.path("rootDaysSinceLastUse").isNull()).isTrue();
    }

    @Test
    void aReportStillBeingGeneratedIsWaitedFor() throws Exception {
        iam.credentialReport(IamStub.rootRow(ACCOUNT, true, false, null, null));
        iam.passwordPolicy(null);
        stub.stub(AwsStub.action("GenerateCredentialReport", KEY_ID).inScenario("report")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(AwsStub.xml(AwsStub.ok("GenerateCredentialReport", AwsStub.IAM_NS,
                        "<State>STARTED</State><Description>Starting</Description>")))
                .willSetStateTo("started"));
        var sleeper = new dev.evident.connectors.http.RecordingSleeper(new dev.evident.connectors.http.TestClock(
                AwsTestSupport.NOW));

        List<CollectedResource> accounts = collect(connector(config(aws.baseUrl()), sleeper), AccountCollector.TYPE);

        assertThat(accounts).hasSize(1);
        assertThat(sleeper.waits).containsExactly(AccountCollector.REPORT_POLL_WAIT);
    }

    @Test
    void accessDeniedOnTheReportFailsOnlyTheAccountType() throws Exception {
        iam.minimalAccount();
        stub.stub(AwsStub.action("GenerateCredentialReport", KEY_ID)
                .willReturn(AwsStub.accessDenied(USER_ARN, "iam:GenerateCredentialReport")));
        AwsConnector connector = connector(config(aws.baseUrl()));

        assertThat(collect(connector, IamUserCollector.TYPE)).hasSize(1);
        CollectionException failure = AwsCollectorsFailures.failure(connector, AccountCollector.TYPE);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("AWS denied iam:GenerateCredentialReport for account " + ACCOUNT)
                .hasMessageContaining("Allow iam:GenerateCredentialReport");
    }
}
