//! Choosing the locale of a request, in the order SPEC §4 fixes: `?lang=`, the path prefix,
//! the signed-in user's preference, `Accept-Language`, the default locale.

use fluent_langneg::{accepted_languages, negotiate_languages, NegotiationStrategy};
use unic_langid::LanguageIdentifier;

use super::Localizer;

/// What a request says about its language, one field per source.
#[derive(Debug, Default, Clone, Copy)]
pub struct LocaleChoice<'a> {
    /// The `lang` query parameter.
    pub query: Option<&'a str>,
    /// The request path; its first segment counts when it names a locale (`/ar/...`).
    pub path: &'a str,
    /// The authenticated user's preferred locale.
    pub user: Option<&'a str>,
    /// The raw `Accept-Language` header.
    pub accept_language: Option<&'a str>,
}

impl Localizer {
    pub fn negotiate(&self, choice: &LocaleChoice) -> &str {
        let path_prefix = choice.path.trim_start_matches('/').split('/').next();
        choice
            .query
            .and_then(|tag| self.match_tag(tag))
            .or_else(|| path_prefix.filter(|p| self.is_supported(p)).and_then(|p| self.match_tag(p)))
            .or_else(|| choice.user.and_then(|tag| self.match_tag(tag)))
            .or_else(|| choice.accept_language.and_then(|h| self.match_accept_language(h)))
            .unwrap_or_else(|| self.default_locale())
    }

    /// The supported locale a language tag means: exact, or by language (`ar-IQ` → `ar`).
    pub fn match_tag(&self, tag: &str) -> Option<&str> {
        let requested: LanguageIdentifier = tag.trim().parse().ok()?;
        self.best_of(&[requested])
    }

    /// The best supported locale for an `Accept-Language` header, honouring its q-values.
    pub fn match_accept_language(&self, header: &str) -> Option<&str> {
        self.best_of(&accepted_languages::parse(header))
    }

    fn best_of(&self, requested: &[LanguageIdentifier]) -> Option<&str> {
        let available: Vec<LanguageIdentifier> = self.codes().filter_map(|c| c.parse().ok()).collect();
        let chosen = negotiate_languages(requested, &available, None, NegotiationStrategy::Lookup);
        let chosen = chosen.first()?.to_string();
        self.codes().find(|code| *code == chosen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn localizer() -> Localizer {
        crate::l10n::shipped()
    }

    #[test]
    fn regional_tags_match_their_language() {
        let l10n = localizer();
        assert_eq!(l10n.match_tag("ar-IQ"), Some("ar"));
        assert_eq!(l10n.match_tag("en-GB"), Some("en"));
        assert_eq!(l10n.match_tag("fr"), None);
        assert_eq!(l10n.match_accept_language("fr-CA, ar-IQ;q=0.8, en;q=0.5"), Some("ar"));
        assert_eq!(l10n.match_accept_language("de, fr"), None);
    }

    #[test]
    fn sources_are_taken_in_the_specified_order() {
        let l10n = localizer();
        let all =
            LocaleChoice { query: Some("ar"), path: "/en/stories/x/", user: Some("en"), accept_language: Some("en") };
        assert_eq!(l10n.negotiate(&all), "ar");
        let no_query = LocaleChoice { query: None, path: "/ar/", ..all };
        assert_eq!(l10n.negotiate(&no_query), "ar");
        let api_path = LocaleChoice { path: "/api/v1/me", user: Some("ar"), ..no_query };
        assert_eq!(l10n.negotiate(&api_path), "ar");
        let header_only = LocaleChoice { user: None, accept_language: Some("ar-EG"), ..api_path };
        assert_eq!(l10n.negotiate(&header_only), "ar");
        let nothing = LocaleChoice { path: "/", ..Default::default() };
        assert_eq!(l10n.negotiate(&nothing), "en");
        let unknown_query = LocaleChoice { query: Some("xx"), path: "/ar/", ..Default::default() };
        assert_eq!(l10n.negotiate(&unknown_query), "ar");
    }
}
