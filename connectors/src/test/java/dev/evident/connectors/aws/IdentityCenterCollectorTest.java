package dev.evident.connectors.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.aws.AwsTestSupport.ACCOUNT;
import static dev.evident.connectors.aws.AwsTestSupport.KEY_ID;
import static dev.evident.connectors.aws.AwsTestSupport.USER_ARN;
import static dev.evident.connectors.aws.AwsTestSupport.attributes;
import static dev.evident.connectors.aws.AwsTestSupport.collect;
import static dev.evident.connectors.aws.AwsTestSupport.config;
import static dev.evident.connectors.aws.AwsTestSupport.connector;
import static org.assertj.core.api.Assertions.assertThat;

/** aws.sso_user through the signed JSON client against Identity Center and identity store stubs. */
class IdentityCenterCollectorTest {

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private AwsStub stub;
    private RegionalStub regional;
    private IdentityCenterStub center;

    @BeforeEach
    void identity() {
        stub = new AwsStub(aws);
        stub.identity(KEY_ID, ACCOUNT, USER_ARN);
        regional = new RegionalStub(stub, KEY_ID);
        center = new IdentityCenterStub(regional, "us-east-1");
    }

    @Test
    void usersCarryTheAccountsTheyReachThroughGroupsAndDirectAssignments() throws Exception {
        center.instance();
        center.users(null, "page-2", IdentityCenterStub.user("u-ada", "ada", "Ada Lovelace", "Ada@Acme.example",
                "ada.l@acme.example"), IdentityCenterStub.user("u-bob", "bob@acme.example", "Bob Byte"));
        center.users("page-2", null, IdentityCenterStub.user("u-carol", "carol", "Carol Chen", "carol@acme.example"));
        center.groups("g-admins", "admins", "g-dev", "developers");
        center.members("g-admins", "u-ada");
        center.members("g-dev", "u-ada", "u-bob");
        String allowEverything = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}]}";
        center.permissionSet("1", "AdministratorAccess", null, "AdministratorAccess");
        center.permissionSet("2", "DeveloperAccess", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}", "ReadOnlyAccess");
        center.permissionSet("3", "BreakGlass", allowEverything);
        center.provisioned(ACCOUNT, "1", "2", "3");
        center.assignments(ACCOUNT, "1", new String[] {"GROUP", "g-admins"});
        center.assignments(ACCOUNT, "2", new String[] {"GROUP", "g-dev"});
        center.assignments(ACCOUNT, "3", new String[] {"USER", "u-bob"});

        List<CollectedResource> users = collect(connector(config(aws.baseUrl())), IdentityCenterCollector.TYPE);

        assertThat(users).extracting(CollectedResource::displayName).containsExactly(
                "ada (Identity Center)", "bob@acme.example (Identity Center)", "carol (Identity Center)");
        assertThat(users.get(0).externalId()).isEqualTo(IdentityCenterStub.INSTANCE + "/u-ada");
        JsonNode ada = attributes(users.get(0));
        assertThat(ada.path("accountId").asString()).isEqualTo(ACCOUNT);
        assertThat(ada.path("region").asString()).isEqualTo("us-east-1");
        assertThat(ada.path("email").asString()).isEqualTo("ada@acme.example");
        assertThat(ada.path("aliases").toString()).isEqualTo("[\"ada.l@acme.example\"]");
        assertThat(ada.path("groups").toString()).isEqualTo("[\"admins\",\"developers\"]");
        assertThat(ada.path("accounts").toString()).isEqualTo("[\"" + ACCOUNT + "\"]");
        assertThat(ada.path("active").booleanValue()).isTrue();
        assertThat(ada.path("admin").booleanValue()).isTrue();
        assertThat(ada.path("adminAssignments").toString())
                .isEqualTo("[\"AdministratorAccess in " + ACCOUNT + " via group admins\"]");
        assertThat(ada.path("assignments")).hasSize(2);
        assertThat(ada.path("assignments").get(1).path("permissionSet").asString()).isEqualTo("DeveloperAccess");
        assertThat(ada.path("assignments").get(1).path("admin").booleanValue()).as("s3:* is not everything").isFalse();

        JsonNode bob = attributes(users.get(1));
        assertThat(bob.path("email").asString()).as("no address: the user name is one").isEqualTo("bob@acme.example");
        assertThat(bob.path("adminAssignments").toString()).isEqualTo("[\"BreakGlass in " + ACCOUNT + "\"]");
        assertThat(bob.path("groups").toString()).isEqualTo("[\"developers\"]");

        JsonNode carol = attributes(users.get(2));
        assertThat(carol.path("active").booleanValue()).as("reaches no account").isFalse();
        assertThat(carol.path("admin").booleanValue()).isFalse();
        assertThat(carol.path("assignments")).isEmpty();
    }

    /** Four users, one per permission set, in the connection's own account. */
    private void customerManagedSets() {
        center.instance();
        center.users(null, null, IdentityCenterStub.user("u-pat", "pat", "Pat Platform", "pat@acme.example"),
                IdentityCenterStub.user("u-sam", "sam", "Sam Support", "sam@acme.example"),
                IdentityCenterStub.user("u-ola", "ola", "Ola Other", "ola@acme.example"),
                IdentityCenterStub.user("u-dee", "dee", "Dee Dev", "dee@acme.example"));
        center.groups();
        center.permissionSet("4", "PlatformAdmin", null);
        center.customerPolicies("4", new String[] {"/platform/", "PlatformAdmin"}, new String[] {null, "Observer"});
        center.permissionSet("5", "Support", null);
        center.customerPolicies("5", new String[] {null, "SupportTools"});
        center.permissionSet("6", "Missing", null);
        center.customerPolicies("6", new String[] {null, "NotInThisAccount"});
        center.permissionSet("7", "Developer", null, "PowerUserAccess");
        center.customerPolicies("7", new String[] {null, "Observer"});
        center.provisioned(ACCOUNT, "4", "5", "6", "7");
        center.assignments(ACCOUNT, "4", new String[] {"USER", "u-pat"});
        center.assignments(ACCOUNT, "5", new String[] {"USER", "u-sam"});
        center.assignments(ACCOUNT, "6", new String[] {"USER", "u-ola"});
        center.assignments(ACCOUNT, "7", new String[] {"USER", "u-dee"});
    }

    @Test
    void customerManagedPoliciesAreReadInTheAccountThePermissionSetReaches() throws Exception {
        customerManagedSets();
        String everything = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}]}";
        String support = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"support:*\",\"Resource\":\"*\"}]}";
        new IamStub(stub, KEY_ID, ACCOUNT).localPolicies(
                IamStub.managedPolicy(ACCOUNT, "/platform/", "PlatformAdmin", everything)
                        + IamStub.managedPolicy(ACCOUNT, "Observer", support)
                        + IamStub.managedPolicy(ACCOUNT, "SupportTools", support)
                        + IamStub.managedPolicy(ACCOUNT, "/other/", "NotInThisAccount", everything));

        List<CollectedResource> users = collect(connector(config(aws.baseUrl())), IdentityCenterCollector.TYPE);

        JsonNode pat = attributes(users.get(0));
        assertThat(pat.path("admin").booleanValue()).as("PlatformAdmin allows everything in this account").isTrue();
        assertThat(pat.path("adminAssignments").toString()).isEqualTo("[\"PlatformAdmin in " + ACCOUNT + "\"]");
        JsonNode sam = attributes(users.get(1));
        assertThat(sam.path("admin").isBoolean()).isTrue();
        assertThat(sam.path("admin").booleanValue()).isFalse();
        JsonNode ola = attributes(users.get(2));
        assertThat(ola.path("admin").booleanValue()).as("the account has that name under another path only")
                .isFalse();
        JsonNode dee = attributes(users.get(3));
        assertThat(dee.path("admin").booleanValue()).isFalse();
        assertThat(dee.path("assignments").get(0).path("admin").booleanValue()).isFalse();
        aws.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/")).withFormParam("Action",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("GetAccountAuthorizationDetails")));
    }

    @Test
    void anAccountThatDeniesReadingItsPoliciesLeavesThoseAssignmentsUnknown() throws Exception {
        customerManagedSets();
        stub.stub(AwsStub.action("GetAccountAuthorizationDetails", KEY_ID).willReturn(
                AwsStub.accessDenied(USER_ARN, "iam:GetAccountAuthorizationDetails")));

        List<CollectedResource> users = collect(connector(config(aws.baseUrl())), IdentityCenterCollector.TYPE);

        assertThat(users).hasSize(4);
        JsonNode pat = attributes(users.get(0));
        assertThat(pat.path("admin").isNull()).as("unknown, not \"no\"").isTrue();
        assertThat(pat.path("assignments").get(0).path("admin").isNull()).isTrue();
    }

    @Test
    void withoutAnInstanceTheTypeIsEmpty() throws Exception {
        center.noInstance();

        assertThat(collect(connector(config(aws.baseUrl())), IdentityCenterCollector.TYPE)).isEmpty();
    }

    @Test
    void aRefusedListingFailsTheTypeNamingTheAction() {
        regional.stub(center.sso("ListInstances"), RegionalStub.jsonError(400, "AccessDeniedException",
                "User: " + USER_ARN + " is not authorized to perform: sso:ListInstances"));

        CollectionException failure = AwsCollectorsFailures.failure(connector(config(aws.baseUrl())),
                IdentityCenterCollector.TYPE);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("AWS denied sso:ListInstances for account " + ACCOUNT + " in us-east-1")
                .hasMessageContaining("Allow sso:ListInstances");
    }
}
