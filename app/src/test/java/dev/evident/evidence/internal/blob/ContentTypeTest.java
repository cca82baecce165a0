package dev.evident.evidence.internal.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypeTest {

    static ContentType.Detection detect(byte[] bytes, String name) {
        return ContentType.detect(bytes, bytes.length, true, name);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void recognisesCommonEvidenceFormatsFromTheirFirstBytes() {
        assertThat(detect("%PDF-1.7\n...".getBytes(), "report.pdf").type()).isEqualTo("application/pdf");
        assertThat(detect(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0), "shot.png").type()).isEqualTo("image/png");
        assertThat(detect(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10), "photo.jpg").type()).isEqualTo("image/jpeg");
        assertThat(detect("GIF89a....".getBytes(), null).type()).isEqualTo("image/gif");
        assertThat(detect(bytes('P', 'K', 3, 4, 20, 0), "export.xlsx").type())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(detect("name,email\nAda,ada@example.com\n".getBytes(), "users.csv").type()).isEqualTo("text/csv; charset=utf-8");
        assertThat(detect("Grüße aus Köln".getBytes(StandardCharsets.UTF_8), null).type()).isEqualTo("text/plain; charset=utf-8");
        assertThat(detect(bytes(0, 1, 2, 3, 0xFF), "dump.bin").type()).isEqualTo("application/octet-stream");
    }

    @ParameterizedTest
    @CsvSource({"report.pdf,a zip archive", "policy.docx,plain text", "shot.png,a PDF document", "users.csv,a PDF document"})
    void aFileWhoseNameAndContentDisagreeIsRefused(String name, String described) {
        byte[] content = described.equals("a zip archive") ? bytes('P', 'K', 3, 4, 0)
                : described.equals("plain text") ? "just text".getBytes() : "%PDF-1.4".getBytes();
        ContentType.Detection d = detect(content, name);
        assertThat(d.refused()).isTrue();
        assertThat(d.problem()).contains(name).contains(described);
    }

    @Test
    void aMultiByteCharacterCutAtTheEndOfTheSampleIsStillText() {
        byte[] umlaut = "aaaa\u00fc".getBytes(StandardCharsets.UTF_8);
        assertThat(ContentType.detect(umlaut, umlaut.length - 1, false, null).type()).startsWith("text/plain");
        assertThat(ContentType.detect(umlaut, umlaut.length - 1, true, null).type()).isEqualTo("application/octet-stream");
    }

    @Test
    void onlySafeTypesArePreviewedInTheBrowser() {
        assertThat(ContentType.previewable("image/png")).isTrue();
        assertThat(ContentType.previewable("application/pdf")).isTrue();
        assertThat(ContentType.previewable("text/plain; charset=utf-8")).isTrue();
        assertThat(ContentType.previewable("text/html")).isFalse();
        assertThat(ContentType.previewable("image/svg+xml")).isFalse();
        assertThat(ContentType.previewable("application/zip")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"../../etc/passwd|passwd", "C:\\Users\\ada\\Q1 review.pdf|Q1 review.pdf",
            "  .hidden  |hidden", "a<b>c:d\"e?g*.txt|a_b_c_d_e_g_.txt", "...|file", "|file"})
    void fileNamesLoseDirectoriesAndReservedCharacters(String raw, String expected) {
        assertThat(FileNames.sanitize(raw)).isEqualTo(expected);
    }

    @Test
    void longFileNamesKeepTheirExtension() {
        String name = FileNames.sanitize("x".repeat(300) + ".pdf");
        assertThat(name).hasSize(200).endsWith(".pdf");
    }
}
