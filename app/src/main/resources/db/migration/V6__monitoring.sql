-- Continuous monitoring (issue 5): checks and their immutable versions, results as state intervals,
-- and exceptions that accept a failing resource for a while.

-- A check of an organization: a built-in one (copied from the library the first time the
-- organization's checks are read) or a custom one. Its content lives in its versions.
CREATE TABLE monitoring_check (
    id               UUID PRIMARY KEY,
    org_id           UUID NOT NULL REFERENCES organization (id),
    check_key        VARCHAR(100) NOT NULL,
    built_in         BOOLEAN NOT NULL,
    enabled          BOOLEAN NOT NULL,
    current_version  INTEGER NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT monitoring_check_key UNIQUE (org_id, check_key)
);

-- Never updated: a change is a new version. origin is 'library' for a version copied from the
-- built-in library (replaced by a newer library version automatically), 'user' otherwise.
CREATE TABLE monitoring_check_version (
    org_id          UUID NOT NULL,
    check_id        UUID NOT NULL REFERENCES monitoring_check (id),
    version         INTEGER NOT NULL,
    title           VARCHAR(200) NOT NULL,
    description     VARCHAR(2000),
    resource_type   VARCHAR(100) NOT NULL,
    expression      VARCHAR(4000) NOT NULL,
    severity        VARCHAR(10) NOT NULL,
    controls        VARCHAR(2000) NOT NULL,
    remediation     VARCHAR(2000),
    parameters      TEXT NOT NULL,
    joins           TEXT NOT NULL,
    origin          VARCHAR(10) NOT NULL,
    library_sha256  CHAR(64),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(200) NOT NULL,
    PRIMARY KEY (check_id, version)
);

-- The outcome of a check for one resource from from_at until to_at (null while it holds). A new row
-- only when the outcome or the check version changes, so history grows with changes, not runs.
CREATE TABLE monitoring_result_interval (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL,
    check_id       UUID NOT NULL REFERENCES monitoring_check (id),
    check_version  INTEGER NOT NULL,
    resource_type  VARCHAR(100) NOT NULL,
    resource_key   VARCHAR(400) NOT NULL,
    resource_name  VARCHAR(300),
    outcome        VARCHAR(10) NOT NULL,
    detail         VARCHAR(1000),
    from_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    to_at          TIMESTAMP WITH TIME ZONE
);

CREATE INDEX monitoring_result_open ON monitoring_result_interval (org_id, check_id, to_at);
CREATE INDEX monitoring_result_resource ON monitoring_result_interval (org_id, check_id, resource_key, from_at);
CREATE INDEX monitoring_result_period ON monitoring_result_interval (org_id, check_id, outcome, from_at);

-- A failing (check, resource) accepted by someone until expires_at, unless revoked earlier.
CREATE TABLE monitoring_check_exception (
    id              UUID PRIMARY KEY,
    org_id          UUID NOT NULL,
    check_id        UUID NOT NULL REFERENCES monitoring_check (id),
    resource_key    VARCHAR(400) NOT NULL,
    reason          VARCHAR(2000) NOT NULL,
    approved_by     UUID,
    approved_by_label VARCHAR(200) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    revoked_by_label VARCHAR(200)
);

CREATE INDEX monitoring_exception_check ON monitoring_check_exception (org_id, check_id, expires_at);
