//! Access tokens that must never open the API, each wrong in exactly one way.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, EncodingKey, Header};
use serde_json::{json, Value};

pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// The access-token key the server derives from its secret: HMAC-SHA256 of a fixed label.
/// Written out here rather than taken from the library, so that the tests pin it.
pub fn access_token_key(secret: &str) -> Vec<u8> {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(b"nashra access tokens v1");
    mac.finalize().into_bytes().to_vec()
}

/// Signs `claims` with HS256 under the key the server derives from `secret`.
pub fn sign(secret: &str, claims: Value) -> String {
    sign_with_key(&access_token_key(secret), claims)
}

/// Signs `claims` with HS256 under `key` itself.
pub fn sign_with_key(key: &[u8], claims: Value) -> String {
    sign_with_header(key, Header::default(), claims)
}

pub fn sign_with_header(key: &[u8], header: Header, claims: Value) -> String {
    encode(&header, &claims, &EncodingKey::from_secret(key).unwrap()).unwrap()
}

/// Claims the server would accept for user 1 (the first admin), apart from `aud`, `iat` and `exp`.
pub fn admin_claims(aud: &str, iat: u64, exp: u64) -> Value {
    json!({"iss": "nashra", "aud": aud, "sub": "1", "iat": iat, "exp": exp, "roles": ["admin"]})
}

/// Named tokens that are forged, stale or malformed; `valid` is a real token of the server
/// signed with `secret`, so each forgery differs from a good token in one respect.
pub fn forged(secret: &str, valid: &str) -> Vec<(&'static str, String)> {
    let expired = sign(secret, admin_claims("nashra-api", now() - 3600, now() - 600));
    let wrong_audience = sign(secret, admin_claims("another-service", now(), now() + 60));
    let wrong_key = sign("some-other-secret-of-sufficient-length!", admin_claims("nashra-api", now(), now() + 60));
    let unknown_user = sign(
        secret,
        json!({"iss": "nashra", "aud": "nashra-api", "sub": "987654", "iat": now(), "exp": now() + 60, "roles": ["admin"]}),
    );
    let mut parts: Vec<String> = valid.split('.').map(str::to_owned).collect();
    let mut payload: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();
    payload["sub"] = json!("2");
    payload["roles"] = json!(["admin"]);
    parts[1] = URL_SAFE_NO_PAD.encode(payload.to_string());
    let tampered = parts.join(".");
    let unsigned =
        format!("{}.{}.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#), valid.split('.').nth(1).unwrap());
    let key = access_token_key(secret);
    let good = || admin_claims("nashra-api", now(), now() + 60);
    let without = |claim: &str| {
        let mut claims = good();
        claims.as_object_mut().unwrap().remove(claim);
        sign(secret, claims)
    };
    let mut wrong_issuer = good();
    wrong_issuer["iss"] = json!("someone-else");
    let with_header = |header: Header| sign_with_header(&key, header, good());
    let kid = Header { kid: Some("1".into()), ..Header::default() };
    let jku = Header { jku: Some("https://attacker.example/keys.json".into()), ..Header::default() };
    // Algorithm confusion: an RS256 header over an HMAC signature made with the right key.
    let rs256 = {
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(good().to_string())
        );
        let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(&key).unwrap();
        hmac::Mac::update(&mut mac, signed.as_bytes());
        format!("{signed}.{}", URL_SAFE_NO_PAD.encode(hmac::Mac::finalize(mac).into_bytes()))
    };
    vec![
        ("wrong issuer", sign(secret, wrong_issuer)),
        ("no exp", without("exp")),
        ("no sub", without("sub")),
        ("no iat", without("iat")),
        ("no iss", without("iss")),
        ("no aud", without("aud")),
        ("HS512", with_header(Header::new(jsonwebtoken::Algorithm::HS512))),
        ("RS256 header", rs256),
        ("kid header", with_header(kid)),
        ("jku header", with_header(jku)),
        ("signed with the secret itself", sign_with_key(secret.as_bytes(), good())),
        ("expired", expired),
        ("wrong audience", wrong_audience),
        ("wrong key", wrong_key),
        ("unknown user", unknown_user),
        ("tampered", tampered),
        ("alg none", unsigned),
        ("garbage", "not.a.jwt".to_owned()),
    ]
}
