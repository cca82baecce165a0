-- A controls-as-code file uploaded on the import page, kept between its dry run and "Apply these
-- changes" so the browser need not send it again (a hidden form field could not carry a large file:
-- browser form fields are limited to 2 MB). One per person and organization: a new upload replaces
-- it, applying deletes it, and drafts older than a day are purged. Never read by anything else.
CREATE TABLE control_import_draft (
    id          UUID PRIMARY KEY,
    org_id      UUID NOT NULL REFERENCES organization (id),
    user_id     UUID NOT NULL REFERENCES app_user (id),
    file_name   VARCHAR(200) NOT NULL,
    sha256      CHAR(64) NOT NULL,
    basis       CHAR(64) NOT NULL,
    content     BYTEA NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX control_import_draft_owner_idx ON control_import_draft (org_id, user_id);
