//! The start page: what waits for the signed-in person, by role (SPEC §11, DESK.md "Start
//! page"): a reviewer's review queue; an editor's changes requested and drafts; for everyone
//! the outdated translations and what is scheduled next.

use serde::Serialize;

use crate::db::stories::{self, AwaitingReview, Outdated, StoryFilter};
use crate::db::translations;
use crate::db::users::User;
use crate::db::DbConn;
use crate::domain::workflow::Status;
use crate::domain::Role;
use crate::service::story_views::{views, StoryView};
use crate::service::{Error, Rules};

/// How many items each list shows before "see all".
const SHORT: i64 = 5;

/// One short list: its first items, how many there are in all, and where to see them all.
#[derive(Debug, Serialize)]
pub struct Shortlist {
    /// Which list (`review`, `changes`, `drafts`, `outdated`, `scheduled`), for its heading.
    pub kind: &'static str,
    pub total: i64,
    pub items: Vec<StoryView>,
    pub see_all: String,
}

#[derive(Debug, Serialize)]
pub struct StartPage {
    pub lists: Vec<Shortlist>,
}

/// The start page for `user`.
pub fn load(conn: &mut DbConn, rules: &Rules, user: &User) -> Result<StartPage, Error> {
    let mut lists = Vec::new();
    let shortlist = |conn: &mut DbConn, kind, filter: StoryFilter, see_all: String| -> Result<Shortlist, Error> {
        let (found, total) = stories::list(conn, &filter, SHORT, 0)?;
        Ok(Shortlist { kind, total, items: views(conn, rules, found)?, see_all })
    };
    if user.roles.has_or_admin(Role::Reviewer) {
        let awaiting =
            if rules.allow_self_approval { AwaitingReview::Anyone } else { AwaitingReview::NotWrittenBy(user.id) };
        let filter = StoryFilter { awaiting_review: Some(awaiting), ..StoryFilter::default() };
        lists.push(shortlist(conn, "review", filter, "/desk/stories?waiting=1".into())?);
    }
    if user.roles.has_or_admin(Role::Editor) {
        for (kind, status) in [("changes", Status::ChangesRequested), ("drafts", Status::Draft)] {
            let filter = StoryFilter {
                status: Some(status.as_str().into()),
                author_id: Some(user.id),
                ..StoryFilter::default()
            };
            let see_all = format!("/desk/stories?status={}&author={}", status.as_str(), user.id);
            lists.push(shortlist(conn, kind, filter, see_all)?);
        }
    }
    let rule = Outdated { source_locale: rules.source_locale.clone(), locale: None };
    let outdated = StoryFilter { outdated: Some(rule), ..StoryFilter::default() };
    lists.push(shortlist(conn, "outdated", outdated, "/desk/stories?outdated=1".into())?);

    let (soonest, total) = translations::scheduled(conn, SHORT)?;
    let mut ids: Vec<i64> = soonest.iter().map(|t| t.story_id).collect();
    ids.dedup();
    let (found, _) =
        stories::list(conn, &StoryFilter { only_ids: Some(ids.clone()), ..StoryFilter::default() }, SHORT, 0)?;
    let mut items = views(conn, rules, found)?;
    items.sort_by_key(|story| ids.iter().position(|id| *id == story.id));
    lists.push(Shortlist { kind: "scheduled", total, items, see_all: "/desk/stories?status=approved".into() });
    Ok(StartPage { lists })
}
