//! The TOTP second factor (RFC 6238: SHA-1, 6 digits, 30-second steps, the parameters every
//! authenticator app reads from an `otpauth://` address), its QR code, and recovery codes.
//! Pure functions: storing the secret, the last step used and the recovery codes is
//! `db::totp`; the use cases are `service::second_factor`.
//!
//! The secret is kept as it is, not hashed: TOTP is a shared-secret scheme, and the server
//! has to compute the same codes the phone does to check one, so it must be able to read the
//! secret back. (Hashing it, as with passwords, would make every code uncheckable.) Access
//! to the database therefore matters as much as for the password hashes beside it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds per code.
pub const STEP_SECONDS: u64 = 30;
/// Digits per code.
pub const DIGITS: usize = 6;
/// Recovery codes handed out at enrolment.
pub const RECOVERY_CODES: usize = 10;

/// A new secret: 160 random bits (RFC 4226's recommendation), as unpadded base32, which is
/// what a person types into an app that cannot scan.
pub fn new_secret() -> String {
    match Secret::Raw(rand::random::<[u8; 20]>().to_vec()).to_encoded() {
        Secret::Encoded(text) => text,
        Secret::Raw(_) => String::new(),
    }
}

/// The `otpauth://` address an app reads from the QR code.
pub fn otpauth_url(secret: &str, issuer: &str, account: &str) -> String {
    use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
    let issuer = utf8_percent_encode(issuer, NON_ALPHANUMERIC).to_string();
    let account = utf8_percent_encode(account, NON_ALPHANUMERIC).to_string();
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
    )
}

/// The QR code of `text` as an inline `<svg>` element (no XML declaration), or `None` if the
/// text is too long for a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    let start = svg.find("<svg")?;
    Some(svg[start..].to_owned())
}

/// The time step `code` is right for, within one step either side of `now` (Unix seconds),
/// or `None`. Spaces in the code are ignored (apps show `123 456`).
pub fn matching_step(secret: &str, code: &str, now: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    let totp = TOTP::new_unchecked(Algorithm::SHA1, DIGITS, 0, STEP_SECONDS, bytes);
    let current = now / STEP_SECONDS;
    // Every candidate is computed and compared, so the time taken says nothing of which matched.
    let mut found = None;
    for step in [current.saturating_sub(1), current, current + 1] {
        if same(totp.generate(step * STEP_SECONDS).as_bytes(), code.as_bytes()) && found.is_none() {
            found = i64::try_from(step).ok();
        }
    }
    found
}

/// The code for `step` (for tests and the demo).
pub fn code_at(secret: &str, now: u64) -> Option<String> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    Some(TOTP::new_unchecked(Algorithm::SHA1, DIGITS, 0, STEP_SECONDS, bytes).generate(now))
}

/// Whether `text` is shaped like a TOTP code (digits and spaces) rather than a recovery code.
pub fn is_code_shaped(text: &str) -> bool {
    let digits: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == DIGITS && digits.iter().all(char::is_ascii_digit)
}

/// New recovery codes, shown once: ten letters and digits in two groups (`k7q2m-x9d4p`),
/// 50 random bits each.
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..10).map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char).collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// How a recovery code is stored. A fast hash is enough: the codes are random and long, not
/// chosen by people, so there is no dictionary to try; what matters is that the table alone
/// does not give them away. Case, spaces and hyphens do not count.
pub fn hash_recovery_code(code: &str) -> String {
    let normal: String = code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    URL_SAFE_NO_PAD.encode(Sha256::digest(format!("nashra-recovery:{normal}").as_bytes()))
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_its_step_and_one_either_side_only() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        let now = 1_800_000_015;
        let code = code_at(&secret, now).unwrap();
        assert_eq!(matching_step(&secret, &code, now), Some((now / 30) as i64));
        assert_eq!(matching_step(&secret, &code, now + 30), Some((now / 30) as i64));
        assert_eq!(matching_step(&secret, &code, now - 30), Some((now / 30) as i64));
        assert_eq!(matching_step(&secret, &code, now + 90), None);
        assert_eq!(matching_step(&secret, &format!("{} {}", &code[..3], &code[3..]), now), Some((now / 30) as i64));
        assert_eq!(matching_step(&secret, "12345", now), None);
        assert_eq!(matching_step(&secret, "abcdef", now), None);
    }

    #[test]
    fn rfc_6238_vector() {
        // RFC 6238, appendix B, SHA-1, T = 59: 94287082 (8 digits); the last six are ours.
        let secret = match Secret::Raw(b"12345678901234567890".to_vec()).to_encoded() {
            Secret::Encoded(s) => s,
            Secret::Raw(_) => unreachable!(),
        };
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
    }

    #[test]
    fn recovery_codes_are_distinct_and_hash_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        assert_eq!(hash_recovery_code(&codes[0]), hash_recovery_code(&codes[0].to_uppercase().replace('-', " ")));
        assert_ne!(hash_recovery_code(&codes[0]), hash_recovery_code(&codes[1]));
        assert!(!is_code_shaped(&codes[0]));
        assert!(is_code_shaped("123 456"));
    }

    #[test]
    fn the_qr_code_is_an_svg_element() {
        let svg = qr_svg(&otpauth_url(&new_secret(), "The Plains", "rana@plains.example")).unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
