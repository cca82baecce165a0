package dev.evident.catalog;

/**
 * A framework document that cannot be loaded. The message names the file and, when known, the
 * requirement, because catalog data is edited by hand and the author needs to find the mistake.
 */
public class CatalogException extends RuntimeException {

    private final String file;
    private final String requirementId;

    public CatalogException(String file, String requirementId, String problem) {
        this(file, requirementId, problem, null);
    }

    public CatalogException(String file, String requirementId, String problem, Throwable cause) {
        super(file + (requirementId == null ? "" : ": requirement " + requirementId) + ": " + problem, cause);
        this.file = file;
        this.requirementId = requirementId;
    }

    public String file() {
        return file;
    }

    /** The requirement the problem is in, or null when it concerns the document as a whole. */
    public String requirementId() {
        return requirementId;
    }
}
