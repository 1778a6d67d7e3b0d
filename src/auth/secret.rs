//! The server's signing secret: which ones are refused, and the separate keys derived from
//! it for access tokens and for subscribers' links.
//!
//! There is no built-in secret. A configured one must be long and must not look like a
//! placeholder; with none configured, the storage layer keeps a generated one beside the
//! data (`db::server_secret`). Secrets used before a rotation stay valid for verifying, so
//! rotating signs nobody out at once. Loading and storing are not done here.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

use crate::config::AuthSettings;

/// Shortest secret accepted: 256 bits, the size of an HMAC-SHA256 key.
pub const MIN_SECRET_BYTES: usize = 32;

/// Fewer distinct bytes than this is a pattern (`aaaa…`, `1234…`), not a secret.
const MIN_DISTINCT_BYTES: usize = 10;

/// Words that mark a value someone was meant to replace. Matched case-insensitively anywhere
/// in the secret, so that the placeholders of every tutorial and of earlier versions of this
/// project are refused, not only one exact string.
const PLACEHOLDER_MARKS: [&str; 10] = [
    "change-me",
    "changeme",
    "change_me",
    "replace-me",
    "replaceme",
    "placeholder",
    "insecure",
    "example",
    "your-secret",
    "secret-key-here",
];

/// Why a configured secret is refused; each is a Fluent message for the operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretProblem {
    TooShort,
    Placeholder,
}

impl SecretProblem {
    pub fn message_id(self) -> &'static str {
        match self {
            SecretProblem::TooShort => "startup-secret-short",
            SecretProblem::Placeholder => "startup-secret-placeholder",
        }
    }
}

/// Whether `secret` may sign or verify anything.
pub fn check(secret: &str) -> Result<(), SecretProblem> {
    if secret.len() < MIN_SECRET_BYTES {
        return Err(SecretProblem::TooShort);
    }
    let lower = secret.to_ascii_lowercase();
    let mut distinct = [false; 256];
    secret.bytes().for_each(|b| distinct[b as usize] = true);
    if PLACEHOLDER_MARKS.iter().any(|mark| lower.contains(mark))
        || distinct.iter().filter(|seen| **seen).count() < MIN_DISTINCT_BYTES
    {
        return Err(SecretProblem::Placeholder);
    }
    Ok(())
}

/// A new random secret: 256 bits, as URL-safe base64.
pub fn generate() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// What a key is for. Each purpose gets its own key, so a key that leaks from one use (a
/// link in an email, say) cannot sign for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPurpose {
    AccessTokens,
    SubscriberLinks,
    /// The desk's anti-forgery tokens (`auth::csrf`).
    DeskForms,
}

impl KeyPurpose {
    fn label(self) -> &'static [u8] {
        match self {
            KeyPurpose::AccessTokens => b"nashra access tokens v1",
            KeyPurpose::SubscriberLinks => b"nashra subscriber links v1",
            KeyPurpose::DeskForms => b"nashra desk forms v1",
        }
    }
}

/// The current secret and the previous ones, each already checked.
#[derive(Clone)]
pub struct Keyring {
    current: SecretString,
    previous: Vec<SecretString>,
}

impl Keyring {
    /// The keyring the settings describe; `stored` is the generated secret, used when none
    /// is configured. Every secret is checked, the previous ones included: a weak one would
    /// let anyone sign, whatever it is used for.
    pub fn from_settings(settings: &AuthSettings, stored: Option<SecretString>) -> Result<Self, SecretProblem> {
        let configured = settings.secret.expose_secret().trim();
        let current = if configured.is_empty() {
            stored.ok_or(SecretProblem::TooShort)?
        } else {
            SecretString::from(configured.to_owned())
        };
        let previous: Vec<SecretString> = settings
            .previous_secrets
            .iter()
            .map(|s| SecretString::from(s.expose_secret().trim().to_owned()))
            .filter(|s| !s.expose_secret().is_empty())
            .collect();
        for secret in std::iter::once(&current).chain(&previous) {
            check(secret.expose_secret())?;
        }
        Ok(Self { current, previous })
    }

    /// Whether the settings name a secret, so that none needs to be generated.
    pub fn is_configured(settings: &AuthSettings) -> bool {
        !settings.secret.expose_secret().trim().is_empty()
    }

    /// The keys for `purpose`: the one to sign with first, then the ones still accepted.
    pub fn keys(&self, purpose: KeyPurpose) -> Vec<[u8; 32]> {
        std::iter::once(&self.current).chain(&self.previous).map(|s| derive(s.expose_secret(), purpose)).collect()
    }
}

/// HMAC-SHA256 of the purpose's label under the secret.
pub fn derive(secret: &str, purpose: KeyPurpose) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(purpose.label());
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(secret: &str, previous: &[&str]) -> AuthSettings {
        AuthSettings {
            secret: secret.to_owned().into(),
            previous_secrets: previous.iter().map(|s| SecretString::from(s.to_string())).collect(),
            issuer: "nashra".into(),
            audience: "nashra-api".into(),
            access_token_ttl_secs: 900,
            refresh_token_ttl_secs: 3600,
        }
    }

    #[test]
    fn short_patterned_and_placeholder_secrets_are_refused() {
        assert_eq!(check("short"), Err(SecretProblem::TooShort));
        assert_eq!(check(&"a".repeat(64)), Err(SecretProblem::Placeholder));
        assert_eq!(check(&"0123456789".repeat(4)[..32]), Ok(()), "ten distinct bytes is the floor");
        assert_eq!(check("insecure-development-secret-change-me-before-production"), Err(SecretProblem::Placeholder));
        assert_eq!(check("please-CHANGE-ME-this-is-32-bytes-long!"), Err(SecretProblem::Placeholder));
        assert_eq!(check(&generate()), Ok(()));
    }

    #[test]
    fn purposes_get_different_keys_and_rotation_keeps_the_old_one_for_checking() {
        let old = generate();
        let new = generate();
        let ring = Keyring::from_settings(&settings(&new, &[&old]), None).unwrap();
        let tokens = ring.keys(KeyPurpose::AccessTokens);
        assert_eq!(tokens, vec![derive(&new, KeyPurpose::AccessTokens), derive(&old, KeyPurpose::AccessTokens)]);
        assert_ne!(tokens[0], ring.keys(KeyPurpose::SubscriberLinks)[0]);
        assert_ne!(&tokens[0][..], new.as_bytes(), "the secret itself is never a key");
    }

    #[test]
    fn the_stored_secret_is_used_only_when_none_is_configured() {
        let stored = generate();
        let ring = Keyring::from_settings(&settings("", &[]), Some(stored.clone().into())).unwrap();
        assert_eq!(ring.keys(KeyPurpose::AccessTokens)[0], derive(&stored, KeyPurpose::AccessTokens));
        let configured = generate();
        let ring = Keyring::from_settings(&settings(&configured, &[]), Some(stored.into())).unwrap();
        assert_eq!(ring.keys(KeyPurpose::AccessTokens)[0], derive(&configured, KeyPurpose::AccessTokens));
        assert!(Keyring::from_settings(&settings(&generate(), &["too-short"]), None).is_err());
    }
}
