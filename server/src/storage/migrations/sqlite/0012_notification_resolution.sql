-- A to-do notification ("…请机关工委审批") ends when anyone does the work: `resolved_at` is set
-- on every copy of it, for everyone who got it, in the transaction that does the work. Resolved
-- notifications no longer count as unread.
ALTER TABLE notification ADD COLUMN resolved_at TEXT;
CREATE INDEX notification_object ON notification (object_type, object_id, kind);
