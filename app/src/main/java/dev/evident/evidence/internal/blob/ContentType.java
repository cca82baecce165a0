package dev.evident.evidence.internal.blob;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;

/**
 * Decides what a file is from its first bytes, never from what the client claims, and refuses a
 * file whose name says one thing while its bytes say another (a "report.pdf" that is a zip).
 */
public final class ContentType {

    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String PDF = "application/pdf";
    public static final String ZIP = "application/zip";
    public static final String TEXT = "text/plain";

    /** What a file-name extension promises, by family; extensions not listed promise nothing. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("pdf", PDF), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("zip", ZIP), Map.entry("docx", ZIP), Map.entry("xlsx", ZIP), Map.entry("pptx", ZIP),
            Map.entry("txt", TEXT), Map.entry("csv", TEXT), Map.entry("json", TEXT), Map.entry("md", TEXT),
            Map.entry("log", TEXT), Map.entry("yaml", TEXT), Map.entry("yml", TEXT), Map.entry("gz", "application/gzip"));

    private static final Map<String, String> OOXML = Map.of(
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");

    private static final Map<String, String> TEXTS = Map.of(
            "csv", "text/csv", "json", "application/json", "md", "text/markdown", "yaml", "application/yaml",
            "yml", "application/yaml");

    private ContentType() {
    }

    /** The outcome: the type to store, or why the file is refused. */
    public record Detection(String type, String problem) {
        public boolean refused() {
            return problem != null;
        }
    }

    /**
     * @param head     the first bytes of the file (up to a few kilobytes; fewer for a small file)
     * @param complete whether {@code head} is the whole file
     * @param fileName the sanitised name, or null
     */
    public static Detection detect(byte[] head, int length, boolean complete, String fileName) {
        String sniffed = sniff(head, length, complete);
        String extension = extension(fileName);
        String promised = extension == null ? null : EXTENSIONS.get(extension);
        if (promised != null && !family(sniffed).equals(family(promised))) {
            return new Detection(null, "the file is named " + fileName + " but its content is " + describe(sniffed)
                    + "; upload the real file or give it a name that matches");
        }
        if (sniffed.equals(ZIP) && extension != null && OOXML.containsKey(extension)) {
            return new Detection(OOXML.get(extension), null);
        }
        if (sniffed.equals(TEXT) && extension != null && TEXTS.containsKey(extension)) {
            return new Detection(TEXTS.get(extension) + "; charset=utf-8", null);
        }
        return new Detection(sniffed.equals(TEXT) ? TEXT + "; charset=utf-8" : sniffed, null);
    }

    static String sniff(byte[] b, int n, boolean complete) {
        if (starts(b, n, "%PDF-")) {
            return PDF;
        }
        if (n >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (n >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (starts(b, n, "GIF87a") || starts(b, n, "GIF89a")) {
            return "image/gif";
        }
        if (n >= 12 && starts(b, n, "RIFF") && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        if (n >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5 || b[2] == 7) && (b[3] == 4 || b[3] == 6 || b[3] == 8)) {
            return ZIP;
        }
        if (n >= 2 && (b[0] & 0xff) == 0x1F && (b[1] & 0xff) == 0x8B) {
            return "application/gzip";
        }
        if (isText(b, n, complete)) {
            return TEXT;
        }
        return OCTET_STREAM;
    }

    /** UTF-8 without NUL bytes; a multi-byte character cut off at the end of the sample is fine. */
    private static boolean isText(byte[] b, int n, boolean complete) {
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        int end = n;
        if (!complete) {
            // step back over an incomplete trailing sequence
            int k = n - 1;
            int back = 0;
            while (k >= 0 && back < 3 && (b[k] & 0xC0) == 0x80) {
                k--;
                back++;
            }
            if (k >= 0 && (b[k] & 0xC0) == 0xC0) {
                end = k;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Exact types compare; "promised" types are already families (an .xlsx promises a zip). */
    private static String family(String type) {
        return type;
    }

    private static String describe(String type) {
        return switch (type) {
            case PDF -> "a PDF document";
            case ZIP -> "a zip archive";
            case TEXT -> "plain text";
            case OCTET_STREAM -> "binary data of an unknown kind";
            default -> type;
        };
    }

    static String extension(String fileName) {
        if (fileName == null) {
            return null;
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? null : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean starts(byte[] b, int n, String magic) {
        if (n < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (b[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the content can be shown in the browser safely (never HTML or SVG, which can run script). */
    public static boolean previewable(String type) {
        String base = type.toLowerCase(Locale.ROOT);
        return base.startsWith("image/png") || base.startsWith("image/jpeg") || base.startsWith("image/gif")
                || base.startsWith("image/webp") || base.startsWith(PDF) || base.startsWith("text/plain")
                || base.startsWith("text/csv") || base.startsWith("application/json") || base.startsWith("text/markdown")
                || base.startsWith("application/yaml");
    }
}
