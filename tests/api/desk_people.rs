//! The desk: users and roles (admins), and each person's own account: name, language, time zone, password and second factor (TOTP).
