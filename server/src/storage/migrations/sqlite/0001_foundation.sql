-- Foundation: registry, alliances, accounts, sessions and the audit trail.
-- Timestamps are UTC ISO 8601 text ("2026-11-27T08:00:00.000Z"); dates are "YYYY-MM-DD".

CREATE TABLE office_area (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    note TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE unit (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    parent_id INTEGER REFERENCES unit(id),
    kind TEXT NOT NULL CHECK (kind IN ('committee', 'unit')),
    party_organization_name TEXT NOT NULL DEFAULT '',
    party_organization_type TEXT NOT NULL DEFAULT 'branch'
        CHECK (party_organization_type IN ('party_committee', 'general_branch', 'branch')),
    office_area_id INTEGER REFERENCES office_area(id),
    party_member_count INTEGER NOT NULL DEFAULT 0 CHECK (party_member_count >= 0),
    first_responsible TEXT NOT NULL DEFAULT '',
    direct_responsible TEXT NOT NULL DEFAULT '',
    liaison TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX unit_name_in_parent ON unit (COALESCE(parent_id, 0), name);
CREATE INDEX unit_office_area ON unit (office_area_id);

CREATE TABLE alliance (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    batch INTEGER NOT NULL CHECK (batch >= 1),
    office_area_id INTEGER NOT NULL REFERENCES office_area(id),
    lead_unit_id INTEGER NOT NULL REFERENCES unit(id),
    rotation_mode TEXT NOT NULL DEFAULT 'per_activity'
        CHECK (rotation_mode IN ('per_activity', 'per_quarter')),
    founded_on TEXT NOT NULL,
    dissolved_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE alliance_membership (
    id INTEGER PRIMARY KEY,
    alliance_id INTEGER NOT NULL REFERENCES alliance(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    joined_on TEXT NOT NULL,
    left_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX alliance_membership_alliance ON alliance_membership (alliance_id);
CREATE INDEX alliance_membership_unit ON alliance_membership (unit_id);

CREATE TABLE app_user (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    unit_id INTEGER REFERENCES unit(id),
    must_change_password INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE user_session (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES app_user(id),
    source_ip TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE audit_event (
    id INTEGER PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    user_id INTEGER,
    username TEXT NOT NULL DEFAULT '',
    source_ip TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_event_time ON audit_event (occurred_at);

-- The audit trail is append-only: no code path may change or remove a record.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
