//! Everything the product says, in the reader's language: Fluent bundles loaded from
//! `locales/<code>/*.ftl`, locale matching, plural categories and the locale check.
//! Nothing outside this module touches Fluent directly.

mod bundle;
pub mod check;
mod locale;
mod negotiate;
pub mod plural;

pub use bundle::{Args, LoadError, Localizer, Style};
pub use locale::{localize_digits, Digits, Direction, LocaleSetting};
pub use negotiate::LocaleChoice;

/// The shipped `en` and `ar` locales, for unit tests.
#[cfg(test)]
pub(crate) fn shipped() -> Localizer {
    use crate::l10n::{Direction, LocaleSetting};
    let locales = [LocaleSetting::new("en", Direction::Ltr), LocaleSetting::new("ar", Direction::Rtl)];
    Localizer::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"), &locales, "en")
        .expect("the shipped locales load")
}
