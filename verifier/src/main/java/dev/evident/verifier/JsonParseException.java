package dev.evident.verifier;

/** Malformed JSON, located by 1-based line and column so a person can find the spot in an editor. */
public class JsonParseException extends RuntimeException {

    private final int line;
    private final int column;
    private final String reason;

    public JsonParseException(String reason, int line, int column) {
        super("line " + line + ", column " + column + ": " + reason);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the position prefix, for callers that report the position their own way. */
    public String reason() {
        return reason;
    }
}
