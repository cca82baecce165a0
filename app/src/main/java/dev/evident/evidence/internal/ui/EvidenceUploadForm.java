package dev.evident.evidence.internal.ui;

import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.internal.EvidenceService;
import dev.evident.evidence.internal.NewEvidence;
import dev.evident.evidence.internal.blob.FileNames;
import dev.evident.evidence.internal.blob.StagedContent;
import dev.evident.evidence.internal.blob.StagingArea;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.security.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Adds the files of the upload forms through the same service as {@code POST /api/v1/evidence}: each
 * file is staged (hashed and typed from its bytes, refused past the size limit) and recorded, and
 * every problem is reported against the file it belongs to, in words.
 */
@Component
class EvidenceUploadForm {

    /** What one file's upload came to: the item, or the problems with that file. */
    record FileResult(String fileName, EvidenceItem item, boolean created, List<String> errors, int status) {
        public boolean ok() {
            return item != null;
        }
    }

    /** The form's fields shared by every file of one submission. */
    record Fields(String title, String description, String effectiveFrom, String effectiveTo, List<String> controlIds,
                  List<String> programIds, String supersedes) {
    }

    private static final Map<String, String> LABELS = Map.of("title", "Title", "effectiveFrom", "Effective from",
            "effectiveTo", "Effective to", "description", "Description", "file", "File", "supersedes", "Corrects",
            "collectedAt", "Collected at", "metadata", "Details");

    private final EvidenceService evidence;
    private final StagingArea staging;
    private final EvidentProperties properties;

    EvidenceUploadForm(EvidenceService evidence, StagingArea staging, EvidentProperties properties) {
        this.evidence = evidence;
        this.staging = staging;
        this.properties = properties;
    }

    long maxSize() {
        return properties.evidence().maxUploadSize();
    }

    String maxSizeLabel() {
        return EvidenceLabels.size(maxSize());
    }

    /** Adds one file; a blank title becomes the file's name without its extension. */
    FileResult add(Actor actor, MultipartFile file, Fields fields) {
        String original = file == null || file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        String fileName = FileNames.sanitize(original);
        if (file == null || original.isBlank()) {
            return failed("", 400, "Choose a file to upload.");
        }
        if (file.getSize() == 0) {
            return failed(fileName, 400, fileName + " is empty: there is nothing to keep as evidence.");
        }
        if (file.getSize() > maxSize()) {
            return failed(fileName, 413, tooLarge(fileName));
        }
        String title = fields.title() == null || fields.title().isBlank() ? defaultTitle(fileName) : fields.title();
        NewEvidence meta = new NewEvidence("FILE", title, blankToNull(fields.description()), null,
                blankToNull(fields.effectiveFrom()), blankToNull(fields.effectiveTo()), null,
                nonBlank(fields.controlIds()), nonBlank(fields.programIds()), blankToNull(fields.supersedes()));
        try (InputStream in = file.getInputStream();
             StagedContent staged = StagedContent.stage(in, staging.dir(), maxSize(), fileName,
                     "evident.evidence.max-upload-size")) {
            EvidenceService.Added added = evidence.addFile(actor, staged, fileName, meta, null);
            return new FileResult(fileName, added.item(), added.created(), List.of(), added.created() ? 201 : 200);
        } catch (ProblemException e) {
            return failed(fileName, e.type().status().value(), messages(fileName, e).toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tooLarge(String fileName) {
        return (fileName.isBlank() ? "The file" : fileName) + " is too large: evidence files may be at most "
                + maxSizeLabel() + " (evident.evidence.max-upload-size).";
    }

    List<String> messages(String fileName, ProblemException e) {
        if (e.type() == ProblemType.PAYLOAD_TOO_LARGE) {
            return List.of(tooLarge(fileName));
        }
        if (e.errors() == null || e.errors().isEmpty()) {
            return List.of(e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (ProblemException.FieldError error : e.errors()) {
            String field = error.field() == null ? "" : error.field();
            String label = field.startsWith("controlIds") ? "Control" : field.startsWith("programIds") ? "Program"
                    : LABELS.getOrDefault(field, field);
            out.add(label.isBlank() ? error.message() : label + " " + error.message());
        }
        return out;
    }

    private static FileResult failed(String fileName, int status, String... errors) {
        return new FileResult(fileName, null, false, List.of(errors), status);
    }

    static String defaultTitle(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }
}
