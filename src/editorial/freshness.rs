//! Whether a translation is still current with its source-locale text, and what changed
//! in the source since it was translated.

use std::collections::HashMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::Rules;
use crate::db::translations::{self, Translation};
use crate::db::DbConn;
use crate::domain::revision::{self, FieldChange, Snapshot};
use crate::error::ApiError;

/// How a translation lags behind its source.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Outdated {
    /// The source revision number this translation was made from (`null` if the source
    /// did not exist yet).
    pub based_on_revision: Option<i32>,
    /// The source's current revision number.
    pub source_revision: i32,
    /// What changed in the source between the two.
    pub changes: Vec<FieldChange>,
}

/// A translation is outdated when its source has a newer revision than the one it is
/// current with (`source_latest` is the source translation's latest revision, if there is
/// one). The source translation itself never is.
pub fn is_outdated(rules: &Rules, translation: &Translation, source_latest: Option<i64>) -> bool {
    match source_latest {
        Some(latest) if translation.locale != rules.source_locale => translation.source_revision_id != Some(latest),
        _ => false,
    }
}

/// The details of how `translation` is outdated, or `None` if it is current.
pub fn outdated(conn: &mut DbConn, rules: &Rules, translation: &Translation) -> Result<Option<Outdated>, ApiError> {
    let Some(source) = translations::find(conn, translation.story_id, &rules.source_locale)? else {
        return Ok(None);
    };
    if !is_outdated(rules, translation, Some(source.latest_revision_id)) {
        return Ok(None);
    }
    let current = translations::revision(conn, source.latest_revision_id)?.ok_or(ApiError::Internal)?;
    let based_on = match translation.source_revision_id {
        Some(id) => translations::revision(conn, id)?,
        None => None,
    };
    let empty =
        Snapshot { title: String::new(), summary: String::new(), body: String::new(), link: None, images: vec![] };
    let before = based_on.as_ref().map_or(&empty, |r| &r.snapshot);
    Ok(Some(Outdated {
        based_on_revision: based_on.as_ref().map(|r| r.revision.number),
        source_revision: current.revision.number,
        changes: revision::changes(before, &current.snapshot),
    }))
}

/// Stories with an outdated translation (in `locale`, or in any locale).
pub fn outdated_story_ids(conn: &mut DbConn, rules: &Rules, locale: Option<&str>) -> Result<Vec<i64>, ApiError> {
    let sources: HashMap<i64, i64> = translations::all_in_locale(conn, Some(&rules.source_locale))?
        .into_iter()
        .map(|t| (t.story_id, t.latest_revision_id))
        .collect();
    let mut ids: Vec<i64> = translations::all_in_locale(conn, locale)?
        .iter()
        .filter(|t| is_outdated(rules, t, sources.get(&t.story_id).copied()))
        .map(|t| t.story_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}
