package dev.evident.evidence.internal.blob;

import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.config.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Evidence content in an S3-compatible bucket (AWS S3, MinIO, Ceph, …) under
 * {@code <prefix><org id>/<sha256>}. Objects are written once from the staged file and never
 * changed; an object that exists already is not written again. Files larger than one part
 * ({@value #DEFAULT_PART_SIZE} bytes) are written as a multipart upload, so memory stays at one part.
 */
public class S3BlobStore implements BlobStore {

    /** S3's smallest part (all but the last). */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Files up to this size go up in one request; larger ones in parts of this size. */
    static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String description;
    private final String setting;
    private final long partSize;

    S3BlobStore(S3Client s3, String bucket, String prefix, String description) {
        this(s3, bucket, prefix, description, DEFAULT_PART_SIZE);
    }

    S3BlobStore(S3Client s3, String bucket, String prefix, String description, long partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 parts are at least 5 MiB, not " + partSize);
        }
        this.partSize = partSize;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.description = description;
        this.setting = "EVIDENT_EVIDENCE_S3_BUCKET";
    }

    /**
     * Fails start-up with a message naming the bucket and the endpoint when the bucket does not
     * exist, refuses access, or the endpoint cannot be reached: a misconfigured store is reported
     * at once rather than at the first upload.
     */
    void checkBucket() {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw missing();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw missing();
            }
            throw new InvalidConfigurationException(setting, "names " + description + ", which refused access (HTTP "
                    + e.statusCode() + ": " + e.awsErrorDetails().errorMessage() + ")",
                    "Check EVIDENT_EVIDENCE_S3_ACCESS_KEY and EVIDENT_EVIDENCE_S3_SECRET_KEY (or the AWS credentials in the "
                            + "environment) and that they may read and write the bucket.");
        } catch (SdkException e) {
            throw new InvalidConfigurationException(setting, "names " + description + ", which could not be reached: "
                    + e.getMessage(), "Check EVIDENT_EVIDENCE_S3_ENDPOINT and EVIDENT_EVIDENCE_S3_REGION, and that the "
                    + "object store is running.");
        }
    }

    private InvalidConfigurationException missing() {
        return new InvalidConfigurationException(setting, "names " + description + ", which does not exist",
                "Create the bucket first (Evident does not create buckets), or correct EVIDENT_EVIDENCE_S3_BUCKET / "
                        + "EVIDENT_EVIDENCE_S3_ENDPOINT.");
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
                if (size > partSize) {
                    putInParts(key(orgId, sha256), staged, size, contentType);
                } else {
                    s3.putObject(r -> r.bucket(bucket).key(key(orgId, sha256)).contentType(contentType).contentLength(size),
                            RequestBody.fromFile(staged));
                }
            }
        } catch (SdkException e) {
            throw new IOException("S3 refused to store " + key(orgId, sha256) + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * A multipart upload: the JDK HTTP client behind the SDK holds a request body in memory before
     * it sends it, so content larger than one part goes up part by part (S3 allows 10,000 parts of
     * at least 5 MiB), which keeps the memory an upload needs at one part whatever the file's size.
     * A failed upload is aborted, so the bucket keeps no half-written object or orphaned parts.
     */
    private void putInParts(String key, Path staged, long size, String contentType) throws IOException {
        long part = Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        boolean completed = false;
        try {
            int number = 1;
            for (long offset = 0; offset < size; offset += part, number++) {
                long length = Math.min(part, size - offset);
                long from = offset;
                int n = number;
                // A provider rather than one stream, so the SDK can re-read the part when it retries.
                ContentStreamProvider content = () -> part(staged, from, length);
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(n)
                                .contentLength(length),
                        RequestBody.fromContentProvider(content, length, "application/octet-stream")).eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            completed = true;
        } finally {
            if (!completed) {
                try {
                    s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
                } catch (SdkException e) {
                    log.warn("Could not abort the multipart upload {} of {}: {}", uploadId, key, e.getMessage());
                }
            }
        }
    }

    private static InputStream part(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** At most {@code limit} bytes of a stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
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
