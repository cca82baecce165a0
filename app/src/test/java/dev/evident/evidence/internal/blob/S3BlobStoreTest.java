package dev.evident.evidence.internal.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.config.InvalidConfigurationException;
import dev.evident.testing.S3MockServer;
import dev.evident.verifier.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The S3 store against a real S3Mock: start-up checks, one-request and multipart writes, reads, absence. */
@ExtendWith(S3MockServer.class)
class S3BlobStoreTest {

    private static EvidentProperties.S3 config(String bucket, String endpoint) {
        return new EvidentProperties.S3(bucket, "us-east-1", endpoint, true, S3MockServer.ACCESS_KEY,
                S3MockServer.SECRET_KEY, "unit/");
    }

    @Test
    void aMissingBucketStopsStartUpNamingTheBucketAndTheEndpoint() {
        String endpoint = S3MockServer.instance().endpoint();
        S3BlobStore store = S3BlobStore.create(config("no-such-bucket", endpoint));
        assertThatThrownBy(store::checkBucket)
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo("EVIDENT_EVIDENCE_S3_BUCKET");
                    assertThat(e.getMessage()).contains("no-such-bucket").contains(endpoint).contains("does not exist");
                    assertThat(e.fix()).contains("Create the bucket");
                });
    }

    @Test
    void anUnreachableEndpointStopsStartUpNamingIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        S3BlobStore store = S3BlobStore.create(config("evidence", endpoint));
        assertThatThrownBy(store::checkBucket)
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.getMessage()).contains("evidence").contains(endpoint).contains("could not be reached");
                    assertThat(e.fix()).contains("EVIDENT_EVIDENCE_S3_ENDPOINT");
                });
    }

    @Test
    void settingsThatCannotWorkAreRefusedByName() {
        assertThatThrownBy(() -> S3BlobStore.create(config(" ", null)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("EVIDENT_EVIDENCE_S3_BUCKET"));
        assertThatThrownBy(() -> S3BlobStore.create(config("evidence", "http://bad host:9000")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("EVIDENT_EVIDENCE_S3_ENDPOINT"));
    }

    @Test
    void anExistingBucketPassesTheCheck() {
        S3BlobStore.create(config(S3MockServer.BUCKET, S3MockServer.instance().endpoint())).checkBucket();
    }

    @Test
    void smallFilesGoUpInOneRequestLargeOnesInPartsAndReadBackUnchanged(@TempDir Path dir) throws Exception {
        S3BlobStore store = new S3BlobStore(S3MockServer.instance().client(), S3MockServer.BUCKET, "unit/", "S3Mock",
                S3BlobStore.MIN_PART_SIZE);
        UUID org = UUID.randomUUID();
        for (int size : new int[] {1, 5 * 1024 * 1024, 11 * 1024 * 1024 + 17}) {
            byte[] content = new byte[size];
            new Random(size).nextBytes(content);
            String sha = Hashes.sha256Hex(content);
            Path staged = Files.write(dir.resolve("upload-" + size + ".part"), content);
            assertThat(store.exists(org, sha)).isFalse();
            store.put(org, sha, staged, size, "application/octet-stream");
            assertThat(staged).as("the staged file is consumed").doesNotExist();
            assertThat(store.exists(org, sha)).isTrue();
            try (InputStream in = store.open(org, sha)) {
                assertThat(sha256(in)).as("%d bytes read back", size).isEqualTo(sha);
            }
            Path again = Files.write(dir.resolve("again-" + size + ".part"), content);
            store.put(org, sha, again, size, "application/octet-stream");
            assertThat(again).as("a second put of the same content is a no-op that still consumes the file").doesNotExist();
        }
        assertThat(S3MockServer.instance().client().listMultipartUploads(r -> r.bucket(S3MockServer.BUCKET)).uploads())
                .as("no multipart upload left open").isEmpty();
    }

    @Test
    void absentContentIsReportedAsAbsentAndDeletingTwiceIsHarmless(@TempDir Path dir) throws Exception {
        S3BlobStore store = new S3BlobStore(S3MockServer.instance().client(), S3MockServer.BUCKET, "unit/", "S3Mock");
        UUID org = UUID.randomUUID();
        String sha = Hashes.sha256Hex("to be removed");
        store.put(org, sha, Files.writeString(dir.resolve("x.part"), "to be removed"), 13, "text/plain");
        store.delete(org, sha);
        store.delete(org, sha);
        assertThat(store.exists(org, sha)).isFalse();
        assertThatThrownBy(() -> store.open(org, sha)).isInstanceOf(NoSuchFileException.class).hasMessageContaining(sha);
    }

    @Test
    void aWriteTheStoreRefusesNamesTheObjectAndConsumesTheStagedFile(@TempDir Path dir) throws Exception {
        S3BlobStore store = new S3BlobStore(S3MockServer.instance().client(), "no-such-bucket", "unit/", "S3Mock");
        UUID org = UUID.randomUUID();
        String sha = Hashes.sha256Hex("refused");
        Path staged = Files.writeString(dir.resolve("y.part"), "refused");
        assertThatThrownBy(() -> store.put(org, sha, staged, 7, "text/plain"))
                .isInstanceOf(IOException.class).hasMessageContaining("unit/" + org + "/" + sha);
        assertThat(staged).doesNotExist();
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
