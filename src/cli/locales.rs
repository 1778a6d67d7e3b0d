//! `nashra check-locales`.

use std::path::Path;

use super::{Context, Failure};
use crate::l10n::check::{check_locales, Finding};
use crate::l10n::Args;

/// Reports every finding and fails if there is any. The report's own words come from the
/// messages the command line already loaded: the configured ones if they load, else the
/// built-in ones, which the unit tests vouch for; never from the files being checked alone.
pub fn check(context: &Context, dir: &Path) -> Result<(), Failure> {
    let settings = &context.settings;
    let codes: Vec<&str> = settings.locale_codes().collect();
    let reference = settings.default_locale.as_str();
    let findings = check_locales(dir, &codes, reference);
    if findings.is_empty() {
        let args = Args::new().with("locales", codes.join(", ")).with("reference", reference);
        println!("{}", context.say("cli-locales-ok", &args));
        return Ok(());
    }
    for finding in &findings {
        println!("{}", describe(context, finding, reference));
    }
    let args = Args::new().with("count", findings.len()).with("folder", dir.display().to_string());
    Err(Failure::Said(context.say("cli-locales-failed", &args)))
}

fn describe(context: &Context, finding: &Finding, reference: &str) -> String {
    let (id, args) = match finding {
        Finding::Unreadable { locale, detail } => {
            ("cli-locales-unreadable", Args::new().with("locale", locale.as_str()).with("detail", detail.as_str()))
        }
        Finding::Missing { locale, id } => (
            "cli-locales-missing",
            Args::new().with("locale", locale.as_str()).with("id", id.as_str()).with("reference", reference),
        ),
        Finding::Extra { locale, id } => (
            "cli-locales-extra",
            Args::new().with("locale", locale.as_str()).with("id", id.as_str()).with("reference", reference),
        ),
        Finding::VariablesDiffer { locale, id, expected, found } => (
            "cli-locales-variables",
            Args::new()
                .with("locale", locale.as_str())
                .with("id", id.as_str())
                .with("reference", reference)
                .with("found", found.join(", "))
                .with("expected", expected.join(", ")),
        ),
    };
    context.say(id, &args)
}
