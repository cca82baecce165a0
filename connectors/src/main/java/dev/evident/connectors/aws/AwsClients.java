package dev.evident.connectors.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the SDK clients of one connection: all share one URL-connection HTTP client, the retry
 * strategy (throttling and 5xx retried with backoff) and, when set, the endpoint override. Every
 * client built is closed with the connector.
 */
final class AwsClients implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final SdkHttpClient http;
    private final URI endpoint;
    private final Supplier<RetryStrategy> retryStrategy;
    private final List<SdkAutoCloseable> built = new ArrayList<>();

    AwsClients(URI endpoint, Supplier<RetryStrategy> retryStrategy, Duration requestTimeout) {
        this.endpoint = endpoint;
        this.retryStrategy = retryStrategy;
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(requestTimeout).build();
    }

    SdkHttpClient http() {
        return http;
    }

    URI endpoint() {
        return endpoint;
    }

    StsClient sts(AwsCredentialsProvider credentials, Region region) {
        return build(StsClient.builder(), credentials, region);
    }

    /** IAM is global: its calls are signed for the partition's global region. */
    IamClient iam(AwsCredentialsProvider credentials, Region home) {
        return build(IamClient.builder(), credentials, globalRegion(home));
    }

    /** Configures and builds any service client the same way. */
    synchronized <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C build(
            B builder, AwsCredentialsProvider credentials, Region region) {
        builder.region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(retryStrategy.get())
                        // The account-id host prefix (s3control) would not resolve on a single test or proxy host.
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, endpoint != null));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        C client = builder.build();
        built.add(client);
        return client;
    }

    static Region globalRegion(Region home) {
        return switch (AwsSettings.partition(home)) {
            case "aws-cn" -> Region.AWS_CN_GLOBAL;
            case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
            case "aws-iso" -> Region.AWS_ISO_GLOBAL;
            case "aws-iso-b" -> Region.AWS_ISO_B_GLOBAL;
            default -> Region.AWS_GLOBAL;
        };
    }

    @Override
    public synchronized void close() {
        built.forEach(SdkAutoCloseable::close);
        built.clear();
        http.close();
    }
}
