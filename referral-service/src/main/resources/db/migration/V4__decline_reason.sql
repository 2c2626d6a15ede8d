-- Why a referral was declined: a reason code, and an optional comment stored only encrypted.
ALTER TABLE referrals
    ADD COLUMN decline_reason             TEXT,
    ADD COLUMN decline_comment_key_id     TEXT,
    ADD COLUMN decline_comment_ciphertext BYTEA;
