package dev.evident.connectors.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.evident.connectors.aws.AwsTestSupport.ACCOUNT;
import static dev.evident.connectors.aws.AwsTestSupport.KEY_ID;
import static dev.evident.connectors.aws.AwsTestSupport.USER_ARN;
import static dev.evident.connectors.aws.AwsTestSupport.attributes;
import static dev.evident.connectors.aws.AwsTestSupport.collect;
import static dev.evident.connectors.aws.AwsTestSupport.config;
import static dev.evident.connectors.aws.AwsTestSupport.connector;
import static org.assertj.core.api.Assertions.assertThat;

/** aws.s3_bucket through the real SDK against the S3 REST/XML stub. */
class S3BucketCollectorTest {

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private AwsStub stub;
    private S3Stub s3;

    @BeforeEach
    void stubs() {
        stub = new AwsStub(aws);
        stub.identity(KEY_ID, ACCOUNT, USER_ARN);
        s3 = new S3Stub(stub, KEY_ID);
        s3.buckets(new String[] {"public-assets", "us-east-1"}, new String[] {"secure-logs", null});
        s3.bucket("secure-logs", "location", S3Stub.xml("<LocationConstraint xmlns=\"" + S3Stub.NS
                + "\">eu-west-1</LocationConstraint>"));
        s3.bareBucket("public-assets");
        s3.bucket("public-assets", "policyStatus", S3Stub.xml("<PolicyStatus><IsPublic>true</IsPublic></PolicyStatus>"));
        s3.bucket("secure-logs", "encryption", S3Stub.xml("<ServerSideEncryptionConfiguration><Rule>"
                + "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>"
                + "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab</KMSMasterKeyID>"
                + "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule>"
                + "</ServerSideEncryptionConfiguration>"));
        s3.bucket("secure-logs", "publicAccessBlock", S3Stub.xml("<PublicAccessBlockConfiguration>"
                + S3Stub.FULL_BLOCK + "</PublicAccessBlockConfiguration>"));
        s3.bucket("secure-logs", "policyStatus", S3Stub.error(404, "NoSuchBucketPolicy", "The bucket policy does not exist"));
        s3.bucket("secure-logs", "versioning", S3Stub.xml("<VersioningConfiguration><Status>Enabled</Status>"
                + "<MfaDelete>Disabled</MfaDelete></VersioningConfiguration>"));
        s3.bucket("secure-logs", "logging", S3Stub.xml("<BucketLoggingStatus><LoggingEnabled><TargetBucket>"
                + "access-logs</TargetBucket><TargetPrefix>secure-logs/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>"));
    }

    @Test
    void bucketsCarryEncryptionPublicAccessVersioningAndLogging() throws Exception {
        s3.accountBlock(null);

        List<CollectedResource> buckets = collect(connector(config(aws.baseUrl())), S3BucketCollector.TYPE);

        assertThat(buckets).extracting(CollectedResource::externalId)
                .containsExactly("arn:aws:s3:::public-assets", "arn:aws:s3:::secure-logs");
        JsonNode open = attributes(buckets.get(0));
        assertThat(open.path("accountId").asString()).isEqualTo(ACCOUNT);
        assertThat(open.path("region").asString()).isEqualTo("us-east-1");
        assertThat(open.path("encrypted").booleanValue()).isFalse();
        assertThat(open.path("publicAccessBlocked").booleanValue()).isFalse();
        assertThat(open.path("policyPublic").booleanValue()).isTrue();
        assertThat(open.path("public").booleanValue()).isTrue();
        assertThat(open.path("versioning").asString()).isEqualTo("Disabled");
        assertThat(open.path("loggingEnabled").booleanValue()).isFalse();

        JsonNode logs = attributes(buckets.get(1));
        assertThat(logs.path("region").asString()).isEqualTo("eu-west-1");
        assertThat(logs.path("encryptionAlgorithm").asString()).isEqualTo("aws:kms");
        assertThat(logs.path("kmsKeyId").asString()).endsWith(":key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(logs.path("bucketPublicAccessBlock").booleanValue()).isTrue();
        assertThat(logs.path("hasBucketPolicy").booleanValue()).isFalse();
        assertThat(logs.path("public").booleanValue()).isFalse();
        assertThat(logs.path("versioningEnabled").booleanValue()).isTrue();
        assertThat(logs.path("loggingTargetBucket").asString()).isEqualTo("access-logs");
        aws.verify(getRequestedFor(urlPathEqualTo("/v20180820/configuration/publicAccessBlock"))
                .withHeader("x-amz-account-id", equalTo(ACCOUNT)));
    }

    @Test
    void theAccountBlockMakesAPublicPolicyHarmless() throws Exception {
        s3.accountBlock(S3Stub.FULL_BLOCK);

        JsonNode open = attributes(collect(connector(config(aws.baseUrl())), S3BucketCollector.TYPE).get(0));

        assertThat(open.path("accountPublicAccessBlock").booleanValue()).isTrue();
        assertThat(open.path("publicAccessBlocked").booleanValue()).isTrue();
        assertThat(open.path("policyPublic").booleanValue()).isTrue();
        assertThat(open.path("public").booleanValue()).isFalse();
    }

    @Test
    void accessDeniedOnS3FailsOnlyTheBucketType() throws Exception {
        s3.accountBlock(null);
        s3.bucket("secure-logs", "logging", S3Stub.error(403, "AccessDenied", "Access Denied"));
        new IamStub(stub, KEY_ID, ACCOUNT).minimalAccount();
        AwsConnector connector = connector(config(aws.baseUrl()));

        CollectionException failure = AwsCollectorsFailures.failure(connector, S3BucketCollector.TYPE);

        assertThat(failure).hasMessageContaining("AWS denied s3:GetBucketLogging for account " + ACCOUNT + " in eu-west-1");
        assertThat(collect(connector, IamUserCollector.TYPE)).hasSize(1);
        assertThat(collect(connector, AccountCollector.TYPE)).hasSize(1);
    }
}
