-- What the desk needs of an account: the time zone its dates and times are shown and typed
-- in, and an optional TOTP second factor (the secret is set when enrolment starts and counts
-- only once totp_enabled_at is set, after a first code was checked) with single-use
-- recovery codes, stored hashed. An admin can require a second factor of every admin.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled_at TIMESTAMP;

CREATE TABLE totp_recovery_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX totp_recovery_codes_user ON totp_recovery_codes (user_id);

ALTER TABLE publication ADD COLUMN admins_need_totp BOOLEAN NOT NULL DEFAULT FALSE;
