-- SOC 2 programs, the organization's controls and readiness history.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15+.

-- Reference frameworks, copied from the catalog module when a new version of Evident starts
-- (framework.internal.ReferenceDataSync). Shared by every organization and never edited by one.
-- Requirements that a later catalog drops are kept as retired, so old mappings stay valid rows.
CREATE TABLE framework (
    id            VARCHAR(64)  PRIMARY KEY,
    name          VARCHAR(300) NOT NULL,
    version       VARCHAR(100) NOT NULL,
    content_hash  CHAR(64)     NOT NULL,
    synced_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE framework_requirement (
    framework_id  VARCHAR(64)   NOT NULL REFERENCES framework (id),
    id            VARCHAR(64)   NOT NULL,
    parent_id     VARCHAR(64),
    category_id   VARCHAR(64),
    position      INT           NOT NULL,
    depth         INT           NOT NULL,
    leaf          BOOLEAN       NOT NULL,
    title         VARCHAR(500),
    description   VARCHAR(2000),
    retired       BOOLEAN       NOT NULL DEFAULT FALSE,
    PRIMARY KEY (framework_id, id)
);

-- A compliance program: one report (Type I as of a date, or Type II over a period) on one framework.
-- The system description along DC 200 is one JSON document, read and written as a whole.
CREATE TABLE program (
    id                  UUID PRIMARY KEY,
    org_id              UUID NOT NULL REFERENCES organization (id),
    name                VARCHAR(200) NOT NULL,
    framework_id        VARCHAR(64)  NOT NULL REFERENCES framework (id),
    report_type         VARCHAR(16)  NOT NULL,
    as_of_date          DATE,
    period_start        DATE,
    period_end          DATE,
    system_description  TEXT NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT program_name_uq UNIQUE (org_id, name),
    CONSTRAINT program_report_type_ck CHECK (report_type IN ('TYPE_1', 'TYPE_2'))
);
CREATE INDEX program_org_idx ON program (org_id, id);

-- One row per category of the program's framework: included, or excluded with the reason (DC8).
CREATE TABLE program_category (
    program_id        UUID NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    org_id            UUID NOT NULL REFERENCES organization (id),
    category_id       VARCHAR(64) NOT NULL,
    included          BOOLEAN NOT NULL,
    exclusion_reason  VARCHAR(2000),
    PRIMARY KEY (program_id, category_id)
);
CREATE INDEX program_category_org_idx ON program_category (org_id, category_id);

-- Criteria of an included category that management judges not relevant to the system (DC8).
CREATE TABLE program_excluded_criterion (
    program_id      UUID NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    org_id          UUID NOT NULL REFERENCES organization (id),
    framework_id    VARCHAR(64) NOT NULL,
    requirement_id  VARCHAR(64) NOT NULL,
    reason          VARCHAR(2000) NOT NULL,
    PRIMARY KEY (program_id, requirement_id),
    FOREIGN KEY (framework_id, requirement_id) REFERENCES framework_requirement (framework_id, id)
);

-- The organization's controls: adopted from the library (source_*) or written by the organization.
-- ref is the stable, human id (AC-01), unique within the organization.
CREATE TABLE control (
    id                     UUID PRIMARY KEY,
    org_id                 UUID NOT NULL REFERENCES organization (id),
    ref                    VARCHAR(32)  NOT NULL,
    title                  VARCHAR(300) NOT NULL,
    description            TEXT NOT NULL,
    domain                 VARCHAR(64)  NOT NULL,
    control_type           VARCHAR(16)  NOT NULL,
    nature                 VARCHAR(16)  NOT NULL,
    frequency              VARCHAR(16)  NOT NULL,
    owner_user_id          UUID REFERENCES app_user (id),
    owner_role             VARCHAR(200),
    test_method            VARCHAR(16)  NOT NULL,
    test_procedure         VARCHAR(2000) NOT NULL,
    evidence               TEXT NOT NULL,
    status                 VARCHAR(16)  NOT NULL,
    status_changed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    applicable             BOOLEAN NOT NULL,
    not_applicable_reason  VARCHAR(2000),
    source_library         VARCHAR(64),
    source_control         VARCHAR(32),
    source_version         VARCHAR(32),
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    version                BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT control_ref_uq UNIQUE (org_id, ref),
    CONSTRAINT control_status_ck CHECK (status IN ('DEFINED', 'IMPLEMENTED', 'EVIDENCED', 'TESTED')),
    CONSTRAINT control_na_reason_ck CHECK (applicable OR not_applicable_reason IS NOT NULL)
);
CREATE INDEX control_owner_idx ON control (org_id, owner_user_id);

-- Which requirements (criteria) a control helps meet.
CREATE TABLE control_mapping (
    control_id      UUID NOT NULL REFERENCES control (id) ON DELETE CASCADE,
    org_id          UUID NOT NULL REFERENCES organization (id),
    framework_id    VARCHAR(64) NOT NULL,
    requirement_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (control_id, framework_id, requirement_id),
    FOREIGN KEY (framework_id, requirement_id) REFERENCES framework_requirement (framework_id, id)
);
CREATE INDEX control_mapping_org_idx ON control_mapping (org_id, framework_id, requirement_id);

-- Readiness over time: at most one snapshot per program and clock hour, replaced by later changes
-- within that hour. Scores are basis points (0-10000) so no floating point is stored.
CREATE TABLE readiness_snapshot (
    program_id        UUID NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    org_id            UUID NOT NULL REFERENCES organization (id),
    hour_start        TIMESTAMP WITH TIME ZONE NOT NULL,
    taken_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    score_bp          INT NOT NULL,
    criteria_total    INT NOT NULL,
    criteria_met      INT NOT NULL,
    criteria_partial  INT NOT NULL,
    criteria_gap      INT NOT NULL,
    controls_total    INT NOT NULL,
    controls_ready    INT NOT NULL,
    categories        TEXT NOT NULL,
    PRIMARY KEY (program_id, hour_start)
);
CREATE INDEX readiness_snapshot_org_idx ON readiness_snapshot (org_id, program_id);
