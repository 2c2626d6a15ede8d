-- Dead letters and the records parked behind them, per consumer group (se.nexus.support.deadletter, docs/architecture.md
-- section 5.3). A record that failed after its retries is DEAD; a later record of the same key and group is PARKED
-- instead of applied, until an operator replays or resolves the dead one (REPLAYED, RESOLVED) and it is applied in
-- order (RELEASED). The payload is kept only while a row is open: it is what a replay or release applies, and it is
-- cleared when the row closes. A repeatable migration, for the reason given in R__retention_purges.sql.
CREATE TABLE IF NOT EXISTS dead_letters (
    id               UUID        PRIMARY KEY,
    -- Arrival order: the order in which parked records of a key are released.
    arrival          BIGINT      GENERATED ALWAYS AS IDENTITY,
    consumer_group   TEXT        NOT NULL,
    topic            TEXT        NOT NULL,
    topic_partition  INT         NOT NULL,
    record_offset    BIGINT      NOT NULL,
    message_key      TEXT,
    status           TEXT        NOT NULL,
    event_type       TEXT,
    -- Exception classes only, never a message: messages can quote the payload.
    reason           TEXT,
    payload_format   TEXT,
    payload          BYTEA,
    recorded_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_at        TIMESTAMPTZ,
    closed_by_agency TEXT,
    -- A redelivered record is never recorded twice.
    UNIQUE (consumer_group, topic, topic_partition, record_offset)
);

-- Every record a consumer reads asks whether its key waits behind a dead letter: only open rows are indexed.
CREATE INDEX IF NOT EXISTS dead_letters_open ON dead_letters (consumer_group, message_key, arrival)
    WHERE status IN ('DEAD', 'PARKED');
CREATE INDEX IF NOT EXISTS dead_letters_listing ON dead_letters (status, arrival);

-- The signature and key id a record arrived with (README, "Signed events"): applied later, a record still carries them,
-- and the audit log records them with its event.
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS signature BYTEA;
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS signing_key_id TEXT;
