//! Rendering emails: an edition in one locale, or a confirmation request, from the view
//! structs the site's loaders fill (`site::view`), never from the database. The shared part
//! of a message is rendered, and encoded for transfer, once per locale with a marker where
//! the subscriber's own link goes; [`Composed::body`] swaps in the link for each subscriber.

use lettre::message::header::ContentType;
use lettre::message::MultiPart;
use minijinja::context;
use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::body::EncodedPart;
use super::DeliveryError;
use crate::l10n::Args;
use crate::l10n::Direction;
use crate::render::markdown::to_safe_html;
use crate::site::pages::{Footer, ImageContext, Signature};
use crate::site::view::{Edition, Publication};
use crate::site::{PagePath, Site};

/// Where a subscriber's own link goes in a composed message; never sent as such.
const LINK_MARK: &str = "https://link.nashra.invalid/personal";
/// Where the link to a subscriber's preferences page goes (editions only).
const PREFERENCES_MARK: &str = "https://link.nashra.invalid/preferences";

/// A subscriber's own addresses in a message: `link` is the unsubscribe link of an edition
/// or the confirmation link of a confirmation request; `preferences` their preferences page
/// (an edition links to it; a confirmation request does not).
#[derive(Debug, Clone, Copy)]
pub struct PersonalLinks<'a> {
    pub link: &'a str,
    pub preferences: &'a str,
}

impl PersonalLinks<'_> {
    fn marked(&self) -> [(&str, &str); 2] {
        [(LINK_MARK, self.link), (PREFERENCES_MARK, self.preferences)]
    }

    fn fill(&self, text: &str) -> String {
        self.marked().iter().fold(text.to_owned(), |text, (mark, link)| text.replace(mark, link))
    }
}

/// A message for every subscriber of one locale, before personalisation.
#[derive(Debug, Clone)]
pub struct Composed {
    pub locale: String,
    pub subject: String,
    pub from_name: String,
    pub from_address: String,
    /// The site's host name, for `Message-ID` and `List-Id`.
    pub host: String,
    /// The HTML as rendered, for previews.
    html: String,
    /// The plain text as rendered, for previews.
    text: String,
    /// The bodies as sent: plain text, then HTML, the order of `multipart/alternative`.
    parts: [EncodedPart; 2],
}

impl Composed {
    /// The message body with the subscriber's `links` (already URLs) in place of the markers.
    pub fn body(&self, links: PersonalLinks) -> MultiPart {
        let [text, html] = &self.parts;
        let marked = links.marked();
        MultiPart::alternative().singlepart(text.with_links(&marked)).singlepart(html.with_links(&marked))
    }

    /// The HTML body with `links` in place of the markers, to show in a browser.
    pub fn html(&self, links: PersonalLinks) -> String {
        links.fill(&self.html)
    }

    /// The plain-text body with `links` in place of the markers.
    pub fn text(&self, links: PersonalLinks) -> String {
        links.fill(&self.text)
    }
}

#[derive(Serialize)]
struct EmailEdition {
    number: i32,
    title: String,
    date: String,
    foreword_html: String,
    foreword_text: String,
    signature: Signature,
    cover: Option<ImageContext>,
    parts: Vec<EmailPart>,
}

/// A group of stories (or all of them, without a heading), as on the edition's page.
#[derive(Serialize)]
struct EmailPart {
    heading: String,
    intro_html: String,
    intro_text: String,
    stories: Vec<EmailStory>,
}

/// The same edition in another language, named in that language ("اقرأ هذا العدد بالعربية").
#[derive(Serialize)]
struct OtherLanguage {
    lang: String,
    dir: &'static str,
    label: String,
    url: String,
}

#[derive(Serialize)]
struct EmailStory {
    /// Its letter in a lettered group, in the email's locale.
    label: Option<String>,
    title: String,
    summary: String,
    url: String,
    image: Option<ImageContext>,
}

/// The edition as an email in its locale. The personal links are the unsubscribe link and
/// the preferences page.
pub fn edition_email(
    site_: &Site,
    publication: &Publication,
    edition: &Edition,
    default_from: &str,
) -> Result<Composed, DeliveryError> {
    let locale = edition.locale.as_str();
    let parts = edition
        .parts
        .iter()
        .map(|part| EmailPart {
            heading: part.heading.clone(),
            intro_html: to_safe_html(&part.intro),
            intro_text: part.intro.clone(),
            stories: part
                .stories
                .iter()
                .map(|story| EmailStory {
                    label: story.letter.map(|place| site_.l10n.letter(locale, place)),
                    title: story.title.clone(),
                    summary: story.summary.clone(),
                    url: site_.base.absolute(&PagePath::Story(locale.to_owned(), story.slug.clone()).path()),
                    image: story.image.as_ref().map(|image| ImageContext::new(site_, image)),
                })
                .collect(),
        })
        .collect();
    let name = site_.name(publication, locale);
    let args =
        Args::new().with("name", name.clone()).with("number", edition.number).with("title", edition.title.clone());
    let subject = site_.l10n.plain(locale, "email-edition-subject", &args);
    let data = EmailEdition {
        number: edition.number,
        title: edition.title.clone(),
        date: edition.published_on.map(|d| d.to_string()).unwrap_or_default(),
        foreword_html: to_safe_html(&edition.foreword),
        foreword_text: edition.foreword.clone(),
        signature: Signature::of(edition),
        cover: edition.cover.as_ref().map(|image| ImageContext::new(site_, image)),
        parts,
    };
    let view_url = site_.base.absolute(&PagePath::Edition(locale.to_owned(), edition.slug.clone()).path());
    let values = context! {
        edition => Value::from(Serde(&data)),
        view_url,
        other_languages => Value::from(Serde(other_languages(site_, edition))),
        unsubscribe_url => LINK_MARK,
        preferences_url => PREFERENCES_MARK,
        footer => Value::from(Serde(Footer::new(publication, locale))),
    };
    let message = Message { locale, name: &name, subject, template: "email/edition" };
    compose(site_, publication, default_from, message, values)
}

/// The edition's page in each other configured locale it has a text in, in the order of the
/// configuration, each link named in its own language.
fn other_languages(site_: &Site, edition: &Edition) -> Vec<OtherLanguage> {
    site_
        .l10n
        .codes()
        .filter(|code| *code != edition.locale && edition.locales.iter().any(|l| l == code))
        .map(|code| OtherLanguage {
            lang: code.to_owned(),
            dir: direction(site_, code).0,
            label: site_.l10n.plain(code, "email-read-in-language", &Args::new()),
            url: site_.base.absolute(&PagePath::Edition(code.to_owned(), edition.slug.clone()).path()),
        })
        .collect()
}

/// The `dir` and text alignment of `locale`.
fn direction(site_: &Site, locale: &str) -> (&'static str, &'static str) {
    match site_.l10n.direction(locale) {
        Direction::Rtl => ("rtl", "right"),
        Direction::Ltr => ("ltr", "left"),
    }
}

/// The request to confirm a subscription in `locale`; the personal link is the
/// confirmation link.
pub fn confirmation_email(
    site_: &Site,
    publication: &Publication,
    locale: &str,
    default_from: &str,
) -> Result<Composed, DeliveryError> {
    let name = site_.name(publication, locale);
    let subject = site_.l10n.plain(locale, "email-confirm-subject", &Args::new().with("name", name.clone()));
    let message = Message { locale, name: &name, subject, template: "email/confirm" };
    compose(site_, publication, default_from, message, context! { confirm_url => LINK_MARK })
}

/// What a message is: its language, the newsletter's name, subject and templates.
struct Message<'a> {
    locale: &'a str,
    name: &'a str,
    subject: String,
    /// Without the `.html`/`.txt` suffix.
    template: &'static str,
}

fn compose(
    site_: &Site,
    publication: &Publication,
    default_from: &str,
    message: Message,
    values: Value,
) -> Result<Composed, DeliveryError> {
    let Message { locale, name, subject, template } = message;
    let (dir, align) = direction(site_, locale);
    let values = context! { lang => locale, dir, align, name, subject => subject.clone(), ..values };
    let render = |suffix: &str| {
        let name = format!("{template}.{suffix}");
        site_.theme.render(&name, &values).map_err(|source| DeliveryError::Template { template: name, source })
    };
    let html = css_inline::inline(&render("html")?)?;
    let text = render("txt")?;
    let from_name = publication
        .text(locale)
        .map(|t| t.sender_name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| name.to_owned());
    let from_address =
        Some(publication.sender_address.clone()).filter(|a| !a.is_empty()).unwrap_or_else(|| default_from.to_owned());
    let parts = [
        EncodedPart::new(ContentType::TEXT_PLAIN, &text, &[LINK_MARK, PREFERENCES_MARK]),
        EncodedPart::new(ContentType::TEXT_HTML, &html, &[LINK_MARK, PREFERENCES_MARK]),
    ];
    Ok(Composed {
        locale: locale.to_owned(),
        subject,
        from_name,
        from_address,
        host: site_.base.host(),
        html,
        text,
        parts,
    })
}
