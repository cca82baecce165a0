package dev.evident.connectors.aws;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A stand-in for AWS's query/XML services (STS, IAM) on WireMock, answering as the AWS API
 * reference documents: requests are form-encoded POSTs told apart by their {@code Action}
 * parameter, and by the access key in the SigV4 {@code Authorization} header, which says which
 * account (which assumed role) is asking. Signatures are not verified.
 */
final class AwsStub {

    static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final WireMockExtension server;

    AwsStub(WireMockExtension server) {
        this.server = server;
    }

    /** A query-protocol request with this Action, signed with this access key id. */
    static MappingBuilder action(String action, String accessKeyId) {
        return post(urlPathEqualTo("/")).withFormParam("Action", equalTo(action))
                .withHeader("Authorization", containing("Credential=" + accessKeyId + "/"));
    }

    void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** sts:GetCallerIdentity for the key. */
    void identity(String accessKeyId, String account, String arn) {
        stub(action("GetCallerIdentity", accessKeyId).willReturn(xml(ok("GetCallerIdentity", STS_NS,
                "<Arn>" + arn + "</Arn><UserId>AIDAEXAMPLE" + account + "</UserId><Account>" + account + "</Account>"))));
    }

    /** sts:AssumeRole of the role by the key, handing out temporary credentials with the given key id. */
    void assumeRole(String callerKeyId, String roleArn, String newKeyId) {
        String account = roleArn.split(":")[4];
        stub(action("AssumeRole", callerKeyId).withFormParam("RoleArn", equalTo(roleArn))
                .willReturn(xml(ok("AssumeRole", STS_NS, """
                        <Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
                        <SessionToken>FwoGZXIvYXdzEXAMPLETOKEN%s</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
                        <AssumedRoleUser><Arn>arn:aws:sts::%s:assumed-role/%s/evident</Arn>
                        <AssumedRoleId>AROAEXAMPLE%s:evident</AssumedRoleId></AssumedRoleUser>
                        <PackedPolicySize>6</PackedPolicySize>""".formatted(newKeyId, newKeyId, account,
                        roleArn.substring(roleArn.lastIndexOf('/') + 1), account)))));
        identity(newKeyId, account, "arn:aws:sts::" + account + ":assumed-role/"
                + roleArn.substring(roleArn.lastIndexOf('/') + 1) + "/evident");
    }

    /** A successful query-protocol answer: {@code <XResponse><XResult>…</XResult><ResponseMetadata/></XResponse>}. */
    static String ok(String action, String namespace, String result) {
        return "<" + action + "Response xmlns=\"" + namespace + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>"
                + "</ResponseMetadata></" + action + "Response>";
    }

    /** An answer with no Result element (actions that return nothing but metadata). */
    static String okEmpty(String action, String namespace) {
        return "<" + action + "Response xmlns=\"" + namespace + "\"><ResponseMetadata><RequestId>"
                + "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></" + action + "Response>";
    }

    static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    /** A query-protocol error: {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}. */
    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
                "<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                        + message + "</Message></Error><RequestId>4a0a4b33-EXAMPLE</RequestId></ErrorResponse>");
    }

    static ResponseDefinitionBuilder accessDenied(String arn, String action) {
        return error(403, "AccessDenied", "User: " + arn + " is not authorized to perform: " + action
                + " because no identity-based policy allows the " + action + " action");
    }

    static ResponseDefinitionBuilder throttled() {
        return error(400, "Throttling", "Rate exceeded");
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
