//! Every code the program can send has its Fluent messages in every locale.

use std::path::Path;

use nashra::http::ApiError;
use nashra::l10n::Localizer;
use nashra::l10n::{Direction, LocaleSetting};

fn shipped() -> Localizer {
    let locales = [LocaleSetting::new("en", Direction::Ltr), LocaleSetting::new("ar", Direction::Rtl)];
    Localizer::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"), &locales, "en").unwrap()
}

#[test]
fn every_problem_code_has_a_title_and_detail_in_every_locale() {
    let l10n = shipped();
    for code in ApiError::codes() {
        for locale in ["en", "ar"] {
            assert!(l10n.has_message(locale, &format!("problem-{code}")), "{locale}: problem-{code} missing");
        }
    }
}

/// Field codes are written as `Invalid::new("field", "code")` in the source; each needs a
/// `field-<code>` message.
#[test]
fn every_field_code_in_the_source_has_a_message() {
    let mut codes = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                for part in source.split("Invalid::new(").skip(1) {
                    // The code is the last string literal before the closing parenthesis.
                    let arguments = &part[..part.find(')').unwrap_or(part.len())];
                    let quoted: Vec<&str> = arguments.split('"').collect();
                    if quoted.len() >= 3 {
                        codes.push(quoted[quoted.len() - 2].to_owned());
                    }
                }
            }
        }
    }
    assert!(codes.len() > 20, "found only {codes:?}");
    let l10n = shipped();
    for code in codes {
        for locale in ["en", "ar"] {
            assert!(l10n.has_message(locale, &format!("field-{code}")), "{locale}: field-{code} missing");
        }
    }
}
