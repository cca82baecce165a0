package dev.evident.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One AWS account on WireMock, for running the real AWS connector (SDK v2 with an endpoint override)
 * inside the app: the wire formats of the AWS API references, as the connectors module's own stubs
 * speak them (those are test classes of that module, not visible here). Query/XML services (STS, IAM,
 * RDS, EC2) are POSTs told apart by their {@code Action}; S3 is REST/XML with path-style addressing;
 * CloudTrail and KMS are JSON 1.1 told apart by {@code X-Amz-Target}; GuardDuty is REST/JSON.
 * Requests are matched on the service (and, for regional services, the region) of their SigV4
 * credential scope; S3's also on the access key. Signatures are not verified. A later stub of the same request wins, so a test changes an answer by stubbing it again.
 */
public final class AwsWireStub {

    public static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    private static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final String REPORT_HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
            + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    private final WireMockServer server;
    private final String account;

    public AwsWireStub(WireMockServer server, String account) {
        this.server = server;
        this.account = account;
    }

    public String userArn() {
        return "arn:aws:iam::" + account + ":user/evident-reader";
    }

    /** A query-protocol call (STS, IAM, RDS, EC2) of a service, by its signing name. */
    public MappingBuilder query(String service, String action) {
        return post(urlPathEqualTo("/")).withFormParam("Action", equalTo(action))
                .withHeader("Authorization", containing("/" + service + "/aws4_request"));
    }

    public void stub(MappingBuilder request, ResponseDefinitionBuilder answer) {
        server.stubFor(request.willReturn(answer));
    }

    /** sts:GetCallerIdentity for the access key. */
    public void identity() {
        stub(query("sts", "GetCallerIdentity"), xml(ok("GetCallerIdentity", STS_NS, "<Arn>" + userArn()
                + "</Arn><UserId>AIDAEXAMPLE</UserId><Account>" + account + "</Account>")));
    }

    /**
     * One IAM user with a console password, without MFA or access keys, who is an administrator
     * through the group {@code admins} (AWS managed AdministratorAccess).
     */
    public void consoleUserWithoutMfa(String name) {
        stub(query("iam", "GetAccountAuthorizationDetails"), xml(ok("GetAccountAuthorizationDetails", IAM_NS,
                "<IsTruncated>false</IsTruncated><UserDetailList><member><Path>/</Path><UserName>" + name
                        + "</UserName><UserId>AIDA" + Math.abs(name.hashCode()) + "</UserId><Arn>arn:aws:iam::" + account
                        + ":user/" + name + "</Arn><CreateDate>2025-01-01T00:00:00Z</CreateDate><UserPolicyList/>"
                        + "<GroupList><member>admins</member></GroupList><AttachedManagedPolicies/><Tags/></member>"
                        + "</UserDetailList><GroupDetailList><member><Path>/</Path><GroupName>admins</GroupName>"
                        + "<GroupId>AGPAADMINS</GroupId><Arn>arn:aws:iam::" + account + ":group/admins</Arn>"
                        + "<CreateDate>2024-01-01T00:00:00Z</CreateDate><GroupPolicyList/><AttachedManagedPolicies>"
                        + "<member><PolicyName>AdministratorAccess</PolicyName><PolicyArn>"
                        + "arn:aws:iam::aws:policy/AdministratorAccess</PolicyArn></member></AttachedManagedPolicies>"
                        + "</member></GroupDetailList><RoleDetailList/><Policies/>")));
        stub(query("iam", "ListUsers"), xml(ok("ListUsers", IAM_NS, "<Users><member><Path>/</Path><UserName>" + name
                + "</UserName><UserId>AIDA" + Math.abs(name.hashCode()) + "</UserId><Arn>arn:aws:iam::" + account
                + ":user/" + name + "</Arn><CreateDate>2025-01-01T00:00:00Z</CreateDate></member></Users>"
                + "<IsTruncated>false</IsTruncated>")));
        stub(query("iam", "ListMFADevices").withFormParam("UserName", equalTo(name)), xml(ok("ListMFADevices", IAM_NS,
                "<IsTruncated>false</IsTruncated><MFADevices/>")));
        stub(query("iam", "ListAccessKeys").withFormParam("UserName", equalTo(name)), xml(ok("ListAccessKeys", IAM_NS,
                "<UserName>" + name + "</UserName><AccessKeyMetadata/><IsTruncated>false</IsTruncated>")));
        stub(query("iam", "GetLoginProfile").withFormParam("UserName", equalTo(name)), xml(ok("GetLoginProfile",
                IAM_NS, "<LoginProfile><UserName>" + name + "</UserName><CreateDate>2025-01-10T09:00:00Z</CreateDate>"
                        + "<PasswordResetRequired>false</PasswordResetRequired></LoginProfile>")));
    }

    /** A COMPLETE credential report whose root row has MFA on and no access keys. */
    public void rootWithMfaAndNoKeys() {
        stub(query("iam", "GenerateCredentialReport"), xml(ok("GenerateCredentialReport", IAM_NS,
                "<State>COMPLETE</State><Description>Report ready</Description>")));
        String root = "<root_account>,arn:aws:iam::" + account + ":root,2020-01-01T00:00:00+00:00,not_supported,"
                + "no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
                + "false,N/A,false,N/A";
        stub(query("iam", "GetCredentialReport"), xml(ok("GetCredentialReport", IAM_NS, "<Content>"
                + Base64.getEncoder().encodeToString((REPORT_HEADER + "\n" + root).getBytes(StandardCharsets.UTF_8))
                + "</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-06-15T11:58:00Z</GeneratedTime>")));
    }

    /** The account password policy with this minimum length, requiring every character class, reuse prevention 24. */
    public void passwordPolicy(int minLength) {
        stub(query("iam", "GetAccountPasswordPolicy"), xml(ok("GetAccountPasswordPolicy", IAM_NS, "<PasswordPolicy>"
                + "<AllowUsersToChangePassword>true</AllowUsersToChangePassword><RequireLowercaseCharacters>true"
                + "</RequireLowercaseCharacters><RequireUppercaseCharacters>true</RequireUppercaseCharacters>"
                + "<MinimumPasswordLength>" + minLength + "</MinimumPasswordLength><RequireNumbers>true</RequireNumbers>"
                + "<RequireSymbols>true</RequireSymbols><ExpirePasswords>false</ExpirePasswords>"
                + "<PasswordReusePrevention>24</PasswordReusePrevention><HardExpiry>false</HardExpiry>"
                + "</PasswordPolicy>")));
    }

    /** ListBuckets with one bucket in the region, which has nothing configured; no account-level block. */
    public void bareBucket(String bucket, String region) {
        stub(s3(get(urlPathEqualTo("/")).withQueryParam("max-buckets", matching("[0-9]+"))), s3Xml("<ListAllMyBucketsResult"
                + " xmlns=\"" + S3_NS + "\"><Buckets><Bucket><Name>" + bucket + "</Name><CreationDate>"
                + "2024-02-01T10:00:00.000Z</CreationDate><BucketRegion>" + region + "</BucketRegion></Bucket></Buckets>"
                + "<Owner><DisplayName>acme</DisplayName><ID>79a59df900b949e55d96a1e698fbaced</ID></Owner>"
                + "</ListAllMyBucketsResult>"));
        stub(s3(get(urlPathEqualTo("/v20180820/configuration/publicAccessBlock"))), aResponse().withStatus(404)
                .withHeader("Content-Type", "application/xml").withBody("<ErrorResponse><Error><Code>"
                        + "NoSuchPublicAccessBlockConfiguration</Code><Message>The public access block configuration "
                        + "was not found</Message></Error><RequestId>5E4D3C2B1A</RequestId></ErrorResponse>"));
        subresource(bucket, "encryption", s3Error(404, "ServerSideEncryptionConfigurationNotFoundError",
                "The server side encryption configuration was not found"));
        subresource(bucket, "publicAccessBlock", s3Error(404, "NoSuchPublicAccessBlockConfiguration",
                "The public access block configuration was not found"));
        subresource(bucket, "policyStatus", s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist"));
        subresource(bucket, "versioning", s3Xml("<VersioningConfiguration xmlns=\"" + S3_NS + "\"/>"));
        subresource(bucket, "logging", s3Xml("<BucketLoggingStatus xmlns=\"" + S3_NS + "\"/>"));
    }

    /** s3:ListAllMyBuckets refused as S3 refuses it to a principal without the permission. */
    public void denyListBuckets() {
        stub(s3(get(urlPathEqualTo("/")).withQueryParam("max-buckets", matching("[0-9]+"))),
                s3Error(403, "AccessDenied", "Access Denied"));
    }

    /** Every regional service answering "nothing here" in the region. */
    public void emptyRegion(String region) {
        String cloudTrail = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
        stub(json(region, "cloudtrail", cloudTrail + "DescribeTrails"), jsonOk("{\"trailList\":[]}"));
        stub(regional(region, "rds", "DescribeDBInstances"), xml(ok("DescribeDBInstances", RDS_NS, "<DBInstances/>")));
        stub(regional(region, "rds", "DescribeDBClusters"), xml(ok("DescribeDBClusters", RDS_NS, "<DBClusters/>")));
        stub(regional(region, "ec2", "DescribeSecurityGroups"), xml("<DescribeSecurityGroupsResponse xmlns=\""
                + "http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><securityGroupInfo/>"
                + "</DescribeSecurityGroupsResponse>"));
        stub(json(region, "kms", "TrentService.ListKeys"), jsonOk("{\"Keys\":[],\"Truncated\":false}"));
        stub(json(region, "sso", "SWBExternalService.ListInstances"), jsonOk("{\"Instances\":[]}"));
        stub(get(urlPathEqualTo("/detector")).withHeader("Authorization", containing("/" + region
                + "/guardduty/aws4_request")), jsonOk("{\"detectorIds\":[]}"));
    }

    private MappingBuilder regional(String region, String service, String action) {
        return post(urlPathEqualTo("/")).withFormParam("Action", equalTo(action))
                .withHeader("Authorization", containing("/" + region + "/" + service + "/aws4_request"));
    }

    private MappingBuilder json(String region, String service, String target) {
        return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(target))
                .withHeader("Authorization", containing("/" + region + "/" + service + "/aws4_request"));
    }

    private MappingBuilder s3(MappingBuilder request) {
        return request.withHeader("Authorization", containing("Credential=" + KEY_ID + "/"));
    }

    private void subresource(String bucket, String name, ResponseDefinitionBuilder answer) {
        stub(s3(get(urlMatching("/" + bucket + "\\?" + name + "(=|&|$).*"))), answer);
    }

    private static String ok(String action, String namespace, String result) {
        return "<" + action + "Response xmlns=\"" + namespace + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>7a62c49f-EXAMPLE</RequestId></ResponseMetadata></" + action
                + "Response>";
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    private static ResponseDefinitionBuilder s3Xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody(body);
    }

    private static ResponseDefinitionBuilder s3Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml").withBody(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>h0stIdEXAMPLE=</HostId></Error>");
    }

    private static ResponseDefinitionBuilder jsonOk(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }
}
