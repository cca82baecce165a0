-- Which node is evaluating a connection's checks, and until when that claim holds without renewal.
-- A row exists only while an evaluation runs; a node that stops holding one leaves a claim that
-- lapses at held_until, after which another node may take it. No foreign key: a claim is written in a
-- transaction of its own while the caller's may hold the organization's row.
CREATE TABLE monitoring_evaluation_lease (
    org_id         UUID NOT NULL,
    connection_id  UUID NOT NULL,
    holder         VARCHAR(64) NOT NULL,
    held_until     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, connection_id)
);
