package dev.evident.evidence.internal.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Evidence content in a folder: {@code <root>/<org id>/<first two hex digits>/<sha256>}. A file is
 * moved into place atomically from the staging folder on the same disk, so a reader never sees half
 * of one.
 */
public class LocalBlobStore implements BlobStore {

    private final Path root;

    public LocalBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path pathOf(UUID orgId, String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(orgId.toString()).resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    @Override
    public void put(UUID orgId, String sha256, Path staged, long size, String contentType) throws IOException {
        Path target = pathOf(orgId, sha256);
        if (Files.exists(target) && Files.size(target) == size) {
            Files.deleteIfExists(staged);
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // staging on another file system: copy next to the target, then rename
            Path temp = target.resolveSibling(sha256 + ".tmp-" + UUID.randomUUID());
            Files.copy(staged, temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(staged);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(staged);
        }
    }

    @Override
    public InputStream open(UUID orgId, String sha256) throws IOException {
        return Files.newInputStream(pathOf(orgId, sha256));
    }

    @Override
    public ReadableByteChannel openChannel(UUID orgId, String sha256) throws IOException {
        return FileChannel.open(pathOf(orgId, sha256), StandardOpenOption.READ);
    }

    @Override
    public boolean exists(UUID orgId, String sha256) {
        return Files.exists(pathOf(orgId, sha256));
    }

    @Override
    public void delete(UUID orgId, String sha256) throws IOException {
        Files.deleteIfExists(pathOf(orgId, sha256));
    }

    @Override
    public String describe() {
        return "local folder " + root;
    }
}
