//! Login rate limits: a sliding window per key, counting attempts per client address and
//! failures per account.
//!
//! Written here rather than taken from a GCRA crate because the account limit counts only
//! failures (checked before the password is tried, recorded after it failed), which a
//! token-bucket API that consumes on every check cannot express. State is per process:
//! several servers behind a balancer each allow the configured number.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::LoginLimitSettings;

/// Beyond this many tracked keys, idle ones are dropped on the next write.
const PRUNE_ABOVE: usize = 10_000;

pub struct SlidingWindow {
    max: usize,
    window: Duration,
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl SlidingWindow {
    pub fn new(max: u32, window: Duration) -> Self {
        Self { max: max as usize, window, hits: Mutex::new(HashMap::new()) }
    }

    /// `Err(wait)` when `key` has used up its allowance; `wait` is how long until it has not.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let mut hits = self.lock();
        let Some(times) = hits.get_mut(key) else {
            return Ok(());
        };
        self.forget_old(times, now);
        if times.len() < self.max {
            return Ok(());
        }
        let oldest = times.front().copied().unwrap_or(now);
        Err((oldest + self.window).saturating_duration_since(now))
    }

    pub fn record(&self, key: &str) {
        let now = Instant::now();
        let mut hits = self.lock();
        if hits.len() > PRUNE_ABOVE {
            hits.retain(|_, times| times.back().is_some_and(|last| now.duration_since(*last) < self.window));
        }
        let times = hits.entry(key.to_owned()).or_default();
        self.forget_old(times, now);
        times.push_back(now);
    }

    pub fn check_and_record(&self, key: &str) -> Result<(), Duration> {
        self.check(key)?;
        self.record(key);
        Ok(())
    }

    pub fn clear(&self, key: &str) {
        self.lock().remove(key);
    }

    fn forget_old(&self, times: &mut VecDeque<Instant>, now: Instant) {
        while times.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
            times.pop_front();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        // A panic while holding the lock leaves only counters behind; keep using them.
        self.hits.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The two login limits together.
pub struct LoginLimiter {
    pub per_account: SlidingWindow,
    pub per_address: SlidingWindow,
}

impl LoginLimiter {
    pub fn new(settings: &LoginLimitSettings) -> Self {
        Self {
            per_account: SlidingWindow::new(
                settings.account_failures,
                Duration::from_secs(settings.account_window_secs),
            ),
            per_address: SlidingWindow::new(
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
        assert!(limit.check("other").is_ok());
        limit.clear("k");
        assert!(limit.check("k").is_ok());
    }

    #[test]
    fn old_hits_leave_the_window() {
        let limit = SlidingWindow::new(1, Duration::from_millis(50));
        limit.record("k");
        assert!(limit.check("k").is_err());
        std::thread::sleep(Duration::from_millis(60));
        assert!(limit.check("k").is_ok());
    }
}
