//! `/desk/stories/{id}/translations/{locale}/compare?from=N&to=M`: what changed between two
//! revisions of one language, unchanged paragraphs folded.

use serde::Serialize;

use super::diff::{self, FieldDiff};
use super::{Language, When};
use crate::db::translations;
use crate::db::users::User;
use crate::db::{stories, users, DbConn};
use crate::service::Error;

#[derive(Debug, Serialize)]
pub struct RevisionChoice {
    pub number: i32,
    pub when: When,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct ComparePage {
    pub id: i64,
    pub slug: String,
    pub language: Language,
    pub from: i32,
    pub to: i32,
    pub from_author: String,
    pub to_author: String,
    pub from_when: When,
    pub to_when: When,
    pub revisions: Vec<RevisionChoice>,
    pub changes: Vec<FieldDiff>,
}

/// Revisions `from` and `to` (default: the one before the latest, and the latest) of story
/// `id` in `language`.
pub fn load(
    conn: &mut DbConn,
    user: &User,
    id: i64,
    language: &Language,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<ComparePage, Error> {
    let story = stories::find(conn, id)?.ok_or(Error::NotFound)?;
    let translation = translations::find(conn, id, &language.code)?.ok_or(Error::NotFound)?;
    let all = translations::revisions(conn, translation.id)?;
    let newest = all.first().map_or(1, |r| r.number);
    let to = to.unwrap_or(newest);
    let from = from.unwrap_or((to - 1).max(1));
    let a = translations::revision_by_number(conn, translation.id, from)?.ok_or(Error::NotFound)?;
    let b = translations::revision_by_number(conn, translation.id, to)?.ok_or(Error::NotFound)?;
    let mut name = |id: Option<i64>| -> Result<String, Error> {
        Ok(match id {
            Some(id) => users::find(conn, id)?.map(|u| u.display_name).unwrap_or_default(),
            None => String::new(),
        })
    };
    let from_author = name(a.revision.author_id)?;
    let to_author = name(b.revision.author_id)?;
    Ok(ComparePage {
        id,
        slug: story.slug,
        language: language.clone(),
        from,
        to,
        from_author,
        to_author,
        from_when: When::new(a.revision.created_at, &user.time_zone),
        to_when: When::new(b.revision.created_at, &user.time_zone),
        revisions: all
            .into_iter()
            .map(|r| RevisionChoice {
                number: r.number,
                when: When::new(r.created_at, &user.time_zone),
                title: r.title,
            })
            .collect(),
        changes: diff::snapshots(&a.snapshot, &b.snapshot),
    })
}
