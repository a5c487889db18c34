-- Party members (党员). The phone number is personal data: only its sealed form
-- (crypto::FieldCipher::seal) and a keyed hash for exact search are stored, never the number.
-- Members are never deleted; `active` = 0 takes one off the register.

CREATE TABLE member (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    post TEXT NOT NULL DEFAULT '',
    phone_sealed TEXT NOT NULL,
    phone_hash TEXT NOT NULL,
    joined_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('formal', 'probationary')),
    active INTEGER NOT NULL DEFAULT 1,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX member_unit ON member (unit_id);
CREATE INDEX member_phone_hash ON member (phone_hash);
-- One active member per phone number within a unit; the service answers 409 first, this index
-- stops two concurrent writers.
CREATE UNIQUE INDEX member_phone_in_unit ON member (unit_id, phone_hash) WHERE active = 1;
