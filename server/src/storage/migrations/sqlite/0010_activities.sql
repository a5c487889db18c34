-- Activities under the six linkages and their ledger (台账) (seed 三, 四, 五(二), 六(三); DOMAIN.md
-- "Activities and the ledger"): the activity, its participating units, each unit's own part
-- (有分有合), the attendance roster, refused QR sign-ins, attachments, and the per-alliance chain
-- of archived ledger entries and amendments. Timestamps are UTC text; `year` is the local year of
-- `starts_at` in the deployment's time zone.

CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    alliance_id INTEGER NOT NULL REFERENCES alliance(id),
    year INTEGER NOT NULL,
    linkage TEXT NOT NULL CHECK (linkage IN ('theory_study', 'resource_sharing', 'joint_practice',
                                             'team_building', 'central_work', 'conduct_discipline')),
    kind TEXT NOT NULL CHECK (kind IN ('theme_party_day', 'party_lecture', 'red_film', 'study_session',
                                       'mini_training', 'affairs_observation', 'knowledge_contest',
                                       'alliance_meeting', 'mutual_visit', 'practice', 'other')),
    title TEXT NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    outcomes TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    host_unit_id INTEGER NOT NULL REFERENCES unit(id),
    host_change_reason TEXT NOT NULL DEFAULT '',
    rotation_turn_id INTEGER REFERENCES rotation_turn(id),
    plan_item_id INTEGER REFERENCES plan_item(id),
    state TEXT NOT NULL CHECK (state IN ('planned', 'held', 'ledger_submitted', 'archived', 'cancelled')),
    cancel_reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_by_user_id INTEGER REFERENCES app_user(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    held_at TEXT,
    ledger_submitted_at TEXT,
    archived_at TEXT
);
CREATE INDEX activity_alliance_year ON activity (alliance_id, year);
CREATE INDEX activity_starts_at ON activity (starts_at);
CREATE INDEX activity_host ON activity (host_unit_id);
CREATE INDEX activity_plan_item ON activity (plan_item_id);

-- The participating units (the host is one of them).
CREATE TABLE activity_unit (
    activity_id INTEGER NOT NULL REFERENCES activity(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    PRIMARY KEY (activity_id, unit_id)
);
CREATE INDEX activity_unit_unit ON activity_unit (unit_id);

-- 有分有合: a participating unit's own part in a joint activity, recorded by that unit.
CREATE TABLE activity_part (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activity(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    content TEXT NOT NULL DEFAULT '',
    outcomes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    recorded_by_user_id INTEGER REFERENCES app_user(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (activity_id, unit_id)
);

-- The roster: one row per expected party member per activity (and per member who signed in
-- without being expected). `status` is null until recorded; `unit_id` is the member's unit when
-- the row was made.
CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activity(id),
    member_id INTEGER NOT NULL REFERENCES member(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    status TEXT CHECK (status IN ('present', 'leave', 'absent')),
    method TEXT CHECK (method IN ('qr', 'tap', 'manual')),
    recorded_at TEXT,
    recorded_by_user_id INTEGER REFERENCES app_user(id),
    UNIQUE (activity_id, member_id)
);
CREATE INDEX attendance_member ON attendance (member_id);

-- Refused sign-ins on the public QR page, counted per activity and per client to limit guessing.
CREATE TABLE signin_failure (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activity(id),
    client TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
CREATE INDEX signin_failure_activity ON signin_failure (activity_id, failed_at);
CREATE INDEX signin_failure_client ON signin_failure (client, failed_at);

-- Photos and documents. The file is `<data-dir>/attachments/<stored_name>`, written and synced
-- before this row commits; `sha256` (hex) is over its bytes. `media_type` comes from the bytes.
CREATE TABLE attachment (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activity(id),
    kind TEXT NOT NULL CHECK (kind IN ('photo', 'minutes', 'document')),
    media_type TEXT NOT NULL,
    original_name TEXT NOT NULL,
    stored_name TEXT NOT NULL UNIQUE,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    uploaded_by_user_id INTEGER REFERENCES app_user(id),
    uploaded_at TEXT NOT NULL,
    removed_at TEXT
);
CREATE INDEX attachment_activity ON attachment (activity_id);

-- The ledger chain, one per alliance: an archived activity's frozen record, or an amendment to
-- one. `content` is the canonical JSON of what was frozen (the activity, its attendance, its
-- attachments' hashes; for an amendment also the reason and what changed); `entry_hash` covers
-- `content` and `previous_hash` (hex, empty for the first entry).
CREATE TABLE ledger_entry (
    id INTEGER PRIMARY KEY,
    alliance_id INTEGER NOT NULL REFERENCES alliance(id),
    sequence INTEGER NOT NULL,
    activity_id INTEGER NOT NULL REFERENCES activity(id),
    kind TEXT NOT NULL CHECK (kind IN ('archive', 'amendment')),
    reason TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    entry_hash TEXT NOT NULL,
    created_by_user_id INTEGER REFERENCES app_user(id),
    created_at TEXT NOT NULL,
    UNIQUE (alliance_id, sequence)
);
CREATE INDEX ledger_entry_activity ON ledger_entry (activity_id);

-- A member account (role member) may be one party member of the registry: one-tap sign-in.
ALTER TABLE app_user ADD COLUMN member_id INTEGER REFERENCES member(id);
