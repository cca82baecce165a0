package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RecordingSleeper;
import dev.evident.connectors.http.TestClock;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the connector against the local stub, with retries that do not wait, and runs its collectors. */
final class AwsTestSupport {

    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String ACCOUNT = "111122223333";
    static final String USER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/evident-reader";
    /** Attempts per call in tests: as many as in production, without the backoff waits. */
    static final int ATTEMPTS = AwsConnectorFactory.MAX_ATTEMPTS;

    private AwsTestSupport() {
    }

    static Map<String, String> config(String endpoint) {
        return new HashMap<>(Map.of("accessKeyId", KEY_ID, "secretAccessKey", SECRET, "regions", "us-east-1",
                "endpointUrl", endpoint));
    }

    static RetryStrategy immediateRetries() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(ATTEMPTS)
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .circuitBreakerEnabled(false).build();
    }

    static AwsConnector connector(Map<String, String> values, RecordingSleeper sleeper) {
        return AwsConnectorFactory.create(ConnectorConfig.of(new AwsConnectorFactory().configSchema(), values),
                sleeper, AwsTestSupport::immediateRetries, Duration.ofSeconds(5));
    }

    static AwsConnector connector(Map<String, String> values) {
        return connector(values, new RecordingSleeper(new TestClock(NOW)));
    }

    static List<CollectedResource> collect(AwsConnector connector, String type) throws CollectionException {
        List<CollectedResource> resources = new ArrayList<>();
        connector.collectors().stream().filter(c -> c.resourceType().equals(type)).findFirst().orElseThrow()
                .collect(CollectionContext.of(new TestClock(NOW), null)).forEachRemaining(resources::add);
        return resources;
    }

    static JsonNode attributes(CollectedResource resource) {
        return Json.MAPPER.readTree(resource.attributesJson());
    }
}
