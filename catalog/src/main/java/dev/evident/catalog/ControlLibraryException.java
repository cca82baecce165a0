package dev.evident.catalog;

/**
 * A control library document that cannot be loaded. Besides the file it names the control and the
 * field, so the author of a 100-control file can go straight to the mistake.
 */
public class ControlLibraryException extends CatalogException {

    private final String controlId;
    private final String field;

    public ControlLibraryException(String file, String controlId, String field, String problem) {
        super(file, null, (controlId == null ? "" : "control " + controlId + ": ") + problem);
        this.controlId = controlId;
        this.field = field;
    }

    /** The control the problem is in, or null when its id is unknown or the problem is document-wide. */
    public String controlId() {
        return controlId;
    }

    /** The field the problem is in ("criteria", "test.method"), or null when it concerns a whole mapping. */
    public String field() {
        return field;
    }
}
