-- The handover lists: those asked of an agency (received) and those it asked (sent), newest first.
CREATE INDEX handovers_received ON handovers (to_agency, created_at DESC);
CREATE INDEX handovers_sent ON handovers (from_agency, created_at DESC);
