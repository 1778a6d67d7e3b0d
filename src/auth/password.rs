//! Argon2id password hashing. Both functions are slow on purpose (tens of milliseconds):
//! call them on the blocking pool, never on an async executor thread; the server runs them
//! through [`Hashing`].

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tokio::time::Instant;

use argon2::password_hash::phc::{Output, PasswordHash};
use argon2::{Algorithm, Argon2, Block, Params, PasswordHasher, Version};

/// Runs hashing on the blocking pool, on all but one CPU core at a time (at least one). Each
/// hash takes 19 MiB and tens of milliseconds of CPU: unbounded, 30 parallel logins took a
/// server from 112 MB to 561 MB resident; on every core, 20 logins a second tripled the
/// p99 latency of page reads. A burst of logins waits here instead, and readers keep a core.
pub struct Hashing {
    permits: tokio::sync::Semaphore,
    spares: Arc<Mutex<Vec<(Memory, Instant)>>>,
}

/// Argon2's working memory, reused from one hash to the next while hashes keep coming.
///
/// Allocated afresh for every login, its 19 MiB were mapped, faulted in and zeroed by the
/// kernel each time: that doubled the cost of a login, so 20 logins a second could not run
/// on one core, and they queued for over a second. Kept, it costs 19 MiB per hashing slot
/// while logins come; [`Hashing`] frees it after `KEEP_MEMORY` without one.
#[derive(Default)]
pub struct Memory(Vec<Block>);

/// How long unused hashing memory is kept.
const KEEP_MEMORY: Duration = Duration::from_secs(2);

impl Hashing {
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let permits = tokio::sync::Semaphore::new(cores.saturating_sub(1).max(1));
        Self { permits, spares: Arc::default() }
    }

    /// Runs `work` once a hashing slot is free, with that slot's memory. `None` if it
    /// panicked.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce(&mut Memory) -> T + Send + 'static) -> Option<T> {
        let _permit = self.permits.acquire().await.ok()?;
        let mut memory = lock(&self.spares).pop().map(|(memory, _)| memory).unwrap_or_default();
        let (result, memory) = tokio::task::spawn_blocking(move || (work(&mut memory), memory)).await.ok()?;
        lock(&self.spares).push((memory, Instant::now()));
        let spares = self.spares.clone();
        tokio::spawn(async move {
            tokio::time::sleep(KEEP_MEMORY).await;
            lock(&spares).retain(|(_, returned)| returned.elapsed() < KEEP_MEMORY);
        });
        Some(result)
    }

    /// Hashing memory kept for the next hash, in bytes.
    #[cfg(test)]
    fn memory_kept(&self) -> usize {
        lock(&self.spares).iter().map(|(memory, _)| memory.0.len() * Block::SIZE).sum()
    }
}

impl Default for Hashing {
    fn default() -> Self {
        Self::new()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
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

/// Checks a password against a stored PHC string, in `memory`. A malformed stored hash
/// counts as a mismatch rather than an error, so login never reveals it.
///
/// What argon2's own `verify_password` does, except that it cannot be handed memory: read
/// the algorithm, version, parameters and salt from the string, hash, and compare the
/// outputs in constant time.
pub fn verify(password: &str, stored: &str, memory: &mut Memory) -> bool {
    let Ok(phc) = PasswordHash::new(stored) else { return false };
    let (Some(salt), Some(expected)) = (&phc.salt, &phc.hash) else { return false };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(phc.algorithm.as_str()), Params::try_from(&phc)) else {
        return false;
    };
    let version = match phc.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    memory.0.resize(params.block_count(), Block::default());
    let mut computed = vec![0; expected.len()];
    let hashed = Argon2::new(algorithm, version, params).hash_password_into_with_memory(
        password.as_bytes(),
        salt,
        &mut computed,
        &mut memory.0[..],
    );
    hashed.is_ok() && Output::new(&computed).is_ok_and(|computed| &computed == expected)
}

/// A hash no password matches, verified when the account does not exist so that a login
/// takes as long for an unknown email as for a wrong password.
pub fn verify_against_dummy(password: &str, memory: &mut Memory) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("nashra-dummy-password-for-timing"));
    let _ = verify(password, dummy, memory);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_their_password() {
        let stored = hash("correct horse battery");
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let memory = &mut Memory::default();
        assert!(verify("correct horse battery", &stored, memory));
        assert!(!verify("correct horse battery!", &stored, memory));
        assert!(!verify("anything", "not a phc string", memory));
        // The memory is reused, and other parameters resize it.
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x10, Params::new(8, 1, 1, None).unwrap());
        let other = argon2i.hash_password(b"pw").unwrap().to_string();
        assert!(verify("pw", &other, memory) && !verify("pw!", &other, memory));
        assert!(verify("correct horse battery", &stored, memory));
        // A tampered hash or salt matches nothing.
        let last = if stored.ends_with('A') { "B" } else { "A" };
        let tampered = format!("{}{last}", &stored[..stored.len() - 1]);
        assert!(!verify("correct horse battery", &tampered, memory));
        assert!(!verify("correct horse battery", &stored.replace("v=19", "v=7"), memory));
    }

    #[tokio::test(start_paused = true)]
    async fn hashing_memory_is_kept_while_used_then_freed() {
        let hashing = Hashing::new();
        let stored = hash("pw");
        let check = |password: &'static str| {
            let stored = stored.clone();
            move |memory: &mut Memory| verify(password, &stored, memory)
        };
        assert_eq!(hashing.run(check("pw")).await, Some(true));
        assert_eq!(hashing.memory_kept(), 19_456 * 1024, "kept for the next login");
        assert_eq!(hashing.run(check("nope")).await, Some(false));
        assert_eq!(hashing.memory_kept(), 19_456 * 1024, "reused, not added to");
        tokio::time::sleep(KEEP_MEMORY * 2).await;
        assert_eq!(hashing.memory_kept(), 0, "freed once logins stop");
    }

    #[test]
    fn every_hash_has_its_own_salt() {
        assert_ne!(hash("same password"), hash("same password"));
    }
}
