//! Access tokens: short-lived JWTs signed with HMAC-SHA256. The algorithm is pinned, so a
//! token claiming `alg: none` or any other algorithm is refused.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

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
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    ttl: Duration,
}

impl TokenKeys {
    /// Fails only for an empty secret, which `Settings::jwt_secret_problem` refuses first.
    pub fn new(settings: &AuthSettings) -> Result<Self, jsonwebtoken::errors::Error> {
        let secret = settings.jwt_secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        validation.leeway = 5;
        Ok(Self {
            encoding: EncodingKey::from_secret(secret)?,
            decoding: DecodingKey::from_secret(secret)?,
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
        decode::<Claims>(token, &self.decoding, &self.validation).ok().map(|data| data.claims)
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn settings(secret: &str, audience: &str) -> AuthSettings {
        AuthSettings {
            jwt_secret: secret.to_owned().into(),
            issuer: "nashra".into(),
            audience: audience.into(),
            access_token_ttl_secs: 900,
            refresh_token_ttl_secs: 3600,
        }
    }

    const SECRET: &str = "a-test-secret-that-is-long-enough-for-hs256";

    #[test]
    fn issued_tokens_verify() {
        let keys = TokenKeys::new(&settings(SECRET, "nashra-api")).unwrap();
        let claims = keys.verify(&keys.issue(7, [Role::Editor])).unwrap();
        assert_eq!(claims.sub, "7");
        assert_eq!(claims.roles, vec![Role::Editor]);
        assert_eq!(claims.exp - claims.iat, 900);
    }

    #[test]
    fn other_keys_and_audiences_are_refused() {
        let keys = TokenKeys::new(&settings(SECRET, "nashra-api")).unwrap();
        let token = keys.issue(7, [Role::Admin]);
        assert!(TokenKeys::new(&settings("another-secret-that-is-long-enough!!", "nashra-api"))
            .unwrap()
            .verify(&token)
            .is_none());
        assert!(TokenKeys::new(&settings(SECRET, "someone-else")).unwrap().verify(&token).is_none());
    }

    #[test]
    fn unsigned_tokens_are_refused() {
        let keys = TokenKeys::new(&settings(SECRET, "nashra-api")).unwrap();
        let signed = keys.issue(1, [Role::Admin]);
        let payload = signed.split('.').nth(1).unwrap();
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        assert!(keys.verify(&format!("{header}.{payload}.")).is_none());
    }
}
