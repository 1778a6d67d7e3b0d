//! The rules for the publication's settings: contacts and the per-locale texts.

use super::{EmailAddress, Invalid};

pub const MAX_TEXT_CHARS: usize = 500;

/// The publication's settings as given, before they are stored (trimmed).
#[derive(Debug, Clone, Default)]
pub struct Publication<'a> {
    pub website_url: &'a str,
    pub social_account: &'a str,
    pub contact_email: &'a str,
    pub sender_address: &'a str,
    /// Per locale: newsletter name, postal address, funders line, sender name.
    pub texts: Vec<[&'a str; 4]>,
}

impl Publication<'_> {
    /// Every problem at once.
    pub fn check(&self) -> Result<(), Vec<Invalid>> {
        let mut problems = Vec::new();
        for (field, email) in [("contact_email", self.contact_email), ("sender_address", self.sender_address)] {
            if !email.is_empty() && EmailAddress::parse(email).is_err() {
                problems.push(Invalid::new(field, "invalid-email"));
            }
        }
        let url = self.website_url.trim();
        if !url.is_empty() && !url.starts_with("https://") && !url.starts_with("http://") {
            problems.push(Invalid::new("website_url", "invalid-link"));
        }
        let all_text = self.texts.iter().flatten().copied();
        if all_text.chain([self.social_account]).any(|t| t.chars().count() > MAX_TEXT_CHARS) {
            problems.push(Invalid::new("texts", "text-too-long").with_limit(MAX_TEXT_CHARS));
        }
        // The newsletter's and the sender's names go into the From and Subject headers.
        let one_line = |text: &str| !text.chars().any(char::is_control);
        if self.texts.iter().any(|[name, _, _, sender]| !one_line(name) || !one_line(sender)) {
            problems.push(Invalid::new("texts", "control-characters"));
        }
        if self.texts.iter().any(|[name, ..]| name.trim().is_empty()) {
            problems.push(Invalid::new("texts", "value-required"));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_links_and_bad_addresses_are_refused() {
        let bad = Publication {
            website_url: "javascript:alert(1)",
            contact_email: "nobody",
            texts: vec![[" ", "", "", ""]],
            ..Default::default()
        };
        let fields: Vec<&str> = bad.check().unwrap_err().iter().map(|i| i.field).collect();
        assert_eq!(fields, ["contact_email", "website_url", "texts"]);
        let good = Publication { website_url: "https://example.org", texts: vec![["Bulletin", "", "", ""]], ..bad };
        assert!(Publication { contact_email: "", ..good }.check().is_ok());
    }
}
