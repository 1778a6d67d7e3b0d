//! The site's addresses, and the file each becomes in a static export. Live URLs and
//! export paths mirror each other: `/ar/stories/x/` is `ar/stories/x/index.html`.

use std::path::PathBuf;

use crate::l10n::Localizer;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PagePath {
    /// `/`: a language chooser.
    Root,
    /// `/{locale}/`: the latest edition.
    Home(String),
    /// `/{locale}/archive/`
    Archive(String),
    /// `/{locale}/editions/{slug}/`
    Edition(String, String),
    /// `/{locale}/stories/{slug}/`
    Story(String, String),
    /// `/{locale}/feed.atom`
    Feed(String),
    /// `/sitemap.xml`
    Sitemap,
    /// `/robots.txt`
    Robots,
}

/// What a request path means to the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    Page(PagePath),
    /// A page address without its trailing slash: redirect to the canonical one.
    AddSlash(String),
}

impl PagePath {
    pub fn resolve(path: &str, l10n: &Localizer) -> Option<Resolved> {
        // One leading slash only: `//en` is a host name to a browser, and a redirect to
        // `//en/` would send readers to another site.
        let segments: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
        let add_slash = || Some(Resolved::AddSlash(format!("/{}/", segments.join("/"))));
        let page = |page| Some(Resolved::Page(page));
        let locale = |code: &str| l10n.is_supported(code).then(|| code.to_owned());
        match segments.as_slice() {
            [""] => page(PagePath::Root),
            ["sitemap.xml"] => page(PagePath::Sitemap),
            ["robots.txt"] => page(PagePath::Robots),
            [code, ""] => page(PagePath::Home(locale(code)?)),
            [code, "feed.atom"] => page(PagePath::Feed(locale(code)?)),
            [code, "archive", ""] => page(PagePath::Archive(locale(code)?)),
            [code, "editions", slug, ""] if is_slug(slug) => page(PagePath::Edition(locale(code)?, slug.to_string())),
            [code, "stories", slug, ""] if is_slug(slug) => page(PagePath::Story(locale(code)?, slug.to_string())),
            [code] | [code, "archive"] if locale(code).is_some() => add_slash(),
            [code, "editions" | "stories", slug] if locale(code).is_some() && is_slug(slug) => add_slash(),
            _ => None,
        }
    }

    /// The site path (what follows the base URL).
    pub fn path(&self) -> String {
        match self {
            PagePath::Root => "/".into(),
            PagePath::Home(l) => format!("/{l}/"),
            PagePath::Archive(l) => format!("/{l}/archive/"),
            PagePath::Edition(l, slug) => format!("/{l}/editions/{slug}/"),
            PagePath::Story(l, slug) => format!("/{l}/stories/{slug}/"),
            PagePath::Feed(l) => format!("/{l}/feed.atom"),
            PagePath::Sitemap => "/sitemap.xml".into(),
            PagePath::Robots => "/robots.txt".into(),
        }
    }

    /// The file this page is exported to, relative to the export folder.
    pub fn export_file(&self) -> PathBuf {
        let path = self.path();
        let relative = path.trim_start_matches('/');
        if relative.is_empty() || relative.ends_with('/') {
            PathBuf::from(relative).join("index.html")
        } else {
            PathBuf::from(relative)
        }
    }

    /// The same page in another locale (for pages that have one).
    pub fn in_locale(&self, locale: &str) -> Option<PagePath> {
        let l = locale.to_owned();
        match self {
            PagePath::Home(_) => Some(PagePath::Home(l)),
            PagePath::Archive(_) => Some(PagePath::Archive(l)),
            PagePath::Edition(_, slug) => Some(PagePath::Edition(l, slug.clone())),
            PagePath::Story(_, slug) => Some(PagePath::Story(l, slug.clone())),
            PagePath::Feed(_) => Some(PagePath::Feed(l)),
            PagePath::Root | PagePath::Sitemap | PagePath::Robots => None,
        }
    }
}

/// Slugs as `domain::Slug` allows them; anything else is no page (and no path trick).
fn is_slug(segment: &str) -> bool {
    crate::domain::Slug::parse(segment).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l10n() -> Localizer {
        crate::l10n::shipped()
    }

    #[test]
    fn paths_round_trip_and_mirror_export_files() {
        let l10n = l10n();
        for page in [
            PagePath::Root,
            PagePath::Home("ar".into()),
            PagePath::Archive("en".into()),
            PagePath::Edition("ar".into(), "spring-2026".into()),
            PagePath::Story("ar".into(), "x".into()),
            PagePath::Feed("en".into()),
            PagePath::Sitemap,
            PagePath::Robots,
        ] {
            assert_eq!(PagePath::resolve(&page.path(), &l10n), Some(Resolved::Page(page.clone())));
        }
        assert_eq!(PagePath::Story("ar".into(), "x".into()).export_file(), PathBuf::from("ar/stories/x/index.html"));
        assert_eq!(PagePath::Root.export_file(), PathBuf::from("index.html"));
        assert_eq!(PagePath::Feed("en".into()).export_file(), PathBuf::from("en/feed.atom"));
    }

    #[test]
    fn unknown_and_tricky_paths_are_no_pages() {
        let l10n = l10n();
        let tricky = ["/fr/", "/en/stories/../../etc/", "/en/stories/Bad_Slug/", "/en/nothing/", "/api/v1/me"];
        // A redirect to `//en/` would leave the site for the host `en`.
        let other_hosts = ["//en", "//en/", "///en", "//evil.example/en", "//ar/stories/x"];
        for path in tricky.into_iter().chain(other_hosts) {
            assert_eq!(PagePath::resolve(path, &l10n), None, "{path}");
        }
        assert_eq!(PagePath::resolve("/ar", &l10n), Some(Resolved::AddSlash("/ar/".into())));
        assert_eq!(PagePath::resolve("/ar/stories/x", &l10n), Some(Resolved::AddSlash("/ar/stories/x/".into())));
    }
}
