package dev.evident.integration.internal;

import static dev.evident.integration.internal.SyncBenchAws.epochSeconds;
import static dev.evident.integration.internal.SyncBenchAws.ok;
import static dev.evident.integration.internal.SyncBenchAws.xml;

import dev.evident.integration.internal.SyncBenchAws.Caller;
import dev.evident.integration.internal.SyncBenchStub.Answer;
import dev.evident.integration.internal.SyncBenchStub.Request;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark AWS's regional services, for the account and region of the caller: RDS (query/XML),
 * EC2 (its query dialect), CloudTrail and KMS (JSON 1.1), GuardDuty (REST-JSON), and S3 through
 * {@link SyncBenchS3}. See {@link SyncBenchAws}.
 */
final class SyncBenchAwsRegional {

    static final String RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String CLOUDTRAIL = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    static final int RDS_PAGE = 100;
    static final int KMS_PAGE = 100;

    private final SyncBenchModel model;
    private final SyncBenchS3 s3;

    SyncBenchAwsRegional(SyncBenchModel model) {
        this.model = model;
        this.s3 = new SyncBenchS3(model);
    }

    Answer handle(Caller caller, Request request) {
        int r = model.regionIndex(caller.region());
        return switch (caller.service()) {
            case "s3" -> s3.handle(caller.account(), request);
            case "rds" -> rds(caller.account(), r, caller.region(), SyncBenchStub.form(request.bodyText()));
            case "ec2" -> ec2(caller.account(), r, caller.region(), SyncBenchStub.form(request.bodyText()));
            case "kms" -> kms(caller.account(), r, caller.region(), request);
            case "cloudtrail" -> cloudTrail(caller.account(), r, caller.region(), request);
            case "guardduty" -> guardDuty(caller.account(), r, caller.region(), request);
            default -> jsonError(caller.service(), 400, "UnknownService", "no such service in the benchmark stub: "
                    + caller.service());
        };
    }

    // ---- RDS and EC2

    private Answer rds(int a, int r, String region, Map<String, String> form) {
        String action = form.get("Action");
        boolean clusters = "DescribeDBClusters".equals(action);
        if (!clusters && !"DescribeDBInstances".equals(action)) {
            return SyncBenchAws.queryError("rds", 400, "InvalidAction", "Could not find operation " + action);
        }
        int total = r < 0 ? 0 : clusters ? model.rdsClusters[a][r] : model.rdsInstances[a][r];
        String marker = form.get("Marker");
        int from = marker == null ? 0 : Integer.parseInt(marker.substring(1));
        int to = Math.min(total, from + Integer.parseInt(form.getOrDefault("MaxRecords", String.valueOf(RDS_PAGE))));
        String account = model.account(a);
        StringBuilder items = new StringBuilder();
        for (int i = from; i < to; i++) {
            boolean encrypted = model.chance(90, "rdsEncrypted", a, r, i, clusters ? 1 : 0);
            int retention = model.chance(85, "rdsBackup", a, r, i) ? 7 + model.roll("days", a, r, i) % 28
                    : model.roll("days", a, r, i) % 7;
            String common = "<StorageEncrypted>" + encrypted + "</StorageEncrypted>"
                    + (encrypted ? "<KmsKeyId>arn:aws:kms:" + region + ":" + account + ":key/rds-" + i + "</KmsKeyId>" : "")
                    + "<BackupRetentionPeriod>" + retention + "</BackupRetentionPeriod><MultiAZ>"
                    + model.chance(60, "multiAz", a, r, i) + "</MultiAZ><PubliclyAccessible>"
                    + model.chance(4, "rdsPublic", a, r, i) + "</PubliclyAccessible><DeletionProtection>"
                    + model.chance(70, "protected", a, r, i) + "</DeletionProtection>";
            if (clusters) {
                String id = "cluster-" + a + "-" + r + "-" + i;
                items.append("<DBCluster><DBClusterIdentifier>").append(id).append("</DBClusterIdentifier><Engine>")
                        .append("aurora-postgresql</Engine><EngineVersion>16.4</EngineVersion><Status>available</Status>")
                        .append(common).append("<DBClusterArn>arn:aws:rds:").append(region).append(':').append(account)
                        .append(":cluster:").append(id).append("</DBClusterArn><DBClusterMembers><DBClusterMember>")
                        .append("<DBInstanceIdentifier>").append(id).append("-1</DBInstanceIdentifier><IsClusterWriter>true")
                        .append("</IsClusterWriter></DBClusterMember></DBClusterMembers></DBCluster>");
            } else {
                String id = "db-" + a + "-" + r + "-" + i;
                items.append("<DBInstance><DBInstanceIdentifier>").append(id).append("</DBInstanceIdentifier>")
                        .append("<DBInstanceClass>db.t3.medium</DBInstanceClass><Engine>postgres</Engine><EngineVersion>")
                        .append("16.3</EngineVersion><DBInstanceStatus>available</DBInstanceStatus>").append(common)
                        .append("<AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade><DBInstanceArn>arn:aws:rds:")
                        .append(region).append(':').append(account).append(":db:").append(id)
                        .append("</DBInstanceArn></DBInstance>");
            }
        }
        String list = clusters ? "DBClusters" : "DBInstances";
        return xml("rds:" + action, ok(action, RDS_NS, (to < total ? "<Marker>m" + to + "</Marker>" : "") + "<" + list
                + ">" + items + "</" + list + ">"));
    }

    /** EC2 returns every group in one answer unless MaxResults is given, then pages with NextToken. */
    private Answer ec2(int a, int r, String region, Map<String, String> form) {
        String action = form.get("Action");
        if (!"DescribeSecurityGroups".equals(action)) {
            return SyncBenchAws.queryError("ec2", 400, "InvalidAction", "The action " + action + " is not valid");
        }
        int total = r < 0 ? 0 : model.groups[a][r];
        String token = form.get("NextToken");
        int from = token == null ? 0 : Integer.parseInt(token.substring(1));
        int to = form.containsKey("MaxResults") ? Math.min(total, from + Integer.parseInt(form.get("MaxResults"))) : total;
        String account = model.account(a);
        StringBuilder xml = new StringBuilder("<DescribeSecurityGroupsResponse xmlns=\"" + EC2_NS
                + "\"><requestId>59dbff89-bench</requestId><securityGroupInfo>");
        for (int i = from; i < to; i++) {
            String id = String.format(Locale.ROOT, "sg-%04x%02x%011x", a, r, i);
            xml.append("<item><ownerId>").append(account).append("</ownerId><groupId>").append(id)
                    .append("</groupId><groupName>group-").append(i).append("</groupName><groupDescription>group ")
                    .append(i).append(" in ").append(region).append("</groupDescription><vpcId>vpc-").append(a).append(r)
                    .append("</vpcId><ipPermissions>").append(rule("tcp", 443, 443, "0.0.0.0/0", null))
                    .append(rule("tcp", 22, 22, model.chance(5, "sshOpen", a, r, i) ? "0.0.0.0/0" : "10.0.0.0/8", null));
            if (model.chance(3, "dbOpen", a, r, i)) {
                xml.append(rule("tcp", 5432, 5432, null, "::/0"));
            }
            if (model.chance(20, "internal", a, r, i)) {
                xml.append(rule("-1", null, null, "10.1.0.0/16", null));
            }
            xml.append("</ipPermissions><ipPermissionsEgress>").append(rule("-1", null, null, "0.0.0.0/0", null))
                    .append("</ipPermissionsEgress></item>");
        }
        xml.append("</securityGroupInfo>");
        if (to < total) {
            xml.append("<nextToken>n").append(to).append("</nextToken>");
        }
        return new Answer("ec2:DescribeSecurityGroups", 200, "text/xml;charset=UTF-8",
                xml.append("</DescribeSecurityGroupsResponse>").toString());
    }

    private static String rule(String protocol, Integer from, Integer to, String v4, String v6) {
        return "<item><ipProtocol>" + protocol + "</ipProtocol>" + (from == null ? "" : "<fromPort>" + from
                + "</fromPort><toPort>" + to + "</toPort>") + "<groups/><ipRanges>"
                + (v4 == null ? "" : "<item><cidrIp>" + v4 + "</cidrIp></item>") + "</ipRanges><ipv6Ranges>"
                + (v6 == null ? "" : "<item><cidrIpv6>" + v6 + "</cidrIpv6></item>") + "</ipv6Ranges><prefixListIds/></item>";
    }

    // ---- KMS

    private Answer kms(int a, int r, String region, Request request) {
        String target = request.header("X-Amz-Target");
        String body = request.bodyText();
        String account = model.account(a);
        int customers = r < 0 ? 0 : model.kmsKeys[a][r];
        int total = r < 0 ? 0 : customers + SyncBenchModel.AWS_MANAGED_KEYS;
        switch (String.valueOf(target)) {
            case "TrentService.ListKeys" -> {
                String marker = SyncBenchStub.jsonField(body, "Marker");
                int from = marker == null ? 0 : Integer.parseInt(marker.substring(1));
                int to = Math.min(total, from + KMS_PAGE);
                StringBuilder json = new StringBuilder("{\"Keys\":[");
                for (int i = from; i < to; i++) {
                    String id = keyId(a, r, i);
                    json.append(i == from ? "" : ",").append("{\"KeyId\":\"").append(id).append("\",\"KeyArn\":\"")
                            .append(keyArn(region, account, id)).append("\"}");
                }
                json.append("],\"Truncated\":").append(to < total);
                if (to < total) {
                    json.append(",\"NextMarker\":\"k").append(to).append('"');
                }
                return json("kms:ListKeys", json.append('}').toString());
            }
            case "TrentService.DescribeKey" -> {
                int[] key = parseKeyId(SyncBenchStub.jsonField(body, "KeyId"));
                if (key == null || key[0] != a || key[1] != r || key[2] >= total) {
                    return jsonError("kms:DescribeKey", 400, "NotFoundException", "Key does not exist");
                }
                int i = key[2];
                boolean managed = i < SyncBenchModel.AWS_MANAGED_KEYS;
                boolean asymmetric = !managed && model.chance(10, "asymmetric", a, r, i);
                int state = model.roll("keyState", a, r, i) % 100;
                String keyState = managed || state >= 7 ? "Enabled" : state >= 2 ? "Disabled" : "PendingDeletion";
                String id = keyId(a, r, i);
                return json("kms:DescribeKey", "{\"KeyMetadata\":{\"AWSAccountId\":\"" + account + "\",\"KeyId\":\"" + id
                        + "\",\"Arn\":\"" + keyArn(region, account, id) + "\",\"CreationDate\":"
                        + epochSeconds(model.daysAgo(50 + i % 900, i)) + ",\"Enabled\":" + keyState.equals("Enabled")
                        + ",\"Description\":\"" + (managed ? "Default key for service " + i : "bench key " + i)
                        + "\",\"KeyUsage\":\"" + (asymmetric ? "SIGN_VERIFY" : "ENCRYPT_DECRYPT") + "\",\"KeyState\":\""
                        + keyState + "\",\"Origin\":\"AWS_KMS\",\"KeyManager\":\"" + (managed ? "AWS" : "CUSTOMER")
                        + "\",\"KeySpec\":\"" + (asymmetric ? "ECC_NIST_P256" : "SYMMETRIC_DEFAULT")
                        + "\",\"CustomerMasterKeySpec\":\"" + (asymmetric ? "ECC_NIST_P256" : "SYMMETRIC_DEFAULT")
                        + "\",\"MultiRegion\":false}}");
            }
            case "TrentService.GetKeyRotationStatus" -> {
                int[] key = parseKeyId(SyncBenchStub.jsonField(body, "KeyId"));
                if (key == null || key[0] != a || key[1] != r || key[2] >= total) {
                    return jsonError("kms:GetKeyRotationStatus", 400, "NotFoundException", "Key does not exist");
                }
                return json("kms:GetKeyRotationStatus", "{\"KeyRotationEnabled\":" + model.chance(80, "rotation", a, r,
                        key[2]) + ",\"KeyId\":\"" + keyArn(region, account, keyId(a, r, key[2]))
                        + "\",\"RotationPeriodInDays\":365}");
            }
            default -> {
                return jsonError("kms", 400, "UnknownOperationException", String.valueOf(target));
            }
        }
    }

    /** Key i of an account and region: the first few are AWS managed, the rest customer managed. */
    private static String keyId(int a, int r, int i) {
        return String.format(Locale.ROOT, "%08d-%04d-4000-8000-%012d", a, r, i);
    }

    private static String keyArn(String region, String account, String id) {
        return "arn:aws:kms:" + region + ":" + account + ":key/" + id;
    }

    private static int[] parseKeyId(String idOrArn) {
        if (idOrArn == null) {
            return null;
        }
        String id = idOrArn.contains("key/") ? idOrArn.substring(idOrArn.indexOf("key/") + 4) : idOrArn;
        String[] parts = id.split("-");
        if (parts.length != 5) {
            return null;
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[4])};
    }

    // ---- CloudTrail

    private Answer cloudTrail(int a, int r, String region, Request request) {
        String target = String.valueOf(request.header("X-Amz-Target"));
        String account = model.account(a);
        String home = model.regions.get(0);
        String orgArn = "arn:aws:cloudtrail:" + home + ":" + model.account(0) + ":trail/organization-trail";
        if (target.equals(CLOUDTRAIL + "DescribeTrails")) {
            StringBuilder json = new StringBuilder("{\"trailList\":[");
            json.append(trail("organization-trail", orgArn, home, true, true, true, a));
            for (int tr = 0; tr < model.regions.size(); tr++) {
                // with shadow trails: multi-region trails everywhere, single-region ones in their own region
                boolean multi = tr == 0;
                if (model.trails[a][tr] > 0 && (multi || tr == r)) {
                    String name = "trail-" + a + "-" + tr;
                    json.append(',').append(trail(name, "arn:aws:cloudtrail:" + model.regions.get(tr) + ":" + account
                            + ":trail/" + name, model.regions.get(tr), multi, false, model.chance(70, "validation", a, tr), a));
                }
            }
            return json("cloudtrail:DescribeTrails", json.append("]}").toString());
        }
        if (target.equals(CLOUDTRAIL + "GetTrailStatus")) {
            String name = SyncBenchStub.jsonField(request.bodyText(), "Name");
            if (name == null || (name.equals(orgArn) && a != 0)) {
                return jsonError("cloudtrail:GetTrailStatus", 400, "TrailNotFoundException", "Unknown trail: " + name
                        + " for the user: " + account);
            }
            boolean logging = name.equals(orgArn) || model.chance(90, "logging", a, name.hashCode());
            return json("cloudtrail:GetTrailStatus", "{\"IsLogging\":" + logging + ",\"LatestDeliveryTime\":"
                    + epochSeconds(model.daysAgo(0, name.hashCode())) + ",\"StartLoggingTime\":1.6E9}");
        }
        return jsonError("cloudtrail", 400, "UnknownOperationException", target);
    }

    private String trail(String name, String arn, String home, boolean multi, boolean organization, boolean validation,
                         int a) {
        return "{\"Name\":\"" + name + "\",\"S3BucketName\":\"bench-" + a + "-trail-logs\",\"IncludeGlobalServiceEvents\":"
                + multi + ",\"IsMultiRegionTrail\":" + multi + ",\"HomeRegion\":\"" + home + "\",\"TrailARN\":\"" + arn
                + "\",\"LogFileValidationEnabled\":" + validation + (model.chance(50, "trailKms", a, name.hashCode())
                ? ",\"KmsKeyId\":\"arn:aws:kms:" + home + ":" + model.account(a) + ":key/trail\"" : "")
                + ",\"HasCustomEventSelectors\":false,\"HasInsightSelectors\":false,\"IsOrganizationTrail\":"
                + organization + "}";
    }

    // ---- GuardDuty

    private Answer guardDuty(int a, int r, String region, Request request) {
        String account = model.account(a);
        boolean exists = r >= 0 && !model.chance(10, "noDetector", a, r);
        String id = String.format(Locale.ROOT, "%012d%020d", Long.parseLong(account), r);
        if (request.path().equals("/detector")) {
            return json("guardduty:ListDetectors", exists ? "{\"detectorIds\":[\"" + id + "\"]}" : "{\"detectorIds\":[]}");
        }
        if (request.path().equals("/detector/" + id) && exists) {
            boolean enabled = model.chance(90, "detectorEnabled", a, r);
            return json("guardduty:GetDetector", "{\"createdAt\":\"2024-03-01T10:00:00.000Z\","
                    + "\"findingPublishingFrequency\":\"SIX_HOURS\",\"serviceRole\":\"arn:aws:iam::" + account
                    + ":role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty\",\"status\":\""
                    + (enabled ? "ENABLED" : "DISABLED") + "\",\"updatedAt\":\"2025-01-01T10:00:00.000Z\",\"features\":["
                    + "{\"name\":\"S3_DATA_EVENTS\",\"status\":\"ENABLED\",\"updatedAt\":\"2025-01-01T10:00:00.000Z\"},"
                    + "{\"name\":\"RDS_LOGIN_EVENTS\",\"status\":\"DISABLED\",\"updatedAt\":\"2025-01-01T10:00:00.000Z\"}],"
                    + "\"tags\":{}}");
        }
        return new Answer("guardduty:GetDetector", 400, "application/json", "{\"message\":\"The request is rejected "
                + "because the input detectorId is not owned by the current account.\",\"__type\":\"BadRequestException\"}");
    }

    static Answer json(String operation, String body) {
        return new Answer(operation, 200, "application/x-amz-json-1.1", body);
    }

    static Answer jsonError(String operation, int status, String type, String message) {
        return new Answer(operation, status, "application/x-amz-json-1.1", "{\"__type\":\"" + type + "\",\"message\":\""
                + message + "\"}");
    }
}
