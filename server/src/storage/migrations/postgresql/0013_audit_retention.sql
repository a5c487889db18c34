-- Audit records older than the retention period (at least 180 days) may be purged by the owner
-- (`lianjian audit purge`). Each purge leaves an anchor: the number and hash of the last purged
-- record, authenticated with the chain key (tag), from which `audit verify` starts the chain.
-- Anchors are append-only like the records themselves (docs/architecture.md, "Retention").
CREATE TABLE audit_anchor (
    id BIGSERIAL PRIMARY KEY,
    through_seq BIGINT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    purged_count BIGINT NOT NULL,
    before_date TEXT NOT NULL,
    purged_at TEXT NOT NULL,
    tag TEXT NOT NULL
);
CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE OR DELETE ON audit_anchor
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_anchor FROM PUBLIC;
