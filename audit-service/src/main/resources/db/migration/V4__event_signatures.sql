-- Each entry of an event records the id of the key its producer signed it with and the signature (base64), both
-- covered by the entry's hash (the canonical encoding nexus.audit.entry.v2, audit-service/README.md). Entries appended
-- before events were signed, and auditors' queries, have neither and keep the first encoding.
ALTER TABLE audit_entries ADD COLUMN signing_key_id TEXT;
ALTER TABLE audit_entries ADD COLUMN event_signature TEXT;
