//! Access tokens: short-lived JWTs signed with HMAC-SHA256 under a key derived from the
//! server's secret (see `auth::secret`). The algorithm is pinned, so a token claiming
//! `alg: none` or any other algorithm is refused, and so is one that names a key of its own
//! (`kid`, `jku`, `jwk`, `x5u`, `x5c`): nashra never issues those.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::secret::{KeyPurpose, Keyring};
use crate::config::AuthSettings;
use crate::domain::Role;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    /// The user id.
    pub sub: String,
    pub iat: u64,
    pub exp: u64,
    pub roles: Vec<Role>,
}

/// Signing and checking keys, built once from the settings.
pub struct TokenKeys {
    encoding: EncodingKey,
    /// The current key first, then those of earlier secrets.
    decoding: Vec<DecodingKey>,
    validation: Validation,
    issuer: String,
    audience: String,
    ttl: Duration,
}

impl TokenKeys {
    /// Fails only for an empty key, which derived keys never are.
    pub fn new(settings: &AuthSettings, keyring: &Keyring) -> Result<Self, jsonwebtoken::errors::Error> {
        let keys = keyring.keys(KeyPurpose::AccessTokens);
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        validation.leeway = 5;
        Ok(Self {
            encoding: EncodingKey::from_secret(&keys[0])?,
            decoding: keys.iter().map(|key| DecodingKey::from_secret(key)).collect::<Result<_, _>>()?,
            validation,
            issuer: settings.issuer.clone(),
            audience: settings.audience.clone(),
            ttl: Duration::from_secs(settings.access_token_ttl_secs),
        })
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    pub fn issue(&self, user_id: i64, roles: impl IntoIterator<Item = Role>) -> String {
        let iat = unix_now();
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: user_id.to_string(),
            iat,
            exp: iat + self.ttl.as_secs(),
            roles: roles.into_iter().collect(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HMAC signing of plain claims cannot fail")
    }

    /// The claims of a valid token: right signature, algorithm, issuer and audience, unexpired.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let header = jsonwebtoken::decode_header(token).ok()?;
        let names_a_key = header.kid.is_some()
            || header.jku.is_some()
            || header.jwk.is_some()
            || header.x5u.is_some()
            || header.x5c.is_some();
        if names_a_key {
            return None;
        }
        self.decoding.iter().find_map(|key| decode::<Claims>(token, key, &self.validation).ok()).map(|data| data.claims)
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::secret::derive;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn keys_for(secret: &str, audience: &str) -> TokenKeys {
        keys_rotated(secret, &[], audience)
    }

    fn keys_rotated(secret: &str, previous: &[&str], audience: &str) -> TokenKeys {
        let settings = settings(secret, previous, audience);
        TokenKeys::new(&settings, &Keyring::from_settings(&settings, None).unwrap()).unwrap()
    }

    fn settings(secret: &str, previous: &[&str], audience: &str) -> AuthSettings {
        AuthSettings {
            secret: secret.to_owned().into(),
            previous_secrets: previous.iter().map(|s| s.to_string().into()).collect(),
            issuer: "nashra".into(),
            audience: audience.into(),
            access_token_ttl_secs: 900,
            refresh_token_ttl_secs: 3600,
        }
    }

    const SECRET: &str = "a-test-secret-that-is-long-enough-for-hs256";
    const OTHER: &str = "another-secret-that-is-long-enough!!";

    #[test]
    fn tokens_signed_before_a_rotation_still_verify_and_new_ones_use_the_new_key() {
        let before = keys_for(SECRET, "nashra-api").issue(7, [Role::Editor]);
        let rotated = keys_rotated(OTHER, &[SECRET], "nashra-api");
        assert_eq!(rotated.verify(&before).unwrap().sub, "7");
        let after = rotated.issue(8, [Role::Editor]);
        assert!(keys_for(SECRET, "nashra-api").verify(&after).is_none());
        assert!(keys_for(OTHER, "nashra-api").verify(&after).is_some());
    }

    #[test]
    fn tokens_naming_a_key_of_their_own_are_refused() {
        let keys = keys_for(SECRET, "nashra-api");
        let signed = keys.issue(1, [Role::Admin]);
        let payload = signed.split('.').nth(1).unwrap();
        for header in [r#"{"alg":"HS256","kid":"1"}"#, r#"{"alg":"HS256","jku":"https://evil.example/k"}"#] {
            let header = URL_SAFE_NO_PAD.encode(header);
            let unsigned = format!("{header}.{payload}");
            let key = derive(SECRET, KeyPurpose::AccessTokens);
            let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(&key).unwrap();
            hmac::Mac::update(&mut mac, unsigned.as_bytes());
            let signature = URL_SAFE_NO_PAD.encode(hmac::Mac::finalize(mac).into_bytes());
            assert!(keys.verify(&format!("{unsigned}.{signature}")).is_none(), "{header}");
        }
    }

    #[test]
    fn issued_tokens_verify() {
        let keys = keys_for(SECRET, "nashra-api");
        let claims = keys.verify(&keys.issue(7, [Role::Editor])).unwrap();
        assert_eq!(claims.sub, "7");
        assert_eq!(claims.roles, vec![Role::Editor]);
        assert_eq!(claims.exp - claims.iat, 900);
    }

    #[test]
    fn other_keys_and_audiences_are_refused() {
        let keys = keys_for(SECRET, "nashra-api");
        let token = keys.issue(7, [Role::Admin]);
        assert!(keys_for(OTHER, "nashra-api").verify(&token).is_none());
        assert!(keys_for(SECRET, "someone-else").verify(&token).is_none());
    }

    #[test]
    fn unsigned_tokens_are_refused() {
        let keys = keys_for(SECRET, "nashra-api");
        let signed = keys.issue(1, [Role::Admin]);
        let payload = signed.split('.').nth(1).unwrap();
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        assert!(keys.verify(&format!("{header}.{payload}.")).is_none());
    }
}
