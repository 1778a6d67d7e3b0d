//! URL slugs for stories and editions.

use super::Invalid;

/// Lower-case ASCII letters, digits and single hyphens; 1 to 100 characters. Slugs appear in
/// public URLs of both languages, so they stay ASCII.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let valid_chars = raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let well_formed = !raw.starts_with('-') && !raw.ends_with('-') && !raw.contains("--");
        if raw.is_empty() || raw.len() > Self::MAX_CHARS || !valid_chars || !well_formed {
            return Err(Invalid::new("slug", "invalid-slug").with_limit(Self::MAX_CHARS));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_ascii_words() {
        assert!(Slug::parse("flood-relief-2019").is_ok());
        for bad in ["", "Flood", "flood relief", "-x", "x-", "a--b", "../etc", "قصة", &"a".repeat(101)] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
