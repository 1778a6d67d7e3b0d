//! Whether a translation is still current with its source-locale text, and what changed
//! in the source since it was translated. Loading (`outdated`, inside a transaction) is
//! separate from comparing (`Stale::compare`), which takes CPU time and so runs after the
//! database connection is returned.

use serde::Serialize;
use utoipa::ToSchema;

use super::Error;
use super::Rules;
use crate::db::translations::{self, Translation};
use crate::db::DbConn;
use crate::domain::revision::{self, FieldChange, Snapshot};

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

/// An outdated translation's source texts, loaded but not yet compared.
#[derive(Debug, Clone)]
pub struct Stale {
    based_on_revision: Option<i32>,
    source_revision: i32,
    before: Snapshot,
    after: Snapshot,
}

impl Stale {
    /// What changed in the source: a line diff, bounded (see `domain::revision::changes`).
    pub fn compare(self) -> Outdated {
        Outdated {
            based_on_revision: self.based_on_revision,
            source_revision: self.source_revision,
            changes: revision::changes(&self.before, &self.after),
        }
    }
}

/// The source texts to compare if `translation` is outdated, or `None` if it is current.
pub fn outdated(conn: &mut DbConn, rules: &Rules, translation: &Translation) -> Result<Option<Stale>, Error> {
    let Some(source) = translations::find(conn, translation.story_id, &rules.source_locale)? else {
        return Ok(None);
    };
    if !is_outdated(rules, translation, Some(source.latest_revision_id)) {
        return Ok(None);
    }
    let current = translations::revision(conn, source.latest_revision_id)?
        .ok_or(Error::Inconsistent("a row it points to is missing"))?;
    let based_on = match translation.source_revision_id {
        Some(id) => translations::revision(conn, id)?,
        None => None,
    };
    let empty =
        Snapshot { title: String::new(), summary: String::new(), body: String::new(), link: None, images: vec![] };
    Ok(Some(Stale {
        based_on_revision: based_on.as_ref().map(|r| r.revision.number),
        source_revision: current.revision.number,
        before: based_on.map_or(empty, |r| r.snapshot),
        after: current.snapshot,
    }))
}
