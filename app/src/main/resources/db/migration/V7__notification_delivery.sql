-- Notifications beyond the application (issue 5): email (immediate or a daily digest, per person)
-- and webhooks (signed HTTP deliveries, retried with backoff, with a delivery log).

-- How a member wants their notifications by email in one organization; no row means immediate.
CREATE TABLE notification_preference (
    org_id      UUID NOT NULL REFERENCES organization (id),
    user_id     UUID NOT NULL,
    email_mode  VARCHAR(16) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

-- One daily digest per member and day. Inserting the row is the claim: a second node inserting the
-- same (org, user, day) gets nothing and sends nothing.
CREATE TABLE notification_digest (
    id           UUID PRIMARY KEY,
    org_id       UUID NOT NULL REFERENCES organization (id),
    user_id      UUID NOT NULL,
    digest_day   DATE NOT NULL,
    status       VARCHAR(16) NOT NULL,
    items        INT NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at      TIMESTAMP WITH TIME ZONE,
    error        VARCHAR(1000),
    CONSTRAINT notification_digest_once UNIQUE (org_id, user_id, digest_day)
);

-- Notifications waiting for the recipient's next digest; digest_id is set when a digest takes them.
CREATE TABLE notification_digest_item (
    notification_id  UUID PRIMARY KEY REFERENCES notification (id),
    org_id           UUID NOT NULL REFERENCES organization (id),
    user_id          UUID NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    digest_id        UUID REFERENCES notification_digest (id)
);

CREATE INDEX notification_digest_item_pending ON notification_digest_item (digest_id, org_id, user_id);

-- Endpoints an organization's admins registered. The signing secret is encrypted with the
-- installation's secret key (SecretBox); events is "all" or a comma-separated list of event types.
CREATE TABLE webhook_endpoint (
    id                UUID PRIMARY KEY,
    org_id            UUID NOT NULL REFERENCES organization (id),
    url               VARCHAR(2000) NOT NULL,
    description       VARCHAR(200) NOT NULL,
    events            VARCHAR(200) NOT NULL,
    secret_encrypted  VARCHAR(500) NOT NULL,
    active            BOOLEAN NOT NULL,
    created_by        UUID,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX webhook_endpoint_org ON webhook_endpoint (org_id, id);

-- One event to one endpoint. PENDING rows are due at next_attempt_at; a worker claims a row by
-- moving it to SENDING (UPDATE ... WHERE status), so two nodes never send the same attempt; a claim
-- older than claimed_until is taken over (the node died). The last attempt's outcome stays on the row.
CREATE TABLE webhook_delivery (
    id                UUID PRIMARY KEY,
    org_id            UUID NOT NULL REFERENCES organization (id),
    endpoint_id       UUID NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_id          UUID NOT NULL,
    event_type        VARCHAR(64) NOT NULL,
    payload           TEXT NOT NULL,
    status            VARCHAR(16) NOT NULL,
    attempts          INT NOT NULL,
    next_attempt_at   TIMESTAMP WITH TIME ZONE,
    claimed_until     TIMESTAMP WITH TIME ZONE,
    last_attempt_at   TIMESTAMP WITH TIME ZONE,
    last_status_code  INT,
    last_duration_ms  BIGINT,
    last_response     VARCHAR(2000),
    last_error        VARCHAR(1000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_log ON webhook_delivery (org_id, endpoint_id, id);
CREATE INDEX webhook_delivery_created ON webhook_delivery (created_at);
