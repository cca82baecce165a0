package dev.evident.evidence;

/** What an evidence item is. */
public enum EvidenceKind {
    /** A file someone uploaded: a screenshot, an export, a signed PDF. */
    FILE,
    /** A web page captured as a snapshot, with its address. */
    LINK,
    /** Facts collected by a connector (GitHub, the HR roster, a cloud account). */
    CONNECTOR_RECORD,
    /** Something Evident itself recorded, such as a policy acceptance. */
    SYSTEM_RECORD;

    public boolean isRecord() {
        return this == CONNECTOR_RECORD || this == SYSTEM_RECORD;
    }
}
