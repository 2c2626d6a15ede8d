-- The first answer to each creating POST sent with an Idempotency-Key, per agency, so that a retry
-- gets the same answer instead of creating twice. A row without a status is a request in progress.
-- The answer can hold free text, so it is stored sealed by the service's AnswerProtection (body_key_id).
CREATE TABLE idempotency_keys (
    agency          TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    BYTEA       NOT NULL,
    status          INTEGER,
    location        TEXT,
    content_type    TEXT,
    body_key_id     TEXT,
    body            BYTEA,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (agency, idempotency_key)
);

CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
