-- Consents (samtycke) recorded by an agency on behalf of the subject they concern.
CREATE TABLE consents (
    id               UUID        PRIMARY KEY,
    subject_ref      TEXT        NOT NULL,
    recorded_by      TEXT        NOT NULL,
    granted_to       TEXT[]      NOT NULL,
    purpose          TEXT        NOT NULL,
    data_categories  TEXT[]      NOT NULL,
    valid_from       DATE        NOT NULL,
    valid_until      DATE        NOT NULL,
    obtained         TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    ended_at         TIMESTAMPTZ
);

CREATE INDEX consents_subject ON consents (subject_ref);
CREATE INDEX consents_expiring ON consents (valid_until) WHERE status = 'ACTIVE';
