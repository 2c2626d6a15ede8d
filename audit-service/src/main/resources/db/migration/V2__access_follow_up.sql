-- Systematic follow-up of access (issue: access log): what the audit service knows of each case's parties, to
-- judge reads of protected-identity cases, and the flags it raises for the auditor to review.
CREATE TABLE case_parties (
    referral_id        TEXT    PRIMARY KEY,
    protected_identity BOOLEAN NOT NULL DEFAULT false,
    parties            TEXT[]  NOT NULL DEFAULT '{}',
    open               BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE access_flags (
    id              BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            TEXT        NOT NULL,
    -- One flag per event and kind, or per user and hour for too many reads: redelivery raises nothing twice.
    dedupe_key      TEXT        NOT NULL UNIQUE,
    entry_position  BIGINT      NOT NULL,
    agency          TEXT,
    user_ref        TEXT,
    referral_id     TEXT,
    subject_ref     TEXT,
    raised_at       TIMESTAMPTZ NOT NULL,
    reviewed_at     TIMESTAMPTZ,
    reviewed_agency TEXT,
    reviewed_by     TEXT,
    review_code     TEXT
);

CREATE INDEX access_flags_open ON access_flags (id) WHERE reviewed_at IS NULL;
CREATE INDEX audit_entries_reads_by_user ON audit_entries (acting_agency, acting_user_ref, occurred_at)
    WHERE event_type = 'se.nexus.events.access.CaseAccessed';
