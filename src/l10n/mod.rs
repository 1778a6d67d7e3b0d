//! Everything the product says, in the reader's language: Fluent bundles loaded from
//! `locales/<code>/*.ftl`, locale matching, plural categories and the locale check.
//! Nothing outside this module touches Fluent directly.

mod bundle;
pub mod check;
mod negotiate;
pub mod plural;

pub use bundle::{Args, LoadError, Localizer, Style};
pub use negotiate::LocaleChoice;
