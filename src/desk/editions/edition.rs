//! `/desk/editions/{id}`: one edition: its stories in order (in their groups, when it has
//! groups), the stories that could join it, its texts per language side by side (with each
//! group's heading and introduction), its cover, and what still keeps it from publishing.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::{local_date, status, Lang};
use crate::db::editions::{self, Edition};
use crate::db::{media, stories, DbConn};
use crate::domain::groups::{self, Layout};
use crate::domain::workflow::Status;
use crate::service::editions::{decode_group_texts, readiness};
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
    /// Each group's heading and introduction in this language, in the groups' order.
    pub groups: Vec<GroupFields>,
    /// Whether this language is required before publishing.
    pub required: bool,
    /// A refused save: the sentence for each field (by form field name; a group's fields are
    /// `group-<key>-heading` and `group-<key>-intro`).
    pub errors: BTreeMap<String, String>,
}

/// One group's heading and introduction in one language.
#[derive(Debug, Default, Serialize)]
pub struct GroupFields {
    pub key: String,
    pub heading: String,
    /// Markdown.
    pub intro: String,
}

/// One of the edition's groups, with its stories.
#[derive(Debug, Serialize)]
pub struct StoryGroup {
    pub key: String,
    pub lettered: bool,
    /// Its heading in the page's language; empty when not written there yet.
    pub heading: String,
    pub stories: Vec<PlacedStory>,
}

/// A story in its group, with its label as readers of the page's language see it (a, b… /
/// أ، ب…) when the group is lettered.
#[derive(Debug, Serialize)]
pub struct PlacedStory {
    pub story: StoryView,
    pub label: Option<String>,
}

/// One item of the readiness checklist not yet met, with where it is fixed.
#[derive(Debug, Serialize)]
pub struct Unmet {
    /// `no_stories`, `missing_edition_text`, `missing_group_heading`, `missing_group_intro`,
    /// `missing_translation`, `not_approved`, `outdated`.
    pub reason: &'static str,
    /// The story's title (or slug), if the item is about a story.
    pub story: Option<String>,
    /// The group's heading in the page's language (or its key), if the item is about a group.
    pub group: Option<String>,
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

/// The form that adds a group ("Arrange in groups" for a plain list), as shown or as typed
/// when refused.
#[derive(Debug, Default, Serialize)]
pub struct NewGroup {
    pub key: String,
    pub lettered: bool,
    pub error: Option<String>,
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
    /// How many stories the edition has.
    pub story_count: usize,
    /// The edition's stories in order, when they are one plain list (empty when grouped).
    pub stories: Vec<StoryView>,
    /// The edition's groups in order, with their stories (empty for one plain list).
    pub groups: Vec<StoryGroup>,
    pub new_group: NewGroup,
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
    /// Which part of the page it belongs to: `publish`, `stories`, `groups`, `texts` or
    /// `settings`.
    pub place: &'static str,
    pub sentence: String,
}

/// The page for edition `id` in the language `page_lang`; `search` filters the "add stories"
/// picker.
pub fn load(
    conn: &mut DbConn,
    rules: &Rules,
    langs: &[Lang],
    page_lang: &str,
    time_zone: chrono_tz::Tz,
    id: i64,
    search: &str,
) -> Result<EditionPage, Error> {
    let edition = editions::find(conn, id)?.ok_or(Error::NotFound)?;
    let members = stories::in_edition(conn, id)?;
    let stories = views(conn, rules, members)?;
    let layout = editions::layout(conn, id)?;
    let outside = stories::outside_editions(conn, search, CANDIDATES)?;
    let candidates = views(conn, rules, outside)?;
    let texts = editions::texts(conn, id)?;
    let required = edition.required_locales();
    let keys = layout.keys();
    let group_texts: HashMap<&str, groups::GroupTexts> =
        texts.iter().map(|t| (t.locale.as_str(), decode_group_texts(&t.group_texts))).collect();
    let headings = group_texts.get(page_lang);
    let heading = |key: &str| headings.and_then(|h| h.get(key)).map(|t| t.heading.clone()).unwrap_or_default();
    let columns = langs
        .iter()
        .map(|lang| {
            let text = texts.iter().find(|t| t.locale == lang.code);
            let written = group_texts.get(lang.code.as_str());
            let groups = keys
                .iter()
                .map(|key| {
                    let text = written.and_then(|w| w.get(key)).cloned().unwrap_or_default();
                    GroupFields { key: key.clone(), heading: text.heading, intro: text.intro }
                })
                .collect();
            TextColumn {
                code: lang.code.clone(),
                name: lang.name.clone(),
                dir: lang.dir,
                title: text.map(|t| t.title.clone()).unwrap_or_default(),
                foreword: text.map(|t| t.foreword.clone()).unwrap_or_default(),
                signature_name: text.map(|t| t.signature_name.clone()).unwrap_or_default(),
                signature_role: text.map(|t| t.signature_role.clone()).unwrap_or_default(),
                cover_alt: text.map(|t| t.cover_alt.clone()).unwrap_or_default(),
                groups,
                required: required.contains(&lang.code),
                errors: BTreeMap::new(),
            }
        })
        .collect();
    let unmet = unmet(conn, rules, langs, &edition, &stories, &heading)?;
    let letters = langs.iter().find(|l| l.code == page_lang).map(|l| l.letters.as_slice()).unwrap_or_default();
    let story_count = stories.len();
    let (stories, groups) = arrange_views(&layout, stories, letters, &heading);
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
        story_count,
        stories,
        groups,
        new_group: NewGroup::default(),
        candidates,
        search: search.to_owned(),
        texts: columns,
        covers,
        unmet,
        problem: None,
    })
}

/// The story views as the layout places them: one plain list, or the groups with their
/// stories and labels (the other of the two empty).
fn arrange_views(
    layout: &Layout,
    stories: Vec<StoryView>,
    letters: &[String],
    heading: &dyn Fn(&str) -> String,
) -> (Vec<StoryView>, Vec<StoryGroup>) {
    let Layout::Grouped(groups) = layout else { return (stories, Vec::new()) };
    let mut by_id: HashMap<i64, StoryView> = stories.into_iter().map(|s| (s.id, s)).collect();
    let groups = groups
        .iter()
        .map(|group| StoryGroup {
            key: group.key.clone(),
            lettered: group.lettered,
            heading: heading(&group.key),
            stories: group
                .story_ids
                .iter()
                .filter_map(|id| by_id.remove(id))
                .enumerate()
                .map(|(at, story)| PlacedStory { story, label: group.lettered.then(|| groups::label(at, letters)) })
                .collect(),
        })
        .collect();
    (Vec::new(), groups)
}

/// The readiness report (`service::editions::readiness`) as the checklist shows it.
fn unmet(
    conn: &mut DbConn,
    rules: &Rules,
    langs: &[Lang],
    edition: &Edition,
    members: &[StoryView],
    heading: &dyn Fn(&str) -> String,
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
            let href = match (item.reason, item.story_id, &item.locale, &item.group) {
                (_, Some(id), _, _) => format!("/desk/stories/{id}"),
                ("missing_edition_text", _, Some(locale), _) => format!("#texts-{locale}"),
                ("missing_group_heading", _, Some(locale), Some(key)) => format!("#t-{locale}-group-{key}-heading"),
                ("missing_group_intro", _, Some(locale), Some(key)) => format!("#t-{locale}-group-{key}-intro"),
                _ => "#add-stories".to_owned(),
            };
            let group =
                item.group.as_deref().map(|key| Some(heading(key)).filter(|h| !h.is_empty()).unwrap_or(key.to_owned()));
            Unmet { reason: item.reason, story, group, language: language(&item.locale), status: item.status, href }
        })
        .collect())
}
