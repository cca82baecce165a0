package dev.evident.connectors.aws;

import dev.evident.connector.CollectionException;
import dev.evident.connectors.http.StepLog;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

import static dev.evident.connectors.aws.AwsConnectionTest.READ_CLOUDTRAIL;
import static dev.evident.connectors.aws.AwsConnectionTest.READ_EC2;
import static dev.evident.connectors.aws.AwsConnectionTest.READ_KMS;
import static dev.evident.connectors.aws.AwsConnectionTest.READ_RDS;
import static dev.evident.connectors.aws.AwsConnectionTest.READ_S3;

/**
 * The connection test's one cheap read per service: S3 once, the regional services in every
 * configured region, so a region that is not enabled shows up here and not first in a sync.
 */
final class RegionalProbes {

    @FunctionalInterface
    private interface Probe {
        void read(AwsAccounts.Account account, Region region) throws CollectionException;
    }

    private final AwsAccounts accounts;
    private final StepLog steps;
    private final AwsAccounts.Account account;

    RegionalProbes(AwsAccounts accounts, StepLog steps, AwsAccounts.Account account) {
        this.accounts = accounts;
        this.steps = steps;
        this.account = account;
    }

    void run() {
        AwsClients clients = accounts.clients();
        boolean pathStyle = accounts.settings().endpoint() != null;
        probe(READ_S3, false, (a, r) -> call(a, r, "s3:ListAllMyBuckets", () -> clients.build(
                S3Client.builder().forcePathStyle(pathStyle), a.credentials(), r).listBuckets(b -> b.maxBuckets(1))));
        probe(READ_CLOUDTRAIL, true, (a, r) -> call(a, r, "cloudtrail:DescribeTrails", () -> clients.build(
                CloudTrailClient.builder(), a.credentials(), r).describeTrails(b -> b.includeShadowTrails(true))));
        probe(READ_RDS, true, (a, r) -> call(a, r, "rds:DescribeDBInstances", () -> clients.build(
                RdsClient.builder(), a.credentials(), r).describeDBInstances(b -> b.maxRecords(20))));
        probe(READ_EC2, true, (a, r) -> call(a, r, "ec2:DescribeSecurityGroups", () -> clients.build(
                Ec2Client.builder(), a.credentials(), r).describeSecurityGroups(b -> b.maxResults(5))));
        probe(READ_KMS, true, (a, r) -> call(a, r, "kms:ListKeys", () -> clients.build(
                KmsClient.builder(), a.credentials(), r).listKeys(b -> b.limit(1))));
        GuardDutyCollector guardDuty = new GuardDutyCollector(accounts, accounts.json());
        probe(AwsConnectionTest.READ_GUARDDUTY, true,
                (a, r) -> guardDuty.read(new AwsCollector.Scope(a, r, java.time.Instant.EPOCH)));
    }

    private void probe(String step, boolean regional, Probe probe) {
        var regions = regional ? accounts.settings().regions() : java.util.List.of(accounts.settings().homeRegion());
        try {
            for (Region region : regions) {
                probe.read(account, region);
            }
            steps.pass(step, "readable in " + account.describe()
                    + (regional ? " in " + String.join(", ", regions.stream().map(Region::id).toList()) : ""));
        } catch (CollectionException e) {
            steps.fail(step, e.getMessage());
        }
    }

    private static void call(AwsAccounts.Account account, Region region, String action, AwsAccounts.SdkCall<?> call)
            throws CollectionException {
        AwsAccounts.call(call, action, account.describe() + " in " + region.id());
    }
}
