//! `/desk/editions/{id}`: one edition: its stories in order, the stories that could join it,
//! its texts per language side by side, its cover, and what still keeps it from publishing.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{local_date, status, Lang};
use crate::db::editions::{self, Edition};
use crate::db::{media, stories, DbConn};
use crate::domain::workflow::Status;
use crate::service::editions::readiness;
use crate::service::story_views::{views, StoryView};
use crate::service::{Error, Rules};

/// How many stories the "add stories" picker offers at once.
const CANDIDATES: i64 = 20;
/// How many images the cover picker offers.
const COVERS: i64 = 50;

/// The edition's text in one language: one column of the side-by-side form.
#[derive(Debug, Default, Serialize)]
pub struct TextColumn {
    pub code: String,
    pub name: String,
    pub dir: &'static str,
    pub title: String,
    pub foreword: String,
    pub signature_name: String,
    pub signature_role: String,
    pub cover_alt: String,
    /// Whether this language is required before publishing.
    pub required: bool,
    /// A refused save: the sentence for each field (by form field name).
    pub errors: BTreeMap<String, String>,
}

/// One item of the readiness checklist not yet met, with where it is fixed.
#[derive(Debug, Serialize)]
pub struct Unmet {
    /// `no_stories`, `missing_edition_text`, `missing_translation`, `not_approved`, `outdated`.
    pub reason: &'static str,
    /// The story's title (or slug), if the item is about a story.
    pub story: Option<String>,
    /// The language's own name, if the item is about one.
    pub language: Option<String>,
    pub status: Option<Status>,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct CoverChoice {
    pub id: i64,
    pub label: String,
    pub selected: bool,
}

/// The settings form (number, slug, cover), as shown or as typed when refused.
#[derive(Debug, Default, Serialize)]
pub struct Settings {
    pub number: String,
    pub slug: String,
    pub cover_media_id: Option<i64>,
    pub errors: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct EditionPage {
    pub id: i64,
    pub number: i32,
    pub slug: String,
    /// `draft`, `under_review` or `live`.
    pub status: &'static str,
    pub published_on: Option<String>,
    /// The edition has changes readers do not see yet.
    pub pending_changes: bool,
    /// The edition's stories, in order.
    pub stories: Vec<StoryView>,
    /// Stories in no edition matching `search`.
    pub candidates: Vec<StoryView>,
    pub search: String,
    pub texts: Vec<TextColumn>,
    pub settings: Settings,
    pub covers: Vec<CoverChoice>,
    /// Empty: ready to publish.
    pub unmet: Vec<Unmet>,
    /// A refused action's sentence, shown where the action is (`publish`, `stories`…).
    pub problem: Option<Problem>,
}

#[derive(Debug, Serialize)]
pub struct Problem {
    /// Which part of the page it belongs to: `publish`, `stories` or `settings`.
    pub place: &'static str,
    pub sentence: String,
}

/// The page for edition `id`; `search` filters the "add stories" picker.
pub fn load(
    conn: &mut DbConn,
    rules: &Rules,
    langs: &[Lang],
    time_zone: chrono_tz::Tz,
    id: i64,
    search: &str,
) -> Result<EditionPage, Error> {
    let edition = editions::find(conn, id)?.ok_or(Error::NotFound)?;
    let members = stories::in_edition(conn, id)?;
    let stories = views(conn, rules, members)?;
    let outside = stories::outside_editions(conn, search, CANDIDATES)?;
    let candidates = views(conn, rules, outside)?;
    let texts = editions::texts(conn, id)?;
    let required = edition.required_locales();
    let columns = langs
        .iter()
        .map(|lang| {
            let text = texts.iter().find(|t| t.locale == lang.code);
            TextColumn {
                code: lang.code.clone(),
                name: lang.name.clone(),
                dir: lang.dir,
                title: text.map(|t| t.title.clone()).unwrap_or_default(),
                foreword: text.map(|t| t.foreword.clone()).unwrap_or_default(),
                signature_name: text.map(|t| t.signature_name.clone()).unwrap_or_default(),
                signature_role: text.map(|t| t.signature_role.clone()).unwrap_or_default(),
                cover_alt: text.map(|t| t.cover_alt.clone()).unwrap_or_default(),
                required: required.contains(&lang.code),
                errors: BTreeMap::new(),
            }
        })
        .collect();
    let unmet = unmet(conn, rules, langs, &edition, &stories)?;
    let covers = media::recent(conn, COVERS)?
        .into_iter()
        .map(|m| CoverChoice {
            id: m.id,
            label: if m.credit.is_empty() { m.original_name } else { format!("{} ({})", m.original_name, m.credit) },
            selected: Some(m.id) == edition.cover_media_id,
        })
        .collect();
    Ok(EditionPage {
        id,
        number: edition.number,
        status: status(&edition),
        published_on: edition.published_at.map(|at| local_date(at, time_zone)),
        pending_changes: edition.latest_revision_id.is_some() && edition.latest_revision_id != edition.live_revision_id,
        settings: Settings {
            number: edition.number.to_string(),
            slug: edition.slug.clone(),
            cover_media_id: edition.cover_media_id,
            errors: BTreeMap::new(),
        },
        slug: edition.slug,
        stories,
        candidates,
        search: search.to_owned(),
        texts: columns,
        covers,
        unmet,
        problem: None,
    })
}

/// The readiness report (`service::editions::readiness`) as the checklist shows it.
fn unmet(
    conn: &mut DbConn,
    rules: &Rules,
    langs: &[Lang],
    edition: &Edition,
    members: &[StoryView],
) -> Result<Vec<Unmet>, Error> {
    let language = |code: &Option<String>| {
        code.as_ref()
            .map(|code| langs.iter().find(|l| &l.code == code).map_or_else(|| code.clone(), |l| l.name.clone()))
    };
    Ok(readiness(conn, rules, edition)?
        .into_iter()
        .map(|item| {
            let story = item.story_id.map(|id| {
                let view = members.iter().find(|s| s.id == id);
                let title = view.and_then(|s| {
                    let in_locale = s.translations.iter().find(|t| Some(&t.locale) == item.locale.as_ref());
                    in_locale.or(s.translations.first()).map(|t| t.title.clone()).filter(|t| !t.is_empty())
                });
                title.or(item.slug.clone()).unwrap_or_default()
            });
            let href = match (item.reason, item.story_id, &item.locale) {
                (_, Some(id), _) => format!("/desk/stories/{id}"),
                ("missing_edition_text", _, Some(locale)) => format!("#texts-{locale}"),
                _ => "#add-stories".to_owned(),
            };
            Unmet { reason: item.reason, story, language: language(&item.locale), status: item.status, href }
        })
        .collect())
}
