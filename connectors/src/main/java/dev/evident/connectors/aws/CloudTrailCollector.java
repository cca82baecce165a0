package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code aws.cloudtrail_trail}: the trails created in each configured region (a multi-region trail
 * is reported once, by its home region, not again as a "shadow" in every other region), with
 * whether it is logging and validates its log files.
 */
final class CloudTrailCollector extends AwsCollector {

    static final String TYPE = "aws.cloudtrail_trail";

    CloudTrailCollector(AwsAccounts accounts) {
        super(accounts, TYPE, true);
    }

    @Override
    protected List<CollectedResource> read(Scope scope) throws CollectionException {
        CloudTrailClient trails = accounts.clients().build(CloudTrailClient.builder(), scope.account().credentials(),
                scope.region());
        List<Trail> list = scope.call("cloudtrail:DescribeTrails",
                () -> trails.describeTrails(r -> r.includeShadowTrails(false)).trailList());
        List<CollectedResource> result = new ArrayList<>();
        for (Trail trail : list) {
            GetTrailStatusResponse status = scope.call("cloudtrail:GetTrailStatus",
                    () -> trails.getTrailStatus(r -> r.name(trail.trailARN())));
            ObjectNode attributes = scope.attributes();
            attributes.put("name", trail.name());
            attributes.put("arn", trail.trailARN());
            attributes.put("homeRegion", trail.homeRegion());
            attributes.put("multiRegion", trail.isMultiRegionTrail());
            attributes.put("organizationTrail", trail.isOrganizationTrail());
            attributes.put("logging", status.isLogging());
            attributes.put("logFileValidation", trail.logFileValidationEnabled());
            attributes.put("includeGlobalServiceEvents", trail.includeGlobalServiceEvents());
            attributes.put("s3BucketName", trail.s3BucketName());
            attributes.put("kmsKeyId", trail.kmsKeyId());
            attributes.put("encrypted", trail.kmsKeyId() != null);
            attributes.put("cloudWatchLogsLogGroupArn", trail.cloudWatchLogsLogGroupArn());
            attributes.put("latestDeliveryAt", IamUserCollector.text(status.latestDeliveryTime()));
            attributes.put("latestDeliveryError", status.latestDeliveryError());
            result.add(scope.resource(TYPE, trail.trailARN(), trail.name(), attributes));
        }
        return result;
    }
}
