-- The retention job's ledger (se.nexus.support.retention): what each run has deleted, by record class, until the run's
-- RecordsPurged event is written to the outbox in the transaction that clears its rows, so a run that stops half way
-- is reported by the next. Counts only, never ids. A repeatable migration, written to be run again safely, because the
-- shared mechanisms' versions (V0_x) come before every service's own and a new one could not be applied after them.
CREATE TABLE IF NOT EXISTS retention_purges (
    run_id       UUID        NOT NULL,
    record_class TEXT        NOT NULL,
    purged       BIGINT      NOT NULL,
    retained_for TEXT        NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, record_class)
);

-- The purge of processed event ids takes the oldest first; without an index each batch would read the whole table.
DO $$
BEGIN
    IF to_regclass('processed_events') IS NOT NULL THEN
        CREATE INDEX IF NOT EXISTS processed_events_age ON processed_events (processed_at);
    END IF;
END
$$;
