package dev.evident.connectors.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.aws.AwsStub.ok;
import static dev.evident.connectors.aws.AwsStub.xml;
import static dev.evident.connectors.aws.AwsTestSupport.ACCOUNT;
import static dev.evident.connectors.aws.AwsTestSupport.KEY_ID;
import static dev.evident.connectors.aws.AwsTestSupport.USER_ARN;
import static dev.evident.connectors.aws.AwsTestSupport.attributes;
import static dev.evident.connectors.aws.AwsTestSupport.collect;
import static dev.evident.connectors.aws.AwsTestSupport.config;
import static dev.evident.connectors.aws.AwsTestSupport.connector;
import static dev.evident.connectors.aws.RegionalStub.CLOUDTRAIL;
import static dev.evident.connectors.aws.RegionalStub.EC2_NS;
import static dev.evident.connectors.aws.RegionalStub.KMS;
import static dev.evident.connectors.aws.RegionalStub.RDS_NS;
import static dev.evident.connectors.aws.RegionalStub.json;
import static org.assertj.core.api.Assertions.assertThat;

/** CloudTrail, RDS, EC2 security groups and KMS in two regions, through the real SDK. */
class RegionalCollectorsTest {

    static final String EU = "eu-west-1";
    static final String US = "us-east-1";

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private RegionalStub regional;
    private Map<String, String> config;

    @BeforeEach
    void stubs() {
        AwsStub stub = new AwsStub(aws);
        stub.identity(KEY_ID, ACCOUNT, USER_ARN);
        regional = new RegionalStub(stub, KEY_ID);
        regional.empty(US);
        config = config(aws.baseUrl());
        config.put("regions", US + "," + EU);
    }

    private List<CollectedResource> collectAll(String type) throws CollectionException {
        return collect(connector(config), type);
    }

    @Test
    void trailsAreReportedOnceInTheirHomeRegionWithTheirStatus() throws Exception {
        String arn = "arn:aws:cloudtrail:eu-west-1:" + ACCOUNT + ":trail/main-trail";
        String orgArn = "arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail";
        String trails = """
                {"trailList":[{"Name":"main-trail","S3BucketName":"acme-trail-logs","IncludeGlobalServiceEvents":true,
                 "IsMultiRegionTrail":true,"HomeRegion":"eu-west-1","TrailARN":"%s","LogFileValidationEnabled":true,
                 "KmsKeyId":"arn:aws:kms:eu-west-1:%s:key/k1","HasCustomEventSelectors":false,
                 "HasInsightSelectors":false,"IsOrganizationTrail":false},
                 {"Name":"%s","S3BucketName":"org-logs","IncludeGlobalServiceEvents":true,"IsMultiRegionTrail":true,
                 "HomeRegion":"us-east-1","TrailARN":"%s","LogFileValidationEnabled":false,"IsOrganizationTrail":true}]}"""
                .formatted(arn, ACCOUNT, orgArn, orgArn);
        regional.stub(regional.json(EU, "cloudtrail", CLOUDTRAIL + "DescribeTrails")
                .withRequestBody(equalToJson("{\"includeShadowTrails\":true}")), json(trails));
        regional.stub(regional.json(US, "cloudtrail", CLOUDTRAIL + "DescribeTrails").atPriority(1)
                .withRequestBody(equalToJson("{\"includeShadowTrails\":true}")), json(trails));
        regional.stub(regional.json(EU, "cloudtrail", CLOUDTRAIL + "GetTrailStatus")
                .withRequestBody(equalToJson("{\"Name\":\"" + arn + "\"}")), json("""
                {"IsLogging":true,"LatestDeliveryTime":1.7815e9,"StartLoggingTime":1.6e9}"""));
        regional.stub(regional.json(US, "cloudtrail", CLOUDTRAIL + "GetTrailStatus")
                .withRequestBody(equalToJson("{\"Name\":\"" + orgArn + "\"}")),
                RegionalStub.jsonError(400, "TrailNotFoundException", "Unknown trail: " + orgArn));

        List<CollectedResource> found = collectAll(CloudTrailCollector.TYPE);

        assertThat(found).extracting(CollectedResource::externalId).containsExactly(ACCOUNT + "/" + orgArn, arn);
        JsonNode org = attributes(found.get(0));
        assertThat(org.path("accountId").asString()).isEqualTo(ACCOUNT);
        assertThat(org.path("organizationTrail").booleanValue()).isTrue();
        assertThat(org.path("logging").isNull()).as("status not visible to the member").isTrue();
        JsonNode trail = attributes(found.get(1));
        assertThat(trail.path("region").asString()).isEqualTo(EU);
        assertThat(trail.path("multiRegion").booleanValue()).isTrue();
        assertThat(trail.path("logging").booleanValue()).isTrue();
        assertThat(trail.path("logFileValidation").booleanValue()).isTrue();
        assertThat(trail.path("encrypted").booleanValue()).isTrue();
        assertThat(trail.path("latestDeliveryAt").asString()).isEqualTo("2026-06-15T05:06:40Z");
    }

    @Test
    void databasesFollowTheMarker() throws Exception {
        regional.stub(regional.query(EU, "rds", "DescribeDBInstances").withFormParam("Marker", absent()),
                xml(ok("DescribeDBInstances", RDS_NS, "<Marker>next-1</Marker><DBInstances>" + instance("orders", true, 7,
                        true, false, false) + "</DBInstances>")));
        regional.stub(regional.query(EU, "rds", "DescribeDBInstances").withFormParam("Marker", equalTo("next-1")),
                xml(ok("DescribeDBInstances", RDS_NS, "<DBInstances>" + instance("legacy", false, 0, false, true, false)
                        + "</DBInstances>")));
        regional.stub(regional.query(EU, "rds", "DescribeDBClusters").withFormParam("Marker", absent()),
                xml(ok("DescribeDBClusters", RDS_NS, "<Marker>clusters-2</Marker><DBClusters/>")));
        regional.stub(regional.query(EU, "rds", "DescribeDBClusters").withFormParam("Marker", equalTo("clusters-2")),
                xml(ok("DescribeDBClusters", RDS_NS, """
                <DBClusters><DBCluster><DBClusterIdentifier>aurora-main</DBClusterIdentifier><Engine>aurora-postgresql</Engine>
                <EngineVersion>16.4</EngineVersion><Status>available</Status><StorageEncrypted>true</StorageEncrypted>
                <BackupRetentionPeriod>14</BackupRetentionPeriod><MultiAZ>true</MultiAZ><DeletionProtection>true</DeletionProtection>
                <DBClusterArn>arn:aws:rds:eu-west-1:%s:cluster:aurora-main</DBClusterArn>
                <DBClusterMembers><DBClusterMember><DBInstanceIdentifier>aurora-main-1</DBInstanceIdentifier>
                <IsClusterWriter>true</IsClusterWriter></DBClusterMember></DBClusterMembers></DBCluster></DBClusters>"""
                .formatted(ACCOUNT))));

        List<CollectedResource> instances = collectAll(RdsCollector.INSTANCE);
        List<CollectedResource> clusters = collectAll(RdsCollector.CLUSTER);

        assertThat(instances).extracting(CollectedResource::displayName).containsExactly("orders", "legacy");
        JsonNode orders = attributes(instances.get(0));
        assertThat(orders.path("storageEncrypted").booleanValue()).isTrue();
        assertThat(orders.path("backupRetentionDays").intValue()).isEqualTo(7);
        assertThat(orders.path("multiAz").booleanValue()).isTrue();
        JsonNode legacy = attributes(instances.get(1));
        assertThat(legacy.path("storageEncrypted").booleanValue()).isFalse();
        assertThat(legacy.path("backupRetentionDays").intValue()).isZero();
        assertThat(legacy.path("publiclyAccessible").booleanValue()).isTrue();
        assertThat(legacy.path("deletionProtection").booleanValue()).isFalse();
        JsonNode cluster = attributes(clusters.get(0));
        assertThat(cluster.path("region").asString()).isEqualTo(EU);
        assertThat(cluster.path("backupRetentionDays").intValue()).isEqualTo(14);
        assertThat(cluster.path("members").intValue()).isEqualTo(1);
    }

    private static String instance(String id, boolean encrypted, int retention, boolean multiAz, boolean open,
                                   boolean protect) {
        return """
                <DBInstance><DBInstanceIdentifier>%s</DBInstanceIdentifier><DBInstanceClass>db.t3.medium</DBInstanceClass>
                <Engine>postgres</Engine><EngineVersion>16.3</EngineVersion><DBInstanceStatus>available</DBInstanceStatus>
                <StorageEncrypted>%s</StorageEncrypted><BackupRetentionPeriod>%d</BackupRetentionPeriod>
                <MultiAZ>%s</MultiAZ><PubliclyAccessible>%s</PubliclyAccessible><DeletionProtection>%s</DeletionProtection>
                <AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade>
                <DBInstanceArn>arn:aws:rds:eu-west-1:%s:db:%s</DBInstanceArn></DBInstance>"""
                .formatted(id, encrypted, retention, multiAz, open, protect, ACCOUNT, id);
    }

    @Test
    void securityGroupsFollowNextTokenAndNameThePortsOpenToTheInternet() throws Exception {
        regional.stub(regional.query(EU, "ec2", "DescribeSecurityGroups").withFormParam("NextToken", absent()),
                xml(groups("<nextToken>tok-2</nextToken>", group("sg-0a1", "bastion",
                        rule("tcp", 22, 22, "0.0.0.0/0", null) + rule("tcp", 443, 443, "0.0.0.0/0", null)))));
        regional.stub(regional.query(EU, "ec2", "DescribeSecurityGroups").withFormParam("NextToken", equalTo("tok-2")),
                xml(groups("", group("sg-0b2", "db", rule("tcp", 3306, 3306, null, "::/0")
                        + rule("tcp", 5432, 5439, "0.0.0.0/0", null) + rule("tcp", 22, 22, "10.0.0.0/8", null)) + group("sg-0c3", "internal",
                        rule("-1", null, null, "10.1.0.0/16", null)))));

        List<CollectedResource> groups = collectAll(SecurityGroupCollector.TYPE);

        assertThat(groups).extracting(CollectedResource::displayName)
                .containsExactly("bastion (sg-0a1)", "db (sg-0b2)", "internal (sg-0c3)");
        JsonNode bastion = attributes(groups.get(0));
        assertThat(bastion.path("adminPortsOpenToInternet").toString()).isEqualTo("[22]");
        assertThat(bastion.path("adminPortOpenToInternet").booleanValue()).isTrue();
        assertThat(bastion.path("databasePortOpenToInternet").booleanValue()).isFalse();
        JsonNode db = attributes(groups.get(1));
        assertThat(db.path("adminPortOpenToInternet").booleanValue()).as("22 only from 10/8").isFalse();
        assertThat(db.path("databasePortsOpenToInternet").toString()).isEqualTo("[3306,5432,5439]");
        assertThat(db.path("ingressRules").get(0).path("ipv6Cidrs").get(0).asString()).isEqualTo("::/0");
        JsonNode internal = attributes(groups.get(2));
        assertThat(internal.path("openToInternet").booleanValue()).isFalse();
        assertThat(internal.path("allTrafficOpenToInternet").booleanValue()).isFalse();
    }

    private static String groups(String next, String items) {
        return "<DescribeSecurityGroupsResponse xmlns=\"" + EC2_NS + "\"><requestId>59dbff89-EXAMPLE</requestId>"
                + "<securityGroupInfo>" + items + "</securityGroupInfo>" + next + "</DescribeSecurityGroupsResponse>";
    }

    private static String group(String id, String name, String rules) {
        return "<item><ownerId>" + ACCOUNT + "</ownerId><groupId>" + id + "</groupId><groupName>" + name
                + "</groupName><groupDescription>" + name + " access</groupDescription><vpcId>vpc-1a2b3c4d</vpcId>"
                + "<ipPermissions>" + rules + "</ipPermissions><ipPermissionsEgress/></item>";
    }

    private static String rule(String protocol, Integer from, Integer to, String v4, String v6) {
        return "<item><ipProtocol>" + protocol + "</ipProtocol>" + (from == null ? "" : "<fromPort>" + from
                + "</fromPort><toPort>" + to + "</toPort>") + "<groups/><ipRanges>"
                + (v4 == null ? "" : "<item><cidrIp>" + v4 + "</cidrIp></item>") + "</ipRanges><ipv6Ranges>"
                + (v6 == null ? "" : "<item><cidrIpv6>" + v6 + "</cidrIpv6></item>") + "</ipv6Ranges><prefixListIds/></item>";
    }

    @Test
    void customerKeysCarryRotationAndAwsManagedKeysAreLeftOut() throws Exception {
        String customer = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
        String managed = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/0987dcba-09fe-87dc-65ba-ab0987654321";
        String signing = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/mrk-1111";
        regional.stub(regional.json(EU, "kms", KMS + "ListKeys"), json("{\"Keys\":[{\"KeyId\":\"1234abcd-12ab-34cd-56ef-"
                + "1234567890ab\",\"KeyArn\":\"" + customer + "\"},{\"KeyId\":\"0987dcba\",\"KeyArn\":\"" + managed
                + "\"},{\"KeyId\":\"mrk-1111\",\"KeyArn\":\"" + signing + "\"}],\"Truncated\":false}"));
        describe(customer, "1234abcd-12ab-34cd-56ef-1234567890ab", "CUSTOMER", "SYMMETRIC_DEFAULT", "orders data");
        describe(managed, "0987dcba", "AWS", "SYMMETRIC_DEFAULT", "Default key for RDS");
        describe(signing, "mrk-1111", "CUSTOMER", "ECC_NIST_P256", "release signing");
        regional.stub(regional.json(EU, "kms", KMS + "GetKeyRotationStatus"),
                json("{\"KeyRotationEnabled\":false,\"KeyId\":\"" + customer + "\"}"));

        List<CollectedResource> keys = collectAll(KmsKeyCollector.TYPE);

        assertThat(keys).extracting(CollectedResource::externalId).containsExactly(customer, signing);
        assertThat(attributes(keys.get(0)).path("rotationEnabled").booleanValue()).isFalse();
        assertThat(attributes(keys.get(1)).path("rotationEnabled").isNull()).as("asymmetric keys cannot rotate").isTrue();
        assertThat(keys.get(0).displayName()).isEqualTo("orders data");
    }

    private void describe(String arn, String id, String manager, String spec, String description) {
        regional.stub(regional.json(EU, "kms", KMS + "DescribeKey").withRequestBody(equalToJson("{\"KeyId\":\"" + arn
                + "\"}")), json("""
                {"KeyMetadata":{"AWSAccountId":"%s","KeyId":"%s","Arn":"%s","CreationDate":1.7e9,"Enabled":true,
                 "Description":"%s","KeyUsage":"%s","KeyState":"Enabled","Origin":"AWS_KMS","KeyManager":"%s",
                 "KeySpec":"%s","CustomerMasterKeySpec":"%s","MultiRegion":false}}"""
                .formatted(ACCOUNT, id, arn, description, spec.startsWith("ECC") ? "SIGN_VERIFY" : "ENCRYPT_DECRYPT",
                        manager, spec, spec)));
    }

    @Test
    void everyRegionGetsADetectorResourceEvenWithoutADetector() throws Exception {
        String id = "12abc34d567e8fa901bc2d34eexample";
        regional.stub(regional.guardDuty(EU, "/detector").withQueryParam("nextToken", absent()),
                json("{\"detectorIds\":[],\"nextToken\":\"p2\"}"));
        regional.stub(regional.guardDuty(EU, "/detector").withQueryParam("nextToken", equalTo("p2")),
                json("{\"detectorIds\":[\"" + id + "\"]}"));
        regional.stub(regional.guardDuty(EU, "/detector/" + id), json("""
                {"createdAt":"2024-03-01T10:00:00.000Z","findingPublishingFrequency":"SIX_HOURS",
                 "serviceRole":"arn:aws:iam::%s:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
                 "status":"ENABLED","updatedAt":"2025-01-01T10:00:00.000Z",
                 "features":[{"name":"S3_DATA_EVENTS","status":"ENABLED","updatedAt":"2025-01-01T10:00:00.000Z"},
                             {"name":"RDS_LOGIN_EVENTS","status":"DISABLED","updatedAt":"2025-01-01T10:00:00.000Z"}],
                 "tags":{}}""".formatted(ACCOUNT)));

        List<CollectedResource> detectors = collectAll(GuardDutyCollector.TYPE);

        assertThat(detectors).extracting(CollectedResource::externalId)
                .containsExactly(ACCOUNT + ":" + US, ACCOUNT + ":" + EU);
        JsonNode none = attributes(detectors.get(0));
        assertThat(none.path("enabled").booleanValue()).isFalse();
        assertThat(none.path("detectorId").isNull()).isTrue();
        JsonNode eu = attributes(detectors.get(1));
        assertThat(eu.path("enabled").booleanValue()).isTrue();
        assertThat(eu.path("detectorId").asString()).isEqualTo(id);
        assertThat(eu.path("features").get(1).path("status").asString()).isEqualTo("DISABLED");
    }

    @Test
    void guardDutyAccessDeniedFailsOnlyItsType() throws Exception {
        regional.empty(EU);
        regional.stub(regional.guardDuty(EU, "/detector").atPriority(1), com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(403).withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"User is not authorized to "
                        + "perform: guardduty:ListDetectors\",\"__type\":\"AccessDeniedException\"}"));
        AwsConnector connector = connector(config);

        CollectionException failure = AwsCollectorsFailures.failure(connector, GuardDutyCollector.TYPE);

        assertThat(failure).hasMessageContaining("AWS denied guardduty:ListDetectors for account " + ACCOUNT + " in " + EU);
        assertThat(collect(connector, KmsKeyCollector.TYPE)).isEmpty();
    }

    @Test
    void aRegionNotEnabledForTheAccountFailsTheTypeSayingSo() {
        regional.empty(EU);
        regional.stub(regional.query(EU, "ec2", "DescribeSecurityGroups").atPriority(1), RegionalStub.ec2Error(401,
                "OptInRequired", "You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe."));

        CollectionException failure = AwsCollectorsFailures.failure(connector(config), SecurityGroupCollector.TYPE);

        // EC2 answers OptInRequired with HTTP 401, whose body the JDK's URL connection does not hand over.
        assertThat(failure).hasMessageContaining("AWS refused ec2:DescribeSecurityGroups for account " + ACCOUNT
                + " in " + EU + " with HTTP 401").hasMessageContaining("enable the region");
        assertThat(failure.retryable()).isFalse();
    }
}
