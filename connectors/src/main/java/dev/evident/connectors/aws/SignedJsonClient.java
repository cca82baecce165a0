package dev.evident.connectors.aws;

import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.Sleeper;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.utils.IoUtils;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * SigV4-signed JSON calls for the services whose SDK module is not available to this build
 * (AWS Organizations, GuardDuty): the SDK's own signer and HTTP client, the JSON 1.1 and REST-JSON
 * protocols by hand.
 * Throttling and 5xx answers are retried with backoff like the SDK clients do; errors come out as
 * {@link AwsServiceException}s so {@link AwsErrors} treats them like any other.
 */
final class SignedJsonClient {

    static final int MAX_ATTEMPTS = 4;

    private final SdkHttpClient http;
    private final Sleeper sleeper;
    private final Duration firstBackoff;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SignedJsonClient(SdkHttpClient http, Sleeper sleeper, Duration firstBackoff) {
        this.http = http;
        this.sleeper = sleeper;
        this.firstBackoff = firstBackoff;
    }

    /**
     * POSTs a JSON 1.1 request ({@code X-Amz-Target: targetPrefix.operation}) and returns the parsed answer.
     */
    JsonNode call(URI endpoint, String signingName, String signingRegion, String target, String body,
                  AwsCredentialsProvider credentials) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target)
                .build();
        return send(request, body.getBytes(StandardCharsets.UTF_8), signingName, signingRegion, credentials);
    }

    /** GETs a REST-JSON resource (GuardDuty): the endpoint's base path, then {@code path}, then the query. */
    JsonNode get(URI endpoint, String path, Map<String, String> query, String signingName, String signingRegion,
                 AwsCredentialsProvider credentials) {
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/$", "");
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(endpoint)
                .encodedPath(base + path);
        query.forEach(request::putRawQueryParameter);
        return send(request.build(), new byte[0], signingName, signingRegion, credentials);
    }

    private JsonNode send(SdkHttpFullRequest request, byte[] payload, String signingName, String signingRegion,
                          AwsCredentialsProvider credentials) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                    .request(request).payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion));
            int status;
            byte[] answer;
            try {
                HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                        .request(signed.request()).contentStreamProvider(payload.length == 0 ? null
                                : signed.payload().orElse(null)).build()).call();
                status = response.httpResponse().statusCode();
                try (InputStream in = response.responseBody().orElse(null)) {
                    answer = in == null ? new byte[0] : IoUtils.toByteArray(in);
                }
            } catch (IOException e) {
                throw SdkClientException.create("could not reach " + request.getUri() + ": " + e.getMessage(), e);
            }
            if (status / 100 == 2) {
                return Json.MAPPER.readTree(answer.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : answer);
            }
            AwsServiceException error = error(status, answer);
            boolean retry = status >= 500 || status == 429 || AwsErrors.THROTTLED.contains(AwsErrors.code(error));
            if (!retry || attempt >= MAX_ATTEMPTS) {
                throw error;
            }
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw error;
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    /** The JSON protocol's error: {@code {"__type": "...#Code", "message": "..."}}. */
    private static AwsServiceException error(int status, byte[] body) {
        String code = null;
        String message = null;
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            code = Json.text(node, "__type");
            if (code == null) {
                code = Json.text(node, "type"); // REST-JSON services
            }
            message = Json.text(node, "message");
            if (message == null) {
                message = Json.text(node, "Message");
            }
        } catch (RuntimeException ignored) {
            // Not JSON (a proxy's page): keep the status alone.
        }
        if (code != null && code.contains("#")) {
            code = code.substring(code.lastIndexOf('#') + 1);
        }
        if (code == null) {
            code = "HTTP" + status;
        }
        return AwsServiceException.builder().statusCode(status).message(code + ": " + message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
