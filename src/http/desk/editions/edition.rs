//! `/desk/editions/{id}`: the page, its settings and cover, the readiness checklist and
//! publishing; and what the edition's other forms (`arrangement`, `texts`) share: showing the
//! page again with a refusal where the action is, and saving a change. Editors build;
//! reviewers publish.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{langs, refusal, Refusal};
use crate::desk::chrome::Section;
use crate::desk::editions::edition::{self, EditionPage, Problem};
use crate::desk::editions::{time_zone, Lang};
use crate::domain::Role;
use crate::http::desk::page::{self, DeskError};
use crate::http::desk::session::{Desk, DeskForm};
use crate::http::state::AppState;
use crate::l10n::Args;
use crate::service;
use crate::service::editions::EditionUpdate;

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
    let view = load(&req, &state, &desk, id.into_inner(), query.into_inner().q).await?;
    show(&req, &state, &desk, view, StatusCode::OK).await
}

/// The page's language: the person's own.
pub(super) fn language(req: &HttpRequest, state: &AppState, desk: &Desk) -> String {
    page::language(req, state, Some(&desk.user.preferred_locale))
}

async fn load(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    id: i64,
    search: String,
) -> Result<EditionPage, DeskError> {
    let (rules, langs, zone) = (state.rules.clone(), langs(state), time_zone(&desk.user.time_zone));
    let lang = language(req, state, desk);
    Ok(state.db.run(move |conn| edition::load(conn, &rules, &langs, &lang, zone, id, &search)).await?)
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
pub(super) async fn refused(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    id: i64,
    place: &'static str,
    error: DeskError,
    adjust: impl FnOnce(&mut EditionPage, &Refusal),
) -> Result<HttpResponse, DeskError> {
    let lang = language(req, state, desk);
    let mut refusal = refusal(state, &lang, req.path(), error)?;
    let mut edition = load(req, state, desk, id, String::new()).await?;
    if refusal.code == "edition-not-ready" {
        // The checklist on the page lists the items; the sentence says how many.
        let args = Args::new().with("count", edition.unmet.len());
        refusal.detail = state.l10n.text(&lang, "desk-edition-publish-not-ready", &args);
    }
    adjust(&mut edition, &refusal);
    edition.problem = Some(Problem { place, sentence: refusal.detail });
    show(req, state, desk, edition, refusal.status).await
}

/// The page again, as the edition is now, with the sentence `message` where the action is:
/// for an action the page no longer matches.
pub(super) async fn refused_with(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    id: i64,
    place: &'static str,
    status: StatusCode,
    message: &str,
) -> Result<HttpResponse, DeskError> {
    let sentence = state.l10n.text(&language(req, state, desk), message, &Args::new());
    let mut edition = load(req, state, desk, id, String::new()).await?;
    edition.problem = Some(Problem { place, sentence });
    show(req, state, desk, edition, status).await
}

/// Changes the edition through `service::editions::update`, as `PATCH /api/v1/editions/{id}`.
pub(super) async fn update(
    state: &web::Data<AppState>,
    desk: &Desk,
    id: i64,
    change: EditionUpdate,
) -> Result<(), DeskError> {
    let checked = change.check(&state.l10n)?;
    let actor = desk.user.clone();
    state.db.run(move |conn| service::editions::update(conn, id, checked, &actor)).await?;
    Ok(())
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
