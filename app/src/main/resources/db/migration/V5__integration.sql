-- Integration: connections to outside systems, their uploaded documents, sync runs, the inventory of
-- resources the last successful sync collected, and manual identity links. Plus db-scheduler's table.

-- settings is a JSON object of the connection's values by field name; secret fields hold SecretBox
-- ciphertext ("v1:..."), never the plain value, and FILE fields hold the id of the uploaded document.
CREATE TABLE integration_connection (
    id                    UUID PRIMARY KEY,
    org_id                UUID NOT NULL REFERENCES organization (id),
    connector             VARCHAR(64) NOT NULL,
    display_name          VARCHAR(200) NOT NULL,
    settings              TEXT NOT NULL,
    sync_interval_seconds BIGINT NOT NULL,
    enabled               BOOLEAN NOT NULL,
    consecutive_failures  INT NOT NULL,
    last_sync_at          TIMESTAMP WITH TIME ZONE,
    last_success_at       TIMESTAMP WITH TIME ZONE,
    last_error            VARCHAR(4000),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT integration_connection_name UNIQUE (org_id, display_name)
);

-- The current document of a FILE field (an HR roster export); a new upload replaces it.
CREATE TABLE integration_document (
    id            UUID PRIMARY KEY,
    org_id        UUID NOT NULL REFERENCES organization (id),
    connection_id UUID NOT NULL REFERENCES integration_connection (id) ON DELETE CASCADE,
    field_name    VARCHAR(64) NOT NULL,
    file_name     VARCHAR(255) NOT NULL,
    size          BIGINT NOT NULL,
    sha256        CHAR(64) NOT NULL,
    content       BYTEA NOT NULL,
    uploaded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT integration_document_field UNIQUE (connection_id, field_name)
);

-- One row per sync run. status: running, ok, partial (some types failed), failed (all failed).
-- type_counts is a JSON object: resource type -> number collected (failed types are absent).
CREATE TABLE integration_sync (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL REFERENCES organization (id),
    connection_id  UUID NOT NULL REFERENCES integration_connection (id) ON DELETE CASCADE,
    trigger_kind   VARCHAR(16) NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    status         VARCHAR(16) NOT NULL,
    type_counts    TEXT NOT NULL,
    failed_types   TEXT NOT NULL,
    attempts       INT NOT NULL,
    error          VARCHAR(4000),
    payload_digest CHAR(64)
);

CREATE INDEX integration_sync_history ON integration_sync (org_id, connection_id, id);

-- When each resource type of a connection was last collected successfully, and the last failure.
CREATE TABLE integration_type_state (
    org_id          UUID NOT NULL REFERENCES organization (id),
    connection_id   UUID NOT NULL REFERENCES integration_connection (id) ON DELETE CASCADE,
    resource_type   VARCHAR(128) NOT NULL,
    last_success_at TIMESTAMP WITH TIME ZONE,
    last_count      INT NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(4000),
    PRIMARY KEY (connection_id, resource_type)
);

-- The current inventory: what the last successful collection of each type found. account: the
-- attributes have an "email" key (the resource is someone's account); email: its lower-cased value.
CREATE TABLE integration_resource (
    org_id        UUID NOT NULL REFERENCES organization (id),
    connection_id UUID NOT NULL REFERENCES integration_connection (id) ON DELETE CASCADE,
    connector     VARCHAR(64) NOT NULL,
    resource_type VARCHAR(128) NOT NULL,
    external_id   VARCHAR(512) NOT NULL,
    display_name  VARCHAR(1000) NOT NULL,
    attributes    TEXT NOT NULL,
    account       BOOLEAN NOT NULL,
    email         VARCHAR(320),
    collected_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    raw_digest    CHAR(64),
    PRIMARY KEY (connection_id, resource_type, external_id)
);

CREATE INDEX integration_resource_type ON integration_resource (org_id, resource_type);

-- Manual identity links: an account (by connection or by connector, type and external id) belongs
-- to the person with this email. Exactly one of connection_id and connector is set.
CREATE TABLE integration_identity_link (
    id            UUID PRIMARY KEY,
    org_id        UUID NOT NULL REFERENCES organization (id),
    connection_id UUID REFERENCES integration_connection (id) ON DELETE CASCADE,
    connector     VARCHAR(64),
    resource_type VARCHAR(128) NOT NULL,
    external_id   VARCHAR(512) NOT NULL,
    person_email  VARCHAR(320) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(320) NOT NULL,
    CONSTRAINT integration_identity_link_scope CHECK ((connection_id IS NULL) <> (connector IS NULL))
);

CREATE INDEX integration_identity_link_account ON integration_identity_link (org_id, resource_type, external_id);

-- db-scheduler's table (com.github.kagkarlsson:db-scheduler), as its PostgreSQL schema; H2 in
-- PostgreSQL mode accepts the same statement.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON scheduled_tasks (priority DESC, execution_time ASC);
