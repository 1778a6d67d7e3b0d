//! Values that make up an account, each valid once constructed.

use super::Invalid;

/// An email address, trimmed and lower-cased so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// The longest address there can be (RFC 5321's path limit, less its brackets).
    pub const MAX_BYTES: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let normalized = raw.trim().to_lowercase();
        if normalized.len() > Self::MAX_BYTES || !email_address::EmailAddress::is_valid(&normalized) {
            return Err(Invalid::new("email", "invalid-email"));
        }
        Ok(Self(normalized))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A person's name as shown to colleagues: 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Invalid::new("display_name", "value-required"));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(Invalid::new("display_name", "control-characters"));
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(Invalid::new("display_name", "display-name-too-long").with_limit(Self::MAX_CHARS));
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A password someone is setting. Length is the rule that matters (NIST SP 800-63B); the
/// upper bound only keeps hashing requests small.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_BYTES: usize = 1024;

    pub fn parse(raw: String) -> Result<Self, Invalid> {
        if raw.chars().count() < Self::MIN_CHARS {
            return Err(Invalid::new("password", "password-too-short").with_limit(Self::MIN_CHARS));
        }
        if raw.len() > Self::MAX_BYTES {
            return Err(Invalid::new("password", "password-too-long").with_limit(Self::MAX_BYTES));
        }
        Ok(Self(raw))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized() {
        let email = EmailAddress::parse("  Amal@Example.ORG ").unwrap();
        assert_eq!(email.as_str(), "amal@example.org");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for raw in ["", "amal", "amal@", "@example.org", "a b@example.org"] {
            assert!(EmailAddress::parse(raw).is_err(), "{raw:?} was accepted");
        }
    }

    /// Spreadsheet formulas that are valid addresses: whoever exports subscribers to CSV must
    /// neutralise them (`http::subscribers`), since this type cannot refuse them.
    #[test]
    fn some_formula_like_addresses_are_valid() {
        for raw in ["=cmd|'/c_calc'!a1@example.org", "+1+1@example.org", "-2+3@example.org"] {
            assert!(EmailAddress::parse(raw).is_ok(), "{raw:?}");
        }
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse(" سلمى ").unwrap().into_string(), "سلمى");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(101)).is_err());
        assert!(DisplayName::parse("tab\there").is_err());
    }

    #[test]
    fn passwords_need_twelve_characters() {
        assert!(NewPassword::parse("short".into()).is_err());
        // Twelve Arabic letters are twelve characters, though 24 bytes.
        assert!(NewPassword::parse("كلمةسرطويلةج".into()).is_ok());
        assert!(NewPassword::parse("x".repeat(2000)).is_err());
    }
}
