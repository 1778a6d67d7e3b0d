//! What a locale is, as the configuration names it: its code, its name in itself, its
//! direction, its script, its digits and the CLDR locale of its dates; and writing digits its
//! way.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct LocaleSetting {
    pub code: String,
    pub name: String,
    pub direction: Direction,
    /// Its writing system, as an ISO 15924 code (`Latn`, `Arab`, `Cyrl`, `Hebr`…), which
    /// pages carry as `data-script` for the stylesheets to pick fonts by. Default: `Arab` for
    /// a right-to-left locale, `Latn` otherwise.
    #[serde(default)]
    pub script: Option<String>,
    /// How numbers and dates are written: `latn` (0-9) or `arab` (٠-٩).
    #[serde(default)]
    pub digits: Digits,
    /// The CLDR locale for dates, when it differs from `code` (`en-GB` writes
    /// "14 April 2019" where `en` writes "April 14, 2019").
    #[serde(default)]
    pub cldr_locale: Option<String>,
    /// The letters that label the stories of a lettered group, in order, separated by
    /// spaces (Arabic uses the abjad order: أ ب ج د …). Default: a to z.
    #[serde(default)]
    pub lettering: Option<String>,
}

impl LocaleSetting {
    /// A locale with Latin digits and its own CLDR data; the name is the code.
    pub fn new(code: &str, direction: Direction) -> Self {
        Self {
            code: code.into(),
            name: code.into(),
            direction,
            script: None,
            digits: Digits::Latn,
            cldr_locale: None,
            lettering: None,
        }
    }

    /// The locale's ISO 15924 script code.
    pub fn script(&self) -> &str {
        match (&self.script, self.direction) {
            (Some(script), _) => script,
            (None, Direction::Rtl) => "Arab",
            (None, Direction::Ltr) => "Latn",
        }
    }

    /// Whether `script` is written as ISO 15924 codes are: four ASCII letters, the first
    /// upper-case and the rest lower-case (`Arab`).
    pub fn script_is_valid(&self) -> bool {
        let script = self.script();
        let mut chars = script.chars();
        script.len() == 4
            && chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_lowercase())
    }

    /// The letters of [`LocaleSetting::lettering`], one per label.
    pub fn letters(&self) -> Vec<String> {
        match &self.lettering {
            Some(letters) => letters.split_whitespace().map(str::to_owned).collect(),
            None => ('a'..='z').map(String::from).collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Digits {
    #[default]
    Latn,
    Arab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of HTML's `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Writes ASCII digits in a locale's digit system (for numbers that are not dates).
pub fn localize_digits(text: &str, digits: Digits) -> String {
    match digits {
        Digits::Latn => text.to_owned(),
        Digits::Arab => text
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
                None => c,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_is_configured_or_follows_the_direction() {
        let mut hebrew = LocaleSetting::new("he", Direction::Rtl);
        assert_eq!(hebrew.script(), "Arab");
        hebrew.script = Some("Hebr".into());
        assert_eq!(hebrew.script(), "Hebr");
        assert!(hebrew.script_is_valid());
        assert_eq!(LocaleSetting::new("en", Direction::Ltr).script(), "Latn");
        for bad in ["arab", "ARAB", "Arabic", "Ar b", ""] {
            hebrew.script = Some(bad.into());
            assert!(!hebrew.script_is_valid(), "{bad:?}");
        }
    }
}
