-- The last TOTP time step a code was accepted for, so that a code (valid for about a minute and
-- a half with the allowed skew) cannot be used a second time, not even after a restart.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
