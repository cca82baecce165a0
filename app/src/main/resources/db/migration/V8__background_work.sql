-- Work that runs on db-scheduler after the transaction that asked for it (issue 5).

-- Checks still to evaluate after a connection's sync: one row per connection, written in the sync's
-- transaction and removed once an evaluation covered it. A sync finishing while an earlier request
-- waits (or runs) merges into it: the types read are the union, the sync facts the latest.
CREATE TABLE monitoring_evaluation_request (
    org_id          UUID NOT NULL REFERENCES organization (id),
    connection_id   UUID NOT NULL,
    sync_id         UUID NOT NULL,
    connector       VARCHAR(100) NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    resource_types  VARCHAR(4000) NOT NULL,
    failed_types    VARCHAR(4000) NOT NULL,
    error           VARCHAR(4000),
    payload_digest  VARCHAR(64),
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, connection_id)
);

-- Immediate emails waiting to be sent: written in the notification's transaction, sent by a
-- db-scheduler task after the commit (never on the thread that published the change), retried after
-- evident.notifications.email.retry-delays; after the last try the row is FAILED.
CREATE TABLE notification_email_outbox (
    id               UUID PRIMARY KEY,
    org_id           UUID NOT NULL REFERENCES organization (id),
    notification_id  UUID NOT NULL REFERENCES notification (id),
    user_id          UUID NOT NULL,
    status           VARCHAR(16) NOT NULL,
    attempts         INT NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000)
);

CREATE INDEX notification_email_outbox_due ON notification_email_outbox (status, next_attempt_at);
