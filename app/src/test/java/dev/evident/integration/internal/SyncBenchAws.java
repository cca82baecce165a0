package dev.evident.integration.internal;

import dev.evident.integration.internal.SyncBenchStub.Answer;
import dev.evident.integration.internal.SyncBenchStub.Request;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The benchmark's AWS: one endpoint for every service, as the connector's endpoint override sends
 * them, speaking each service's wire protocol as the AWS API references describe it (and as the
 * connector tests' WireMock stubs do). A request is routed by the service and region in its SigV4
 * credential scope; the access key says which account asks: the configured key is the management
 * account's, and AssumeRole hands out keys that name the member account. Signatures are not verified.
 * This class answers STS, Organizations and IAM; {@link SyncBenchAwsRegional} the rest.
 *
 * <p>Pages follow each API's documented default size: IAM 100 items (Marker), Organizations 20
 * accounts (NextToken), RDS 100 records (Marker), KMS 100 keys (NextMarker), GuardDuty as asked.
 */
final class SyncBenchAws implements SyncBenchStub.Handler {

    static final String HUB_KEY = "AKIABENCHMARK0000001";
    static final String SECRET = "benchmarkSecretKey0000000000000000000000";
    static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    static final int IAM_PAGE = 100;
    static final int ORGANIZATIONS_PAGE = 20;
    static final String REPORT_HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
            + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    /** Who signed a request and for what. */
    record Caller(int account, String region, String service) {
    }

    private final SyncBenchModel model;
    private final SyncBenchAwsRegional regional;

    SyncBenchAws(SyncBenchModel model) {
        this.model = model;
        this.regional = new SyncBenchAwsRegional(model);
    }

    @Override
    public Answer handle(Request request) {
        Caller caller = caller(request.header("Authorization"));
        if (caller == null) {
            return queryError("sts", 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        return switch (caller.service()) {
            case "sts" -> sts(caller, SyncBenchStub.form(request.bodyText()));
            case "organizations" -> organizations(caller, request);
            case "iam" -> iam(caller, SyncBenchStub.form(request.bodyText()));
            // the simulated organization has no IAM Identity Center instance: aws.sso_user is collected empty
            case "sso" -> "SWBExternalService.ListInstances".equals(request.header("X-Amz-Target"))
                    ? SyncBenchAwsRegional.json("sso:ListInstances", "{\"Instances\":[]}")
                    : SyncBenchAwsRegional.jsonError("sso", 400, "UnknownOperationException",
                    String.valueOf(request.header("X-Amz-Target")));
            default -> regional.handle(caller, request);
        };
    }

    /** The account of the access key and the credential scope's region and service, or null for an unknown key. */
    Caller caller(String authorization) {
        if (authorization == null || !authorization.contains("Credential=")) {
            return null;
        }
        int start = authorization.indexOf("Credential=") + "Credential=".length();
        int end = authorization.indexOf(',', start);
        String[] scope = authorization.substring(start, end < 0 ? authorization.length() : end).split("/");
        if (scope.length < 5) {
            return null;
        }
        int account;
        if (scope[0].equals(HUB_KEY)) {
            account = 0;
        } else if (scope[0].startsWith("ASIA") && scope[0].length() >= 16) {
            account = model.accountIndex(scope[0].substring(4, 16));
            if (account < 0 || account >= model.accounts.size()) {
                return null;
            }
        } else {
            return null;
        }
        return new Caller(account, scope[2], scope[3]);
    }

    private Answer sts(Caller caller, Map<String, String> form) {
        String action = form.get("Action");
        String account = model.account(caller.account());
        if ("GetCallerIdentity".equals(action)) {
            String arn = caller.account() == 0 ? "arn:aws:iam::" + account + ":user/evident-reader"
                    : "arn:aws:sts::" + account + ":assumed-role/EvidentReadOnly/evident";
            return xml("sts:GetCallerIdentity", ok(action, STS_NS, "<Arn>" + arn + "</Arn><UserId>AIDABENCH" + account
                    + "</UserId><Account>" + account + "</Account>"));
        }
        if ("AssumeRole".equals(action)) {
            String roleArn = form.getOrDefault("RoleArn", "");
            String[] parts = roleArn.split(":");
            if (parts.length < 6 || model.accounts.indexOf(parts[4]) < 0) {
                return queryError("sts:AssumeRole", 403, "AccessDenied", "Not authorized to perform sts:AssumeRole");
            }
            String member = parts[4];
            String key = "ASIA" + member + "BNCH";
            return xml("sts:AssumeRole", ok(action, STS_NS, "<Credentials><AccessKeyId>" + key + "</AccessKeyId>"
                    + "<SecretAccessKey>" + SECRET + "</SecretAccessKey><SessionToken>FwoGZXIvYXdzBENCH" + member
                    + "</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>"
                    + "arn:aws:sts::" + member + ":assumed-role/EvidentReadOnly/evident</Arn><AssumedRoleId>AROABENCH"
                    + member + ":evident</AssumedRoleId></AssumedRoleUser><PackedPolicySize>6</PackedPolicySize>"));
        }
        return queryError("sts", 400, "InvalidAction", "Could not find operation " + action);
    }

    private Answer organizations(Caller caller, Request request) {
        String target = request.header("X-Amz-Target");
        if (!"AWSOrganizationsV20161128.ListAccounts".equals(target)) {
            return SyncBenchAwsRegional.jsonError("organizations", 400, "UnknownOperationException", target);
        }
        if (caller.account() != 0) {
            return SyncBenchAwsRegional.jsonError("organizations:ListAccounts", 400, "AWSOrganizationsNotInUseException",
                    "Your account is not a member of an organization.");
        }
        String token = SyncBenchStub.jsonField(request.bodyText(), "NextToken");
        int from = token == null ? 0 : Integer.parseInt(token.substring(1));
        int to = Math.min(model.accounts.size(), from + ORGANIZATIONS_PAGE);
        StringBuilder json = new StringBuilder("{\"Accounts\":[");
        for (int a = from; a < to; a++) {
            String id = model.account(a);
            json.append(a == from ? "" : ",").append("{\"Arn\":\"arn:aws:organizations::").append(model.account(0))
                    .append(":account/o-bench00001/").append(id).append("\",\"Email\":\"aws+").append(id)
                    .append("@bench.example\",\"Id\":\"").append(id).append("\",\"JoinedMethod\":\"CREATED\",")
                    .append("\"JoinedTimestamp\":1.6094592E9,\"Name\":\"").append(a == 0 ? "management" : "workload-" + a)
                    .append("\",\"Status\":\"ACTIVE\"}");
        }
        json.append(']');
        if (to < model.accounts.size()) {
            json.append(",\"NextToken\":\"t").append(to).append('"');
        }
        return SyncBenchAwsRegional.json("organizations:ListAccounts", json.append('}').toString());
    }

    private Answer iam(Caller caller, Map<String, String> form) {
        String action = form.get("Action");
        int a = caller.account();
        String account = model.account(a);
        return switch (action) {
            case "ListUsers" -> listUsers(a, form.get("Marker"));
            case "GetAccountAuthorizationDetails" -> authorizationDetails(a, form.get("Marker"));
            case "ListMFADevices" -> {
                int u = userIndex(form.get("UserName"), a);
                String devices = u >= 0 && mfa(a, u) ? "<member><UserName>" + form.get("UserName") + "</UserName>"
                        + "<SerialNumber>arn:aws:iam::" + account + ":mfa/" + userName(a, u) + "</SerialNumber><EnableDate>"
                        + model.daysAgo(200 + model.roll("mfa", a, u) % 400, u) + "</EnableDate></member>" : "";
                yield xml("iam:ListMFADevices", ok(action, IAM_NS, "<MFADevices>" + devices
                        + "</MFADevices><IsTruncated>false</IsTruncated>"));
            }
            case "ListAccessKeys" -> {
                int u = userIndex(form.get("UserName"), a);
                StringBuilder keys = new StringBuilder();
                for (int k = 0; u >= 0 && k < keys(a, u); k++) {
                    keys.append("<member><UserName>").append(form.get("UserName")).append("</UserName><AccessKeyId>")
                            .append(keyId(a, u, k)).append("</AccessKeyId><Status>")
                            .append(model.chance(85, "keyActive", a, u, k) ? "Active" : "Inactive")
                            .append("</Status><CreateDate>").append(model.daysAgo(model.roll("keyAge", a, u, k) % 400, k))
                            .append("</CreateDate></member>");
                }
                yield xml("iam:ListAccessKeys", ok(action, IAM_NS, "<UserName>" + form.get("UserName")
                        + "</UserName><AccessKeyMetadata>" + keys + "</AccessKeyMetadata><IsTruncated>false</IsTruncated>"));
            }
            case "GetAccessKeyLastUsed" -> {
                String key = form.getOrDefault("AccessKeyId", "");
                int[] parsed = parseKey(key);
                String used = parsed == null || model.chance(25, "keyUnused", parsed[0], parsed[1], parsed[2])
                        ? "<Region>N/A</Region><ServiceName>N/A</ServiceName>"
                        : "<LastUsedDate>" + model.daysAgo(model.roll("keyUsed", parsed[0], parsed[1], parsed[2]) % 150,
                        parsed[2]) + "</LastUsedDate><Region>" + model.regions.get(0) + "</Region><ServiceName>s3</ServiceName>";
                yield xml("iam:GetAccessKeyLastUsed", ok(action, IAM_NS, "<AccessKeyLastUsed>" + used
                        + "</AccessKeyLastUsed><UserName>" + (parsed == null ? "" : userName(parsed[0], parsed[1]))
                        + "</UserName>"));
            }
            case "GetLoginProfile" -> {
                int u = userIndex(form.get("UserName"), a);
                yield u >= 0 && console(a, u)
                        ? xml("iam:GetLoginProfile", ok(action, IAM_NS, "<LoginProfile><UserName>" + form.get("UserName")
                        + "</UserName><CreateDate>" + model.daysAgo(300 + u % 200, u) + "</CreateDate>"
                        + "<PasswordResetRequired>false</PasswordResetRequired></LoginProfile>"))
                        : queryError("iam:GetLoginProfile", 404, "NoSuchEntity", "Login Profile for User "
                        + form.get("UserName") + " cannot be found.");
            }
            case "GenerateCredentialReport" -> xml("iam:GenerateCredentialReport", ok(action, IAM_NS,
                    "<State>COMPLETE</State><Description>Report generated</Description>"));
            case "GetCredentialReport" -> xml("iam:GetCredentialReport", ok(action, IAM_NS, "<Content>"
                    + Base64.getEncoder().encodeToString(credentialReport(a).getBytes(StandardCharsets.UTF_8))
                    + "</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>" + model.daysAgo(0, 7)
                    + "</GeneratedTime>"));
            case "GetAccountPasswordPolicy" -> a % 10 == 9
                    ? queryError("iam:GetAccountPasswordPolicy", 404, "NoSuchEntity", "The Password Policy with domain name "
                    + account + " cannot be found.")
                    : xml("iam:GetAccountPasswordPolicy", ok(action, IAM_NS, "<PasswordPolicy>"
                    + "<AllowUsersToChangePassword>true</AllowUsersToChangePassword>"
                    + "<RequireLowercaseCharacters>true</RequireLowercaseCharacters>"
                    + "<RequireUppercaseCharacters>true</RequireUppercaseCharacters>"
                    + "<MinimumPasswordLength>" + (a % 4 == 3 ? 8 : 14) + "</MinimumPasswordLength>"
                    + "<RequireNumbers>true</RequireNumbers><RequireSymbols>true</RequireSymbols>"
                    + "<ExpirePasswords>true</ExpirePasswords><MaxPasswordAge>90</MaxPasswordAge>"
                    + "<PasswordReusePrevention>" + (a % 5 == 4 ? 0 : 24) + "</PasswordReusePrevention>"
                    + "<HardExpiry>false</HardExpiry></PasswordPolicy>"));
            default -> queryError("iam", 400, "InvalidAction", "Could not find operation " + action);
        };
    }

    private Answer listUsers(int a, String marker) {
        int from = marker == null ? 0 : Integer.parseInt(marker.substring(1));
        int to = Math.min(model.iamUsers[a], from + IAM_PAGE);
        StringBuilder users = new StringBuilder();
        String account = model.account(a);
        for (int u = from; u < to; u++) {
            String name = userName(a, u);
            users.append("<member><Path>/</Path><UserName>").append(name).append("</UserName><UserId>AIDA").append(account)
                    .append(String.format(java.util.Locale.ROOT, "%06d", u)).append("</UserId><Arn>arn:aws:iam::")
                    .append(account).append(":user/").append(name).append("</Arn><CreateDate>")
                    .append(model.daysAgo(400 + model.roll("created", a, u) % 900, u)).append("</CreateDate>");
            if (console(a, u) && !model.chance(20, "neverSignedIn", a, u)) {
                users.append("<PasswordLastUsed>").append(model.daysAgo(model.roll("pwUsed", a, u) % 200, u))
                        .append("</PasswordLastUsed>");
            }
            users.append("</member>");
        }
        boolean more = to < model.iamUsers[a];
        return xml("iam:ListUsers", ok("ListUsers", IAM_NS, "<Users>" + users + "</Users><IsTruncated>" + more
                + "</IsTruncated>" + (more ? "<Marker>m" + to + "</Marker>" : "")));
    }

    /**
     * Users in pages of {@code IAM_PAGE} with their groups (5 % admins, 70 % developers, the rest
     * read-only) and, for one in ten, a policy on the user itself; the groups on the first page.
     */
    private Answer authorizationDetails(int a, String marker) {
        int from = marker == null ? 0 : Integer.parseInt(marker.substring(1));
        int to = Math.min(model.iamUsers[a], from + IAM_PAGE);
        String account = model.account(a);
        StringBuilder users = new StringBuilder();
        for (int u = from; u < to; u++) {
            String name = userName(a, u);
            int roll = model.roll("group", a, u) % 100;
            String group = roll < 5 ? "admins" : roll < 75 ? "developers" : "readonly";
            users.append("<member><Path>/</Path><UserName>").append(name).append("</UserName><UserId>AIDA")
                    .append(account).append(String.format(java.util.Locale.ROOT, "%06d", u))
                    .append("</UserId><Arn>arn:aws:iam::").append(account).append(":user/").append(name)
                    .append("</Arn><UserPolicyList/><GroupList><member>").append(group)
                    .append("</member></GroupList><AttachedManagedPolicies>")
                    .append(model.chance(10, "directPolicy", a, u) ? "<member><PolicyName>AmazonS3ReadOnlyAccess"
                            + "</PolicyName><PolicyArn>arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess</PolicyArn></member>" : "")
                    .append("</AttachedManagedPolicies><Tags/></member>");
        }
        String groups = from > 0 ? "" : group(account, "admins", "AdministratorAccess")
                + group(account, "developers", "PowerUserAccess") + group(account, "readonly", "ReadOnlyAccess");
        boolean more = to < model.iamUsers[a];
        return xml("iam:GetAccountAuthorizationDetails", ok("GetAccountAuthorizationDetails", IAM_NS,
                "<UserDetailList>" + users + "</UserDetailList><GroupDetailList>" + groups + "</GroupDetailList>"
                        + "<RoleDetailList/><Policies/><IsTruncated>" + more + "</IsTruncated>"
                        + (more ? "<Marker>m" + to + "</Marker>" : "")));
    }

    private static String group(String account, String name, String awsPolicy) {
        return "<member><Path>/</Path><GroupName>" + name + "</GroupName><GroupId>AGPA" + name.toUpperCase(
                java.util.Locale.ROOT) + "</GroupId><Arn>arn:aws:iam::" + account + ":group/" + name + "</Arn>"
                + "<GroupPolicyList/><AttachedManagedPolicies><member><PolicyName>" + awsPolicy + "</PolicyName>"
                + "<PolicyArn>arn:aws:iam::aws:policy/" + awsPolicy + "</PolicyArn></member></AttachedManagedPolicies>"
                + "</member>";
    }

    private String credentialReport(int a) {
        String account = model.account(a);
        StringBuilder csv = new StringBuilder(REPORT_HEADER).append('\n');
        boolean rootKey = a % 7 == 6;
        csv.append("<root_account>,arn:aws:iam::").append(account).append(":root,2020-01-01T00:00:00+00:00,not_supported,")
                .append(a % 3 == 0 ? model.daysAgo(40, a).toString().replace("Z", "+00:00") : "no_information")
                .append(",not_supported,not_supported,").append(a % 8 != 5).append(',').append(rootKey).append(',')
                .append(rootKey ? "2021-01-01T00:00:00+00:00" : "N/A").append(",N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        for (int u = 0; u < model.iamUsers[a]; u++) {
            csv.append(userName(a, u)).append(",arn:aws:iam::").append(account).append(":user/").append(userName(a, u))
                    .append(",2024-01-01T00:00:00+00:00,").append(console(a, u)).append(",N/A,N/A,N/A,").append(mfa(a, u))
                    .append(",false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        }
        return csv.toString();
    }

    /** IAM user u of account a: about a third are named by a person's email (so they join to the roster). */
    String userName(int a, int u) {
        if (u < model.people && model.chance(35, "emailName", a, u)) {
            return SyncBenchModel.email((a * 7_919 + u) % model.people);
        }
        return "svc-" + a + "-" + u;
    }

    /** The index of a user of account a by name, or -1. */
    private int userIndex(String name, int a) {
        if (name == null) {
            return -1;
        }
        if (name.startsWith("svc-")) {
            int u = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
            return u < model.iamUsers[a] ? u : -1;
        }
        int p = Integer.parseInt(name.substring("person".length(), name.indexOf('@')));
        int u = Math.floorMod(p - a * 7_919, model.people);
        // only users below the number of people are named by email, so this is the one
        return u < model.iamUsers[a] && userName(a, u).equals(name) ? u : -1;
    }

    boolean console(int a, int u) {
        return model.chance(60, "console", a, u);
    }

    boolean mfa(int a, int u) {
        return model.chance(75, "mfa", a, u);
    }

    int keys(int a, int u) {
        return model.roll("keys", a, u) % 3;
    }

    private static String keyId(int a, int u, int k) {
        return String.format(java.util.Locale.ROOT, "AKIA%04d%07d%d", a, u, k);
    }

    /** {account, user, key} of a key id made by keyId, or null. */
    private static int[] parseKey(String key) {
        if (key.length() != 16 || !key.startsWith("AKIA")) {
            return null;
        }
        return new int[] {Integer.parseInt(key.substring(4, 8)), Integer.parseInt(key.substring(8, 15)),
                Integer.parseInt(key.substring(15))};
    }

    static String ok(String action, String namespace, String result) {
        return "<" + action + "Response xmlns=\"" + namespace + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8ebench</RequestId>"
                + "</ResponseMetadata></" + action + "Response>";
    }

    static Answer xml(String operation, String body) {
        return new Answer(operation, 200, "text/xml", body);
    }

    static Answer queryError(String operation, int status, String code, String message) {
        return new Answer(operation, status, "text/xml", "<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender"
                + "</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error><RequestId>4a0a4b33-bench"
                + "</RequestId></ErrorResponse>");
    }

    static String epochSeconds(Instant instant) {
        return instant.getEpochSecond() + ".0";
    }

    /**
     * Requests per second the AWS stub answers when nothing else is in the way: the IAM call the
     * connector makes most, sent one after another as the connector sends its calls, after a warm-up.
     */
    static double probe(SyncBenchStub aws, int n) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String authorization = "AWS4-HMAC-SHA256 Credential=" + SyncBenchAws.HUB_KEY
                + "/20261130/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=0";
        java.net.URI uri = java.net.URI.create(aws.baseUrl() + "/");
        long start = 0;
        int warmUp = Math.min(1_000, n);
        for (int i = -warmUp; i < n; i++) {
            if (i == 0) {
                start = System.nanoTime();
            }
            java.net.http.HttpResponse<byte[]> response = client.send(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("Action=ListMFADevices&Version=2010-05-08"
                            + "&UserName=svc-0-" + Math.floorMod(i, 100))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the AWS stub answered " + response.statusCode() + " to the probe");
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
