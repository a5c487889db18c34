-- The audit chain is keyed and numbered: each record carries its place in the chain (seq, 1, 2, 3 …
-- with no gap), which the keyed hash covers, so that a checkpoint outside the database (count and
-- head) can tell a truncated or emptied table. Existing records are numbered in id order; their
-- unkeyed hashes stay as they are and become the chain's legacy prefix, verified once and anchored
-- in the checkpoint when the server first starts with this schema (see docs/architecture.md).
ALTER TABLE audit_event ADD COLUMN seq INTEGER;
DROP TRIGGER audit_event_no_update;
UPDATE audit_event
SET seq = (SELECT COUNT(*) FROM audit_event AS earlier WHERE earlier.id <= audit_event.id);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE UNIQUE INDEX audit_event_seq ON audit_event (seq);

-- REPLACE INTO (and INSERT OR REPLACE) removes the conflicting row without firing the delete
-- trigger unless recursive_triggers is on: refuse any insert that would meet an existing record,
-- before the conflict is resolved. A record must also be numbered.
CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_event
WHEN NEW.seq IS NULL
  OR EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id OR seq = NEW.seq)
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
