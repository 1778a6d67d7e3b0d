//! Knowing the content version without asking the database on every request.
//!
//! A page comes from the cache only if it was rendered at the current content version, and
//! reading that version is a database query. A server re-reads it at most every `recheck`;
//! a change made through this server (any successful write to the API, or the scheduler
//! publishing something) makes the next request read it at once. So an editor sees their
//! own change on the next page load, and a change made by another process (a second
//! server, `nashra import`) shows within `recheck`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

pub type Version = Option<NaiveDateTime>;

pub struct Freshness {
    recheck: Duration,
    /// Moves on every change this process makes; a version read before a move is stale.
    changes: AtomicU64,
    /// The last version read: when, at which change count, and what it was.
    last_read: Mutex<Option<(Instant, u64, Version)>>,
}

/// The change count when a read began; hand it back to [`Freshness::record`].
#[derive(Clone, Copy)]
pub struct ReadTicket(u64);

impl Freshness {
    pub fn new(recheck: Duration) -> Self {
        Self { recheck, changes: AtomicU64::new(0), last_read: Mutex::new(None) }
    }

    /// The current version if it was read recently and nothing changed since.
    pub fn known(&self) -> Option<Version> {
        let last = *self.lock();
        let (at, changes, version) = last?;
        (changes == self.changes.load(Ordering::Acquire) && at.elapsed() < self.recheck).then_some(version)
    }

    /// To call before reading the version from the database.
    pub fn ticket(&self) -> ReadTicket {
        ReadTicket(self.changes.load(Ordering::Acquire))
    }

    /// Remembers a version read from the database. If a change happened while it was being
    /// read, [`known`](Self::known) will not trust it.
    pub fn record(&self, ticket: ReadTicket, version: Version) {
        *self.lock() = Some((Instant::now(), ticket.0, version));
    }

    /// Content may have changed: the next request reads the version again.
    pub fn changed(&self) {
        self.changes.fetch_add(1, Ordering::AcqRel);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(Instant, u64, Version)>> {
        self.last_read.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(seconds: i64) -> Version {
        chrono::DateTime::from_timestamp(seconds, 0).map(|t| t.naive_utc())
    }

    #[test]
    fn a_read_is_trusted_until_a_change_or_the_recheck() {
        let freshness = Freshness::new(Duration::from_millis(50));
        assert_eq!(freshness.known(), None, "nothing read yet");
        let ticket = freshness.ticket();
        freshness.record(ticket, version(1));
        assert_eq!(freshness.known(), Some(version(1)));
        freshness.changed();
        assert_eq!(freshness.known(), None, "a change here means reading again");

        let ticket = freshness.ticket();
        freshness.record(ticket, version(2));
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(freshness.known(), None, "and so does time passing");
    }

    #[test]
    fn a_read_overtaken_by_a_change_is_not_trusted() {
        let freshness = Freshness::new(Duration::from_secs(60));
        let ticket = freshness.ticket();
        freshness.changed(); // a write commits while the version is being read
        freshness.record(ticket, version(1));
        assert_eq!(freshness.known(), None);
    }
}
