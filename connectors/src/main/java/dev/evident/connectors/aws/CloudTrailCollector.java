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
 * {@code aws.cloudtrail_trail}: the trails that apply to each account, reported once each, in their
 * home region (a multi-region trail is not repeated as a "shadow" in every other region), with
 * whether it is logging and validates its log files. An organization trail shows up in every
 * member account too, under that member's account id, since it is what logs the member.
 */
final class CloudTrailCollector extends AwsCollector {

    static final String TYPE = "aws.cloudtrail_trail";
    private static final java.util.Set<String> NOT_VISIBLE = java.util.Set.of("TrailNotFoundException");

    CloudTrailCollector(AwsAccounts accounts) {
        super(accounts, TYPE, true);
    }

    @Override
    protected List<CollectedResource> read(Scope scope) throws CollectionException {
        CloudTrailClient trails = accounts.clients().build(CloudTrailClient.builder(), scope.account().credentials(),
                scope.region());
        String region = scope.region().id();
        List<Trail> list = scope.call("cloudtrail:DescribeTrails",
                () -> trails.describeTrails(r -> r.includeShadowTrails(true)).trailList()).stream()
                .filter(trail -> region.equals(trail.homeRegion())).toList();
        List<CollectedResource> result = new ArrayList<>();
        for (Trail trail : list) {
            // A member account may not be allowed to read an organization trail's status: unknown, not "off".
            GetTrailStatusResponse status = scope.callOrNone("cloudtrail:GetTrailStatus", NOT_VISIBLE,
                    () -> trails.getTrailStatus(r -> r.name(trail.trailARN())));
            ObjectNode attributes = scope.attributes();
            attributes.put("name", trail.name());
            attributes.put("arn", trail.trailARN());
            attributes.put("homeRegion", trail.homeRegion());
            attributes.put("multiRegion", trail.isMultiRegionTrail());
            attributes.put("organizationTrail", trail.isOrganizationTrail());
            attributes.put("logging", status == null ? null : status.isLogging());
            attributes.put("logFileValidation", trail.logFileValidationEnabled());
            attributes.put("includeGlobalServiceEvents", trail.includeGlobalServiceEvents());
            attributes.put("s3BucketName", trail.s3BucketName());
            attributes.put("kmsKeyId", trail.kmsKeyId());
            attributes.put("encrypted", trail.kmsKeyId() != null);
            attributes.put("cloudWatchLogsLogGroupArn", trail.cloudWatchLogsLogGroupArn());
            attributes.put("latestDeliveryAt", status == null ? null : IamUserCollector.text(status.latestDeliveryTime()));
            attributes.put("latestDeliveryError", status == null ? null : status.latestDeliveryError());
            // An organization trail has the management account's ARN in every member: keep one per account.
            boolean own = trail.trailARN() != null && trail.trailARN().contains(":" + scope.account().id() + ":trail/");
            String externalId = own ? trail.trailARN() : scope.account().id() + "/" + trail.trailARN();
            result.add(scope.resource(TYPE, externalId, trail.name(), attributes));
        }
        return result;
    }
}
