//! The use cases: every write and every rule that spans more than one value, in one place
//! that the JSON API, the CLI, the importer and the scheduler all call. Each function runs
//! synchronously inside one database transaction, applies the pure rules of `domain`, and
//! returns [`Error`]; nothing here knows about requests or responses.

pub mod accounts;
pub mod editions;
pub mod error;
pub mod media;
pub mod outdated;
pub mod publication;
pub mod scheduler;
pub mod second_factor;
pub mod sending;
pub mod stories;
pub mod story_views;
pub mod subscribers;
pub mod subscriptions;
pub mod translations;

pub use editions::NotReady;
pub use error::{Conflict, Error};

/// Settings the workflow depends on.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The locale other translations are translated from (the default locale).
    pub source_locale: String,
    pub allow_self_approval: bool,
}

/// What a client's `If-Match` header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMatch {
    /// `*`: any current version.
    Any,
    Version(i64),
    /// A value that is no version of ours; never matches.
    Unknown,
}

impl IfMatch {
    /// Parses `"7"`, `W/"7"` or `*`.
    pub fn parse(raw: &str) -> Self {
        let raw = raw.trim();
        if raw == "*" {
            return IfMatch::Any;
        }
        let tag = raw.trim_start_matches("W/").trim_matches('"');
        tag.parse().map_or(IfMatch::Unknown, IfMatch::Version)
    }

    pub fn matches(self, version: i64) -> bool {
        match self {
            IfMatch::Any => true,
            IfMatch::Version(v) => v == version,
            IfMatch::Unknown => false,
        }
    }
}

/// The `ETag` of a translation version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_reads_strong_weak_and_any() {
        assert_eq!(IfMatch::parse("\"7\""), IfMatch::Version(7));
        assert_eq!(IfMatch::parse("W/\"7\""), IfMatch::Version(7));
        assert_eq!(IfMatch::parse("*"), IfMatch::Any);
        assert!(!IfMatch::parse("\"abc\"").matches(7));
        assert_eq!(IfMatch::parse(&etag(12)), IfMatch::Version(12));
    }
}
