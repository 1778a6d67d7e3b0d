//! Argon2id password hashing. Both functions are slow on purpose (tens of milliseconds):
//! call them on the blocking pool, never on an async executor thread; the server runs them
//! through [`Hashing`].

use std::sync::OnceLock;

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};

/// Runs hashing on the blocking pool, on all but one CPU core at a time (at least one). Each
/// hash takes 19 MiB and tens of milliseconds of CPU: unbounded, 30 parallel logins took a
/// server from 112 MB to 561 MB resident; on every core, 20 logins a second tripled the
/// p99 latency of page reads. A burst of logins waits here instead, and readers keep a core.
pub struct Hashing {
    permits: tokio::sync::Semaphore,
}

impl Hashing {
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self { permits: tokio::sync::Semaphore::new(cores.saturating_sub(1).max(1)) }
    }

    /// Runs `work` once a hashing slot is free. `None` if it panicked.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let _permit = self.permits.acquire().await.ok()?;
        tokio::task::spawn_blocking(work).await.ok()
    }
}

impl Default for Hashing {
    fn default() -> Self {
        Self::new()
    }
}

/// OWASP's recommended Argon2id setting: 19 MiB of memory, two passes, one lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("constant Argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &str) -> String {
    hasher()
        .hash_password(password.as_bytes())
        .expect("hashing with generated salt and fixed parameters cannot fail")
        .to_string()
}

/// Checks a password against a stored PHC string. A malformed stored hash counts as a
/// mismatch rather than an error, so login never reveals it.
pub fn verify(password: &str, stored: &str) -> bool {
    hasher().verify_password(password.as_bytes(), stored).is_ok()
}

/// A hash no password matches, verified when the account does not exist so that a login
/// takes as long for an unknown email as for a wrong password.
pub fn verify_against_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("nashra-dummy-password-for-timing"));
    let _ = verify(password, dummy);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_their_password() {
        let stored = hash("correct horse battery");
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse battery!", &stored));
        assert!(!verify("anything", "not a phc string"));
    }

    #[test]
    fn every_hash_has_its_own_salt() {
        assert_ne!(hash("same password"), hash("same password"));
    }
}
