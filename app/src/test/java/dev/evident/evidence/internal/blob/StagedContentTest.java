package dev.evident.evidence.internal.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.PayloadTooLargeException;
import dev.evident.verifier.Hashes;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedContentTest {

    @TempDir
    Path dir;

    @Test
    void stagingHashesChecksumsAndCountsInOnePass() throws Exception {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        try (StagedContent staged = StagedContent.stage(new ByteArrayInputStream(content), dir, 1_000_000, "big.txt", "s")) {
            CRC32 crc = new CRC32();
            crc.update(content);
            assertThat(staged.sha256()).isEqualTo(Hashes.sha256Hex(content));
            assertThat(staged.crc32()).isEqualTo(crc.getValue());
            assertThat(staged.size()).isEqualTo(content.length);
            assertThat(staged.contentType()).isEqualTo("text/plain; charset=utf-8");
            assertThat(Files.readAllBytes(staged.file())).isEqualTo(content);
        }
        assertThat(Files.list(dir)).as("closing removes the staging file").isEmpty();
    }

    @Test
    void tooLargeEmptyAndLyingFilesLeaveNothingBehind() throws Exception {
        assertThatThrownBy(() -> StagedContent.stage(new ByteArrayInputStream(new byte[101]), dir, 100, "a.bin", "evident.x"))
                .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("100");
        assertThatThrownBy(() -> StagedContent.stage(InputStream.nullInputStream(), dir, 100, "a.bin", "s"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> StagedContent.stage(new ByteArrayInputStream("%PDF-1.4".getBytes()), dir, 100, "a.png", "s"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a.png");
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void theLocalStoreKeepsOneCopyPerContentAndOrganization() throws Exception {
        LocalBlobStore store = new LocalBlobStore(dir.resolve("blobs"));
        UUID org = UUID.randomUUID();
        byte[] content = "evidence bytes".getBytes();
        String sha = Hashes.sha256Hex(content);
        for (int i = 0; i < 2; i++) {
            try (StagedContent staged = StagedContent.stage(new ByteArrayInputStream(content), dir.resolve("staging"), 1000,
                    "e.txt", "s")) {
                store.put(org, sha, staged.file(), staged.size(), staged.contentType());
            }
        }
        assertThat(store.exists(org, sha)).isTrue();
        assertThat(store.exists(UUID.randomUUID(), sha)).as("organizations never share content").isFalse();
        try (InputStream in = store.open(org, sha)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(Files.list(dir.resolve("staging"))).isEmpty();
        store.delete(org, sha);
        assertThatThrownBy(() -> store.open(org, sha)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.open(org, "../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
