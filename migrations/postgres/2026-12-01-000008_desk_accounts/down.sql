ALTER TABLE publication DROP COLUMN admins_need_totp;
DROP TABLE totp_recovery_codes;
ALTER TABLE users DROP COLUMN totp_enabled_at;
ALTER TABLE users DROP COLUMN totp_secret;
ALTER TABLE users DROP COLUMN time_zone;
