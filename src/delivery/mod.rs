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
pub mod message;
pub mod queue;
pub mod smtp;
pub mod subscription;
pub mod tokens;
pub mod worker;
