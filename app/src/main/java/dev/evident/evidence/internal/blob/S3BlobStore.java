package dev.evident.evidence.internal.blob;

import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.config.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Evidence content in an S3-compatible bucket (AWS S3, MinIO, Ceph, …) under
 * {@code <prefix><org id>/<sha256>}. Objects are written once from the staged file and never
 * changed; an object that exists already is not written again.
 */
public class S3BlobStore implements BlobStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String description;

    S3BlobStore(S3Client s3, String bucket, String prefix, String description) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.description = description;
    }

    static S3BlobStore create(EvidentProperties.S3 config) {
        if (config.bucket() == null || config.bucket().isBlank()) {
            throw new InvalidConfigurationException("EVIDENT_EVIDENCE_S3_BUCKET", "is not set",
                    "Name the bucket that holds evidence, or use EVIDENT_EVIDENCE_STORE=local.");
        }
        AwsCredentialsProvider credentials = config.accessKey() == null || config.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
        if (config.endpoint() != null && !config.endpoint().isBlank()) {
            try {
                builder.endpointOverride(URI.create(config.endpoint().trim()));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("EVIDENT_EVIDENCE_S3_ENDPOINT", "is not a URL: " + config.endpoint(),
                        "Use an address such as https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000.");
            }
        }
        return new S3BlobStore(builder.build(), config.bucket().trim(), config.prefix(),
                "S3 bucket " + config.bucket() + (config.endpoint() == null || config.endpoint().isBlank() ? ""
                        : " at " + config.endpoint()));
    }

    String key(UUID orgId, String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return prefix + orgId + "/" + sha256;
    }

    @Override
    public void put(UUID orgId, String sha256, Path staged, long size, String contentType) throws IOException {
        try {
            if (!exists(orgId, sha256)) {
                s3.putObject(r -> r.bucket(bucket).key(key(orgId, sha256)).contentType(contentType).contentLength(size),
                        RequestBody.fromFile(staged));
            }
        } catch (SdkException e) {
            throw new IOException("S3 refused to store " + key(orgId, sha256) + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    @Override
    public InputStream open(UUID orgId, String sha256) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key(orgId, sha256)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key(orgId, sha256));
        } catch (SdkException e) {
            throw new IOException("S3 could not read " + key(orgId, sha256) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(UUID orgId, String sha256) throws IOException {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key(orgId, sha256)).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("S3 could not check " + key(orgId, sha256) + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 could not check " + key(orgId, sha256) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(UUID orgId, String sha256) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key(orgId, sha256)));
        } catch (SdkException e) {
            throw new IOException("S3 could not delete " + key(orgId, sha256) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
