package dev.evident.connector;

/** How a configuration field is entered and checked; the UI renders one input kind per type. */
public enum FieldType {
    TEXT,
    /** An absolute http(s) URL, such as a GitHub Enterprise or Okta base URL. */
    URL,
    /** A credential: masked on input, encrypted at rest, never shown again. */
    SECRET,
    NUMBER,
    /** "true" or "false". */
    BOOLEAN,
    TEXTAREA,
    /** One of {@link ConfigField#options()}. */
    SELECT,
    /**
     * A document the user uploads (such as an HR roster export). The application stores it and keeps
     * a reference as the field's value; collectors read it through {@link CollectionContext#document(String)}.
     */
    FILE
}
