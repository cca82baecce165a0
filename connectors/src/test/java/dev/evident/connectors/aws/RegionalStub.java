package dev.evident.connectors.aws;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Regional services as their API references describe them: CloudTrail and KMS speak JSON 1.1
 * ({@code X-Amz-Target}), RDS the query protocol, EC2 its own query dialect. Requests are told apart
 * by the region and service in the SigV4 credential scope.
 */
final class RegionalStub {

    static final String RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String CLOUDTRAIL = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    static final String KMS = "TrentService.";

    private final AwsStub stub;
    private final String keyId;

    RegionalStub(AwsStub stub, String keyId) {
        this.stub = stub;
        this.keyId = keyId;
    }

    /** A JSON 1.1 call of a service in a region. */
    MappingBuilder json(String region, String signingName, String target) {
        return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(target))
                .withHeader("Authorization", containing("Credential=" + keyId + "/"))
                .withHeader("Authorization", containing("/" + region + "/" + signingName + "/aws4_request"));
    }

    /** A query-protocol call (RDS, EC2) of a service in a region. */
    MappingBuilder query(String region, String signingName, String action) {
        return AwsStub.action(action, keyId)
                .withHeader("Authorization", containing("/" + region + "/" + signingName + "/aws4_request"));
    }

    void stub(MappingBuilder mapping, ResponseDefinitionBuilder answer) {
        stub.stub(mapping.willReturn(answer));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    static ResponseDefinitionBuilder jsonError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** EC2's error document: {@code <Response><Errors><Error>…</Error></Errors><RequestID/></Response>}. */
    static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(
                "<Response><Errors><Error><Code>" + code + "</Code><Message>"
                        + message + "</Message></Error></Errors><RequestID>ea966190-EXAMPLE</RequestID></Response>");
    }

    /** Every regional service answering "nothing here" in a region. */
    void empty(String region) {
        stub(json(region, "sso", IdentityCenterStub.SSO + "ListInstances"), json("{\"Instances\":[]}"));
        stub(json(region, "cloudtrail", CLOUDTRAIL + "DescribeTrails"), json("{\"trailList\":[]}"));
        stub(query(region, "rds", "DescribeDBInstances"), AwsStub.xml(AwsStub.ok("DescribeDBInstances", RDS_NS,
                "<DBInstances/>")));
        stub(query(region, "rds", "DescribeDBClusters"), AwsStub.xml(AwsStub.ok("DescribeDBClusters", RDS_NS,
                "<DBClusters/>")));
        stub(query(region, "ec2", "DescribeSecurityGroups"), AwsStub.xml("<DescribeSecurityGroupsResponse xmlns=\""
                + EC2_NS + "\"><requestId>r</requestId><securityGroupInfo/></DescribeSecurityGroupsResponse>"));
        stub(json(region, "kms", KMS + "ListKeys"), json("{\"Keys\":[],\"Truncated\":false}"));
        stub(guardDuty(region, "/detector"), json("{\"detectorIds\":[]}"));
    }

    /** A GuardDuty REST-JSON GET in a region. */
    MappingBuilder guardDuty(String region, String path) {
        return com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(path))
                .withHeader("Authorization", containing("Credential=" + keyId + "/"))
                .withHeader("Authorization", containing("/" + region + "/guardduty/aws4_request"));
    }
}
