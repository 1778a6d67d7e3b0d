//! What a use case can refuse, in the use case's own words. `http` turns these into problem
//! responses; the CLI, the importer and the scheduler into their own messages. Nothing
//! here knows about HTTP statuses.
//!
//! Use:
//! - `Invalid` for input that breaks a rule of `domain` (one entry per field);
//! - `Conflict` for a valid request that clashes with stored state (each a [`Conflict`]);
//! - `Db` for the database failing (callers decide between "try again" and a bug);
//! - `Inconsistent` only for stored data that breaks an invariant (a bug, never the caller's).

use crate::db::DbError;
use crate::domain::workflow::Refusal;
use crate::domain::Invalid;

use super::NotReady;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    /// The caller's roles do not allow this.
    #[error("not allowed for the caller's roles")]
    Forbidden,
    #[error("invalid input")]
    Invalid(Vec<Invalid>),
    #[error("conflict: {}", .0.code())]
    Conflict(Conflict),
    /// A workflow step the translation's status does not allow.
    #[error("{action} is not allowed from {status}")]
    NotFrom { action: &'static str, status: &'static str },
    /// A reviewer acting on their own revision.
    #[error("own revision")]
    OwnRevision,
    #[error("edition not ready")]
    NotReady(Vec<NotReady>),
    /// A change to a versioned text without the version it was based on.
    #[error("the version the change is based on is required")]
    PreconditionRequired,
    /// A change based on a version that is no longer current.
    #[error("the text changed since it was read")]
    PreconditionFailed,
    /// Input that cannot be read as what it claims to be (a CSV file that is not UTF-8, say).
    #[error("unreadable input: {0}")]
    Unreadable(String),
    /// Not a JPEG, PNG or WebP image, whatever its name says.
    #[error("not a supported image")]
    UnsupportedImage,
    /// A file could not be written where the settings say (the media folder).
    #[error("storage: {0}")]
    Storage(std::io::Error),
    /// Composing or queuing mail failed for a reason of its own (a template, say).
    #[error("delivery: {0}")]
    Delivery(String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("stored data is inconsistent: {0}")]
    Inconsistent(&'static str),
}

/// A valid request that clashes with what is stored. Each is a problem code
/// (`problem-<code>` in the locales); the list of codes is derived from this enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Conflict {
    EmailTaken,
    LastAdmin,
    SlugTaken,
    EditionNumberTaken,
    StoryInOtherEdition,
    StoryPublished,
    PublishedNeedsReviewer,
    SourceLocale,
    NoSourceTranslation,
    EditionNotPublished,
    /// A send of the edition is already scheduled (cancel it first).
    SendAlreadyScheduled,
    /// Nothing to cancel: no send of the edition was scheduled.
    SendNotScheduled,
    /// Too late to cancel: the scheduled send has started.
    SendAlreadyStarted,
    /// An enrolment while a confirmed second factor is on.
    SecondFactorOn,
}

impl Conflict {
    pub fn code(self) -> &'static str {
        self.into()
    }
}

impl From<diesel::result::Error> for Error {
    fn from(error: diesel::result::Error) -> Self {
        Error::Db(error.into())
    }
}

impl From<Invalid> for Error {
    fn from(invalid: Invalid) -> Self {
        Error::Invalid(vec![invalid])
    }
}

impl From<Conflict> for Error {
    fn from(conflict: Conflict) -> Self {
        Error::Conflict(conflict)
    }
}

impl Error {
    /// A refused workflow step; `action` names what was attempted.
    pub fn refused(refusal: Refusal, action: &'static str) -> Self {
        match refusal {
            Refusal::Role(_) => Error::Forbidden,
            Refusal::NotFrom(status) => Error::NotFrom { action, status: status.as_str() },
            Refusal::OwnRevision => Error::OwnRevision,
            Refusal::CommentRequired => Invalid::new("comment", "comment-required").into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_codes_are_kebab_case() {
        assert_eq!(Conflict::PublishedNeedsReviewer.code(), "published-needs-reviewer");
        assert_eq!(Conflict::EmailTaken.code(), "email-taken");
    }
}
