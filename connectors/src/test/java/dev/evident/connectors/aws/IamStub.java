package dev.evident.connectors.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.evident.connectors.aws.AwsStub.IAM_NS;
import static dev.evident.connectors.aws.AwsStub.action;
import static dev.evident.connectors.aws.AwsStub.error;
import static dev.evident.connectors.aws.AwsStub.ok;
import static dev.evident.connectors.aws.AwsStub.xml;

import java.util.List;

/** IAM answers for one account, reached with one access key, shaped as in the IAM API reference. */
final class IamStub {

    static final String REPORT_HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
            + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    private final AwsStub stub;
    private final String keyId;
    private final String account;

    IamStub(AwsStub stub, String keyId, String account) {
        this.stub = stub;
        this.keyId = keyId;
        this.account = account;
    }

    static String user(String account, String name, String created, String passwordLastUsed) {
        return "<member><Path>/</Path><UserName>" + name + "</UserName><UserId>AIDA" + name.hashCode() + "</UserId>"
                + "<Arn>arn:aws:iam::" + account + ":user/" + name + "</Arn><CreateDate>" + created + "</CreateDate>"
                + (passwordLastUsed == null ? "" : "<PasswordLastUsed>" + passwordLastUsed + "</PasswordLastUsed>")
                + "</member>";
    }

    /**
     * ListUsers in two pages: the first truncated with a Marker, the second answering that Marker;
     * and authorization details listing the same users with no groups, policies or tags.
     */
    void users(String firstPage, String secondPage) {
        authorizationDetails(detailsOf(firstPage + secondPage), "", "");
        stub.stub(action("ListUsers", keyId).withFormParam("Marker", absent()).willReturn(xml(ok("ListUsers", IAM_NS,
                "<Users>" + firstPage + "</Users><IsTruncated>true</IsTruncated><Marker>page2-" + account + "</Marker>"))));
        stub.stub(action("ListUsers", keyId).withFormParam("Marker", equalTo("page2-" + account))
                .willReturn(xml(ok("ListUsers", IAM_NS, "<Users>" + secondPage + "</Users><IsTruncated>false</IsTruncated>"))));
    }

    /** A UserDetailList member for each user of ListUsers members, with nothing attached. */
    private static String detailsOf(String listUsersMembers) {
        StringBuilder details = new StringBuilder();
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("<UserName>([^<]+)</UserName>")
                .matcher(listUsersMembers);
        while (names.find()) {
            details.append(userDetail(names.group(1), List.of(), "", "", ""));
        }
        return details.toString();
    }

    /**
     * A UserDetailList member.
     *
     * @param attached AttachedManagedPolicies members ({@link #attached})
     * @param inline   UserPolicyList members ({@link #inline})
     * @param tags     Tags members ({@link #tag})
     */
    static String userDetail(String name, List<String> groups, String attached, String inline, String tags) {
        StringBuilder groupList = new StringBuilder();
        groups.forEach(g -> groupList.append("<member>").append(g).append("</member>"));
        return "<member><Path>/</Path><UserName>" + name + "</UserName><UserId>AIDA" + Math.abs(name.hashCode())
                + "</UserId><Arn>arn:aws:iam::000000000000:user/" + name + "</Arn><CreateDate>2024-01-01T00:00:00Z"
                + "</CreateDate><UserPolicyList>" + inline + "</UserPolicyList><GroupList>" + groupList
                + "</GroupList><AttachedManagedPolicies>" + attached + "</AttachedManagedPolicies><Tags>" + tags
                + "</Tags></member>";
    }

    /** A GroupDetailList member. */
    static String groupDetail(String name, String attached, String inline) {
        return "<member><Path>/</Path><GroupName>" + name + "</GroupName><GroupId>AGPA" + Math.abs(name.hashCode())
                + "</GroupId><Arn>arn:aws:iam::000000000000:group/" + name + "</Arn><CreateDate>2024-01-01T00:00:00Z"
                + "</CreateDate><GroupPolicyList>" + inline + "</GroupPolicyList><AttachedManagedPolicies>" + attached
                + "</AttachedManagedPolicies></member>";
    }

    /** A customer managed policy (Policies member) whose default version has this document. */
    static String managedPolicy(String account, String name, String document) {
        return managedPolicy(account, "/", name, document);
    }

    /** A customer managed policy under an IAM path ("/platform/"). */
    static String managedPolicy(String account, String path, String name, String document) {
        return "<member><PolicyName>" + name + "</PolicyName><DefaultVersionId>v2</DefaultVersionId><PolicyId>ANPA"
                + Math.abs(name.hashCode()) + "</PolicyId><Path>" + path + "</Path><PolicyVersionList>"
                + "<member><Document>" + encode("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                + "</Document><IsDefaultVersion>false</IsDefaultVersion><VersionId>v1</VersionId></member>"
                + "<member><Document>" + encode(document) + "</Document><IsDefaultVersion>true</IsDefaultVersion>"
                + "<VersionId>v2</VersionId></member></PolicyVersionList><Arn>arn:aws:iam::" + account + ":policy" + path
                + name + "</Arn><AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable></member>";
    }

    static String attached(String name, String arn) {
        return "<member><PolicyName>" + name + "</PolicyName><PolicyArn>" + arn + "</PolicyArn></member>";
    }

    static String inline(String name, String document) {
        return "<member><PolicyName>" + name + "</PolicyName><PolicyDocument>" + encode(document)
                + "</PolicyDocument></member>";
    }

    static String tag(String key, String value) {
        return "<member><Key>" + key + "</Key><Value>" + value + "</Value></member>";
    }

    /** IAM's encoding of policy documents in its answers: RFC 3986 percent-encoding. */
    static String encode(String document) {
        return java.net.URLEncoder.encode(document, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** GetAccountAuthorizationDetails filtered to the account's own policies, as Identity Center reads it. */
    void localPolicies(String policies) {
        stub.stub(action("GetAccountAuthorizationDetails", keyId).withFormParam("Filter.member.1",
                equalTo("LocalManagedPolicy")).atPriority(1).willReturn(xml(ok("GetAccountAuthorizationDetails", IAM_NS,
                "<IsTruncated>false</IsTruncated><UserDetailList/><GroupDetailList/><RoleDetailList/><Policies>"
                        + policies + "</Policies>"))));
    }

    /** GetAccountAuthorizationDetails, in one page. */
    void authorizationDetails(String users, String groups, String policies) {
        stub.stub(action("GetAccountAuthorizationDetails", keyId).willReturn(xml(ok("GetAccountAuthorizationDetails",
                IAM_NS, "<IsTruncated>false</IsTruncated><UserDetailList>" + users + "</UserDetailList>"
                        + "<GroupDetailList>" + groups + "</GroupDetailList><RoleDetailList/><Policies>" + policies
                        + "</Policies>"))));
    }

    void mfaDevices(String user, String... serials) {
        StringBuilder members = new StringBuilder();
        for (String serial : serials) {
            members.append("<member><UserName>").append(user).append("</UserName><SerialNumber>").append(serial)
                    .append("</SerialNumber><EnableDate>2025-03-01T10:00:00Z</EnableDate></member>");
        }
        stub.stub(action("ListMFADevices", keyId).withFormParam("UserName", equalTo(user)).willReturn(xml(ok(
                "ListMFADevices", IAM_NS, "<IsTruncated>false</IsTruncated><MFADevices>" + members + "</MFADevices>"))));
    }

    /** Keys as {id, status, created, lastUsed-or-null}. */
    void accessKeys(String user, String[]... keys) {
        StringBuilder members = new StringBuilder();
        for (String[] key : keys) {
            members.append("<member><UserName>").append(user).append("</UserName><AccessKeyId>").append(key[0])
                    .append("</AccessKeyId><Status>").append(key[1]).append("</Status><CreateDate>").append(key[2])
                    .append("</CreateDate></member>");
            String used = key[3] == null ? "<Region>N/A</Region><ServiceName>N/A</ServiceName>"
                    : "<LastUsedDate>" + key[3] + "</LastUsedDate><Region>eu-west-1</Region><ServiceName>s3</ServiceName>";
            stub.stub(action("GetAccessKeyLastUsed", keyId).withFormParam("AccessKeyId", equalTo(key[0])).willReturn(
                    xml(ok("GetAccessKeyLastUsed", IAM_NS, "<AccessKeyLastUsed>" + used + "</AccessKeyLastUsed><UserName>"
                            + user + "</UserName>"))));
        }
        stub.stub(action("ListAccessKeys", keyId).withFormParam("UserName", equalTo(user)).willReturn(xml(ok(
                "ListAccessKeys", IAM_NS, "<UserName>" + user + "</UserName><AccessKeyMetadata>" + members
                        + "</AccessKeyMetadata><IsTruncated>false</IsTruncated>"))));
    }

    void loginProfile(String user, boolean exists) {
        stub.stub(action("GetLoginProfile", keyId).withFormParam("UserName", equalTo(user)).willReturn(exists
                ? xml(ok("GetLoginProfile", IAM_NS, "<LoginProfile><UserName>" + user + "</UserName><CreateDate>"
                + "2025-01-10T09:00:00Z</CreateDate><PasswordResetRequired>false</PasswordResetRequired></LoginProfile>"))
                : error(404, "NoSuchEntity", "Login Profile for User " + user + " cannot be found.")));
    }

    /** A user with no MFA, no keys and no console password. */
    void bareUser(String user) {
        mfaDevices(user);
        accessKeys(user);
        loginProfile(user, false);
    }

    /** GenerateCredentialReport answering COMPLETE, and GetCredentialReport with the given CSV rows. */
    void credentialReport(String... rows) {
        stub.stub(action("GenerateCredentialReport", keyId).willReturn(xml(ok("GenerateCredentialReport", IAM_NS,
                "<State>COMPLETE</State><Description>No report exists. Starting a new report generation task</Description>"))));
        stub.stub(action("GetCredentialReport", keyId).willReturn(xml(ok("GetCredentialReport", IAM_NS,
                "<Content>" + AwsStub.base64(REPORT_HEADER + "\n" + String.join("\n", rows)) + "</Content>"
                        + "<ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-06-15T11:58:00Z</GeneratedTime>"))));
    }

    static String rootRow(String account, boolean mfa, boolean key1Active, String key1LastUsed, String passwordLastUsed) {
        return "<root_account>,arn:aws:iam::" + account + ":root,2020-01-01T00:00:00+00:00,not_supported,"
                + (passwordLastUsed == null ? "no_information" : passwordLastUsed) + ",not_supported,not_supported,"
                + mfa + "," + key1Active + "," + (key1Active ? "2021-01-01T00:00:00+00:00" : "N/A") + ","
                + (key1LastUsed == null ? "N/A" : key1LastUsed) + "," + (key1LastUsed == null ? "N/A" : "us-east-1") + ","
                + (key1LastUsed == null ? "N/A" : "ec2") + ",false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
    }

    void passwordPolicy(String policyXml) {
        stub.stub(action("GetAccountPasswordPolicy", keyId).willReturn(policyXml == null
                ? error(404, "NoSuchEntity", "The Password Policy with domain name " + account + " cannot be found.")
                : xml(ok("GetAccountPasswordPolicy", IAM_NS, "<PasswordPolicy>" + policyXml + "</PasswordPolicy>"))));
    }

    static final String STRONG_POLICY = "<AllowUsersToChangePassword>true</AllowUsersToChangePassword>"
            + "<RequireLowercaseCharacters>true</RequireLowercaseCharacters>"
            + "<RequireUppercaseCharacters>true</RequireUppercaseCharacters>"
            + "<MinimumPasswordLength>14</MinimumPasswordLength><RequireNumbers>true</RequireNumbers>"
            + "<RequireSymbols>true</RequireSymbols><ExpirePasswords>true</ExpirePasswords>"
            + "<MaxPasswordAge>90</MaxPasswordAge><PasswordReusePrevention>24</PasswordReusePrevention>"
            + "<HardExpiry>false</HardExpiry>";

    /** One user with nothing, a credential report and a policy: a minimal account that collects. */
    void minimalAccount() {
        stub.stub(action("ListUsers", keyId).willReturn(xml(ok("ListUsers", IAM_NS,
                "<Users>" + user(account, "solo", "2025-01-01T00:00:00Z", null) + "</Users><IsTruncated>false</IsTruncated>"))));
        authorizationDetails(userDetail("solo", List.of(), "", "", ""), "", "");
        bareUser("solo");
        credentialReport(rootRow(account, true, false, null, null));
        passwordPolicy(STRONG_POLICY);
    }
}
