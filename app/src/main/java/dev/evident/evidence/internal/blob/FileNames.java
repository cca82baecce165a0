package dev.evident.evidence.internal.blob;

import java.text.Normalizer;

/**
 * Makes a client's file name safe to store, show and put in a zip: no directories, no control or
 * reserved characters, no leading dots, at most 200 characters with the extension kept.
 */
public final class FileNames {

    private static final int MAX = 200;

    private FileNames() {
    }

    /** The sanitised name, or "file" when nothing usable is left. */
    public static String sanitize(String raw) {
        if (raw == null) {
            return "file";
        }
        String name = raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || "<>:\"|?*".indexOf(cp) >= 0 || Character.getType(cp) == Character.FORMAT) {
                out.append('_');
            } else {
                out.appendCodePoint(cp);
            }
        });
        String cleaned = out.toString().strip().replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (cleaned.isEmpty()) {
            return "file";
        }
        if (cleaned.length() > MAX) {
            int dot = cleaned.lastIndexOf('.');
            String ext = dot > 0 && cleaned.length() - dot <= 10 ? cleaned.substring(dot) : "";
            cleaned = cleaned.substring(0, MAX - ext.length()) + ext;
        }
        return cleaned;
    }
}
