//! Users and roles (admins), and each person's own account: name, language, time zone, password and second factor (TOTP).

/// This screen's templates, by name (registered with the theme by `desk::templates`).
pub const TEMPLATES: &[(&str, &str)] = &[];

/// This screen's own static files (a small script, say), served under `/assets/` and read
/// from `desk/assets/` of the theme: `(name, bytes)`.
pub const ASSETS: &[(&str, &[u8])] = &[];
