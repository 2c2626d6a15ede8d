-- Statistics without personal data: a projection of the audit chain, rebuilt by emptying these tables. Counts by month
-- (Europe/Stockholm), measure and category; people, cases and notifications only under a keyed hash (HMAC-SHA256 cut to
-- 16 bytes, key NEXUS_STATISTICS_PERSON_KEY), never by their refs or ids.

-- How far the chain has been projected, and under which key (a fingerprint of it, not the key): another key rebuilds.
CREATE TABLE statistics_cursor (
    id              BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
    position        BIGINT  NOT NULL CHECK (position >= 0),
    key_fingerprint BYTEA
);
INSERT INTO statistics_cursor (position) VALUES (0);

CREATE TABLE statistics_counts (
    month    TEXT   NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
    measure  TEXT   NOT NULL,
    category TEXT   NOT NULL,
    count    BIGINT NOT NULL CHECK (count >= 0),
    PRIMARY KEY (month, measure, category)
);

-- Each person referred in a month, once: what the distinct counts are made of.
CREATE TABLE statistics_persons (
    month  TEXT  NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
    person BYTEA NOT NULL CHECK (octet_length(person) = 16),
    PRIMARY KEY (month, person)
);

-- How long cases waited for receipt and for a decision: anonymous samples, with no case behind them.
CREATE TABLE statistics_durations (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    month   TEXT   NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
    urgency TEXT   NOT NULL,
    kind    TEXT   NOT NULL CHECK (kind IN ('RECEIPT', 'DECISION')),
    millis  BIGINT NOT NULL
);
CREATE INDEX statistics_durations_month ON statistics_durations (month);

-- A case submitted and not yet decided, withdrawn or closed: deleted as soon as it is.
CREATE TABLE statistics_open_cases (
    case_key     BYTEA       PRIMARY KEY CHECK (octet_length(case_key) = 16),
    submitted_at TIMESTAMPTZ NOT NULL,
    month        TEXT        NOT NULL,
    urgency      TEXT        NOT NULL,
    received     BOOLEAN     NOT NULL DEFAULT false
);

-- A notification not yet acknowledged: deleted when it is.
CREATE TABLE statistics_open_notifications (
    notification_key BYTEA       PRIMARY KEY CHECK (octet_length(notification_key) = 16),
    month            TEXT        NOT NULL,
    urgency          TEXT        NOT NULL,
    deadline         TIMESTAMPTZ
);

REVOKE ALL ON statistics_cursor, statistics_counts, statistics_persons, statistics_durations, statistics_open_cases,
    statistics_open_notifications FROM PUBLIC;
