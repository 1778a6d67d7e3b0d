//! Rendering emails: an edition in one locale, or a confirmation request. The shared part
//! of a message is rendered, and encoded for transfer, once per locale with a marker where
//! the subscriber's own link goes; [`Composed::body`] swaps in the link for each subscriber.

use lettre::message::header::ContentType;
use lettre::message::MultiPart;
use minijinja::context;
use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::body::EncodedPart;
use crate::config::Direction;
use crate::db::editions::Edition;
use crate::db::{publication, site, DbConn};
use crate::error::ApiError;
use crate::l10n::Args;
use crate::render::markdown::to_safe_html;
use crate::site::pages::{footer, images, site_name, ImageContext};
use crate::site::{PagePath, Site};

/// Where a subscriber's own link goes in a composed message; never sent as such.
const LINK_MARK: &str = "https://link.nashra.invalid/personal";

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
    /// The bodies as sent: plain text, then HTML, the order of `multipart/alternative`.
    parts: [EncodedPart; 2],
}

impl Composed {
    /// The message body with `link` (already a URL) in place of the marker.
    pub fn body(&self, link: &str) -> MultiPart {
        let [text, html] = &self.parts;
        MultiPart::alternative().singlepart(text.with_link(LINK_MARK, link)).singlepart(html.with_link(LINK_MARK, link))
    }

    /// The HTML body with `link` in place of the marker, to show in a browser.
    pub fn html(&self, link: &str) -> String {
        self.html.replace(LINK_MARK, link)
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
    stories: Vec<EmailStory>,
}

#[derive(Serialize)]
struct Signature {
    name: String,
    role: String,
}

#[derive(Serialize)]
struct EmailStory {
    section: String,
    title: String,
    summary: String,
    url: String,
    image: Option<ImageContext>,
}

/// The edition as an email in `locale`, from its live revision; `None` if the edition is
/// unpublished or has no live text in that locale. The personal link is the unsubscribe link.
pub fn edition_email(
    site_: &Site,
    conn: &mut DbConn,
    default_from: &str,
    edition: &Edition,
    locale: &str,
) -> Result<Option<Composed>, ApiError> {
    // Read again as readers see it: the cover of its live revision, not the working copy's.
    let Some(edition) = site::published_edition_by_id(conn, edition.id)? else { return Ok(None) };
    let Some(text) = site::edition_text(conn, edition.id, locale)? else { return Ok(None) };
    let cover = match edition.cover_media_id {
        Some(id) => {
            let image =
                crate::domain::revision::ImageRef { media_id: id, alt: text.cover_alt.clone(), caption: String::new() };
            images(site_, conn, std::slice::from_ref(&image))?.into_iter().next()
        }
        None => None,
    };
    let mut stories = Vec::new();
    for live in site::live_stories_in_edition(conn, edition.id, locale)? {
        let snapshot = &live.live.snapshot;
        stories.push(EmailStory {
            section: live.story.section.clone(),
            title: snapshot.title.clone(),
            summary: snapshot.summary.clone(),
            url: site_.base.absolute(&PagePath::Story(locale.to_owned(), live.story.slug.clone()).path()),
            image: images(site_, conn, &snapshot.images[..snapshot.images.len().min(1)])?.into_iter().next(),
        });
    }
    let name = site_name(conn, site_, locale)?;
    let args = Args::new().with("name", name.clone()).with("number", edition.number).with("title", text.title.clone());
    let subject = site_.l10n.plain(locale, "email-edition-subject", &args);
    let data = EmailEdition {
        number: edition.number,
        title: text.title,
        date: edition.published_at.map(|d| d.date().to_string()).unwrap_or_default(),
        foreword_html: to_safe_html(&text.foreword),
        foreword_text: text.foreword.clone(),
        signature: Signature { name: text.signature_name, role: text.signature_role },
        cover,
        stories,
    };
    let view_url = site_.base.absolute(&PagePath::Edition(locale.to_owned(), edition.slug.clone()).path());
    let values = context! {
        edition => Value::from(Serde(&data)),
        view_url,
        unsubscribe_url => LINK_MARK,
        footer => Value::from(Serde(footer(conn, locale)?)),
    };
    compose(site_, conn, default_from, locale, &name, subject, "email/edition", values).map(Some)
}

/// The request to confirm a subscription; the personal link is the confirmation link.
pub fn confirmation_email(
    site_: &Site,
    conn: &mut DbConn,
    default_from: &str,
    locale: &str,
) -> Result<Composed, ApiError> {
    let name = site_name(conn, site_, locale)?;
    let subject = site_.l10n.plain(locale, "email-confirm-subject", &Args::new().with("name", name.clone()));
    compose(site_, conn, default_from, locale, &name, subject, "email/confirm", context! { confirm_url => LINK_MARK })
}

/// Loads an edition and renders it (for previews and exports).
pub fn edition_by_slug(
    site_: &Site,
    conn: &mut DbConn,
    default_from: &str,
    slug: &str,
    locale: &str,
) -> Result<Option<Composed>, ApiError> {
    let Some(edition) = site::published_edition(conn, slug)? else { return Ok(None) };
    edition_email(site_, conn, default_from, &edition, locale)
}

#[allow(clippy::too_many_arguments)]
fn compose(
    site_: &Site,
    conn: &mut DbConn,
    default_from: &str,
    locale: &str,
    name: &str,
    subject: String,
    template: &str,
    values: Value,
) -> Result<Composed, ApiError> {
    let (dir, align) = match site_.l10n.direction(locale) {
        Direction::Rtl => ("rtl", "right"),
        Direction::Ltr => ("ltr", "left"),
    };
    let values = context! { lang => locale, dir, align, name, subject => subject.clone(), ..values };
    let render = |suffix: &str| {
        site_.theme.render(&format!("{template}.{suffix}"), &values).map_err(|error| {
            tracing::error!(%error, template, "email template failed");
            ApiError::Internal
        })
    };
    let html = css_inline::inline(&render("html")?).map_err(|error| {
        tracing::error!(%error, "CSS inlining failed");
        ApiError::Internal
    })?;
    let text = render("txt")?;
    let contacts = publication::contacts(conn)?;
    let texts = publication::texts(conn)?.into_iter().find(|t| t.locale == locale);
    let from_name = texts.map(|t| t.sender_name).filter(|n| !n.is_empty()).unwrap_or_else(|| name.to_owned());
    let from_address =
        Some(contacts.sender_address).filter(|a| !a.is_empty()).unwrap_or_else(|| default_from.to_owned());
    let parts = [
        EncodedPart::new(ContentType::TEXT_PLAIN, &text, LINK_MARK),
        EncodedPart::new(ContentType::TEXT_HTML, &html, LINK_MARK),
    ];
    Ok(Composed { locale: locale.to_owned(), subject, from_name, from_address, host: site_.base.host(), html, parts })
}
