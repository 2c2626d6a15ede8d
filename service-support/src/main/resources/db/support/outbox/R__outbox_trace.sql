-- The W3C trace context of the request or record that wrote each event, restored around its send so that one trace
-- follows a referral through the services (se.nexus.support.outbox.EventTrace). Repeatable, and safe to run again, for
-- the reason given in R__retention_purges.sql: a new V0_x could not be applied after a service's own versions.
ALTER TABLE IF EXISTS outbox ADD COLUMN IF NOT EXISTS traceparent TEXT;
