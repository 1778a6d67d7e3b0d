//! The pages of a reader's own path, beside the published content: the subscribe form on a
//! page of its own, the pages that answer subscribing, confirming and leaving, and the
//! preferences page every email links to. Renderers only, from plain structs: the handlers
//! (`http::subscriptions`, `http::preferences`) read what a page shows and call these, so no
//! database is seen here. Every such page asks not to be indexed.

use minijinja::context;
use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::pages::{direction, locale_choices, SubscribeForm};
use super::{PagePath, Site, SiteError};

/// What frames every reader's page: its language and the newsletter's name in it.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub locale: &'a str,
    pub name: &'a str,
}

/// A short page: a title, a sentence, and maybe a button or a way back to the site.
#[derive(Debug, Clone, Default)]
pub struct Notice {
    pub title: String,
    pub message: String,
    /// A button posting to an address: `(action, label)`.
    pub button: Option<(String, String)>,
    /// The label of a link to the home page in the frame's language, if it should have one.
    pub home_link: Option<String>,
}

/// A subscriber as their preferences page shows them.
#[derive(Debug, Clone, Serialize)]
pub struct Subscriber {
    pub email: String,
    /// `pending`, `confirmed`, `unsubscribed` or `bounced`.
    pub status: String,
    pub locale: String,
}

/// The preferences page: the subscriber, the token that opened it (each form sends it back),
/// and what the last action did or why it was refused.
#[derive(Debug, Clone)]
pub struct Preferences {
    pub subscriber: Subscriber,
    pub token: String,
    /// A sentence saying what was just done.
    pub done: Option<String>,
    pub language_error: bool,
    pub erase_error: bool,
}

pub fn notice(site: &Site, frame: Frame, notice: &Notice) -> Result<String, SiteError> {
    let (action, button) = notice.button.clone().unzip();
    render(
        site,
        frame,
        "site/notice.html",
        context! {
            title => notice.title.clone(),
            message => notice.message.clone(),
            action,
            button,
            home_label => notice.home_link.clone(),
        },
    )
}

/// The subscribe form as a page, with what was typed and whether it was refused.
pub fn subscribe_page(site: &Site, frame: Frame, email: &str, invalid: bool) -> Result<String, SiteError> {
    let title = site.l10n.plain(frame.locale, "subscribe-form-title", &crate::l10n::Args::new());
    let form = SubscribeForm::refilled(site, email, invalid);
    render(site, frame, "site/subscribe.html", context! { title, subscribe => Value::from(Serde(&form)) })
}

pub fn preferences(site: &Site, frame: Frame, page: &Preferences) -> Result<String, SiteError> {
    #[derive(Serialize)]
    struct Shown<'a> {
        #[serde(flatten)]
        subscriber: &'a Subscriber,
        /// The name of their language, in the page's.
        language: String,
    }
    #[derive(Serialize)]
    struct Actions {
        language: String,
        unsubscribe: String,
        resubscribe: String,
        erase: String,
    }
    let language = site
        .l10n
        .settings()
        .find(|s| s.code == page.subscriber.locale)
        .map_or_else(|| page.subscriber.locale.clone(), |s| s.name.clone());
    // Relative: the page is the server's own, and its forms go back to whichever host name
    // the reader reached it by (the pages' Content-Security-Policy allows only that one).
    let action = |what: &str| site.base.link(&format!("/preferences/{what}"));
    let actions = Actions {
        language: action("language"),
        unsubscribe: action("unsubscribe"),
        resubscribe: action("resubscribe"),
        erase: action("erase"),
    };
    let title = site.l10n.plain(frame.locale, "preferences-title", &crate::l10n::Args::new());
    render(
        site,
        frame,
        "site/preferences.html",
        context! {
            title,
            subscriber => Value::from(Serde(Shown { subscriber: &page.subscriber, language })),
            token => page.token.clone(),
            done => page.done.clone(),
            language_error => page.language_error,
            erase_error => page.erase_error,
            actions => Value::from(Serde(actions)),
            locales => Value::from(Serde(locale_choices(site))),
        },
    )
}

fn render(site: &Site, frame: Frame, template: &str, page: Value) -> Result<String, SiteError> {
    let result = site.theme.render(
        template,
        context! {
            lang => frame.locale,
            dir => direction(site, frame.locale),
            name => frame.name,
            base => site.base.link(""),
            home => site.base.link(&PagePath::Home(frame.locale.to_owned()).path()),
            ..page
        },
    );
    result.map_err(|source| SiteError::Template { template: template.to_owned(), source })
}
