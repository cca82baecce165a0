package dev.evident.integration.internal;

import dev.evident.integration.internal.SyncBenchStub.Answer;
import dev.evident.integration.internal.SyncBenchStub.Request;
import java.util.Map;

/**
 * The benchmark AWS's S3 (REST/XML, path-style as with an endpoint override) and S3 Control's account
 * public access block, shaped as in the Amazon S3 API reference: ListBuckets pages with
 * {@code max-buckets} and {@code continuation-token} and names each bucket's region; a bucket's
 * sub-resources answer the documented 404 errors when nothing is configured. See {@link SyncBenchAws}.
 */
final class SyncBenchS3 {

    static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final SyncBenchModel model;

    SyncBenchS3(SyncBenchModel model) {
        this.model = model;
    }

    Answer handle(int a, Request request) {
        String path = request.path();
        if (path.equals("/v20180820/configuration/publicAccessBlock")) {
            return a % 3 == 2
                    ? new Answer("s3:GetAccountPublicAccessBlock", 404, "application/xml", "<ErrorResponse><Error><Code>"
                    + "NoSuchPublicAccessBlockConfiguration</Code><Message>The public access block configuration was not "
                    + "found</Message></Error><RequestId>5E4D3C2B1A</RequestId><HostId>h0st=</HostId></ErrorResponse>")
                    : s3Xml("s3:GetAccountPublicAccessBlock", "<PublicAccessBlockConfiguration>" + block(true)
                    + "</PublicAccessBlockConfiguration>");
        }
        if (path.equals("/")) {
            return listBuckets(a, request.query());
        }
        String bucket = path.substring(1);
        int b = bucketIndex(bucket, a);
        if (b < 0) {
            return s3Error("s3:Bucket", 404, "NoSuchBucket", "The specified bucket does not exist");
        }
        String sub = request.query().keySet().stream().findFirst().orElse("");
        return switch (sub) {
            case "encryption" -> model.chance(88, "encrypted", a, b)
                    ? s3Xml("s3:GetEncryptionConfiguration", "<ServerSideEncryptionConfiguration xmlns=\"" + S3_NS
                    + "\"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>" + (b % 3 == 0 ? "aws:kms" : "AES256")
                    + "</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled>"
                    + "</Rule></ServerSideEncryptionConfiguration>")
                    : s3Error("s3:GetEncryptionConfiguration", 404, "ServerSideEncryptionConfigurationNotFoundError",
                    "The server side encryption configuration was not found");
            case "publicAccessBlock" -> model.chance(75, "blocked", a, b)
                    ? s3Xml("s3:GetBucketPublicAccessBlock", "<PublicAccessBlockConfiguration xmlns=\"" + S3_NS + "\">"
                    + block(true) + "</PublicAccessBlockConfiguration>")
                    : s3Error("s3:GetBucketPublicAccessBlock", 404, "NoSuchPublicAccessBlockConfiguration",
                    "The public access block configuration was not found");
            case "policyStatus" -> model.chance(30, "policy", a, b)
                    ? s3Xml("s3:GetBucketPolicyStatus", "<PolicyStatus xmlns=\"" + S3_NS + "\"><IsPublic>"
                    + model.chance(15, "public", a, b) + "</IsPublic></PolicyStatus>")
                    : s3Error("s3:GetBucketPolicyStatus", 404, "NoSuchBucketPolicy", "The bucket policy does not exist");
            case "versioning" -> s3Xml("s3:GetBucketVersioning", model.chance(60, "versioned", a, b)
                    ? "<VersioningConfiguration xmlns=\"" + S3_NS + "\"><Status>Enabled</Status><MfaDelete>Disabled"
                    + "</MfaDelete></VersioningConfiguration>" : "<VersioningConfiguration xmlns=\"" + S3_NS + "\"/>");
            case "logging" -> s3Xml("s3:GetBucketLogging", model.chance(40, "logged", a, b)
                    ? "<BucketLoggingStatus xmlns=\"" + S3_NS + "\"><LoggingEnabled><TargetBucket>bench-" + a
                    + "-access-logs</TargetBucket><TargetPrefix>" + bucket + "/</TargetPrefix></LoggingEnabled>"
                    + "</BucketLoggingStatus>" : "<BucketLoggingStatus xmlns=\"" + S3_NS + "\"/>");
            case "location" -> s3Xml("s3:GetBucketLocation", "<LocationConstraint xmlns=\"" + S3_NS + "\">"
                    + bucketRegion(a, b) + "</LocationConstraint>");
            default -> s3Error("s3:" + sub, 400, "NotImplemented", "the benchmark stub does not serve ?" + sub);
        };
    }

    private Answer listBuckets(int a, Map<String, String> query) {
        int max = Integer.parseInt(query.getOrDefault("max-buckets", "10000"));
        String token = query.get("continuation-token");
        int from = token == null ? 0 : Integer.parseInt(token.substring(1));
        int to = Math.min(model.buckets[a], from + max);
        StringBuilder xml = new StringBuilder("<ListAllMyBucketsResult xmlns=\"" + S3_NS + "\"><Buckets>");
        for (int b = from; b < to; b++) {
            xml.append("<Bucket><Name>").append(bucketName(a, b)).append("</Name><CreationDate>")
                    .append(model.daysAgo(100 + b % 700, b)).append("</CreationDate><BucketRegion>").append(bucketRegion(a, b))
                    .append("</BucketRegion></Bucket>");
        }
        xml.append("</Buckets><Owner><DisplayName>bench").append(a).append("</DisplayName><ID>79a59df900b949e55d96a1e698fb")
                .append(a).append("</ID></Owner>");
        if (to < model.buckets[a]) {
            xml.append("<ContinuationToken>c").append(to).append("</ContinuationToken>");
        }
        return s3Xml("s3:ListAllMyBuckets", xml.append("</ListAllMyBucketsResult>").toString());
    }

    private static String bucketName(int a, int b) {
        return "bench-" + a + "-bucket-" + b;
    }

    private int bucketIndex(String name, int a) {
        String prefix = "bench-" + a + "-bucket-";
        if (!name.startsWith(prefix)) {
            return -1;
        }
        int b = Integer.parseInt(name.substring(prefix.length()));
        return b < model.buckets[a] ? b : -1;
    }

    private String bucketRegion(int a, int b) {
        return model.regions.get(model.roll("bucketRegion", a, b) % model.regions.size());
    }

    private static String block(boolean all) {
        return "<BlockPublicAcls>" + all + "</BlockPublicAcls><IgnorePublicAcls>" + all + "</IgnorePublicAcls>"
                + "<BlockPublicPolicy>" + all + "</BlockPublicPolicy><RestrictPublicBuckets>" + all
                + "</RestrictPublicBuckets>";
    }

    private static Answer s3Xml(String operation, String body) {
        return new Answer(operation, 200, "application/xml", body);
    }

    private static Answer s3Error(String operation, int status, String code, String message) {
        return new Answer(operation, status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code + "</Code><Message>" + message + "</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>"
                + "h0stIdBench=</HostId></Error>");
    }
}
