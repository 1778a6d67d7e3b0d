//! `nashra check-locales`.

use std::path::Path;

use super::Failure;
use crate::config::Settings;
use crate::l10n::check::{check_locales, Finding};

/// Reports every finding and fails if there is any. Written in English: when the locale
/// files are what is broken, they cannot be trusted to explain it.
pub fn check(settings: &Settings, dir: &Path) -> Result<(), Failure> {
    let codes: Vec<&str> = settings.locale_codes().collect();
    let findings = check_locales(dir, &codes, &settings.default_locale);
    if findings.is_empty() {
        println!("locales OK: {} agree with {}", codes.join(", "), settings.default_locale);
        return Ok(());
    }
    for finding in &findings {
        println!("{}", describe(finding, &settings.default_locale));
    }
    Err(Failure::Technical(format!("{} locale problem(s) in {}", findings.len(), dir.display())))
}

fn describe(finding: &Finding, reference: &str) -> String {
    match finding {
        Finding::Unreadable { locale, detail } => format!("[{locale}] unreadable: {detail}"),
        Finding::Missing { locale, id } => {
            format!("[{locale}] missing message {id} (present in {reference})")
        }
        Finding::Extra { locale, id } => format!("[{locale}] message {id} is not in {reference}"),
        Finding::VariablesDiffer { locale, id, expected, found } => format!(
            "[{locale}] {id} uses variables {{{}}} but {reference} uses {{{}}}",
            found.join(", "),
            expected.join(", ")
        ),
    }
}
