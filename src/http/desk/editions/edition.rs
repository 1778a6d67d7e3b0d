//! `/desk/editions/{id}`: its stories (order, add, remove), its settings and cover, its texts
//! per language, the readiness checklist and publishing. Editors build; reviewers publish.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{langs, refusal, Refusal};
use crate::db::{editions, stories};
use crate::desk::chrome::Section;
use crate::desk::editions::edition::{self, EditionPage, Problem};
use crate::desk::editions::{time_zone, Lang};
use crate::domain::edition::EditionTexts;
use crate::domain::Role;
use crate::http::desk::page::{self, DeskError};
use crate::http::desk::session::{Desk, DeskForm};
use crate::http::state::AppState;
use crate::service::editions::EditionUpdate;
use crate::service::{self, Error};

#[derive(Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
struct View {
    edition: EditionPage,
    langs: Vec<Lang>,
}

pub async fn edition_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    id: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, DeskError> {
    let view = load(&state, &desk, id.into_inner(), query.into_inner().q).await?;
    show(&req, &state, &desk, view, StatusCode::OK).await
}

async fn load(state: &web::Data<AppState>, desk: &Desk, id: i64, search: String) -> Result<EditionPage, DeskError> {
    let (rules, langs, zone) = (state.rules.clone(), langs(state), time_zone(&desk.user.time_zone));
    Ok(state.db.run(move |conn| edition::load(conn, &rules, &langs, zone, id, &search)).await?)
}

async fn show(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    edition: EditionPage,
    status: StatusCode,
) -> Result<HttpResponse, DeskError> {
    let chrome = page::chrome(req, state, Some(desk), Some(Section::Editions)).await?;
    page::html(state, status, &chrome, "edition", View { edition, langs: langs(state) })
}

/// The page again with a refused action's sentence where the action is.
async fn refused(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    id: i64,
    place: &'static str,
    error: DeskError,
    adjust: impl FnOnce(&mut EditionPage, &Refusal),
) -> Result<HttpResponse, DeskError> {
    let lang = page::chrome(req, state, Some(desk), None).await?.lang;
    let mut refusal = refusal(state, &lang, req.path(), error)?;
    let mut edition = load(state, desk, id, String::new()).await?;
    if refusal.code == "edition-not-ready" {
        // The checklist on the page lists the items; the sentence says how many.
        let args = crate::l10n::Args::new().with("count", edition.unmet.len());
        refusal.detail = state.l10n.text(&lang, "desk-edition-publish-not-ready", &args);
    }
    adjust(&mut edition, &refusal);
    edition.problem = Some(Problem { place, sentence: refusal.detail });
    show(req, state, desk, edition, refusal.status).await
}

/// Changes the edition through `service::editions::update`, as `PATCH /api/v1/editions/{id}`.
async fn update(state: &web::Data<AppState>, desk: &Desk, id: i64, change: EditionUpdate) -> Result<(), DeskError> {
    let checked = change.check(&state.l10n)?;
    let actor = desk.user.clone();
    state.db.run(move |conn| service::editions::update(conn, id, checked, &actor)).await?;
    Ok(())
}

/// The edition's story ids in order (404 for an unknown edition).
async fn story_ids(state: &web::Data<AppState>, id: i64) -> Result<Vec<i64>, DeskError> {
    let ids = state
        .db
        .run(move |conn| {
            editions::find(conn, id)?.ok_or(Error::NotFound)?;
            Ok::<_, Error>(stories::in_edition(conn, id)?.into_iter().map(|s| s.id).collect::<Vec<_>>())
        })
        .await?;
    Ok(ids)
}

#[derive(Deserialize)]
pub struct StoryForm {
    story_id: i64,
    /// For a move: `up`, `down`, or `to` (the drag-and-drop script's) with `position`.
    #[serde(default)]
    direction: String,
    /// For a move `to`: the 1-based place in the list.
    #[serde(default)]
    position: Option<usize>,
}

/// Builds the new order from the current one, saves it, and comes back to the list.
async fn change_stories(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: i64,
    form: DeskForm<StoryForm>,
    flash: &str,
    reorder: impl FnOnce(&mut Vec<i64>, &StoryForm),
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Editor)?;
    let mut ids = story_ids(&state, id).await?;
    reorder(&mut ids, &form);
    let change = EditionUpdate { story_ids: Some(ids), ..EditionUpdate::default() };
    match update(&state, &desk, id, change).await {
        Ok(()) => Ok(page::see_other(&state, &format!("/desk/editions/{id}#stories"), flash)),
        Err(error) => refused(&req, &state, &desk, id, "stories", error, |_, _| {}).await,
    }
}

pub async fn move_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<StoryForm>,
) -> Result<HttpResponse, DeskError> {
    change_stories(req, state, id.into_inner(), form, "edition-story-moved", |ids, form| {
        let Some(at) = ids.iter().position(|s| *s == form.story_id) else { return };
        match form.direction.as_str() {
            "up" if at > 0 => ids.swap(at, at - 1),
            "down" if at + 1 < ids.len() => ids.swap(at, at + 1),
            "to" => {
                let story = ids.remove(at);
                let to = form.position.unwrap_or(at + 1).clamp(1, ids.len() + 1) - 1;
                ids.insert(to, story);
            }
            _ => {}
        }
    })
    .await
}

pub async fn add_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<StoryForm>,
) -> Result<HttpResponse, DeskError> {
    change_stories(req, state, id.into_inner(), form, "edition-story-added", |ids, form| {
        if !ids.contains(&form.story_id) {
            ids.push(form.story_id);
        }
    })
    .await
}

pub async fn remove_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<StoryForm>,
) -> Result<HttpResponse, DeskError> {
    change_stories(req, state, id.into_inner(), form, "edition-story-removed", |ids, form| {
        ids.retain(|s| *s != form.story_id);
    })
    .await
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    slug: String,
    /// Empty: no cover.
    #[serde(default)]
    cover_media_id: String,
}

pub async fn save_settings(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<SettingsForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Editor)?;
    let id = id.into_inner();
    let cover = match form.cover_media_id.trim() {
        "" => None,
        // Not a number: an id no image has, refused by the service as unknown.
        other => Some(other.parse().unwrap_or(-1)),
    };
    let change = EditionUpdate {
        // Not a whole number: checked as 0, so the refusal is the API's sentence for it.
        number: Some(form.number.trim().parse().unwrap_or(0)),
        slug: Some(form.slug.trim().to_owned()),
        cover_media_id: Some(cover),
        ..EditionUpdate::default()
    };
    match update(&state, &desk, id, change).await {
        Ok(()) => Ok(page::see_other(&state, &format!("/desk/editions/{id}#settings"), "edition-saved")),
        Err(error) => {
            refused(&req, &state, &desk, id, "settings", error, |page, refusal| {
                let settings = &mut page.settings;
                settings.number = form.number.clone();
                settings.slug = form.slug.clone();
                settings.cover_media_id = cover;
                settings.errors = refusal.fields.clone();
                match refusal.code {
                    "slug-taken" => settings.errors.insert("slug".into(), refusal.detail.clone()),
                    "edition-number-taken" => settings.errors.insert("number".into(), refusal.detail.clone()),
                    _ => None,
                };
            })
            .await
        }
    }
}

#[derive(Deserialize)]
pub struct TextForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    foreword: String,
    #[serde(default)]
    signature_name: String,
    #[serde(default)]
    signature_role: String,
    #[serde(default)]
    cover_alt: String,
}

/// Saves the edition's text in one language, as `PUT /api/v1/editions/{id}/translations/{locale}`.
pub async fn save_text(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    form: DeskForm<TextForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Editor)?;
    let (id, locale) = path.into_inner();
    if !state.l10n.is_supported(&locale) {
        return Err(DeskError::NotFound);
    }
    let texts = EditionTexts {
        title: form.title.clone(),
        foreword: form.foreword.clone(),
        signature_name: form.signature_name.clone(),
        signature_role: form.signature_role.clone(),
        cover_alt: form.cover_alt.clone(),
    }
    .validate()
    .map_err(Error::Invalid);
    let result = match texts {
        Ok(texts) => {
            let (actor, code) = (desk.user.id, locale.clone());
            state
                .db
                .run(move |conn| service::editions::put_text(conn, id, code, texts, None, actor))
                .await
                .map_err(Into::into)
        }
        Err(error) => Err(DeskError::from(error)),
    };
    match result {
        Ok(()) => Ok(page::see_other(&state, &format!("/desk/editions/{id}#texts-{locale}"), "edition-texts-saved")),
        Err(error) => {
            refused(&req, &state, &desk, id, "texts", error, |page, refusal| {
                if let Some(column) = page.texts.iter_mut().find(|c| c.code == locale) {
                    column.title = form.title.clone();
                    column.foreword = form.foreword.clone();
                    column.signature_name = form.signature_name.clone();
                    column.signature_role = form.signature_role.clone();
                    column.cover_alt = form.cover_alt.clone();
                    for (field, sentence) in &refusal.fields {
                        // The API names the signature as one field; the form has two.
                        let field = if field == "signature" { "signature_name" } else { field.as_str() };
                        column.errors.insert(field.to_owned(), sentence.clone());
                    }
                }
            })
            .await
        }
    }
}

/// Publishes the edition (`service::editions::publish`), as `POST /api/v1/editions/{id}/publish`.
pub async fn publish(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<crate::http::desk::session::NoFields>,
) -> Result<HttpResponse, DeskError> {
    let desk = form.desk;
    desk.require(Role::Reviewer)?;
    let id = id.into_inner();
    let (rules, actor) = (state.rules.clone(), desk.user.clone());
    let result = state.db.run(move |conn| service::editions::publish(conn, &rules, id, &actor)).await;
    match result {
        Ok(_) => Ok(page::see_other(&state, &format!("/desk/editions/{id}"), "edition-published")),
        Err(error) => refused(&req, &state, &desk, id, "publish", error.into(), |_, _| {}).await,
    }
}
