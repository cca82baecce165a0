-- In-app notifications for people (stale evidence, later more kinds). Email and webhooks (issue 5)
-- deliver the same rows through further channels. dedupe_key makes a repeated job (the daily
-- coverage sweep) notify once per occurrence: a second insert with the same key is ignored.
CREATE TABLE notification (
    id          UUID PRIMARY KEY,
    org_id      UUID NOT NULL REFERENCES organization (id),
    user_id     UUID NOT NULL,
    kind        VARCHAR(64) NOT NULL,
    subject     VARCHAR(300) NOT NULL,
    body        VARCHAR(4000) NOT NULL,
    link        VARCHAR(1000),
    dedupe_key  VARCHAR(300) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notification_dedupe UNIQUE (org_id, user_id, dedupe_key)
);

CREATE INDEX notification_inbox ON notification (org_id, user_id, id);
