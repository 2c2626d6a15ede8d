-- Envelope encryption of free text: each subject's own data key (AES-256), stored only wrapped (AES-GCM) by the
-- master key named beside it. Summaries and decline comments are sealed under their subject's data key, so
-- deleting the row erases all of a subject's text at once, in backups too (crypto-shredding). The rotation moves
-- rows to the active master key; reads unwrap with whichever key the row names.
CREATE TABLE subject_keys (
    subject_ref   TEXT        PRIMARY KEY,
    id            UUID        NOT NULL UNIQUE,
    master_key_id TEXT        NOT NULL,
    wrapped_key   BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    wrapped_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX subject_keys_master ON subject_keys (master_key_id);

-- An erasure finds the subject's referrals.
CREATE INDEX referrals_subject ON referrals (subject_ref);

-- Text sealed directly under a master key before data keys existed ('dek:' names a data key): the rotation
-- finds it here and moves it under its subject's data key.
CREATE INDEX referrals_direct_text ON referrals (id)
    WHERE summary_key_id NOT LIKE 'dek:%' OR decline_comment_key_id NOT LIKE 'dek:%';

-- An erasure rewrites the stored idempotent answers sealed under the subject's data key (without free text).
CREATE INDEX idempotency_keys_body_key ON idempotency_keys (body_key_id);
