-- Legal hold: a referral under hold, and everything belonging to it, is kept past its retention period until the hold
-- is lifted. On the referral's own row, so that a hold placed while the retention job looks for expired referrals
-- changes the row the job locks, and the job sees it (a separate table could be missed between snapshot and lock).
ALTER TABLE referrals
    ADD COLUMN legal_hold_reason TEXT,
    ADD COLUMN legal_hold_since  TIMESTAMPTZ;

-- The retention job finds ended cases, oldest first, and ended consents.
CREATE INDEX referrals_ended ON referrals (updated_at)
    WHERE status IN ('DECLINED', 'WITHDRAWN', 'CLOSED') AND legal_hold_reason IS NULL;
CREATE INDEX consents_ended ON consents (ended_at) WHERE status <> 'ACTIVE';
