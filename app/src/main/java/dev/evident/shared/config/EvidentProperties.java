package dev.evident.shared.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Installation-wide settings under {@code evident.*}; each is documented in docs/configuration.md.
 *
 * @param publicUrl base URL users reach Evident at, used in invitation links (derived from the
 *                  request when blank)
 */
@ConfigurationProperties("evident")
public record EvidentProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean demo,
        String publicUrl,
        String secretKeyFile,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue SignIn signIn,
        @DefaultValue Api api,
        @DefaultValue Invitations invitations,
        @DefaultValue Controls controls,
        @DefaultValue Evidence evidence) {

    public record Bootstrap(String adminEmail, String adminPassword, String adminToken,
                            @DefaultValue("My organization") String organizationName) {
    }

    /**
     * @param maxFailures       failed passwords before the account is locked
     * @param lockout           how long a locked account stays locked
     * @param attemptsPerMinute sign-in attempts allowed per client address and per email per minute
     */
    public record SignIn(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration lockout,
                         @DefaultValue("20") int attemptsPerMinute) {
    }

    /** @param maxBodySize largest accepted API request body, in bytes */
    public record Api(@DefaultValue("1048576") long maxBodySize) {
    }

    public record Invitations(@DefaultValue("7d") Duration validity) {
    }

    /**
     * @param importMaxSize largest controls-as-code file accepted (API body or page upload), in bytes;
     *                      checked before the file is parsed
     */
    public record Controls(@DefaultValue("16777216") long importMaxSize) {
    }

    /**
     * @param maxUploadSize       largest evidence file accepted, in bytes (checked while streaming)
     * @param maxRecordSize       largest single record (canonical JSON), in bytes
     * @param maxRecordsPerBatch  records accepted in one batch request
     * @param checkpointInterval  how often the ledgers with new entries get a signed checkpoint
     * @param staleCheckInterval  how often evidence coverage is checked for controls going stale
     * @param retention           how long evidence is kept after the end of the interval it proves;
     *                            older content is removed and a tombstone stays in the ledger
     * @param ledgerKeyFile       the Ed25519 private key that signs checkpoints (PKCS#8 DER); default
     *                            {@code <data dir>/keys/ledger-ed25519.key}, created on first start
     * @param store               where evidence content is kept: {@code local} (under the data dir) or {@code s3}
     */
    public record Evidence(@DefaultValue("104857600") long maxUploadSize,
                           @DefaultValue("65536") int maxRecordSize,
                           @DefaultValue("10000") int maxRecordsPerBatch,
                           @DefaultValue("1h") Duration checkpointInterval,
                           @DefaultValue("1d") Duration staleCheckInterval,
                           @DefaultValue("P2557D") java.time.Period retention,
                           String ledgerKeyFile,
                           @DefaultValue("local") String store,
                           @DefaultValue S3 s3) {

        /** The defaults, for code that builds settings by hand (tests). */
        public static Evidence defaults() {
            return new Evidence(104_857_600, 65_536, 10_000, Duration.ofHours(1), Duration.ofDays(1),
                    java.time.Period.ofDays(2557), null, "local",
                    new S3(null, "us-east-1", null, true, null, null, "evident/"));
        }
    }

    /**
     * S3-compatible object storage for evidence content (AWS, MinIO, Ceph, …).
     *
     * @param endpoint  override for non-AWS stores and tests (e.g. http://127.0.0.1:9090); empty for AWS
     * @param pathStyle address the bucket in the path ({@code /bucket/key}) rather than the host name
     * @param prefix    key prefix inside the bucket, so one bucket can hold several installations
     */
    public record S3(String bucket, @DefaultValue("us-east-1") String region, String endpoint,
                     @DefaultValue("true") boolean pathStyle, String accessKey, String secretKey,
                     @DefaultValue("evident/") String prefix) {
    }
}
