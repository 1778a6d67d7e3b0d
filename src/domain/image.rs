//! What is said about an uploaded image in every language: its credit.

use super::Invalid;

pub const MAX_CREDIT_CHARS: usize = 300;

/// A photo credit ("Photo: Sara Ali"): trimmed, at most `MAX_CREDIT_CHARS` characters.
pub fn credit(raw: &str) -> Result<String, Invalid> {
    let credit = raw.trim();
    if credit.chars().count() > MAX_CREDIT_CHARS {
        return Err(Invalid::new("credit", "text-too-long").with_limit(MAX_CREDIT_CHARS));
    }
    Ok(credit.to_owned())
}
