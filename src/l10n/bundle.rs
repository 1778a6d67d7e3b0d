//! Loading the Fluent files once and formatting messages from any thread.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::plural::PluralSelector;
use super::sources::locale_files;
use super::{localize_digits, Digits, Direction, LocaleSetting};

type Bundle = FluentBundle<Arc<FluentResource>>;

/// How a message is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// With Fluent's bidi isolation marks around placeables: right for text people read in
    /// a page or an app, where an English name inside Arabic must not reorder the sentence.
    Display,
    /// Without them: for email headers, URLs, terminals and anything a program compares.
    Plain,
}

/// Named values for a message, e.g. `Args::new().with("count", 3)`.
#[derive(Default)]
pub struct Args<'a>(FluentArgs<'a>);

impl<'a> Args<'a> {
    pub fn new() -> Self {
        Self(FluentArgs::new())
    }

    pub fn with(mut self, name: &'a str, value: impl Into<FluentValue<'a>>) -> Self {
        self.0.set(name, value);
        self
    }
}

/// One configured locale with its two bundles: one keeps Fluent's bidi isolation marks
/// around placeables (right for text shown to people), the other drops them (right for
/// email headers, URLs, CLI output and anything a program compares).
struct LocaleBundles {
    setting: LocaleSetting,
    /// `setting.letters()`, split once.
    letters: Vec<String>,
    isolated: Bundle,
    plain: Bundle,
}

/// All locales' messages. Shared across request threads behind an `Arc`.
pub struct Localizer {
    locales: Vec<LocaleBundles>,
    by_code: HashMap<String, usize>,
    default: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: Fluent syntax errors: {errors}")]
    Syntax { path: PathBuf, errors: String },
    #[error("{path}: {errors}")]
    Conflict { path: PathBuf, errors: String },
    #[error("locale {0:?} is not a valid language tag")]
    BadTag(String),
    #[error("locale {locale} has no messages: none are built in and {folder} has no .ftl files")]
    Empty { locale: String, folder: PathBuf },
}

impl Localizer {
    /// The built-in messages of every configured locale, each file replaced or joined by
    /// those in `dir/<code>/` when that folder exists (see `l10n::sources`).
    pub fn load(dir: &Path, locales: &[LocaleSetting], default_code: &str) -> Result<Self, LoadError> {
        Self::load_from(Some(dir), locales, default_code)
    }

    /// The messages built into the binary alone.
    pub fn built_in(locales: &[LocaleSetting], default_code: &str) -> Result<Self, LoadError> {
        Self::load_from(None, locales, default_code)
    }

    fn load_from(dir: Option<&Path>, locales: &[LocaleSetting], default_code: &str) -> Result<Self, LoadError> {
        let mut loaded = Vec::with_capacity(locales.len());
        for setting in locales {
            let langid: LanguageIdentifier =
                setting.code.parse().map_err(|_| LoadError::BadTag(setting.code.clone()))?;
            let resources = read_resources(dir, &setting.code)?;
            let plurals = Arc::new(PluralSelector::for_locale(&setting.code));
            let isolated = build_bundle(&langid, setting.digits, &resources, plurals.clone(), true)?;
            let plain = build_bundle(&langid, setting.digits, &resources, plurals, false)?;
            loaded.push(LocaleBundles { letters: setting.letters(), setting: setting.clone(), isolated, plain });
        }
        let by_code: HashMap<String, usize> =
            loaded.iter().enumerate().map(|(i, l)| (l.setting.code.clone(), i)).collect();
        let default = by_code.get(default_code).copied().unwrap_or(0);
        Ok(Self { locales: loaded, by_code, default })
    }

    pub fn default_locale(&self) -> &str {
        &self.locales[self.default].setting.code
    }

    pub fn is_supported(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.locales.iter().map(|l| l.setting.code.as_str())
    }

    pub fn direction(&self, code: &str) -> Direction {
        self.entry(code).setting.direction
    }

    /// The locale's ISO 15924 script (`Arab`, `Latn`), for `data-script` on pages.
    pub fn script(&self, code: &str) -> &str {
        self.entry(code).setting.script()
    }

    pub fn digits(&self, code: &str) -> Digits {
        self.entry(code).setting.digits
    }

    /// The label of the story at `index` (from 0) of a lettered group, in the locale's own
    /// letters (`LocaleSetting::lettering`).
    pub fn letter(&self, code: &str, index: usize) -> String {
        crate::domain::groups::label(index, &self.entry(code).letters)
    }

    /// The configured locales, in configuration order.
    pub fn settings(&self) -> impl Iterator<Item = &LocaleSetting> {
        self.locales.iter().map(|l| &l.setting)
    }

    /// A message for display (bidi isolation kept). Falls back to the default locale, then
    /// to the message id itself, so a missing translation shows up instead of panicking.
    pub fn text(&self, locale: &str, id: &str, args: &Args) -> String {
        self.format(locale, id, None, args, Style::Display)
    }

    /// A message without bidi isolation marks, for headers, URLs and terminals.
    pub fn plain(&self, locale: &str, id: &str, args: &Args) -> String {
        self.format(locale, id, None, args, Style::Plain)
    }

    /// A message (`attr: None`) or one of its attributes, in the given style.
    pub fn format(&self, locale: &str, id: &str, attr: Option<&str>, args: &Args, style: Style) -> String {
        let fallbacks = [self.entry(locale), &self.locales[self.default]];
        for entry in fallbacks {
            let bundle = match style {
                Style::Display => &entry.isolated,
                Style::Plain => &entry.plain,
            };
            let pattern = bundle.get_message(id).and_then(|message| match attr {
                Some(name) => message.get_attribute(name).map(|a| a.value()),
                None => message.value(),
            });
            if let Some(pattern) = pattern {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args.0), &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(locale = %entry.setting.code, id, ?errors, "Fluent formatting errors");
                }
                return text.into_owned();
            }
            tracing::warn!(locale = %entry.setting.code, id, ?attr, "missing Fluent message");
        }
        match attr {
            Some(attr) => format!("{id}.{attr}"),
            None => id.to_owned(),
        }
    }

    pub fn has_message(&self, locale: &str, id: &str) -> bool {
        self.entry(locale).plain.has_message(id)
    }

    fn entry(&self, code: &str) -> &LocaleBundles {
        let index = self.by_code.get(code).copied().unwrap_or(self.default);
        &self.locales[index]
    }
}

fn read_resources(dir: Option<&Path>, code: &str) -> Result<Vec<(PathBuf, Arc<FluentResource>)>, LoadError> {
    locale_files(dir, code)?
        .into_iter()
        .map(|file| {
            let resource = FluentResource::try_new(file.text.into_owned()).map_err(|(_, errors)| {
                LoadError::Syntax { path: file.origin.clone(), errors: format!("{errors:?}") }
            })?;
            Ok((file.origin, Arc::new(resource)))
        })
        .collect()
}

/// Fluent's number formatting, with Arabic-Indic digits.
fn arabic_indic_numbers<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(number) => Some(localize_digits(&number.as_string(), Digits::Arab)),
        _ => None,
    }
}

fn build_bundle(
    langid: &LanguageIdentifier,
    digits: Digits,
    resources: &[(PathBuf, Arc<FluentResource>)],
    plurals: Arc<PluralSelector>,
    isolate: bool,
) -> Result<Bundle, LoadError> {
    let mut bundle = Bundle::new_concurrent(vec![langid.clone()]);
    bundle.set_use_isolating(isolate);
    if digits == Digits::Arab {
        bundle.set_formatter(Some(arabic_indic_numbers));
    }
    bundle
        .add_function("PLURAL", move |positional, named| plurals.fluent_function(positional, named))
        .map_err(|e| LoadError::Conflict { path: PathBuf::from("PLURAL"), errors: format!("{e:?}") })?;
    for (path, resource) in resources {
        bundle
            .add_resource(resource.clone())
            .map_err(|errors| LoadError::Conflict { path: path.clone(), errors: format!("{errors:?}") })?;
    }
    Ok(bundle)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::l10n::shipped;

    #[test]
    fn arabic_messages_pick_the_cldr_form_for_large_numbers() {
        let l10n = shipped();
        let detail = |count: u32| {
            let args = Args::new().with("count", count);
            l10n.format("ar", "problem-validation-failed", Some("detail"), &args, Style::Plain)
        };
        // fluent-bundle's own rules would say "other" for 103 and 111.
        assert_eq!(detail(103), "103 حقول غير صالحة.");
        assert_eq!(detail(111), "111 حقلًا غير صالح.");
        assert_eq!(detail(2), "حقلان غير صالحين.");
        assert_eq!(detail(100), "100 حقل غير صالح.");
    }

    #[test]
    fn display_style_isolates_placeables_and_plain_does_not() {
        let l10n = shipped();
        let args = Args::new().with("limit", 12);
        let display = l10n.format("en", "field-password-too-short", None, &args, Style::Display);
        let plain = l10n.format("en", "field-password-too-short", None, &args, Style::Plain);
        assert!(display.contains("\u{2068}12\u{2069}"));
        assert_eq!(plain, "The password needs at least 12 characters.");
    }

    #[test]
    fn missing_messages_fall_back_to_the_default_locale_then_the_id() {
        let l10n = shipped();
        assert_eq!(l10n.plain("xx", "problem-forbidden", &Args::new()), "Not allowed");
        assert_eq!(l10n.plain("ar", "no-such-message", &Args::new()), "no-such-message");
    }
}
