-- Idempotent consumption: the id of every event whose effect has been committed, written in the
-- same transaction as that effect, so a redelivered event is recognised and skipped.
CREATE TABLE processed_events (
    event_id     UUID        PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
