//! What is said about an uploaded image, whatever the text placing it: its photo credit, one
//! shared by every language (the fallback) and one per language where it differs.

use super::Invalid;

pub const MAX_CREDIT_CHARS: usize = 300;

/// A photo credit ("Photo: Sara Ali"): trimmed, one line without control characters (it sits
/// in a caption, a line of an email and the public JSON), at most `MAX_CREDIT_CHARS`
/// characters. Empty means no credit.
pub fn credit(raw: &str) -> Result<String, Invalid> {
    checked("credit", raw)
}

/// Per-locale credits as a client gives them: `Some` sets a locale's own credit (empty for
/// "no credit in this language"), `None` removes it so the shared credit shows again.
pub type CreditChanges<'a> = [(&'a str, Option<&'a str>)];

/// [`CreditChanges`] once checked.
pub type CheckedCredits = Vec<(String, Option<String>)>;

/// Checks per-locale credits against the configured locale codes `known`; every problem at
/// once, all under the field `credits`.
pub fn credits(changes: &CreditChanges, known: &[&str]) -> Result<CheckedCredits, Vec<Invalid>> {
    let mut problems = Vec::new();
    let mut checked_changes = Vec::with_capacity(changes.len());
    for (locale, raw) in changes {
        if !known.contains(locale) {
            problems.push(Invalid::new("credits", "unknown-locale"));
            continue;
        }
        match raw.map(|raw| checked("credits", raw)).transpose() {
            Ok(credit) => checked_changes.push(((*locale).to_owned(), credit)),
            Err(invalid) => problems.push(invalid),
        }
    }
    problems.dedup();
    if problems.is_empty() {
        Ok(checked_changes)
    } else {
        Err(problems)
    }
}

/// The credit shown in `locale`: the locale's own (even an empty one), else the shared one.
pub fn credit_in<'a>(shared: &'a str, own: impl IntoIterator<Item = (&'a str, &'a str)>, locale: &str) -> &'a str {
    own.into_iter().find(|(l, _)| *l == locale).map_or(shared, |(_, credit)| credit)
}

/// Credits typed one per language (in configuration order, as the desk's forms have them) as
/// the shared credit and changes that keep the stored credits minimal: the first language's
/// is the shared one (what clients that know one credit see), a language whose credit is the
/// same loses its own (the shared one shows there), any other gets its own.
pub fn split_per_language<'a>(typed: &[(&'a str, &'a str)]) -> (&'a str, Vec<(&'a str, Option<&'a str>)>) {
    let shared = typed.first().map_or("", |(_, credit)| *credit);
    let changes =
        typed.iter().map(|(locale, credit)| (*locale, (credit.trim() != shared.trim()).then_some(*credit))).collect();
    (shared, changes)
}

fn checked(field: &'static str, raw: &str) -> Result<String, Invalid> {
    let credit = raw.trim();
    if credit.chars().count() > MAX_CREDIT_CHARS {
        return Err(Invalid::new(field, "text-too-long").with_limit(MAX_CREDIT_CHARS));
    }
    // Bidirectional marks are format characters, not control characters: they stay, as an
    // Arabic credit naming a Latin-script agency may need them.
    if credit.chars().any(char::is_control) {
        return Err(Invalid::new(field, "control-characters"));
    }
    Ok(credit.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credit_is_one_trimmed_line_of_bounded_length() {
        assert_eq!(credit("  Photo: Sara Ali \n").unwrap(), "Photo: Sara Ali");
        assert_eq!(credit("تصوير: سارة علي\u{200f}").unwrap(), "تصوير: سارة علي\u{200f}");
        assert_eq!(credit("Sara\nAli").unwrap_err().code, "control-characters");
        assert_eq!(credit("Sara\u{7}Ali").unwrap_err().code, "control-characters");
        assert_eq!(credit(&"x".repeat(MAX_CREDIT_CHARS)).unwrap().len(), MAX_CREDIT_CHARS);
        let long = credit(&"ب".repeat(MAX_CREDIT_CHARS + 1)).unwrap_err();
        assert_eq!((long.code, long.limit), ("text-too-long", Some(MAX_CREDIT_CHARS as u64)));
    }

    #[test]
    fn credits_per_locale_name_configured_locales() {
        let known = ["en", "ar"];
        let ok = credits(&[("en", Some(" Sara Ali ")), ("ar", None)], &known).unwrap();
        assert_eq!(ok, [("en".to_owned(), Some("Sara Ali".to_owned())), ("ar".to_owned(), None)]);
        let refused = credits(&[("xx", Some("a")), ("ar", Some("a\tb")), ("en", Some("a\nb"))], &known).unwrap_err();
        let codes: Vec<_> = refused.iter().map(|i| (i.field, i.code)).collect();
        assert_eq!(codes, [("credits", "unknown-locale"), ("credits", "control-characters")]);
    }

    #[test]
    fn credits_typed_per_language_are_stored_where_they_differ() {
        let typed = [("en", "Sara Ali"), ("ar", "تصوير: سارة علي"), ("ku", " Sara Ali "), ("fr", "")];
        let (shared, changes) = split_per_language(&typed);
        assert_eq!(shared, "Sara Ali");
        assert_eq!(changes, [("en", None), ("ar", Some("تصوير: سارة علي")), ("ku", None), ("fr", Some(""))]);
        assert_eq!(split_per_language(&[]), ("", vec![]));
    }

    #[test]
    fn a_locale_shows_its_own_credit_or_the_shared_one() {
        let own = [("ar", "تصوير: سارة علي"), ("fr", "")];
        assert_eq!(credit_in("Sara Ali", own, "ar"), "تصوير: سارة علي");
        assert_eq!(credit_in("Sara Ali", own, "en"), "Sara Ali");
        assert_eq!(credit_in("Sara Ali", own, "fr"), "", "an empty own credit means none");
    }
}
