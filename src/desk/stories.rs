//! Stories: the list with filters and search, the side-by-side editor, preview, save conflicts, outdated translations, workflow buttons, the timeline, revisions and their comparison.

/// This screen's templates, by name (registered with the theme by `desk::templates`).
pub const TEMPLATES: &[(&str, &str)] = &[];

/// This screen's own static files (a small script, say), served under `/assets/` and read
/// from `desk/assets/` of the theme: `(name, bytes)`.
pub const ASSETS: &[(&str, &[u8])] = &[];
