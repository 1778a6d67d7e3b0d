//! The desk: the editorial web interface at `/desk/` (SPEC §11). This side of it knows no
//! HTTP: loaders read the database into view structs, one module per screen, and [`render`]
//! turns a view into HTML through the theme's `desk/*.html` templates. The routes, the
//! session cookie and the anti-forgery check are `http::desk`.

pub mod chrome;
pub mod editions;
pub mod library;
pub mod people;
pub mod start;
pub mod stories;

use serde::Serialize;

use crate::render::theme::Theme;

pub use chrome::Chrome;

/// Templates every desk page uses, and the start page's.
const COMMON: &[(&str, &str)] = &[
    ("desk/base.html", include_str!("../../templates/desk/base.html")),
    ("desk/macros.html", include_str!("../../templates/desk/macros.html")),
    ("desk/login.html", include_str!("../../templates/desk/login.html")),
    ("desk/error.html", include_str!("../../templates/desk/error.html")),
    ("desk/start.html", include_str!("../../templates/desk/start.html")),
];

/// Static files every desk page uses.
const COMMON_ASSETS: &[(&str, &[u8])] = &[
    ("desk.css", include_bytes!("../../templates/desk/assets/desk.css")),
    ("desk.js", include_bytes!("../../templates/desk/assets/desk.js")),
];

/// Every desk asset, by name (served under `/assets/`, overridable from `desk/assets/`).
pub fn assets() -> impl Iterator<Item = &'static (&'static str, &'static [u8])> {
    [COMMON_ASSETS, stories::ASSETS, editions::ASSETS, library::ASSETS, people::ASSETS].into_iter().flatten()
}

/// Every desk template, by name: each screen's module lists its own.
pub fn templates() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    [COMMON, stories::TEMPLATES, editions::TEMPLATES, library::TEMPLATES, people::TEMPLATES].into_iter().flatten()
}

/// A desk page as HTML: the template `desk/<name>.html` with the chrome every page shares
/// (`chrome`), the page's own view (`page`) and its language (`lang`, which the template
/// helpers read).
pub fn render(theme: &Theme, name: &str, chrome: &Chrome, page: impl Serialize) -> Result<String, minijinja::Error> {
    #[derive(Serialize)]
    struct Context<'a, P> {
        lang: &'a str,
        dir: &'a str,
        chrome: &'a Chrome,
        page: P,
    }
    theme.render(&format!("desk/{name}.html"), Context { lang: &chrome.lang, dir: chrome.dir, chrome, page })
}
