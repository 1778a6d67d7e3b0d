//! The theme: page templates (minijinja) and static assets. The default theme is compiled
//! in; `site.theme_dir` may hold files of the same names that replace it, so a deployer can
//! restyle the site without recompiling.
//!
//! Templates get these helpers: `t("message-id", name=value, …)` for Fluent messages in the
//! page's language (the `lang` variable), and the filters `date` (an ISO date in the page's
//! locale, from CLDR), `digits` (numbers in the locale's digits), `script` (a locale code's
//! ISO 15924 script, for `data-script`, which the stylesheets pick fonts by) and
//! `digit_system` (`latn` or `arab`, for `data-digits`).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use minijinja::value::{Kwargs, Serde, Value, ValueKind};
use std::fmt::Write;

use minijinja::{escape_formatter, AutoEscape, Environment, Error, ErrorKind, Output, State};
use sha2::{Digest, Sha256};

use super::dates::DateFormats;
use crate::l10n::localize_digits;
use crate::l10n::{Args, Localizer, Style};

/// Built-in templates of the site and emails, by name (the desk's: `desk::templates`).
const TEMPLATES: &[(&str, &str)] = &[
    ("site/base.html", include_str!("../../templates/site/base.html")),
    ("site/macros.html", include_str!("../../templates/site/macros.html")),
    ("site/index.html", include_str!("../../templates/site/index.html")),
    ("site/edition.html", include_str!("../../templates/site/edition.html")),
    ("site/story.html", include_str!("../../templates/site/story.html")),
    ("site/archive.html", include_str!("../../templates/site/archive.html")),
    ("site/sitemap.xml", include_str!("../../templates/site/sitemap.xml")),
    ("site/robots.txt", include_str!("../../templates/site/robots.txt")),
    ("site/notice.html", include_str!("../../templates/site/notice.html")),
    ("site/reader.html", include_str!("../../templates/site/reader.html")),
    ("site/subscribe.html", include_str!("../../templates/site/subscribe.html")),
    ("site/preferences.html", include_str!("../../templates/site/preferences.html")),
    ("site/error.html", include_str!("../../templates/site/error.html")),
    ("email/edition.html", include_str!("../../templates/email/edition.html")),
    ("email/edition.txt", include_str!("../../templates/email/edition.txt")),
    ("email/confirm.html", include_str!("../../templates/email/confirm.html")),
    ("email/confirm.txt", include_str!("../../templates/email/confirm.txt")),
];

/// Built-in assets of the site, served under `/assets/` (the desk's: `desk::assets`).
const ASSETS: &[(&str, &[u8])] = &[("site.css", include_bytes!("../../templates/site/assets/site.css"))];

/// A static file of the theme.
pub struct Asset {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    /// Strong ETag over the bytes.
    pub etag: String,
}

pub struct Theme {
    env: Environment<'static>,
    assets: BTreeMap<String, Asset>,
}

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("theme file {0}: {1}")]
    Read(String, std::io::Error),
    #[error("template {0}: {1}")]
    Template(String, Error),
}

impl Theme {
    /// The built-in theme with any overrides from `override_dir` (`site/*.html`,
    /// `email/*`, `site/assets/*`), checked now so a broken template stops start-up, not a page view.
    pub fn load(
        override_dir: Option<&Path>,
        l10n: Arc<Localizer>,
        dates: Arc<DateFormats>,
    ) -> Result<Self, ThemeError> {
        let mut env = Environment::new();
        env.set_formatter(escape_without_slashes);
        for (name, built_in) in TEMPLATES.iter().chain(crate::desk::templates()) {
            let source = read_override(override_dir, name)?
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or_else(|| (*built_in).to_owned());
            env.add_template_owned(*name, source).map_err(|e| ThemeError::Template(name.to_string(), e))?;
        }
        let translate = l10n.clone();
        env.add_function("t", move |state: &State, id: &str, kwargs: Kwargs| -> Result<String, Error> {
            let lang = page_lang(state);
            let mut args = Args::new();
            for name in kwargs.args() {
                let value: Value = kwargs.get(name)?;
                args = match value.kind() {
                    ValueKind::Number => match i64::try_from(value.clone()) {
                        Ok(n) => args.with(name, n),
                        Err(_) => args.with(name, f64::try_from(value).unwrap_or_default()),
                    },
                    _ => args.with(name, value.to_string()),
                };
            }
            // Plain-text templates (emails' text parts) get no bidi isolation marks.
            let style = if state.name().ends_with(".txt") { Style::Plain } else { Style::Display };
            Ok(translate.format(&lang, id, None, &args, style))
        });
        env.add_filter("date", move |state: &State, iso: &str| -> Result<String, Error> {
            let date = chrono::NaiveDate::parse_from_str(iso.get(..10).unwrap_or(iso), "%Y-%m-%d")
                .map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("not a date: {iso}: {e}")))?;
            Ok(dates.long(&page_lang(state), date))
        });
        let scripts = l10n.clone();
        env.add_filter("script", move |code: &str| -> String { scripts.script(code).to_owned() });
        let systems = l10n.clone();
        env.add_filter("digit_system", move |code: &str| -> &'static str {
            match systems.digits(code) {
                crate::l10n::Digits::Latn => "latn",
                crate::l10n::Digits::Arab => "arab",
            }
        });
        let numbers = l10n.clone();
        env.add_filter("digits", move |state: &State, value: Value| -> String {
            localize_digits(&value.to_string(), numbers.digits(&page_lang(state)))
        });
        for (name, _) in TEMPLATES.iter().chain(crate::desk::templates()) {
            env.get_template(name).map_err(|e| ThemeError::Template(name.to_string(), e))?;
        }

        let mut assets = BTreeMap::new();
        let site_assets = ASSETS.iter().map(|asset| ("site/assets", asset));
        let desk_assets = crate::desk::assets().map(|asset| ("desk/assets", asset));
        for (folder, (name, built_in)) in site_assets.chain(desk_assets) {
            let bytes = read_override(override_dir, &format!("{folder}/{name}"))?.unwrap_or_else(|| built_in.to_vec());
            let etag = format!("\"{}\"", &hex(&Sha256::digest(&bytes))[..32]);
            assets.insert(name.to_string(), Asset { content_type: content_type(name), bytes, etag });
        }
        Ok(Self { env, assets })
    }

    pub fn render(&self, template: &str, context: impl serde::Serialize) -> Result<String, Error> {
        self.env.get_template(template)?.render(Value::from(Serde(&context)))
    }

    pub fn asset(&self, name: &str) -> Option<&Asset> {
        self.assets.get(name)
    }

    /// The site's own assets, which the static export writes (the desk's are served live only).
    pub fn site_asset_names(&self) -> impl Iterator<Item = &str> {
        ASSETS.iter().map(|(name, _)| *name)
    }
}

/// minijinja's HTML escaping also escapes `/`, which turns every URL into `&#x2f;` soup.
/// Escaping `& < > " '` is what HTML needs in text and quoted attributes.
fn escape_without_slashes(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    match (state.auto_escape(), value.as_str()) {
        (AutoEscape::Html, Some(text)) if !value.is_safe() => {
            for c in text.chars() {
                match c {
                    '&' => out.write_str("&amp;"),
                    '<' => out.write_str("&lt;"),
                    '>' => out.write_str("&gt;"),
                    '"' => out.write_str("&quot;"),
                    '\'' => out.write_str("&#39;"),
                    other => out.write_char(other),
                }
                .map_err(Error::from)?;
            }
            Ok(())
        }
        _ => escape_formatter(out, state, value),
    }
}

fn page_lang(state: &State) -> String {
    state.lookup("lang").map(|v| v.to_string()).unwrap_or_default()
}

fn read_override(dir: Option<&Path>, name: &str) -> Result<Option<Vec<u8>>, ThemeError> {
    let Some(dir) = dir else { return Ok(None) };
    let path = dir.join(name);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ThemeError::Read(path.display().to_string(), e)),
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
