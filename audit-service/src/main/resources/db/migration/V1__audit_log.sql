-- The hash-chained audit log. Position n holds hash_n = SHA-256(hash_{n-1} || canonical bytes of entry n);
-- see the module README for the canonical encoding. The service's runtime role may only INSERT and SELECT
-- here (granted in afterMigrate.sql), so neither a bug nor a compromised service can rewrite history.
CREATE TABLE audit_entries (
    position        BIGINT      PRIMARY KEY CHECK (position > 0),
    event_id        TEXT        NOT NULL UNIQUE,
    event_type      TEXT        NOT NULL,
    topic           TEXT,
    kafka_partition INTEGER,
    kafka_offset    BIGINT,
    occurred_at     TIMESTAMPTZ,
    appended_at     TIMESTAMPTZ NOT NULL,
    producer        TEXT,
    acting_agency   TEXT,
    acting_user_ref TEXT,
    referral_id     TEXT,
    subject_ref     TEXT,
    agencies        TEXT[]      NOT NULL DEFAULT '{}',
    details         TEXT,
    hash            BYTEA       NOT NULL CHECK (octet_length(hash) = 32)
);

CREATE INDEX audit_entries_referral ON audit_entries (referral_id) WHERE referral_id IS NOT NULL;
CREATE INDEX audit_entries_subject ON audit_entries (subject_ref) WHERE subject_ref IS NOT NULL;
CREATE INDEX audit_entries_agencies ON audit_entries USING gin (agencies);
CREATE INDEX audit_entries_type ON audit_entries (event_type);
CREATE INDEX audit_entries_occurred ON audit_entries (occurred_at);

-- Signed statements "the chain held <length> entries ending in <head_hash> at <signed_at>".
CREATE TABLE audit_checkpoints (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    length      BIGINT      NOT NULL CHECK (length >= 0),
    head_hash   BYTEA       NOT NULL CHECK (octet_length(head_hash) = 32),
    signed_at   TIMESTAMPTZ NOT NULL,
    signature   BYTEA       NOT NULL,
    public_key  BYTEA       NOT NULL
);

REVOKE ALL ON audit_entries, audit_checkpoints FROM PUBLIC;
