//! Tokens in subscribers' links. Nothing is stored: each token carries what it is about and
//! an HMAC-SHA256 over that, under the subscriber-link key (derived apart from the access
//! token key, see `auth::secret`). A token cannot be guessed or forged, works for one
//! subscriber only, and a confirmation token is no unsubscribe token.
//!
//! - Unsubscribe: `<id>.<mac>`. It never expires: a mail client's one-click unsubscribe
//!   from an old message must still work.
//! - Preferences: `<id>.<mac>`, signed for another purpose. It never expires either, for the
//!   same reason. Subscriber ids are never reused (both backends' ids only grow), so the link
//!   of someone who erased their data names nobody rather than a newcomer.
//! - Confirm: `<id>.<epoch>.<expires>.<mac>`. It expires (`subscriptions.confirm_link_days`),
//!   and names the subscriber's link epoch, which unsubscribing advances, so a confirmation
//!   link from before someone left cannot sign them up again.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::auth::secret::{KeyPurpose, Keyring};

type HmacSha256 = Hmac<Sha256>;

/// What a valid confirmation token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfirmLink {
    pub subscriber_id: i64,
    /// The subscriber's link epoch when the link was made; it must still be theirs.
    pub epoch: i64,
}

#[derive(Clone)]
pub struct LinkTokens {
    /// The signing key first, then the keys of earlier secrets, still accepted.
    keys: Vec<[u8; 32]>,
}

impl LinkTokens {
    pub fn new(keyring: &Keyring) -> Self {
        Self { keys: keyring.keys(KeyPurpose::SubscriberLinks) }
    }

    pub fn unsubscribe(&self, subscriber_id: i64) -> String {
        let fields = subscriber_id.to_string();
        format!("{fields}.{}", self.sign(b"unsubscribe", &fields))
    }

    /// The subscriber a genuine unsubscribe token was made for.
    pub fn verify_unsubscribe(&self, token: &str) -> Option<i64> {
        let (fields, mac) = token.trim().rsplit_once('.')?;
        self.verify(b"unsubscribe", fields, mac)?;
        fields.parse().ok()
    }

    pub fn preferences(&self, subscriber_id: i64) -> String {
        let fields = subscriber_id.to_string();
        format!("{fields}.{}", self.sign(b"preferences", &fields))
    }

    /// The subscriber a genuine preferences token was made for.
    pub fn verify_preferences(&self, token: &str) -> Option<i64> {
        let (fields, mac) = token.trim().rsplit_once('.')?;
        self.verify(b"preferences", fields, mac)?;
        fields.parse().ok()
    }

    /// A confirmation token valid until `expires` (Unix seconds).
    pub fn confirm(&self, link: ConfirmLink, expires: i64) -> String {
        let fields = format!("{}.{}.{expires}", link.subscriber_id, link.epoch);
        format!("{fields}.{}", self.sign(b"confirm", &fields))
    }

    /// What a genuine confirmation token says, if it has not expired by `now` (Unix seconds).
    pub fn verify_confirm(&self, token: &str, now: i64) -> Option<ConfirmLink> {
        let (fields, mac) = token.trim().rsplit_once('.')?;
        self.verify(b"confirm", fields, mac)?;
        let mut parts = fields.split('.').map(str::parse::<i64>);
        let (Some(Ok(subscriber_id)), Some(Ok(epoch)), Some(Ok(expires)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        (now < expires).then_some(ConfirmLink { subscriber_id, epoch })
    }

    fn sign(&self, purpose: &[u8], fields: &str) -> String {
        URL_SAFE_NO_PAD.encode(mac(&self.keys[0], purpose, fields).finalize().into_bytes())
    }

    fn verify(&self, purpose: &[u8], fields: &str, tag: &str) -> Option<()> {
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        self.keys.iter().any(|key| mac(key, purpose, fields).verify_slice(&tag).is_ok()).then_some(())
    }
}

fn mac(key: &[u8; 32], purpose: &[u8], fields: &str) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(purpose);
    mac.update(b":");
    mac.update(fields.as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::secret::generate;
    use crate::config::AuthSettings;

    fn tokens(secret: &str, previous: &[&str]) -> LinkTokens {
        let settings = AuthSettings {
            secret: secret.to_owned().into(),
            previous_secrets: previous.iter().map(|s| s.to_string().into()).collect(),
            issuer: "nashra".into(),
            audience: "nashra-api".into(),
            access_token_ttl_secs: 900,
            refresh_token_ttl_secs: 3600,
        };
        LinkTokens::new(&Keyring::from_settings(&settings, None).unwrap())
    }

    #[test]
    fn unsubscribe_tokens_work_for_one_subscriber_only() {
        let secret = generate();
        let links = tokens(&secret, &[]);
        let token = links.unsubscribe(42);
        assert_eq!(links.verify_unsubscribe(&token), Some(42));
        assert_eq!(links.verify_confirm(&token, 0), None, "purposes are not interchangeable");
        let swapped = token.replacen("42.", "43.", 1);
        assert_eq!(links.verify_unsubscribe(&swapped), None, "bound to one subscriber");
        assert_eq!(tokens(&generate(), &[]).verify_unsubscribe(&token), None);
        for garbage in ["", "42", "42.", "x.y", "42.!!!", ".", "42.1.2.3.4"] {
            assert_eq!(links.verify_unsubscribe(garbage), None, "{garbage:?}");
            assert_eq!(links.verify_confirm(garbage, 0), None, "{garbage:?}");
        }
    }

    #[test]
    fn preferences_tokens_are_no_unsubscribe_tokens() {
        let links = tokens(&generate(), &[]);
        let token = links.preferences(42);
        assert_eq!(links.verify_preferences(&token), Some(42));
        assert_eq!(links.verify_unsubscribe(&token), None, "purposes are not interchangeable");
        assert_eq!(links.verify_preferences(&links.unsubscribe(42)), None);
        assert_eq!(links.verify_preferences(&token.replacen("42.", "43.", 1)), None, "bound to one subscriber");
        for garbage in ["", "42", "42.", "x.y", "42.!!!"] {
            assert_eq!(links.verify_preferences(garbage), None, "{garbage:?}");
        }
    }

    #[test]
    fn confirm_tokens_expire_and_carry_their_epoch() {
        let links = tokens(&generate(), &[]);
        let link = ConfirmLink { subscriber_id: 7, epoch: 3 };
        let token = links.confirm(link, 1_000);
        assert_eq!(links.verify_confirm(&token, 999), Some(link));
        assert_eq!(links.verify_confirm(&token, 1_000), None, "expired");
        let later = token.replacen(".1000.", ".9999.", 1);
        assert_eq!(links.verify_confirm(&later, 999), None, "the expiry is signed");
        let other_epoch = token.replacen("7.3.", "7.4.", 1);
        assert_eq!(links.verify_confirm(&other_epoch, 999), None, "the epoch is signed");
        assert_eq!(links.verify_unsubscribe(&token), None);
    }

    #[test]
    fn links_made_before_a_rotation_still_work() {
        let (old, new) = (generate(), generate());
        let before = tokens(&old, &[]).unsubscribe(5);
        let rotated = tokens(&new, &[&old]);
        assert_eq!(rotated.verify_unsubscribe(&before), Some(5));
        assert_eq!(tokens(&old, &[]).verify_unsubscribe(&rotated.unsubscribe(5)), None, "signed with the new key");
    }
}
