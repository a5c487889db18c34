-- Audit records older than the retention period (at least 180 days) may be purged by the owner
-- (`lianjian audit purge`). Each purge leaves an anchor: the number and hash of the last purged
-- record, authenticated with the chain key (tag), from which `audit verify` starts the chain.
-- Anchors are append-only like the records themselves (docs/architecture.md, "Retention").
CREATE TABLE audit_anchor (
    id INTEGER PRIMARY KEY,
    through_seq INTEGER NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    purged_count INTEGER NOT NULL,
    before_date TEXT NOT NULL,
    purged_at TEXT NOT NULL,
    tag TEXT NOT NULL
);
CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE ON audit_anchor
BEGIN
    SELECT RAISE(ABORT, 'audit_anchor is append-only');
END;
CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor
BEGIN
    SELECT RAISE(ABORT, 'audit_anchor is append-only');
END;
