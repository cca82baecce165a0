package dev.evident.evidence.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.evident.evidence.internal.blob.StagingArea;
import dev.evident.evidence.internal.ui.EvidenceUploadForm.FileResult;
import dev.evident.evidence.internal.ui.EvidenceUploadForm.Fields;
import dev.evident.shared.config.EvidentProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockMultipartFile;

/** The upload form's own checks, made before a file reaches the evidence service: size and emptiness. */
class EvidenceUploadFormTest {

    @TempDir
    Path staging;

    EvidenceUploadForm form(long maxSize) {
        EvidentProperties properties = mock(EvidentProperties.class);
        EvidentProperties.Evidence defaults = EvidentProperties.Evidence.defaults();
        when(properties.evidence()).thenReturn(new EvidentProperties.Evidence(maxSize, defaults.maxRecordSize(),
                defaults.maxRecordsPerBatch(), Duration.ofHours(1), Duration.ofDays(1), defaults.retention(), null,
                "local", defaults.s3()));
        // the service is never reached by these files
        return new EvidenceUploadForm(null, new StagingArea(staging), properties);
    }

    static final Fields FIELDS = new Fields(null, null, "2027-01-01", null, List.of(), List.of(), null);

    @Test
    void aFileOverTheLimitIsRefusedWithTheLimitAndTheSettingNamed() {
        FileResult result = form(1024).add(null, new MockMultipartFile("file", "export.zip", "application/zip",
                new byte[1025]), FIELDS);
        assertThat(result.ok()).isFalse();
        assertThat(result.status()).isEqualTo(413);
        assertThat(result.fileName()).isEqualTo("export.zip");
        assertThat(result.errors()).containsExactly(
                "export.zip is too large: evidence files may be at most 1.0 KiB (evident.evidence.max-upload-size).");
    }

    @Test
    void anEmptyFileOrNoFileIsRefusedInWords() {
        FileResult empty = form(1024).add(null, new MockMultipartFile("file", "notes.txt", "text/plain", new byte[0]),
                FIELDS);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.errors()).containsExactly("notes.txt is empty: there is nothing to keep as evidence.");
        FileResult none = form(1024).add(null, new MockMultipartFile("file", "", null, new byte[0]), FIELDS);
        assertThat(none.errors()).containsExactly("Choose a file to upload.");
    }

    @Test
    void aTitleDefaultsToTheFileNameWithoutItsExtension() {
        assertThat(EvidenceUploadForm.defaultTitle("q1-review.pdf")).isEqualTo("q1-review");
        assertThat(EvidenceUploadForm.defaultTitle(".env")).isEqualTo(".env");
        assertThat(EvidenceUploadForm.defaultTitle("README")).isEqualTo("README");
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(EvidenceLabels.size(0)).isEqualTo("0 B");
        assertThat(EvidenceLabels.size(1023)).isEqualTo("1023 B");
        assertThat(EvidenceLabels.size(1536)).isEqualTo("1.5 KiB");
        assertThat(EvidenceLabels.size(104_857_600)).isEqualTo("100 MiB");
    }
}
