package dev.evident.control.internal;

import dev.evident.control.Control;
import java.util.List;

/**
 * The controls-as-code file format, {@value #FORMAT}: its fields in the order they are written, and
 * how a control's provenance is spelt. The reference is docs/controls-as-code.md.
 */
final class ControlsFile {

    static final String FORMAT = "evident-controls/1";
    static final String DEFAULT_NAME = "controls.yaml";

    static final List<String> TOP_FIELDS = List.of("format", "framework", "controls");
    static final List<String> CONTROL_FIELDS = List.of("id", "title", "description", "domain", "type", "nature",
            "frequency", "owner", "ownerRole", "test", "evidence", "criteria", "applicable", "notApplicableReason",
            "source");
    static final List<String> TEST_FIELDS = List.of("method", "procedure");

    private ControlsFile() {
    }

    /** {@code library/control@version}, such as {@code evident-library/AC-01@2026.1}; the version is optional. */
    static String source(Control.Source source) {
        return source.library() + "/" + source.controlId() + (source.version() == null ? "" : "@" + source.version());
    }

    /** The inverse of {@link #source(Control.Source)}, or null when the text does not have that shape. */
    static Control.Source parseSource(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String library = text.substring(0, slash);
        String rest = text.substring(slash + 1);
        int at = rest.lastIndexOf('@');
        String controlId = at < 0 ? rest : rest.substring(0, at);
        String version = at < 0 ? null : rest.substring(at + 1);
        if (controlId.isEmpty() || controlId.contains("/") || (version != null && version.isEmpty())
                || !text.codePoints().allMatch(cp -> cp > 0x20 && cp != 0x7F)) {
            return null;
        }
        return new Control.Source(library, controlId, version);
    }
}
