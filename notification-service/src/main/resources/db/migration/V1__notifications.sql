-- Notifications to agencies' function addresses. Only references and codes: no names, no free text,
-- and no subject ref when the subject's identity is protected.
CREATE TABLE notifications (
    id                 UUID        PRIMARY KEY,
    seq                BIGINT      GENERATED ALWAYS AS IDENTITY UNIQUE,
    agency             TEXT        NOT NULL,
    function_address   TEXT        NOT NULL,
    referral_id        UUID,
    subject_ref        TEXT,
    trigger_event_id   UUID        NOT NULL,
    trigger_event_type TEXT        NOT NULL,
    urgency            TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    deadline           TIMESTAMPTZ NOT NULL,
    acknowledged_at    TIMESTAMPTZ,
    acknowledged_by    TEXT,
    escalated_at       TIMESTAMPTZ,
    UNIQUE (trigger_event_id, agency)
);

CREATE INDEX notifications_inbox ON notifications (agency, seq DESC);
CREATE INDEX notifications_due ON notifications (deadline) WHERE acknowledged_at IS NULL AND escalated_at IS NULL;
