-- Alliances as first-class objects: membership rules, rotation, the application workflow and
-- the in-app inbox.

-- A unit belongs to at most one alliance at a time.
CREATE UNIQUE INDEX alliance_membership_one_open ON alliance_membership (unit_id) WHERE left_on IS NULL;

-- What happened to an alliance, in order: founded, joined, left, lead_changed, rotation_reordered,
-- updated, dissolved. The timeline of the detail page.
CREATE TABLE alliance_event (
    id INTEGER PRIMARY KEY,
    alliance_id INTEGER NOT NULL REFERENCES alliance(id),
    occurred_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    unit_id INTEGER REFERENCES unit(id),
    reason TEXT NOT NULL DEFAULT '',
    actor_user_id INTEGER REFERENCES app_user(id),
    created_at TEXT NOT NULL
);
CREATE INDEX alliance_event_alliance ON alliance_event (alliance_id);

-- The order in which member units host (轮值). Units missing from it follow, by joining date.
CREATE TABLE rotation_position (
    alliance_id INTEGER NOT NULL REFERENCES alliance(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (alliance_id, unit_id)
);

-- Turns that have been fixed because they have started: past turns never change.
CREATE TABLE rotation_turn (
    id INTEGER PRIMARY KEY,
    alliance_id INTEGER NOT NULL REFERENCES alliance(id),
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    host_unit_id INTEGER NOT NULL REFERENCES unit(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (alliance_id, year, sequence)
);

CREATE TABLE application (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('join', 'found', 'leave')),
    state TEXT NOT NULL CHECK (state IN ('submitted', 'consulting', 'under_review', 'approved',
                                         'rejected', 'withdrawn')),
    applicant_unit_id INTEGER NOT NULL REFERENCES unit(id),
    applicant_user_id INTEGER NOT NULL REFERENCES app_user(id),
    alliance_id INTEGER REFERENCES alliance(id),
    reason TEXT NOT NULL DEFAULT '',
    proposed_name TEXT,
    proposed_office_area_id INTEGER REFERENCES office_area(id),
    proposed_lead_unit_id INTEGER REFERENCES unit(id),
    created_alliance_id INTEGER REFERENCES alliance(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX application_state ON application (state);

-- The units a `found` application names, and each one's confirmation.
CREATE TABLE application_unit (
    application_id INTEGER NOT NULL REFERENCES application(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    confirmation TEXT NOT NULL DEFAULT 'pending' CHECK (confirmation IN ('pending', 'agreed', 'declined')),
    PRIMARY KEY (application_id, unit_id)
);

-- The timeline: who did what, when, with which opinion (意见).
CREATE TABLE application_step (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES application(id),
    action TEXT NOT NULL,
    unit_id INTEGER REFERENCES unit(id),
    user_id INTEGER NOT NULL REFERENCES app_user(id),
    agree INTEGER,
    opinion TEXT NOT NULL DEFAULT '',
    state_after TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX application_step_application ON application_step (application_id);

CREATE TABLE notification (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    object_type TEXT NOT NULL DEFAULT '',
    object_id TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notification_user ON notification (user_id, read_at);
