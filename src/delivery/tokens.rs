//! Tokens in subscribers' links (confirm, unsubscribe): `<id>.<mac>`, where the MAC is
//! HMAC-SHA256 over the purpose and the subscriber id under a key derived from the server's
//! signing secret. Nothing is stored; a token cannot be guessed or forged, works for one
//! subscriber only, and a confirmation token is no unsubscribe token.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Confirm,
    Unsubscribe,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::Confirm => b"confirm",
            Purpose::Unsubscribe => b"unsubscribe",
        }
    }
}

#[derive(Clone)]
pub struct LinkTokens {
    key: Vec<u8>,
}

impl LinkTokens {
    /// Derives the link key from the server secret, so the two never coincide.
    pub fn new(secret: &[u8]) -> Self {
        let mut derive = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
        derive.update(b"nashra subscriber links v1");
        Self { key: derive.finalize().into_bytes().to_vec() }
    }

    pub fn make(&self, purpose: Purpose, subscriber_id: i64) -> String {
        let mac = self.mac(purpose, subscriber_id).finalize().into_bytes();
        format!("{subscriber_id}.{}", URL_SAFE_NO_PAD.encode(mac))
    }

    /// The subscriber id a token was made for, if it is genuine and for `purpose`.
    pub fn verify(&self, purpose: Purpose, token: &str) -> Option<i64> {
        let (id, mac) = token.trim().split_once('.')?;
        let id: i64 = id.parse().ok()?;
        let mac = URL_SAFE_NO_PAD.decode(mac).ok()?;
        self.mac(purpose, id).verify_slice(&mac).ok().map(|_| id)
    }

    fn mac(&self, purpose: Purpose, subscriber_id: i64) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(purpose.label());
        mac.update(b":");
        mac.update(subscriber_id.to_string().as_bytes());
        mac
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_work_once_per_subscriber_and_purpose() {
        let tokens = LinkTokens::new(b"server secret");
        let token = tokens.make(Purpose::Unsubscribe, 42);
        assert_eq!(tokens.verify(Purpose::Unsubscribe, &token), Some(42));
        assert_eq!(tokens.verify(Purpose::Confirm, &token), None, "purposes are not interchangeable");
        let swapped = token.replacen("42.", "43.", 1);
        assert_eq!(tokens.verify(Purpose::Unsubscribe, &swapped), None, "bound to one subscriber");
        assert_eq!(LinkTokens::new(b"other secret").verify(Purpose::Unsubscribe, &token), None);
        for garbage in ["", "42", "42.", "x.y", "42.!!!"] {
            assert_eq!(tokens.verify(Purpose::Unsubscribe, garbage), None, "{garbage:?}");
        }
    }
}
