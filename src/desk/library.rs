//! The media library (upload, list, texts per language, where each image is used) and the subscribers (search, counts, CSV import and export).

/// This screen's templates, by name (registered with the theme by `desk::templates`).
pub const TEMPLATES: &[(&str, &str)] = &[];

/// This screen's own static files (a small script, say), served under `/assets/` and read
/// from `desk/assets/` of the theme: `(name, bytes)`.
pub const ASSETS: &[(&str, &[u8])] = &[];
