-- Webhook POSTs and e-mail alerts share one delivery table: both are recorded in the transaction that creates or
-- escalates a notification, and both are retried with backoff until delivered or given up.
ALTER TABLE webhook_deliveries RENAME TO deliveries;
ALTER TABLE deliveries
    ADD COLUMN channel   TEXT    NOT NULL DEFAULT 'WEBHOOK',
    ADD COLUMN recipient TEXT,
    ADD COLUMN digest    BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE deliveries ALTER COLUMN channel DROP DEFAULT;

DROP INDEX webhook_deliveries_due;
ALTER INDEX webhook_deliveries_of_notification RENAME TO deliveries_of_notification;
CREATE INDEX deliveries_due ON deliveries (channel, next_attempt_at) WHERE state = 'PENDING';
