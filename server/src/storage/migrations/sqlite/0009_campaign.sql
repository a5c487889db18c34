-- The yearly campaign (seed 五(一), 六(一)(三)): phases with local dates, the committee's reference
-- checklist, annual plans with review and versions, responsibility sheets, phase reports and the
-- deadline reminders the scheduler has sent. Dates ("YYYY-MM-DD") are local dates of the
-- deployment's time zone; timestamps are UTC text.

-- One campaign per year. `reminder_days`: a JSON array of whole days before a deadline on which
-- the people who must act get a to-do (default [7,1]).
CREATE TABLE campaign (
    year INTEGER PRIMARY KEY,
    reminder_days TEXT NOT NULL DEFAULT '[7,1]',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The three phases of a campaign, each an inclusive range of local dates.
CREATE TABLE campaign_phase (
    year INTEGER NOT NULL REFERENCES campaign(year),
    phase TEXT NOT NULL CHECK (phase IN ('planning', 'implementation', 'summary')),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    PRIMARY KEY (year, phase)
);

-- 共建活动参考清单: the activity templates the committee issues for a year. Retired, never
-- deleted once a plan item uses it.
CREATE TABLE checklist_item (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    linkage TEXT NOT NULL CHECK (linkage IN ('theory_study', 'resource_sharing', 'joint_practice',
                                             'team_building', 'central_work', 'conduct_discipline')),
    kind TEXT NOT NULL CHECK (kind IN ('theme_party_day', 'party_lecture', 'red_film', 'study_session',
                                       'mini_training', 'affairs_observation', 'knowledge_contest',
                                       'alliance_meeting', 'mutual_visit', 'practice', 'other')),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    suggested_month INTEGER CHECK (suggested_month BETWEEN 1 AND 12),
    key_date TEXT NOT NULL DEFAULT '',
    copied_from_id INTEGER REFERENCES checklist_item(id),
    retired_at TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX checklist_item_year ON checklist_item (year);

-- 活动计划: one per alliance per year; its content lives in versions.
CREATE TABLE plan (
    id INTEGER PRIMARY KEY,
    alliance_id INTEGER NOT NULL REFERENCES alliance(id),
    year INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (alliance_id, year)
);

-- Every version of a plan is kept. `contacts` (JSON array) and `support` (JSON object) are what
-- the lead unit wrote; `rotation_mode` is the alliance's at the time the version was opened.
CREATE TABLE plan_version (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    number INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
    rotation_mode TEXT NOT NULL,
    contacts TEXT NOT NULL DEFAULT '[]',
    support TEXT NOT NULL DEFAULT '{}',
    submitted_at TEXT,
    decided_at TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_by_user_id INTEGER REFERENCES app_user(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (plan_id, number)
);

-- The items of one plan version. `lineage_id` is shared by an item and its copies in later
-- versions (the id of its first appearance), which is how two versions are compared.
CREATE TABLE plan_item (
    id INTEGER PRIMARY KEY,
    plan_version_id INTEGER NOT NULL REFERENCES plan_version(id),
    lineage_id INTEGER,
    position INTEGER NOT NULL,
    theme TEXT NOT NULL,
    linkage TEXT NOT NULL CHECK (linkage IN ('theory_study', 'resource_sharing', 'joint_practice',
                                             'team_building', 'central_work', 'conduct_discipline')),
    kind TEXT NOT NULL CHECK (kind IN ('theme_party_day', 'party_lecture', 'red_film', 'study_session',
                                       'mini_training', 'affairs_observation', 'knowledge_contest',
                                       'alliance_meeting', 'mutual_visit', 'practice', 'other')),
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    planned_on TEXT,
    place TEXT NOT NULL DEFAULT '',
    host_unit_id INTEGER REFERENCES unit(id),
    checklist_item_id INTEGER REFERENCES checklist_item(id)
);
CREATE INDEX plan_item_version ON plan_item (plan_version_id);
CREATE INDEX plan_item_checklist ON plan_item (checklist_item_id);

CREATE TABLE plan_item_unit (
    plan_item_id INTEGER NOT NULL REFERENCES plan_item(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    PRIMARY KEY (plan_item_id, unit_id)
);

-- The review timeline of a plan: who did what to which version, with which opinion (意见).
CREATE TABLE plan_step (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    version_number INTEGER NOT NULL,
    action TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES app_user(id),
    unit_id INTEGER REFERENCES unit(id),
    opinion TEXT NOT NULL DEFAULT '',
    state_after TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX plan_step_plan ON plan_step (plan_id);

-- 责任书 (定目标、定措施、定人员、定职责): one per unit per year, in the alliance it belongs to.
-- The people are party members of the unit's registry.
CREATE TABLE responsibility_sheet (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    alliance_id INTEGER NOT NULL REFERENCES alliance(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    targets TEXT NOT NULL DEFAULT '',
    measures TEXT NOT NULL DEFAULT '',
    duties TEXT NOT NULL DEFAULT '',
    first_responsible_member_id INTEGER REFERENCES member(id),
    direct_responsible_member_id INTEGER REFERENCES member(id),
    liaison_member_id INTEGER REFERENCES member(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (year, unit_id)
);
CREATE INDEX responsibility_sheet_alliance ON responsibility_sheet (alliance_id, year);

-- 阶段汇报: an alliance's report at the end of a phase (its own account; figures from the ledger
-- come with activities). Its submission clears the phase-report deadline.
CREATE TABLE phase_report (
    id INTEGER PRIMARY KEY,
    alliance_id INTEGER NOT NULL REFERENCES alliance(id),
    year INTEGER NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('planning', 'implementation', 'summary')),
    account TEXT NOT NULL,
    submitted_by_user_id INTEGER NOT NULL REFERENCES app_user(id),
    submitted_at TEXT NOT NULL,
    UNIQUE (alliance_id, year, phase)
);

-- Reminders the scheduler has sent: the row is claimed in the transaction that writes the to-dos,
-- so each (deadline, days before, alliance) is sent once, whatever the number of servers.
CREATE TABLE deadline_reminder (
    year INTEGER NOT NULL,
    deadline TEXT NOT NULL,
    days_before INTEGER NOT NULL,
    alliance_id INTEGER NOT NULL REFERENCES alliance(id),
    sent_at TEXT NOT NULL,
    PRIMARY KEY (year, deadline, days_before, alliance_id)
);
