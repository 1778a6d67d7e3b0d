//! Stories as lists show them: each with a summary of every translation (status, title,
//! whether it is live or outdated). Read by the API's story routes and the desk alike.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::outdated::is_outdated;
use super::{Error, Rules};
use crate::db::stories::{self, Story};
use crate::db::translations::{self, Translation};
use crate::db::DbConn;
use crate::domain::workflow::Status;

#[derive(Debug, Serialize, ToSchema)]
pub struct StoryView {
    pub id: i64,
    pub slug: String,
    /// Programme section label, e.g. `a`.
    pub section: String,
    pub edition_id: Option<i64>,
    /// 1-based place in its edition.
    pub position: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub translations: Vec<TranslationSummary>,
}

/// A translation as listed with its story.
#[derive(Debug, Serialize, ToSchema)]
pub struct TranslationSummary {
    pub locale: String,
    pub status: Status,
    /// Title of the latest revision.
    pub title: String,
    pub version: i64,
    /// Whether readers see a published revision.
    pub live: bool,
    /// Whether the source-locale text changed since this was translated.
    pub outdated: bool,
    pub publish_at: Option<DateTime<Utc>>,
}

pub fn one_view(conn: &mut DbConn, rules: &Rules, id: i64) -> Result<StoryView, Error> {
    let story = stories::find(conn, id)?.ok_or(Error::NotFound)?;
    Ok(views(conn, rules, vec![story])?.remove(0))
}

/// Views of several stories with three queries in all, whatever their number.
pub fn views(conn: &mut DbConn, rules: &Rules, found: Vec<Story>) -> Result<Vec<StoryView>, Error> {
    let ids: Vec<i64> = found.iter().map(|s| s.id).collect();
    let all: Vec<Translation> = translations::for_stories(conn, &ids)?;
    let revision_ids: Vec<i64> = all.iter().map(|t| t.latest_revision_id).collect();
    let titles = translations::titles(conn, &revision_ids)?;
    let title_of = |revision_id: i64| titles.iter().find(|(id, _)| *id == revision_id).map(|(_, t)| t.clone());
    Ok(found
        .into_iter()
        .map(|story| {
            let own: Vec<&Translation> = all.iter().filter(|t| t.story_id == story.id).collect();
            let source_latest = own.iter().find(|t| t.locale == rules.source_locale).map(|t| t.latest_revision_id);
            StoryView {
                translations: own
                    .iter()
                    .map(|t| TranslationSummary {
                        locale: t.locale.clone(),
                        status: t.status(),
                        title: title_of(t.latest_revision_id).unwrap_or_default(),
                        version: t.version,
                        live: t.live_revision_id.is_some(),
                        outdated: is_outdated(rules, t, source_latest),
                        publish_at: t.publish_at.map(|at| at.and_utc()),
                    })
                    .collect(),
                id: story.id,
                slug: story.slug,
                section: story.section,
                edition_id: story.edition_id,
                position: story.position,
                created_at: story.created_at.and_utc(),
                updated_at: story.updated_at.and_utc(),
            }
        })
        .collect())
}
