package dev.evident.evidence.internal.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where evidence content lives, keyed by organization and SHA-256. Content is written once and never
 * changed: {@link #put} of a key that exists is a no-op, which makes retries and duplicates free.
 * Implementations: {@link LocalBlobStore} (a folder under the data directory) and
 * {@code S3BlobStore} (S3-compatible object storage).
 *
 * <p>Writes happen before the database row that refers to them is committed. A crash in between
 * leaves content nobody refers to, which is harmless (the next upload of the same bytes reuses it);
 * the reverse — a row whose content is missing — cannot happen.
 */
public interface BlobStore {

    /**
     * Stores the staged file under its hash, unless the key exists already. The staged file is
     * consumed (moved or deleted) either way.
     */
    void put(UUID orgId, String sha256, Path staged, long size, String contentType) throws IOException;

    /** The content; the caller closes the stream. Throws {@link java.nio.file.NoSuchFileException} when absent. */
    InputStream open(UUID orgId, String sha256) throws IOException;

    /**
     * The content as a channel, for copying it on without an intermediate heap array where the store
     * allows (a local file is a {@link java.nio.channels.FileChannel}); the caller closes it.
     */
    default ReadableByteChannel openChannel(UUID orgId, String sha256) throws IOException {
        return Channels.newChannel(open(orgId, sha256));
    }

    boolean exists(UUID orgId, String sha256) throws IOException;

    /** Removes content (retention); absent content is not an error. */
    void delete(UUID orgId, String sha256) throws IOException;

    /** A short description for logs and the health page, such as "local folder /data/blobs". */
    String describe();
}
