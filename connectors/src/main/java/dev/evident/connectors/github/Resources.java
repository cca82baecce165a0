package dev.evident.connectors.github;

import java.nio.charset.StandardCharsets;

/** Path segments as GitHub expects them. */
final class Resources {

    private Resources() {
    }

    /** Encodes a path segment (repository or branch name); keeps slashes, as GitHub expects them raw in branch names. */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
