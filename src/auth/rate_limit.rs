//! Rate limits: a sliding window per key, counting login attempts per client and per
//! account, and subscribe requests per client.
//!
//! Written here rather than taken from a GCRA crate because an account's count is cleared
//! when the password was right (see `http::accounts::login`), which a token-bucket API has
//! no way to express.
//!
//! Memory is bounded whatever the input: keys are short (callers refuse or normalise long
//! ones first), each key keeps at most `max` instants, and a window tracks at most
//! `max_keys` keys. When it is full, keys whose hits have all left the window go first, then
//! the one that has been quiet longest. State is per process: several servers behind a
//! balancer each allow the configured number.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::LoginLimitSettings;

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
