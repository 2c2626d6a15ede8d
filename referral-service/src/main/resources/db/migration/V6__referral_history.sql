-- What happened to each referral, for the agencies that may see it: event types, agencies and codes only,
-- never free text or people. Written in the transaction of each change, so it is as complete as the outbox.
CREATE TABLE referral_history (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referral_id UUID        NOT NULL REFERENCES referrals (id),
    type        TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    agency      TEXT        NOT NULL,
    handover_id UUID,
    to_agency   TEXT,
    reason      TEXT
);

CREATE INDEX referral_history_referral ON referral_history (referral_id, occurred_at, id);

-- Referrals made before the history existed start with their submission; later changes were not recorded.
INSERT INTO referral_history (referral_id, type, occurred_at, agency)
SELECT id, 'REFERRAL_SUBMITTED', created_at, from_agency FROM referrals ORDER BY created_at, id;
