//! Editions: the list, creating one, picking and ordering its stories, its texts per language, the readiness checklist, publishing; and sending it: preview per language, test send, send, progress.

/// This screen's templates, by name (registered with the theme by `desk::templates`).
pub const TEMPLATES: &[(&str, &str)] = &[];

/// This screen's own static files (a small script, say), served under `/assets/` and read
/// from `desk/assets/` of the theme: `(name, bytes)`.
pub const ASSETS: &[(&str, &[u8])] = &[];
