-- Foundation schema: organizations, people, access, audit log, sessions.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15+.
-- Every organization-owned table carries org_id; ids are time-ordered UUIDs (v7).

CREATE TABLE organization (
    id          UUID PRIMARY KEY,
    slug        VARCHAR(64)  NOT NULL UNIQUE,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT NOT NULL DEFAULT 0
);

-- Users are installation-wide (one person may belong to several organizations).
CREATE TABLE app_user (
    id               UUID PRIMARY KEY,
    email            VARCHAR(320) NOT NULL UNIQUE,
    display_name     VARCHAR(200) NOT NULL,
    password_hash    VARCHAR(255) NOT NULL,
    totp_secret      VARCHAR(255),
    totp_enabled     BOOLEAN NOT NULL DEFAULT FALSE,
    totp_last_step   BIGINT,
    failed_sign_ins  INT NOT NULL DEFAULT 0,
    locked_until     TIMESTAMP WITH TIME ZONE,
    last_sign_in_at  TIMESTAMP WITH TIME ZONE,
    last_org_id      UUID,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE membership (
    org_id      UUID NOT NULL REFERENCES organization (id),
    user_id     UUID NOT NULL REFERENCES app_user (id),
    role        VARCHAR(32) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX membership_user_idx ON membership (user_id);

CREATE TABLE recovery_code (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    code_hash  CHAR(64) NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX recovery_code_user_idx ON recovery_code (user_id);

CREATE TABLE invitation (
    id           UUID PRIMARY KEY,
    org_id       UUID NOT NULL REFERENCES organization (id),
    email        VARCHAR(320) NOT NULL,
    role         VARCHAR(32) NOT NULL,
    token_hash   CHAR(64) NOT NULL UNIQUE,
    invited_by   UUID REFERENCES app_user (id),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at  TIMESTAMP WITH TIME ZONE,
    accepted_by  UUID REFERENCES app_user (id),
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX invitation_org_idx ON invitation (org_id, id);

CREATE TABLE api_token (
    id            UUID PRIMARY KEY,
    org_id        UUID NOT NULL REFERENCES organization (id),
    name          VARCHAR(100) NOT NULL,
    role          VARCHAR(32) NOT NULL,
    token_hash    CHAR(64) NOT NULL UNIQUE,
    token_prefix  VARCHAR(16) NOT NULL,
    created_by    UUID REFERENCES app_user (id),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_token_org_idx ON api_token (org_id, id);

-- Append-only audit log: one hash chain per organization. The head row is locked while a new
-- entry is appended so concurrent writers (several nodes) cannot fork the chain.
CREATE TABLE audit_chain_head (
    org_id  UUID PRIMARY KEY REFERENCES organization (id),
    seq     BIGINT NOT NULL,
    hash    CHAR(64) NOT NULL
);

CREATE TABLE audit_log_entry (
    id           UUID PRIMARY KEY,
    org_id       UUID NOT NULL REFERENCES organization (id),
    seq          BIGINT NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_type   VARCHAR(16) NOT NULL,
    actor_id     VARCHAR(64),
    actor_label  VARCHAR(320),
    action       VARCHAR(64) NOT NULL,
    target_type  VARCHAR(64),
    target_id    VARCHAR(64),
    summary      TEXT NOT NULL,
    client_ip    VARCHAR(64),
    prev_hash    CHAR(64) NOT NULL,
    hash         CHAR(64) NOT NULL,
    CONSTRAINT audit_log_entry_seq_uq UNIQUE (org_id, seq)
);
CREATE INDEX audit_log_entry_time_idx ON audit_log_entry (org_id, occurred_at);

-- Installation-wide settings (not organization data), e.g. the hash of the one-time setup code.
CREATE TABLE installation_state (
    state_key    VARCHAR(64) PRIMARY KEY,
    state_value  VARCHAR(512) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Spring Session JDBC: sessions live in the database so any node can serve any user.
CREATE TABLE spring_session (
    primary_id             CHAR(36) NOT NULL,
    session_id             CHAR(36) NOT NULL,
    creation_time          BIGINT NOT NULL,
    last_access_time       BIGINT NOT NULL,
    max_inactive_interval  INT NOT NULL,
    expiry_time            BIGINT NOT NULL,
    principal_name         VARCHAR(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id  CHAR(36) NOT NULL,
    attribute_name      VARCHAR(200) NOT NULL,
    attribute_bytes     BYTEA NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
