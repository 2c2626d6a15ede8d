-- Handovers of case ownership from the owning agency to another. One pending handover per referral.
CREATE TABLE handovers (
    id             UUID        PRIMARY KEY,
    referral_id    UUID        NOT NULL REFERENCES referrals (id),
    from_agency    TEXT        NOT NULL,
    to_agency      TEXT        NOT NULL,
    reason         TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    decline_reason TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    decided_at     TIMESTAMPTZ
);

CREATE UNIQUE INDEX handovers_one_pending ON handovers (referral_id) WHERE status = 'PENDING';
CREATE INDEX handovers_referral ON handovers (referral_id);
