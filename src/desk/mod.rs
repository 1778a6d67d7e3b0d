//! The desk: the editorial web interface at `/desk/` (SPEC §11). This side of it knows no
//! HTTP: loaders read the database into view structs, one module per screen, and [`render`]
//! turns a view into HTML through the theme's `desk/*.html` templates. The routes, the
//! session cookie and the anti-forgery check are `http::desk`.

pub mod chrome;
pub mod start;

use serde::Serialize;

use crate::render::theme::Theme;

pub use chrome::Chrome;

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
