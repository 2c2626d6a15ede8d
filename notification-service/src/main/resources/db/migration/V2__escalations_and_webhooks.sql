-- Escalation: a notification past its deadline is marked once (escalated_at), and the resource centre
-- gets a notification of its own that points at the overdue one (escalation_of) and names the agency.
ALTER TABLE notifications
    ADD COLUMN escalation_of  UUID REFERENCES notifications (id),
    ADD COLUMN overdue_agency TEXT;

-- An escalation notice of the resource centre shares the case event of the overdue notification, so the
-- "once per event and agency" rule holds for case notifications only, and "once per escalation" for notices.
ALTER TABLE notifications DROP CONSTRAINT notifications_trigger_event_id_agency_key;
CREATE UNIQUE INDEX notifications_once_per_event ON notifications (trigger_event_id, agency)
    WHERE escalation_of IS NULL;
CREATE UNIQUE INDEX notifications_once_per_escalation ON notifications (escalation_of, agency)
    WHERE escalation_of IS NOT NULL;

-- Escalation notices do not escalate again: the chain ends at the resource centre.
DROP INDEX notifications_due;
CREATE INDEX notifications_due ON notifications (deadline)
    WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND escalation_of IS NULL;

-- Webhook deliveries to agencies' systems, written in the transaction that creates or escalates the
-- notification. The payload is rebuilt from the notification at each attempt; neither the request nor the
-- response body is stored, and last_error holds a status code or an exception class only.
CREATE TABLE webhook_deliveries (
    id              UUID        PRIMARY KEY,
    notification_id UUID        NOT NULL REFERENCES notifications (id),
    agency          TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    state           TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_deliveries_of_notification ON webhook_deliveries (notification_id);
