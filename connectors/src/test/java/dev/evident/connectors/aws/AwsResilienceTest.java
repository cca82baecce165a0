package dev.evident.connectors.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.aws.AwsStub.IAM_NS;
import static dev.evident.connectors.aws.AwsStub.action;
import static dev.evident.connectors.aws.AwsStub.ok;
import static dev.evident.connectors.aws.AwsStub.xml;
import static dev.evident.connectors.aws.AwsTestSupport.ACCOUNT;
import static dev.evident.connectors.aws.AwsTestSupport.KEY_ID;
import static dev.evident.connectors.aws.AwsTestSupport.USER_ARN;
import static dev.evident.connectors.aws.AwsTestSupport.attributes;
import static dev.evident.connectors.aws.AwsTestSupport.collect;
import static dev.evident.connectors.aws.AwsTestSupport.config;
import static dev.evident.connectors.aws.AwsTestSupport.connector;
import static org.assertj.core.api.Assertions.assertThat;

/** Throttling, expired credentials, and an organization with a member whose role cannot be assumed. */
class AwsResilienceTest {

    static final String HUB_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/EvidentReadOnly";
    static final String HUB_KEY = "ASIAHUBROLE000000001";
    static final String MEMBER = "444455556666";
    static final String MEMBER_KEY = "ASIAMEMBER0000000002";
    static final String LOCKED = "777788889999";

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private AwsStub stub;

    @BeforeEach
    void identity() {
        stub = new AwsStub(aws);
        stub.identity(KEY_ID, ACCOUNT, USER_ARN);
    }

    @Test
    void throttlingIsRetriedWithoutLosingAnything() throws Exception {
        new IamStub(stub, KEY_ID, ACCOUNT).minimalAccount();
        stub.stub(action("ListUsers", KEY_ID).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(AwsStub.throttled()).willSetStateTo("once"));
        stub.stub(action("ListUsers", KEY_ID).inScenario("throttle").whenScenarioStateIs("once")
                .willReturn(AwsStub.throttled()).willSetStateTo("twice"));
        stub.stub(action("ListUsers", KEY_ID).inScenario("throttle").whenScenarioStateIs("twice")
                .willReturn(xml(ok("ListUsers", IAM_NS, "<Users>" + IamStub.user(ACCOUNT, "solo",
                        "2025-01-01T00:00:00Z", null) + "</Users><IsTruncated>false</IsTruncated>"))));

        List<CollectedResource> users = collect(connector(config(aws.baseUrl())), IamUserCollector.TYPE);

        assertThat(users).hasSize(1);
        aws.verify(3, postRequestedFor(urlPathEqualTo("/")).withFormParam("Action", equalTo("ListUsers")));
    }

    @Test
    void throttlingThatNeverEndsFailsTheTypeAsRetryable() {
        new IamStub(stub, KEY_ID, ACCOUNT).minimalAccount();
        stub.stub(action("ListUsers", KEY_ID).atPriority(1).willReturn(AwsStub.throttled()));

        CollectionException failure = AwsCollectorsFailures.failure(connector(config(aws.baseUrl())),
                IamUserCollector.TYPE);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("iam:ListUsers").hasMessageContaining("Throttling");
        aws.verify(AwsTestSupport.ATTEMPTS, postRequestedFor(urlPathEqualTo("/"))
                .withFormParam("Action", equalTo("ListUsers")));
    }

    @Test
    void expiredCredentialsSaySoAndAreNotRetried() {
        stub.stub(action("GetCallerIdentity", KEY_ID).atPriority(1).willReturn(AwsStub.error(403, "ExpiredToken",
                "The security token included in the request is expired")));

        CollectionException failure = AwsCollectorsFailures.failure(connector(config(aws.baseUrl())),
                IamUserCollector.TYPE);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("the AWS credentials have expired (ExpiredToken");
        aws.verify(1, postRequestedFor(urlPathEqualTo("/")).withFormParam("Action", equalTo("GetCallerIdentity")));
    }

    private Map<String, String> organization() {
        Map<String, String> values = config(aws.baseUrl());
        values.put("roleArn", HUB_ROLE);
        values.put("externalId", "evident-acme-7f3k");
        values.put("organizationMode", "true");
        stub.assumeRole(KEY_ID, HUB_ROLE, HUB_KEY);
        stub.assumeRole(HUB_KEY, "arn:aws:iam::" + MEMBER + ":role/EvidentReadOnly", MEMBER_KEY);
        stub.stub(action("AssumeRole", HUB_KEY).withFormParam("RoleArn", containing(LOCKED)).willReturn(
                AwsStub.accessDenied("arn:aws:sts::" + ACCOUNT + ":assumed-role/EvidentReadOnly/evident",
                        "sts:AssumeRole on resource: arn:aws:iam::" + LOCKED + ":role/EvidentReadOnly")));
        stubAccounts(null, "{\"Accounts\":[" + member(ACCOUNT, "Management") + "," + member(MEMBER, "Production")
                + "],\"NextToken\":\"page-2\"}");
        stubAccounts("page-2", "{\"Accounts\":[" + member(LOCKED, "Sandbox") + ","
                + member("000011112222", "Closed").replace("ACTIVE", "SUSPENDED") + "]}");
        new IamStub(stub, HUB_KEY, ACCOUNT).minimalAccount();
        new IamStub(stub, MEMBER_KEY, MEMBER).minimalAccount();
        return values;
    }

    private void stubAccounts(String token, String body) {
        stub.stub(post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSOrganizationsV20161128.ListAccounts"))
                .withHeader("Authorization", containing("Credential=" + HUB_KEY + "/"))
                .withRequestBody(equalToJson(token == null ? "{}" : "{\"NextToken\":\"" + token + "\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    private static String member(String id, String name) {
        return """
                {"Arn":"arn:aws:organizations::%s:account/o-a1b2c3d4e5/%s","Email":"aws+%s@acme.example","Id":"%s",
                 "JoinedMethod":"CREATED","JoinedTimestamp":1.6094592E9,"Name":"%s","Status":"ACTIVE"}"""
                .formatted(ACCOUNT, id, id, id, name);
    }

    @Test
    void organizationModeReadsEveryActiveMemberThroughItsRole() throws Exception {
        Map<String, String> values = organization();
        stub.stub(action("AssumeRole", HUB_KEY).atPriority(1).withFormParam("RoleArn", containing(LOCKED))
                .willReturn(xml(ok("AssumeRole", AwsStub.STS_NS, "<Credentials><AccessKeyId>ASIALOCKED0000000003"
                        + "</AccessKeyId><SecretAccessKey>x</SecretAccessKey><SessionToken>t</SessionToken>"
                        + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"))));
        new IamStub(stub, "ASIALOCKED0000000003", LOCKED).minimalAccount();

        List<CollectedResource> accounts = collect(connector(values), AccountCollector.TYPE);

        assertThat(accounts).extracting(CollectedResource::externalId).containsExactly(ACCOUNT, MEMBER, LOCKED);
        assertThat(accounts.get(1).displayName()).isEqualTo("Production (" + MEMBER + ")");
        assertThat(attributes(accounts.get(1)).path("name").asString()).isEqualTo("Production");
        aws.verify(postRequestedFor(urlPathEqualTo("/")).withFormParam("Action", equalTo("AssumeRole"))
                .withFormParam("ExternalId", equalTo("evident-acme-7f3k")));
    }

    @Test
    void aThrottledOrganizationListingIsRetriedAfterABackoff() throws Exception {
        Map<String, String> values = organization();
        stub.stub(post(urlPathEqualTo("/")).atPriority(1).inScenario("org").whenScenarioStateIs(Scenario.STARTED)
                .withHeader("X-Amz-Target", equalTo("AWSOrganizationsV20161128.ListAccounts"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"TooManyRequestsException\",\"Message\":\"AWS Organizations "
                                + "can't complete your request because another request is already in progress\"}"))
                .willSetStateTo("throttled"));
        var sleeper = new dev.evident.connectors.http.RecordingSleeper(new dev.evident.connectors.http.TestClock(
                AwsTestSupport.NOW));

        CollectionException failure = AwsCollectorsFailures.failure(connector(values, sleeper), IamUserCollector.TYPE);

        assertThat(sleeper.waits).containsExactly(java.time.Duration.ofSeconds(1));
        assertThat(failure).as("listing went on to the locked member").hasMessageContaining(LOCKED);
    }

    @Test
    void aMemberWhoseRoleCannotBeAssumedFailsTheTypesNamingTheAccount() {
        AwsConnector connector = connector(organization());

        CollectionException failure = AwsCollectorsFailures.failure(connector, IamUserCollector.TYPE);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("cannot assume arn:aws:iam::" + LOCKED + ":role/EvidentReadOnly")
                .hasMessageContaining("member account " + LOCKED + " (Sandbox)")
                .hasMessageContaining("Create the role EvidentReadOnly in that account");
        assertThat(AwsCollectorsFailures.failure(connector, AccountCollector.TYPE)).hasMessage(failure.getMessage());
        aws.verify(1, postRequestedFor(urlPathEqualTo("/")).withFormParam("Action", equalTo("AssumeRole"))
                .withFormParam("RoleArn", containing(LOCKED)));
    }
}
