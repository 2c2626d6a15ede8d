-- Referrals. The summary is free text and is stored only as AES-GCM ciphertext with its key id.
CREATE TABLE referrals (
    id                 UUID        PRIMARY KEY,
    from_agency        TEXT        NOT NULL,
    to_agency          TEXT        NOT NULL,
    owner_agency       TEXT        NOT NULL,
    subject_ref        TEXT        NOT NULL,
    protected_identity BOOLEAN     NOT NULL,
    urgency            TEXT        NOT NULL,
    concerns           TEXT[]      NOT NULL,
    legal_basis_type   TEXT        NOT NULL,
    consent_id         UUID,
    provision_code     TEXT,
    summary_key_id     TEXT,
    summary_ciphertext BYTEA,
    status             TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    version            INTEGER     NOT NULL
);

CREATE INDEX referrals_sent ON referrals (from_agency, created_at DESC);
CREATE INDEX referrals_received ON referrals (to_agency, created_at DESC);
CREATE INDEX referrals_owned ON referrals (owner_agency, created_at DESC);
CREATE INDEX referrals_consent ON referrals (consent_id) WHERE consent_id IS NOT NULL;
