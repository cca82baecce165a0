package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.LoggingEnabled;
import software.amazon.awssdk.services.s3.model.PolicyStatus;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code aws.s3_bucket}: every bucket of every account, whatever its region (S3 lists buckets
 * account-wide), with default encryption, bucket- and account-level public access block, whether
 * the bucket policy makes it public, versioning and server access logging. Each bucket is read
 * through a client in its own region.
 */
final class S3BucketCollector extends AwsCollector {

    static final String TYPE = "aws.s3_bucket";

    private static final Set<String> NO_ENCRYPTION = Set.of("ServerSideEncryptionConfigurationNotFoundError");
    private static final Set<String> NO_BLOCK = Set.of("NoSuchPublicAccessBlockConfiguration");
    private static final Set<String> NO_POLICY = Set.of("NoSuchBucketPolicy");

    S3BucketCollector(AwsAccounts accounts) {
        super(accounts, TYPE, false);
    }

    @Override
    protected List<CollectedResource> read(Scope scope) throws CollectionException {
        AwsSettings settings = accounts.settings();
        var controlBuilder = S3ControlClient.builder();
        if (settings.endpoint() != null) {
            // S3 Control's endpoint rules put the account id in front of the host, which a single test
            // server or proxy host cannot answer: use the override as it is.
            controlBuilder.endpointProvider(params -> java.util.concurrent.CompletableFuture.completedFuture(
                    software.amazon.awssdk.endpoints.Endpoint.builder().url(settings.endpoint()).build()));
        }
        S3ControlClient control = accounts.clients().build(controlBuilder, scope.account().credentials(),
                settings.homeRegion());
        var accountBlock = scope.callOrNone("s3:GetAccountPublicAccessBlock", NO_BLOCK, () -> control
                .getPublicAccessBlock(r -> r.accountId(scope.account().id())).publicAccessBlockConfiguration());
        boolean accountBlocksAll = accountBlock != null && all(accountBlock.blockPublicAcls(),
                accountBlock.ignorePublicAcls(), accountBlock.blockPublicPolicy(), accountBlock.restrictPublicBuckets());

        Map<String, S3Client> byRegion = new java.util.concurrent.ConcurrentHashMap<>();
        S3Client home = s3(scope, settings.homeRegion(), byRegion);
        // The paginated form (max-buckets) makes S3 name each bucket's region.
        List<Bucket> buckets = scope.call("s3:ListAllMyBuckets",
                () -> home.listBucketsPaginator(r -> r.maxBuckets(1000)).buckets().stream().toList());
        return scope.each(buckets, bucket -> bucket(scope, bucket, home, byRegion, accountBlock, accountBlocksAll));
    }

    /** One bucket's settings, read in its own region. */
    private CollectedResource bucket(Scope scope, Bucket bucket, S3Client home, Map<String, S3Client> byRegion,
                                     software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration accountBlock,
                                     boolean accountBlocksAll)
            throws CollectionException {
        Region region = bucket.bucketRegion() != null ? Region.of(bucket.bucketRegion()) : location(scope, home,
                bucket.name());
        S3Client s3 = s3(scope, region, byRegion);
        String name = bucket.name();
        Scope where = scope.in(region);

        ServerSideEncryptionConfiguration encryption = where.callOrNone("s3:GetEncryptionConfiguration",
                NO_ENCRYPTION, () -> s3.getBucketEncryption(r -> r.bucket(name)).serverSideEncryptionConfiguration());
        PublicAccessBlockConfiguration block = where.callOrNone("s3:GetBucketPublicAccessBlock", NO_BLOCK,
                () -> s3.getPublicAccessBlock(r -> r.bucket(name)).publicAccessBlockConfiguration());
        PolicyStatus policy = where.callOrNone("s3:GetBucketPolicyStatus", NO_POLICY,
                () -> s3.getBucketPolicyStatus(r -> r.bucket(name)).policyStatus());
        GetBucketVersioningResponse versioning = where.call("s3:GetBucketVersioning",
                () -> s3.getBucketVersioning(r -> r.bucket(name)));
        LoggingEnabled logging = where.call("s3:GetBucketLogging",
                () -> s3.getBucketLogging(r -> r.bucket(name)).loggingEnabled());

        ObjectNode attributes = where.attributes();
        attributes.put("name", name);
        attributes.put("createdAt", IamUserCollector.text(bucket.creationDate()));
        putEncryption(attributes, encryption);
        boolean bucketBlocksAll = block != null && all(block.blockPublicAcls(), block.ignorePublicAcls(),
                block.blockPublicPolicy(), block.restrictPublicBuckets());
        attributes.put("bucketPublicAccessBlock", bucketBlocksAll);
        attributes.put("accountPublicAccessBlock", accountBlocksAll);
        attributes.put("publicAccessBlocked", bucketBlocksAll || accountBlocksAll);
        boolean publicPolicy = policy != null && Boolean.TRUE.equals(policy.isPublic());
        attributes.put("hasBucketPolicy", policy != null);
        attributes.put("policyPublic", publicPolicy);
        boolean restricted = Boolean.TRUE.equals(block == null ? null : block.restrictPublicBuckets())
                || Boolean.TRUE.equals(accountBlock == null ? null : accountBlock.restrictPublicBuckets());
        attributes.put("public", publicPolicy && !restricted);
        attributes.put("versioning", versioning.statusAsString() == null ? "Disabled" : versioning.statusAsString());
        attributes.put("versioningEnabled", "Enabled".equals(versioning.statusAsString()));
        attributes.put("mfaDelete", "Enabled".equals(versioning.mfaDeleteAsString()));
        attributes.put("loggingEnabled", logging != null && logging.targetBucket() != null);
        attributes.put("loggingTargetBucket", logging == null ? null : logging.targetBucket());
        String arn = "arn:" + AwsSettings.partition(region) + ":s3:::" + name;
        return where.resource(TYPE, arn, name, attributes);
    }

    /** GetBucketLocation, for an answer without BucketRegion: null or empty means us-east-1, "EU" eu-west-1. */
    private static Region location(Scope scope, S3Client s3, String bucket) throws CollectionException {
        String constraint = scope.call("s3:GetBucketLocation",
                () -> s3.getBucketLocation(r -> r.bucket(bucket)).locationConstraintAsString());
        if (constraint == null || constraint.isEmpty()) {
            return Region.US_EAST_1;
        }
        return "EU".equals(constraint) ? Region.EU_WEST_1 : Region.of(constraint);
    }

    private void putEncryption(ObjectNode attributes, ServerSideEncryptionConfiguration encryption) {
        ServerSideEncryptionByDefault rule = encryption == null ? null : encryption.rules().stream()
                .map(ServerSideEncryptionRule::applyServerSideEncryptionByDefault)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        attributes.put("encrypted", rule != null);
        attributes.put("encryptionAlgorithm", rule == null ? null : rule.sseAlgorithmAsString());
        attributes.put("kmsKeyId", rule == null ? null : rule.kmsMasterKeyID());
    }

    private S3Client s3(Scope scope, Region region, Map<String, S3Client> byRegion) {
        return byRegion.computeIfAbsent(region.id(), id -> accounts.clients().build(
                S3Client.builder().forcePathStyle(accounts.settings().endpoint() != null),
                scope.account().credentials(), region));
    }

    private static boolean all(Boolean... flags) {
        for (Boolean flag : flags) {
            if (!Boolean.TRUE.equals(flag)) {
                return false;
            }
        }
        return true;
    }
}
