-- Two-factor sign-in (TOTP, RFC 6238) and the password policy (issue 14, 等保 2.0 level 3).
-- `password_changed_at` starts a password's 90 days; `policy_exempt` marks the demo accounts made
-- with LIANJIAN_DEMO_PASSWORD (no forced enrolment, no expiry).
ALTER TABLE app_user ADD COLUMN password_changed_at TEXT;
ALTER TABLE app_user ADD COLUMN policy_exempt INTEGER NOT NULL DEFAULT 0;
UPDATE app_user SET password_changed_at = updated_at;

-- One TOTP secret per account, sealed with the field cipher. It counts once `confirmed_at` is
-- set; `last_step` is the last accepted time step (a code is never accepted twice).
CREATE TABLE user_totp (
    user_id INTEGER PRIMARY KEY REFERENCES app_user(id),
    secret_sealed TEXT NOT NULL,
    created_at TEXT NOT NULL,
    confirmed_at TEXT,
    last_step INTEGER NOT NULL DEFAULT 0
);

-- The ten one-time recovery codes of a confirmed second factor: only their hashes.
CREATE TABLE user_recovery_code (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id),
    code_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX user_recovery_code_user ON user_recovery_code (user_id);

-- The hashes of an account's earlier passwords, for "not one of the last 5".
CREATE TABLE password_history (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, id);
CREATE INDEX user_session_open ON user_session (user_id, ended_at);
