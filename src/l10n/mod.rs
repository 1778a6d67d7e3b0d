//! Everything the product says, in the reader's language: Fluent bundles from the files
//! built into the binary (`locales/<code>/*.ftl`, optionally replaced or added to by a folder
//! on disk: `sources`), locale matching, plural categories and the locale check.
//! Nothing outside this module touches Fluent directly.

mod bundle;
pub mod check;
mod locale;
mod negotiate;
pub mod plural;
pub mod sources;

pub use bundle::{Args, LoadError, Localizer, Style};
pub use locale::{localize_digits, Digits, Direction, LocaleSetting};
pub use negotiate::LocaleChoice;

/// The shipped `en` and `ar` locales, for unit tests.
#[cfg(test)]
pub(crate) fn shipped() -> Localizer {
    use crate::l10n::{Direction, LocaleSetting};
    let locales = [LocaleSetting::new("en", Direction::Ltr), LocaleSetting::new("ar", Direction::Rtl)];
    Localizer::built_in(&locales, "en").expect("the shipped locales load")
}
