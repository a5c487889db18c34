-- The audit chain is keyed and numbered: each record carries its place in the chain (seq, 1, 2, 3 …
-- with no gap), which the keyed hash covers, so that a checkpoint outside the database (count and
-- head) can tell a truncated or emptied table. Existing records are numbered in id order; their
-- unkeyed hashes stay as they are and become the chain's legacy prefix, verified once and anchored
-- in the checkpoint when the server first starts with this schema (see docs/architecture.md).
ALTER TABLE audit_event ADD COLUMN seq BIGINT;
ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
UPDATE audit_event SET seq = numbered.position
FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS position FROM audit_event) AS numbered
WHERE numbered.id = audit_event.id;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;
CREATE UNIQUE INDEX audit_event_seq ON audit_event (seq);

-- A record must be numbered.
CREATE FUNCTION audit_event_numbered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq IS NULL THEN
        RAISE EXCEPTION 'audit_event records must be numbered';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_event_numbered BEFORE INSERT ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_numbered();

-- Only the table's owner can disable the triggers above. The server should not run as the owner:
-- run migrations as the owner and the server as a role granted SELECT and INSERT only on
-- audit_event (docs/architecture.md, "Audit trail"). Nobody else gets more than that by default.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
