package dev.evident.connector;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * A document uploaded for a {@link FieldType#FILE} configuration field, as the application stored it.
 *
 * @param fileName   the sanitised name it was uploaded under (for messages: "roster.xlsx, line 14")
 * @param size       its length in bytes
 * @param sha256     hex SHA-256 of its bytes
 * @param uploadedAt when it was uploaded
 */
public record UploadedDocument(String fileName, long size, String sha256, Instant uploadedAt, Opener opener) {

    /** Opens the stored bytes; each call returns a new stream the caller closes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException {
        return opener.open();
    }
}
