package dev.evident.evidence.internal;

import dev.evident.evidence.internal.blob.StagingArea;
import dev.evident.evidence.internal.blob.FileNames;
import dev.evident.evidence.internal.blob.StagedContent;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a multipart evidence upload as a stream: the {@code file} part goes straight to a staging
 * file (hashed on the way), the {@code metadata} part (JSON, at most 64 KiB) into {@link NewEvidence}.
 * Nothing is buffered whole, so memory stays flat for any file size.
 */
@Component
class EvidenceUploads {

    static final int MAX_METADATA = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The parts of one upload; the caller closes {@code staged}. */
    record Upload(StagedContent staged, String fileName, NewEvidence metadata) {
    }

    private final StagingArea staging;
    private final EvidentProperties properties;

    EvidenceUploads(StagingArea staging, EvidentProperties properties) {
        this.staging = staging;
        this.properties = properties;
    }

    Upload read(HttpServletRequest request) throws IOException {
        long max = properties.evidence().maxUploadSize();
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setFileSizeMax(max);
        upload.setSizeMax(max + MAX_METADATA + 64 * 1024);
        StagedContent staged = null;
        String fileName = null;
        NewEvidence metadata = null;
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                switch (part.getFieldName()) {
                    case "file" -> {
                        if (staged != null) {
                            throw new InvalidInputException("file", "was sent twice; upload one file per request");
                        }
                        fileName = FileNames.sanitize(part.getName());
                        try (InputStream in = part.getInputStream()) {
                            staged = StagedContent.stage(in, staging.dir(), max, fileName, "evident.evidence.max-upload-size");
                        }
                    }
                    case "metadata" -> metadata = metadata(part);
                    default -> throw new InvalidInputException(part.getFieldName(), "is not a part of an evidence upload; "
                            + "send 'file' and 'metadata'");
                }
            }
        } catch (FileUploadSizeException e) {
            close(staged);
            throw new PayloadTooLargeException(max, "evident.evidence.max-upload-size");
        } catch (FileUploadException e) {
            close(staged);
            throw new InvalidInputException("file", "the multipart body could not be read: " + e.getMessage());
        } catch (RuntimeException | IOException e) {
            close(staged);
            throw e;
        }
        if (staged == null) {
            throw new InvalidInputException("file", "is required: a multipart part named 'file' with the evidence");
        }
        return new Upload(staged, fileName, metadata);
    }

    private static NewEvidence metadata(FileItemInput part) throws IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes(MAX_METADATA + 1);
        }
        if (bytes.length > MAX_METADATA) {
            throw new InvalidInputException("metadata", "must be at most " + MAX_METADATA + " bytes of JSON");
        }
        try {
            return JSON.readValue(new String(bytes, StandardCharsets.UTF_8), NewEvidence.class);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InvalidInputException("metadata", "is not valid JSON for evidence metadata" + where + ": "
                    + e.getOriginalMessage());
        }
    }

    private static void close(StagedContent staged) {
        if (staged != null) {
            try {
                staged.close();
            } catch (IOException ignored) {
                // the staging folder is cleared at the next start anyway
            }
        }
    }
}
