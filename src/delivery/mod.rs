//! Email delivery: composing messages, the queue, and the workers that send it over SMTP.
//!
//! Sending an edition queues one delivery per confirmed subscriber in the database, in the
//! same transaction that decides who gets it. Workers (inside `nashra serve`, or alone with
//! `nashra worker`, on any number of machines) claim deliveries with a lease, send them
//! over a few persistent SMTP connections, and record the outcome: sent; retried later with
//! backoff after a temporary (4xx) failure; failed after a permanent (5xx) one. A worker that
//! dies mid-batch loses nothing: its lease runs out and another worker sends the rest, so at
//! most the messages it had in flight can arrive twice.

pub mod body;
pub mod compose;
pub mod links;
pub mod load;
pub mod message;
pub mod queue;
#[cfg(test)]
mod render_tests;
pub mod smtp;
pub mod worker;

use crate::db::DbError;

/// Why composing, queueing or recording mail failed. `http` and `cli` decide what their
/// callers are told.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("email template {template} failed: {source}")]
    Template { template: String, source: minijinja::Error },
    #[error("CSS inlining failed: {0}")]
    Inline(#[from] css_inline::InlineError),
    #[error("no such edition")]
    NoSuchEdition,
    #[error("the edition is not published")]
    NotPublished,
}

impl From<diesel::result::Error> for DeliveryError {
    fn from(error: diesel::result::Error) -> Self {
        DeliveryError::Db(error.into())
    }
}
