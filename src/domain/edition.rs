//! An edition's rules: its number, and its texts in one locale.

use super::Invalid;

pub const MAX_FOREWORD_BYTES: usize = 100_000;
pub const MAX_LINE_CHARS: usize = 300;

/// Edition numbers start at 1.
pub fn number(number: i32) -> Result<i32, Invalid> {
    if number < 1 {
        return Err(Invalid::new("number", "edition-number-invalid"));
    }
    Ok(number)
}

/// An edition's texts in one locale: title, foreword (Markdown, stored as written),
/// signature and the cover's alternative text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionTexts {
    pub title: String,
    pub foreword: String,
    pub signature_name: String,
    pub signature_role: String,
    pub cover_alt: String,
}

impl EditionTexts {
    /// Checks every field, reporting every problem at once; the one-line fields come back
    /// trimmed.
    pub fn validate(self) -> Result<Self, Vec<Invalid>> {
        let mut problems = Vec::new();
        if self.title.trim().is_empty() {
            problems.push(Invalid::new("title", "value-required"));
        }
        for (field, value) in [
            ("title", &self.title),
            ("signature", &self.signature_name),
            ("signature", &self.signature_role),
            ("cover_alt", &self.cover_alt),
        ] {
            if value.chars().count() > MAX_LINE_CHARS {
                problems.push(Invalid::new(field, "text-too-long").with_limit(MAX_LINE_CHARS));
            }
            // One line each: the title becomes an email's Subject header.
            if value.chars().any(char::is_control) {
                problems.push(Invalid::new(field, "control-characters"));
            }
        }
        if self.foreword.len() > MAX_FOREWORD_BYTES {
            problems.push(Invalid::new("foreword", "body-too-long").with_limit(MAX_FOREWORD_BYTES));
        }
        problems.dedup();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            title: self.title.trim().to_owned(),
            foreword: self.foreword,
            signature_name: self.signature_name.trim().to_owned(),
            signature_role: self.signature_role.trim().to_owned(),
            cover_alt: self.cover_alt.trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edition_texts_are_checked_and_trimmed() {
        let texts = EditionTexts {
            title: " Spring ".into(),
            foreword: "Dear readers.\n".into(),
            signature_name: " Layla ".into(),
            signature_role: String::new(),
            cover_alt: String::new(),
        };
        let checked = texts.clone().validate().unwrap();
        assert_eq!((checked.title.as_str(), checked.signature_name.as_str()), ("Spring", "Layla"));
        let bad = EditionTexts { title: " ".into(), foreword: "x".repeat(MAX_FOREWORD_BYTES + 1), ..texts.clone() };
        let fields: Vec<&str> = bad.validate().unwrap_err().iter().map(|i| i.field).collect();
        assert_eq!(fields, ["title", "foreword"]);
        let broken = EditionTexts { title: "Spring\r\nBcc: x@example.org".into(), ..texts.clone() };
        let codes: Vec<&str> = broken.validate().unwrap_err().iter().map(|i| i.code).collect();
        assert_eq!(codes, ["control-characters"]);
        assert!(number(0).is_err() && number(1).is_ok());
    }
}
