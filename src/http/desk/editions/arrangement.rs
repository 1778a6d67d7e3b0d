//! `/desk/editions/{id}/stories/…` and `/desk/editions/{id}/groups/…`: the forms that pick,
//! order and group an edition's stories. Each reads the edition's layout, applies one move of
//! `desk::editions::arrange` to it, and saves the whole new layout through
//! `service::editions::update` (as `PATCH /api/v1/editions/{id}` does): as `groups` when the
//! edition has groups, so no button ever turns a grouped edition back into one list.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::edition::{refused, refused_with, update};
use super::Refusal;
use crate::db::editions;
use crate::desk::editions::arrange::{self, Stale, Step};
use crate::desk::editions::edition::EditionPage;
use crate::domain::groups::Layout;
use crate::domain::Role;
use crate::http::desk::page::{self, DeskError};
use crate::http::desk::session::{Desk, DeskForm, NoFields};
use crate::http::state::AppState;
use crate::service::editions::EditionUpdate;
use crate::service::Error;

/// Where on the page a change of stories or groups comes back to.
const STORIES: &str = "stories";

#[derive(Deserialize)]
pub struct StoryForm {
    story_id: i64,
    /// For a move: `up`, `down`, or `to` (the "move to group" select, and the drag-and-drop
    /// script) with `group` and `position`.
    #[serde(default)]
    direction: String,
    /// For a move `to`: the 1-based place in the group; absent: its end.
    #[serde(default)]
    position: Option<usize>,
    /// For a move `to`: the group's key; empty: the story's own group (or the plain list).
    #[serde(default)]
    group: String,
}

pub async fn move_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<StoryForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    let change = move |layout| match (form.direction.as_str(), Step::parse(&form.direction)) {
        ("to", _) => {
            let group = Some(form.group.as_str()).filter(|g| !g.is_empty());
            arrange::place_story(layout, form.story_id, group, form.position)
        }
        (_, Some(step)) => arrange::step_story(layout, form.story_id, step),
        _ => Ok(layout),
    };
    let anchor = STORIES.to_owned();
    rearrange(&req, &state, &desk, id.into_inner(), "edition-story-moved", anchor, change, |_, _| {}).await
}

pub async fn add_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<StoryForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    let change = move |layout| Ok(arrange::add_story(layout, form.story_id));
    let anchor = STORIES.to_owned();
    rearrange(&req, &state, &desk, id.into_inner(), "edition-story-added", anchor, change, |_, _| {}).await
}

pub async fn remove_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<StoryForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    let change = move |layout| arrange::remove_story(layout, form.story_id);
    let anchor = STORIES.to_owned();
    rearrange(&req, &state, &desk, id.into_inner(), "edition-story-removed", anchor, change, |_, _| {}).await
}

#[derive(Deserialize)]
pub struct GroupForm {
    #[serde(default)]
    key: String,
    /// `true` (the checkbox, ticked; the lettering button) or absent/`false`.
    #[serde(default)]
    lettered: Option<String>,
    /// For a move: `up` or `down`.
    #[serde(default)]
    direction: String,
}

impl GroupForm {
    fn lettered(&self) -> bool {
        self.lettered.as_deref() == Some("true")
    }
}

/// "Arrange in groups" (the first group holds every story) and "Add a group" (an empty one at
/// the end). A refused key is shown at the field, as typed.
pub async fn add_group(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<GroupForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    let id = id.into_inner();
    let (key, lettered) = (form.key.trim().to_owned(), form.lettered());
    let current = layout(&state, &desk, id).await?;
    let flash = if current.groups().is_empty() { "edition-grouped" } else { "edition-group-added" };
    let anchor = group_anchor(&key);
    let next = Ok(arrange::add_group(current.clone(), key, lettered));
    save(&req, &state, &desk, id, current, next, flash, anchor, move |page, refusal| {
        page.new_group.key = form.key;
        page.new_group.lettered = lettered;
        page.new_group.error = Some(refusal.fields.get("groups").cloned().unwrap_or_else(|| refusal.detail.clone()));
    })
    .await
}

pub async fn move_group(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<GroupForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    let anchor = group_anchor(&form.key);
    let change = move |layout| match Step::parse(&form.direction) {
        Some(step) => arrange::step_group(layout, &form.key, step),
        None => Ok(layout),
    };
    rearrange(&req, &state, &desk, id.into_inner(), "edition-group-moved", anchor, change, |_, _| {}).await
}

pub async fn letter_group(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<GroupForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    let anchor = group_anchor(&form.key);
    let lettered = form.lettered();
    let flash = if lettered { "edition-group-lettered" } else { "edition-group-unlettered" };
    let change = move |layout| arrange::set_lettered(layout, &form.key, lettered);
    rearrange(&req, &state, &desk, id.into_inner(), flash, anchor, change, |_, _| {}).await
}

pub async fn remove_group(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<GroupForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    let change = move |layout| arrange::remove_group(layout, &form.key);
    let anchor = STORIES.to_owned();
    rearrange(&req, &state, &desk, id.into_inner(), "edition-group-removed", anchor, change, |_, _| {}).await
}

/// "Back to one list": every story in reading order, no groups (and so no group texts).
pub async fn ungroup(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<NoFields>,
) -> Result<HttpResponse, DeskError> {
    let change = |layout| Ok(arrange::ungroup(layout));
    let anchor = STORIES.to_owned();
    rearrange(&req, &state, &form.desk, id.into_inner(), "edition-ungrouped", anchor, change, |_, _| {}).await
}

/// Applies `change` to edition `id`'s layout and saves it, coming back to `#anchor` with the
/// message `flash`; a refusal comes back as the page with its sentence (`adjust` puts what was
/// typed back in the form).
#[allow(clippy::too_many_arguments)]
async fn rearrange(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    id: i64,
    flash: &str,
    anchor: String,
    change: impl FnOnce(Layout) -> Result<Layout, Stale>,
    adjust: impl FnOnce(&mut EditionPage, &Refusal),
) -> Result<HttpResponse, DeskError> {
    let current = layout(state, desk, id).await?;
    let next = change(current.clone());
    save(req, state, desk, id, current, next, flash, anchor, adjust).await
}

#[allow(clippy::too_many_arguments)]
async fn save(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    id: i64,
    current: Layout,
    next: Result<Layout, Stale>,
    flash: &str,
    anchor: String,
    adjust: impl FnOnce(&mut EditionPage, &Refusal),
) -> Result<HttpResponse, DeskError> {
    let Ok(next) = next else {
        let conflict = StatusCode::CONFLICT;
        return refused_with(req, state, desk, id, STORIES, conflict, "desk-edition-arrangement-changed").await;
    };
    // Nothing to change (a button at the edge, a story already there): no new revision.
    if next != current {
        let change = match next {
            Layout::Ungrouped(ids) => EditionUpdate { story_ids: Some(ids), ..EditionUpdate::default() },
            Layout::Grouped(groups) => EditionUpdate { groups: Some(groups), ..EditionUpdate::default() },
        };
        if let Err(error) = update(state, desk, id, change).await {
            return refused(req, state, desk, id, STORIES, error, adjust).await;
        }
    }
    Ok(page::see_other(state, &format!("/desk/editions/{id}#{anchor}"), flash))
}

/// Where the page shows group `key`: its anchor, for a key that can be one (a forged key,
/// which changes nothing, must not reach the `Location` header); the stories otherwise.
fn group_anchor(key: &str) -> String {
    let fits = !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if fits {
        format!("group-{key}")
    } else {
        STORIES.to_owned()
    }
}

/// The edition's stories and groups as they are, for an editor (404 for an unknown edition).
async fn layout(state: &web::Data<AppState>, desk: &Desk, id: i64) -> Result<Layout, DeskError> {
    desk.require(Role::Editor)?;
    let layout = state
        .db
        .run(move |conn| {
            editions::find(conn, id)?.ok_or(Error::NotFound)?;
            Ok::<_, Error>(editions::layout(conn, id)?)
        })
        .await?;
    Ok(layout)
}
