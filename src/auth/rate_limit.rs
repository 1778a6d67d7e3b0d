//! Rate limits: a sliding window per key, counting login attempts per client and per
//! account, and subscribe requests per client.
//!
//! Written here rather than taken from a GCRA crate because an account's count is cleared
//! when the password was right (see `http::accounts::login`), which a token-bucket API has
//! no way to express.
//!
//! Two stores behind one type, [`Limit`], chosen by the database backend:
//!
//! - **PostgreSQL: in the database** ([`Limit::Shared`], rows in `rate_limit_hits`, see
//!   `db::rate_limits`). Several servers on one PostgreSQL count together, so five wrong
//!   passwords spread over them lock the account on all. Each check is one short
//!   transaction under a per-key advisory lock, so concurrent servers cannot both take the
//!   last slot; expired rows are deleted as checks go, so the table holds one window's
//!   attempts at most.
//! - **SQLite: in memory** ([`Limit::InMemory`], [`SlidingWindow`]). SQLite means one
//!   process, which memory serves exactly, with no write (and no wait for SQLite's single
//!   write lock) on every attempt; see docs/operations.md for the measured cost of the other
//!   choice.
//!
//! Memory is bounded whatever the input: keys are short (callers refuse or normalise long
//! ones first), each key keeps at most `max` instants, and a window tracks at most
//! `max_keys` keys. When it is full, keys whose hits have all left the window go first, then
//! the one that has been quiet longest.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::LoginLimitSettings;
use crate::db::{self, rate_limits, Backend, Database, DbError};

/// Keys a window tracks by default: about 10 MB at the most, with the longest keys.
pub const DEFAULT_MAX_KEYS: usize = 10_000;

pub struct SlidingWindow {
    max: usize,
    window: Duration,
    max_keys: usize,
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl SlidingWindow {
    pub fn new(max: u32, window: Duration) -> Self {
        Self::with_capacity(max, window, DEFAULT_MAX_KEYS)
    }

    pub fn with_capacity(max: u32, window: Duration, max_keys: usize) -> Self {
        Self { max: max as usize, window, max_keys: max_keys.max(1), hits: Mutex::new(HashMap::new()) }
    }

    /// Counts a hit for `key` if its allowance is not used up; otherwise `Err(wait)`, how long
    /// until it is not. Checking and counting are one step, so concurrent callers can never
    /// together get more than the allowance.
    pub fn check_and_record(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let mut hits = self.lock();
        if let Some(times) = hits.get_mut(key) {
            forget_old(times, now, self.window);
            if times.len() >= self.max {
                let oldest = times.front().copied().unwrap_or(now);
                return Err((oldest + self.window).saturating_duration_since(now));
            }
            times.push_back(now);
            return Ok(());
        }
        if self.max == 0 {
            return Err(self.window);
        }
        if hits.len() >= self.max_keys {
            self.make_room(&mut hits, now);
        }
        hits.insert(key.to_owned(), VecDeque::from([now]));
        Ok(())
    }

    /// Forgets `key`'s hits: its allowance is whole again.
    pub fn clear(&self, key: &str) {
        self.lock().remove(key);
    }

    /// Keys tracked now.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }

    fn make_room(&self, hits: &mut HashMap<String, VecDeque<Instant>>, now: Instant) {
        hits.retain(|_, times| times.back().is_some_and(|last| now.duration_since(*last) < self.window));
        if hits.len() >= self.max_keys {
            let quietest = hits.iter().min_by_key(|(_, times)| times.back().copied()).map(|(key, _)| key.clone());
            if let Some(key) = quietest {
                hits.remove(&key);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        // A panic while holding the lock leaves only counters behind; keep using them.
        self.hits.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn forget_old(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times.front().is_some_and(|t| now.duration_since(*t) >= window) {
        times.pop_front();
    }
}

/// One limit: `max` hits per `window` and key, kept where [`Limit::for_backend`] chose.
pub enum Limit {
    InMemory(SlidingWindow),
    Shared(SharedWindow),
}

/// A window kept in the database, shared by every server on it.
pub struct SharedWindow {
    db: Database,
    /// Which limit the rows belong to (`login-account`, `login-address`, `subscribe`).
    bucket: &'static str,
    max: u32,
    window: Duration,
}

/// Why a check did not count a hit.
#[derive(Debug, thiserror::Error)]
pub enum LimitError {
    /// The allowance is used up; it is whole again after this long.
    #[error("rate limited for {0:?}")]
    Limited(Duration),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl Limit {
    /// In the database on PostgreSQL (several servers may share it), in memory on SQLite
    /// (one process).
    pub fn for_backend(db: &Database, bucket: &'static str, max: u32, window: Duration) -> Self {
        match db.backend() {
            Backend::Postgres { .. } => Self::shared(db, bucket, max, window),
            Backend::Sqlite { .. } => Limit::InMemory(SlidingWindow::new(max, window)),
        }
    }

    /// Kept in the database whatever the backend.
    pub fn shared(db: &Database, bucket: &'static str, max: u32, window: Duration) -> Self {
        Limit::Shared(SharedWindow { db: db.clone(), bucket, max, window })
    }

    /// Counts a hit for `key` if its allowance is not used up; otherwise
    /// `Err(LimitError::Limited(wait))`. Checking and counting are one step, so concurrent
    /// callers (in this process or, shared, in any) never together get more than the
    /// allowance.
    pub async fn check_and_record(&self, key: &str) -> Result<(), LimitError> {
        match self {
            Limit::InMemory(window) => window.check_and_record(key).map_err(LimitError::Limited),
            Limit::Shared(shared) => {
                let (bucket, max, key) = (shared.bucket, shared.max, key.to_owned());
                let window = chrono::Duration::from_std(shared.window).unwrap_or(chrono::Duration::MAX);
                let counted = shared
                    .db
                    .run(move |conn| {
                        rate_limits::check_and_record(conn, bucket, &key, max, window, db::now()).map_err(DbError::from)
                    })
                    .await?;
                counted.map_err(|wait| LimitError::Limited(wait.to_std().unwrap_or_default()))
            }
        }
    }

    /// Forgets `key`'s hits: its allowance is whole again. A database that fails here is
    /// logged, not passed on: the caller has already done what the right password allows.
    pub async fn clear(&self, key: &str) {
        match self {
            Limit::InMemory(window) => window.clear(key),
            Limit::Shared(shared) => {
                let (bucket, key) = (shared.bucket, key.to_owned());
                let cleared =
                    shared.db.run(move |conn| rate_limits::clear(conn, bucket, &key).map_err(DbError::from)).await;
                if let Err(error) = cleared {
                    tracing::warn!(%error, bucket, "could not clear a rate-limit count");
                }
            }
        }
    }
}

/// The two login limits together.
pub struct LoginLimiter {
    pub per_account: Limit,
    pub per_address: Limit,
}

impl LoginLimiter {
    pub fn new(settings: &LoginLimitSettings, db: &Database) -> Self {
        Self {
            per_account: Limit::for_backend(
                db,
                "login-account",
                settings.account_failures,
                Duration::from_secs(settings.account_window_secs),
            ),
            per_address: Limit::for_backend(
                db,
                "login-address",
                settings.address_attempts,
                Duration::from_secs(settings.address_window_secs),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_max_then_refuses_with_a_wait() {
        let limit = SlidingWindow::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(limit.check_and_record("k").is_ok());
        }
        let wait = limit.check_and_record("k").unwrap_err();
        assert!(wait > Duration::from_secs(58) && wait <= Duration::from_secs(60));
        assert!(limit.check_and_record("other").is_ok());
        limit.clear("k");
        assert!(limit.check_and_record("k").is_ok());
    }

    #[test]
    fn old_hits_leave_the_window() {
        let limit = SlidingWindow::new(1, Duration::from_millis(50));
        assert!(limit.check_and_record("k").is_ok());
        assert!(limit.check_and_record("k").is_err());
        std::thread::sleep(Duration::from_millis(60));
        assert!(limit.check_and_record("k").is_ok());
    }

    #[test]
    fn a_full_window_drops_the_quietest_key_and_never_grows() {
        let limit = SlidingWindow::with_capacity(2, Duration::from_secs(60), 3);
        for key in ["a", "b", "c"] {
            limit.check_and_record(key).unwrap();
            std::thread::sleep(Duration::from_millis(2));
        }
        limit.check_and_record("a").unwrap();
        limit.check_and_record("d").unwrap();
        assert_eq!(limit.len(), 3);
        assert!(limit.check_and_record("a").is_err(), "a was active, so it was kept");
        assert!(limit.check_and_record("b").is_ok(), "b was the quietest, so it was dropped");
        for n in 0..1_000 {
            let _ = limit.check_and_record(&n.to_string());
        }
        assert_eq!(limit.len(), 3);
    }

    #[test]
    fn concurrent_callers_never_get_more_than_the_allowance() {
        let limit = std::sync::Arc::new(SlidingWindow::new(5, Duration::from_secs(60)));
        let allowed: usize = (0..50)
            .map(|_| {
                let limit = limit.clone();
                std::thread::spawn(move || limit.check_and_record("account").is_ok() as usize)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .sum();
        assert_eq!(allowed, 5);
    }
}
