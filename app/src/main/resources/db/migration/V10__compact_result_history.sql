-- Check results, stored compactly (issue 5's storage target: a year of hourly evaluation of 100,000
-- resources with 1 % changing per day in well under 1 GB). What a (check, resource) pair is — its
-- organization, check, resource type, key and name — is written once, in monitoring_result_subject;
-- each stretch of one outcome is a narrow row of monitoring_result_span pointing at its subject.
-- Before this, every interval repeated the pair's identity and carried three wide indexes: about
-- 460 bytes per change instead of about 130.
CREATE TABLE monitoring_result_subject (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL,
    check_id       UUID NOT NULL REFERENCES monitoring_check (id),
    resource_type  VARCHAR(100) NOT NULL,
    resource_key   VARCHAR(400) NOT NULL,
    resource_name  VARCHAR(300),
    CONSTRAINT monitoring_result_subject_key UNIQUE (org_id, check_id, resource_key)
);

-- One outcome from from_at until to_at (null while it holds). At most one open span per subject.
CREATE TABLE monitoring_result_span (
    subject_id     UUID NOT NULL REFERENCES monitoring_result_subject (id),
    check_version  INTEGER NOT NULL,
    outcome        VARCHAR(10) NOT NULL,
    detail         VARCHAR(1000),
    from_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    to_at          TIMESTAMP WITH TIME ZONE
);

CREATE INDEX monitoring_result_span_subject ON monitoring_result_span (subject_id, from_at);

-- The existing history: one subject per (organization, check, resource key), named as last seen.
INSERT INTO monitoring_result_subject (id, org_id, check_id, resource_type, resource_key, resource_name)
SELECT CAST(MIN(CAST(id AS VARCHAR(36))) AS UUID), org_id, check_id, MAX(resource_type), resource_key, MAX(resource_name)
FROM monitoring_result_interval
GROUP BY org_id, check_id, resource_key;

INSERT INTO monitoring_result_span (subject_id, check_version, outcome, detail, from_at, to_at)
SELECT s.id, i.check_version, i.outcome, i.detail, i.from_at, i.to_at
FROM monitoring_result_interval i
JOIN monitoring_result_subject s ON s.org_id = i.org_id AND s.check_id = i.check_id AND s.resource_key = i.resource_key;

DROP TABLE monitoring_result_interval;

-- Reads keep their shape: an interval is a span with its subject's identity. The id of an interval is
-- its subject's, which names the open span of a pair unambiguously.
CREATE VIEW monitoring_result_interval AS
SELECT s.id AS id, s.org_id AS org_id, s.check_id AS check_id, p.check_version AS check_version,
       s.resource_type AS resource_type, s.resource_key AS resource_key, s.resource_name AS resource_name,
       p.outcome AS outcome, p.detail AS detail, p.from_at AS from_at, p.to_at AS to_at
FROM monitoring_result_span p
JOIN monitoring_result_subject s ON s.id = p.subject_id;
