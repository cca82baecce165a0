package dev.evident.evidence.internal.blob;

import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.PayloadTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * An upload copied to a staging file in one pass, hashing (SHA-256), checksumming (CRC-32) and
 * counting as it goes, with a fixed 64 KiB buffer: a gigabyte passes through a small heap. The
 * content type is detected from the first bytes. Closing deletes the staging file unless a blob
 * store took it.
 */
public final class StagedContent implements AutoCloseable {

    static final int HEAD = 8192;

    private final Path file;
    private final String sha256;
    private final long crc32;
    private final long size;
    private final String contentType;

    private StagedContent(Path file, String sha256, long crc32, long size, String contentType) {
        this.file = file;
        this.sha256 = sha256;
        this.crc32 = crc32;
        this.size = size;
        this.contentType = contentType;
    }

    /**
     * Reads {@code in} to the end into a new file in {@code stagingDir}.
     *
     * @param maxSize  refuse (413) as soon as more bytes than this arrive
     * @param fileName the sanitised file name, used to catch files whose name and content disagree
     */
    public static StagedContent stage(InputStream in, Path stagingDir, long maxSize, String fileName, String setting)
            throws IOException {
        Files.createDirectories(stagingDir);
        Path file = Files.createTempFile(stagingDir, "upload-", ".part");
        boolean keep = false;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            CRC32 crc = new CRC32();
            byte[] head = new byte[HEAD];
            int headLength = 0;
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    size += n;
                    if (size > maxSize) {
                        throw new PayloadTooLargeException(maxSize, setting);
                    }
                    if (headLength < HEAD) {
                        int take = Math.min(n, HEAD - headLength);
                        System.arraycopy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    sha.update(buffer, 0, n);
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                throw new InvalidInputException("file", "is empty: an evidence file needs content");
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            ContentType.Detection detection = ContentType.detect(head, headLength, size <= HEAD, fileName);
            if (detection.refused()) {
                throw new InvalidInputException("file", detection.problem());
            }
            keep = true;
            return new StagedContent(file, HexFormat.of().formatHex(sha.digest()), crc.getValue(), size, detection.type());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (!keep) {
                Files.deleteIfExists(file);
            }
        }
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    public long crc32() {
        return crc32;
    }

    public long size() {
        return size;
    }

    public String contentType() {
        return contentType;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
