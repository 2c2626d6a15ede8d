-- Referrals under legal hold, as the referral service announces them (LegalHoldPlaced / LegalHoldLifted on
-- nexus.referrals): their notifications and deliveries are kept past their retention period until the hold is lifted.
CREATE TABLE held_referrals (
    referral_id UUID        PRIMARY KEY,
    held_since  TIMESTAMPTZ NOT NULL
);

-- The retention job finds the oldest notifications first.
CREATE INDEX notifications_age ON notifications (created_at);
