-- Evidence: items stored once and never edited, their links to controls and programs, the
-- per-organization ledger (hash chain) and its signed checkpoints. See docs/evidence-format.md.

-- Content of uploaded files and captured links, by SHA-256 within one organization (never shared
-- between organizations, so nobody can learn whether another tenant holds a given file).
-- The bytes live in the blob store (local folder or S3) under the same key; crc32 lets an export
-- write the zip entry without reading the file twice.
CREATE TABLE evidence_blob (
    org_id        UUID NOT NULL REFERENCES organization (id),
    sha256        CHAR(64) NOT NULL,
    size          BIGINT NOT NULL,
    crc32         BIGINT NOT NULL,
    content_type  VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, sha256)
);

CREATE TABLE evidence_item (
    id                  UUID PRIMARY KEY,
    org_id              UUID NOT NULL REFERENCES organization (id),
    kind                VARCHAR(24) NOT NULL,
    title               VARCHAR(300) NOT NULL,
    description         VARCHAR(4000),
    source_type         VARCHAR(16) NOT NULL,
    source_id           VARCHAR(64),
    source_label        VARCHAR(320) NOT NULL,
    source_connector    VARCHAR(100),
    source_query        VARCHAR(2000),
    collected_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    effective_from      DATE NOT NULL,
    effective_to        DATE NOT NULL,
    file_name           VARCHAR(255),
    content_type        VARCHAR(100) NOT NULL,
    size                BIGINT NOT NULL,
    url                 VARCHAR(2000),
    content_sha256      CHAR(64) NOT NULL,
    record_content      TEXT,
    metadata_sha256     CHAR(64) NOT NULL,
    supersedes_id       UUID REFERENCES evidence_item (id),
    ledger_seq          BIGINT NOT NULL,
    idempotency_key     VARCHAR(200),
    removed_at          TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT evidence_item_kind_ck CHECK (kind IN ('FILE', 'LINK', 'CONNECTOR_RECORD', 'SYSTEM_RECORD')),
    CONSTRAINT evidence_item_interval_ck CHECK (effective_from <= effective_to),
    CONSTRAINT evidence_item_idempotency_uq UNIQUE (org_id, idempotency_key),
    CONSTRAINT evidence_item_supersedes_uq UNIQUE (supersedes_id)
);
CREATE INDEX evidence_item_org_idx ON evidence_item (org_id, id);
CREATE INDEX evidence_item_effective_idx ON evidence_item (org_id, effective_from, effective_to);
CREATE INDEX evidence_item_content_idx ON evidence_item (org_id, content_sha256);

-- Current links (the ledger keeps every link and unlink ever made).
CREATE TABLE evidence_link (
    evidence_id  UUID NOT NULL REFERENCES evidence_item (id),
    org_id       UUID NOT NULL REFERENCES organization (id),
    target_type  VARCHAR(16) NOT NULL,
    target_id    UUID NOT NULL,
    linked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ledger_seq   BIGINT NOT NULL,
    PRIMARY KEY (evidence_id, target_type, target_id),
    CONSTRAINT evidence_link_type_ck CHECK (target_type IN ('control', 'program'))
);
CREATE INDEX evidence_link_target_idx ON evidence_link (org_id, target_type, target_id);

-- The ledger: one hash chain per organization; the head row is locked while entries are appended.
CREATE TABLE evidence_ledger_head (
    org_id  UUID PRIMARY KEY REFERENCES organization (id),
    seq     BIGINT NOT NULL,
    hash    CHAR(64) NOT NULL
);

CREATE TABLE evidence_ledger_entry (
    org_id       UUID NOT NULL REFERENCES organization (id),
    seq          BIGINT NOT NULL,
    id           UUID NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    event        VARCHAR(32) NOT NULL,
    evidence_id  UUID NOT NULL,
    entry        TEXT NOT NULL,
    prev_hash    CHAR(64) NOT NULL,
    hash         CHAR(64) NOT NULL,
    PRIMARY KEY (org_id, seq)
);
CREATE INDEX evidence_ledger_evidence_idx ON evidence_ledger_entry (org_id, evidence_id);

-- Signed statements over the Merkle root of the first tree_size entries (docs/evidence-format.md).
CREATE TABLE evidence_checkpoint (
    org_id       UUID NOT NULL REFERENCES organization (id),
    tree_size    BIGINT NOT NULL,
    head_hash    CHAR(64) NOT NULL,
    merkle_root  CHAR(64) NOT NULL,
    signed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id       CHAR(16) NOT NULL,
    statement    TEXT NOT NULL,
    signature    VARCHAR(200) NOT NULL,
    PRIMARY KEY (org_id, tree_size)
);

-- Public keys that signed checkpoints, so every checkpoint stays verifiable by its key id even
-- after a key is rotated or a node used its own key. The private keys never enter the database.
CREATE TABLE evidence_signing_key (
    key_id      CHAR(16) PRIMARY KEY,
    public_key  VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
