//! Anti-forgery tokens for the desk's forms. Nothing is stored: a token is an HMAC, under a
//! key of its own (`KeyPurpose::DeskForms`), of what the browser already proves it holds: its
//! session family once signed in, or a random pre-session cookie on the sign-in form. Another
//! site can make a browser send the cookie but cannot read the page, so it cannot know the token.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::secret::{KeyPurpose, Keyring};

type HmacSha256 = Hmac<Sha256>;

/// What a token is bound to.
#[derive(Debug, Clone, Copy)]
pub enum Binding<'a> {
    /// A signed-in desk session, by its session family.
    Session(&'a str),
    /// The sign-in form, by the browser's pre-session nonce.
    SignIn(&'a str),
    /// A sign-in waiting for its second factor: the account, the deadline and the nonce.
    SecondFactor(&'a str),
}

impl Binding<'_> {
    fn message(self) -> Vec<u8> {
        match self {
            Binding::Session(family) => [b"session:".as_slice(), family.as_bytes()].concat(),
            Binding::SignIn(nonce) => [b"sign-in:".as_slice(), nonce.as_bytes()].concat(),
            Binding::SecondFactor(pending) => [b"second-factor:".as_slice(), pending.as_bytes()].concat(),
        }
    }
}

#[derive(Clone)]
pub struct CsrfKeys {
    /// The signing key first, then the keys of earlier secrets, still accepted.
    keys: Vec<[u8; 32]>,
}

impl CsrfKeys {
    pub fn new(keyring: &Keyring) -> Self {
        Self { keys: keyring.keys(KeyPurpose::DeskForms) }
    }

    /// The token a form bound to `binding` carries.
    pub fn token(&self, binding: Binding) -> String {
        URL_SAFE_NO_PAD.encode(mac(&self.keys[0], binding).finalize().into_bytes())
    }

    /// Whether `presented` is the token for `binding`, compared in constant time.
    pub fn verify(&self, binding: Binding, presented: &str) -> bool {
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(presented.trim()) else { return false };
        self.keys.iter().any(|key| mac(key, binding).verify_slice(&bytes).is_ok())
    }
}

fn mac(key: &[u8; 32], binding: Binding) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(&binding.message());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AuthSettings;

    fn keys(secret: &str) -> CsrfKeys {
        let settings = AuthSettings {
            secret: secret.to_owned().into(),
            previous_secrets: Vec::new(),
            issuer: "nashra".into(),
            audience: "nashra-api".into(),
            access_token_ttl_secs: 900,
            refresh_token_ttl_secs: 3600,
        };
        CsrfKeys::new(&Keyring::from_settings(&settings, None).unwrap())
    }

    #[test]
    fn a_token_is_bound_to_its_session_and_key() {
        let keys = keys("an ordinary test secret, 7f3a9c1e5b2d4f6a8c0e");
        let token = keys.token(Binding::Session("family-a"));
        assert!(keys.verify(Binding::Session("family-a"), &token));
        assert!(!keys.verify(Binding::Session("family-b"), &token));
        assert!(!keys.verify(Binding::SignIn("family-a"), &token), "a sign-in token is no session token");
        assert!(!keys.verify(Binding::Session("family-a"), ""));
        assert!(!keys.verify(Binding::Session("family-a"), "not base64 !"));
        let other = keys_other();
        assert!(!other.verify(Binding::Session("family-a"), &token));
    }

    fn keys_other() -> CsrfKeys {
        keys("another ordinary test secret, 1b2c3d4e5f60718293a4")
    }
}
