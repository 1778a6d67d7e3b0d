//! Stories at the desk: the list (with the new-story form), the side-by-side editor and its
//! POSTs (save, workflow steps, confirm, restore), the preview in the public theme and the
//! comparison of revisions. Every write is the same `service` use case the JSON API calls;
//! a refusal comes back as the page again, with what was typed and the API's sentence.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDateTime, TimeZone};
use serde::Deserialize;

use super::page::{self, DeskError};
use super::session::{Desk, DeskForm};
use crate::desk::chrome::{Chrome, Section};
use crate::desk::stories::editor::{self, ImageForm, Redo, TextForm};
use crate::desk::stories::list::{self, ListQuery, NewStory};
use crate::desk::stories::{compare, Language};
use crate::domain::workflow::Action;
use crate::domain::Role;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::l10n::Args;
use crate::service::stories::StoryFields;
use crate::service::translations::TransitionRequest;
use crate::service::{self, IfMatch};
use crate::site::view::Content;
use crate::site::{load, Lookups, PagePath};

/// This screen's routes, inside the `/desk` scope.
pub fn routes(desk: &mut web::ServiceConfig) {
    desk.route("/stories", web::get().to(list_page))
        .route("/stories", web::post().to(create))
        .route("/stories/{id}", web::get().to(editor_page))
        .route("/stories/{id}/preview/{locale}", web::get().to(preview))
        .route("/stories/{id}/translations/{locale}", web::post().to(save))
        .route("/stories/{id}/translations/{locale}/transition", web::post().to(transition))
        .route("/stories/{id}/translations/{locale}/confirm", web::post().to(confirm))
        .route("/stories/{id}/translations/{locale}/restore", web::post().to(restore))
        .route("/stories/{id}/translations/{locale}/compare", web::get().to(compare_page));
}

/// The configured languages, as columns show them.
fn languages(state: &AppState) -> Vec<Language> {
    state
        .l10n
        .settings()
        .map(|l| Language { code: l.code.clone(), dir: state.l10n.direction(&l.code).as_str(), name: l.name.clone() })
        .collect()
}

/// A story id from the path; anything else is "no such page".
fn story_id(raw: &str) -> Result<i64, DeskError> {
    raw.parse().map_err(|_| DeskError::NotFound)
}

/// A story id and a configured language from the path.
fn target(state: &AppState, path: &(String, String)) -> Result<(i64, Language), DeskError> {
    let id = story_id(&path.0)?;
    let language = languages(state).into_iter().find(|l| l.code == path.1).ok_or(DeskError::NotFound)?;
    Ok((id, language))
}

/// Use-case errors as desk errors; an unknown id is the desk's own "no such page".
fn refused(error: service::Error) -> DeskError {
    match error {
        service::Error::NotFound => DeskError::NotFound,
        other => other.into(),
    }
}

/// A refusal in words: a sentence per field, one for the whole, and the status to answer
/// with (a stale version is a conflict, 409, as a person sees it).
struct Sentences {
    status: StatusCode,
    errors: BTreeMap<String, String>,
    detail: String,
}

fn sentences(state: &AppState, chrome: &Chrome, req: &HttpRequest, error: service::Error) -> Sentences {
    let stale = matches!(error, service::Error::PreconditionFailed);
    let said = page::Refusal::of(state, &chrome.lang, req.path(), &ApiError::from(error));
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    for (field, message) in said.fields {
        errors.entry(field.to_owned()).and_modify(|m| (*m).push_str(&format!(" {message}"))).or_insert(message);
    }
    let status = if stale { StatusCode::CONFLICT } else { said.status };
    Sentences { status, errors, detail: said.detail }
}

fn say(state: &AppState, chrome: &Chrome, id: &str) -> String {
    state.l10n.text(&chrome.lang, id, &Args::new())
}

// ---- The list ----

pub async fn list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, DeskError> {
    let view = load_list(&state, &desk, query.into_inner(), None).await?;
    page::show(&req, &state, &desk, Section::Stories, "story_list", view).await
}

async fn load_list(
    state: &web::Data<AppState>,
    desk: &Desk,
    query: ListQuery,
    new_story: Option<NewStory>,
) -> Result<list::ListPage, DeskError> {
    let rules = state.rules.clone();
    let user = desk.user.clone();
    let locales: Vec<String> = state.l10n.codes().map(str::to_owned).collect();
    Ok(state.db.run(move |conn| list::load(conn, &rules, &user, &locales, query, new_story)).await?)
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    section: String,
}

/// `POST /desk/stories`: a new story, as `POST /api/v1/stories` makes it; then its editor.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: DeskForm<CreateForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Editor)?;
    let (slug, section) = (form.slug.trim().to_owned(), form.section.trim().to_owned());
    let author = desk.user.id;
    let created = match StoryFields::check(Some(&slug), Some(&section)) {
        Ok(fields) => state.db.run(move |conn| service::stories::create(conn, fields, author)).await,
        Err(error) => Err(error),
    };
    let error = match created {
        Ok(id) => return Ok(page::see_other(&state, &format!("/desk/stories/{id}"), "story-created")),
        Err(error) => error,
    };
    let slug_taken = matches!(error, service::Error::Conflict(service::Conflict::SlugTaken));
    let chrome = page::chrome(&req, &state, Some(&desk), Some(Section::Stories)).await?;
    let said = sentences(&state, &chrome, &req, error);
    let mut errors = said.errors;
    if slug_taken {
        errors.insert("slug".into(), said.detail);
    }
    let view = load_list(&state, &desk, ListQuery::default(), Some(NewStory { slug, section, errors })).await?;
    page::html(&state, said.status, &chrome, "story_list", view)
}

// ---- The editor ----

pub async fn editor_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    id: web::Path<String>,
) -> Result<HttpResponse, DeskError> {
    let id = story_id(&id)?;
    let view = load_editor(&state, &desk, id, None).await?;
    page::show(&req, &state, &desk, Section::Stories, "story_editor", view).await
}

async fn load_editor(
    state: &web::Data<AppState>,
    desk: &Desk,
    id: i64,
    redo: Option<Redo>,
) -> Result<editor::EditorPage, DeskError> {
    let rules = state.rules.clone();
    let user = desk.user.clone();
    let languages = languages(state);
    state.db.run(move |conn| editor::load(conn, &rules, &user, id, &languages, redo)).await.map_err(refused)
}

/// The editor again, answering `status`, with `redo` in its language's column.
async fn editor_again(
    state: &web::Data<AppState>,
    desk: &Desk,
    chrome: &Chrome,
    id: i64,
    status: StatusCode,
    redo: Redo,
) -> Result<HttpResponse, DeskError> {
    let view = load_editor(state, desk, id, Some(redo)).await?;
    page::html(state, status, chrome, "story_editor", view)
}

/// Where a language's column is on the editor page.
fn column_address(id: i64, locale: &str) -> String {
    format!("/desk/stories/{id}#lang-{locale}")
}

fn if_match(version: &str) -> Option<IfMatch> {
    let version = version.trim();
    (!version.is_empty()).then(|| IfMatch::parse(version))
}

#[derive(Deserialize)]
pub struct SaveForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    link: String,
    #[serde(default)]
    image_media: Vec<String>,
    #[serde(default)]
    image_alt: Vec<String>,
    #[serde(default)]
    image_caption: Vec<String>,
    /// Indexes of images to take out.
    #[serde(default)]
    image_remove: Vec<String>,
    #[serde(default)]
    add_media: String,
    #[serde(default)]
    add_alt: String,
    #[serde(default)]
    add_caption: String,
}

impl SaveForm {
    /// The text as typed; an image reference that is no number is left out with a
    /// sentence for `images`.
    fn text(&self) -> (TextForm, bool) {
        let mut bad = false;
        let mut images = Vec::new();
        for (index, media) in self.image_media.iter().enumerate() {
            if self.image_remove.iter().any(|r| r.trim() == index.to_string()) {
                continue;
            }
            let Ok(media_id) = media.trim().parse() else {
                bad = true;
                continue;
            };
            images.push(ImageForm {
                media_id,
                alt: self.image_alt.get(index).cloned().unwrap_or_default(),
                caption: self.image_caption.get(index).cloned().unwrap_or_default(),
                ..Default::default()
            });
        }
        if !self.add_media.trim().is_empty() {
            match self.add_media.trim().parse() {
                Ok(media_id) => images.push(ImageForm {
                    media_id,
                    alt: self.add_alt.clone(),
                    caption: self.add_caption.clone(),
                    ..Default::default()
                }),
                Err(_) => bad = true,
            }
        }
        let text = TextForm {
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.replace("\r\n", "\n"),
            link: self.link.trim().to_owned(),
            images,
        };
        (text, bad)
    }
}

/// `POST …/translations/{locale}`: a new revision, with the version the form was read at
/// as `If-Match`. Someone else's save in between: the conflict page, nothing lost.
pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: DeskForm<SaveForm>,
) -> Result<HttpResponse, DeskError> {
    let (id, language) = target(&state, &path)?;
    let DeskForm { desk, form } = form;
    desk.require(Role::Editor)?;
    let (text, bad_image) = form.text();
    let if_match = if_match(&form.version);
    let checked = match (text.snapshot().validate(), bad_image) {
        (Ok(snapshot), false) => Ok(snapshot),
        (Ok(_), true) => Err(service::Error::Invalid(vec![crate::domain::Invalid::new("images", "unknown-media")])),
        (Err(problems), _) => Err(service::Error::Invalid(problems)),
    };
    let saved = match checked {
        Ok(snapshot) => {
            let rules = state.rules.clone();
            let actor = desk.user.clone();
            let locale = language.code.clone();
            state
                .db
                .run(move |conn| service::translations::save(conn, &rules, id, &locale, snapshot, if_match, &actor))
                .await
        }
        Err(error) => Err(error),
    };
    let error = match saved {
        Ok(_) => return Ok(page::see_other(&state, &column_address(id, &language.code), "story-saved")),
        Err(service::Error::NotFound) => return Err(DeskError::NotFound),
        Err(error) => error,
    };
    let conflict = matches!(error, service::Error::PreconditionFailed);
    let chrome = page::chrome(&req, &state, Some(&desk), Some(Section::Stories)).await?;
    let said = sentences(&state, &chrome, &req, error);
    let redo = Redo {
        locale: language.code.clone(),
        text: Some(text),
        // After a conflict the form carries the current version: saving again is knowingly
        // saving over the other text.
        version: if conflict { None } else { form.version.trim().parse().ok() },
        problem: Some(if conflict { say(&state, &chrome, "desk-story-conflict") } else { said.detail }),
        errors: said.errors,
        conflict,
        ..Redo::default()
    };
    editor_again(&state, &desk, &chrome, id, said.status, redo).await
}

#[derive(Deserialize)]
pub struct TransitionForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    publish_at: String,
}

/// A local date and time typed in `zone` (`2026-06-01T10:30`), as UTC.
pub(super) fn local_to_utc(typed: &str, zone: &str) -> Option<NaiveDateTime> {
    let typed = typed.trim();
    let naive = NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    tz.from_local_datetime(&naive).earliest().map(|at| at.naive_utc())
}

/// `POST …/transition`: one workflow step, through the same use case as the API.
pub async fn transition(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: DeskForm<TransitionForm>,
) -> Result<HttpResponse, DeskError> {
    let (id, language) = target(&state, &path)?;
    let DeskForm { desk, form } = form;
    let action = Action::ALL.into_iter().find(|a| a.as_str() == form.action.trim()).ok_or(DeskError::BadRequest)?;
    let publish_at = match form.publish_at.trim() {
        "" => Ok(None),
        typed if action == Action::Publish => local_to_utc(typed, &desk.user.time_zone).map(Some).ok_or(()),
        _ => Ok(None),
    };
    let result = match publish_at {
        Ok(publish_at) => {
            let rules = state.rules.clone();
            let actor = desk.user.clone();
            let locale = language.code.clone();
            let comment = form.comment.clone();
            let if_match = if_match(&form.version);
            state
                .db
                .run(move |conn| {
                    let request = TransitionRequest {
                        action,
                        comment: Some(comment.as_str()).filter(|c| !c.trim().is_empty()),
                        publish_at,
                        if_match,
                    };
                    service::translations::transition(conn, &rules, id, &locale, request, &actor)
                })
                .await
                .map(|t| t.publish_at.is_some())
        }
        Err(()) => Err(service::Error::Invalid(vec![crate::domain::Invalid::new("publish_at", "invalid-date-time")])),
    };
    let error = match result {
        Ok(scheduled) => {
            let flash = if scheduled { "story-scheduled".to_owned() } else { format!("story-{}", action.as_str()) };
            return Ok(page::see_other(&state, &column_address(id, &language.code), &flash));
        }
        Err(service::Error::NotFound) => return Err(DeskError::NotFound),
        Err(error) => error,
    };
    let stale = matches!(error, service::Error::PreconditionFailed);
    let chrome = page::chrome(&req, &state, Some(&desk), Some(Section::Stories)).await?;
    let said = sentences(&state, &chrome, &req, error);
    let detail = if stale { say(&state, &chrome, "desk-story-stale") } else { said.detail };
    let redo = Redo {
        locale: language.code.clone(),
        problem: Some(detail),
        errors: said.errors,
        comment: form.comment,
        publish_at: form.publish_at,
        ..Redo::default()
    };
    editor_again(&state, &desk, &chrome, id, said.status, redo).await
}

#[derive(Deserialize)]
pub struct VersionForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    number: String,
}

/// `POST …/confirm`: the translation is still right after its source changed.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: DeskForm<VersionForm>,
) -> Result<HttpResponse, DeskError> {
    let (id, language) = target(&state, &path)?;
    let DeskForm { desk, form } = form;
    let rules = state.rules.clone();
    let actor = desk.user.clone();
    let locale = language.code.clone();
    let if_match = if_match(&form.version);
    let result =
        state.db.run(move |conn| service::translations::confirm(conn, &rules, id, &locale, if_match, &actor)).await;
    after_step(&req, &state, &desk, id, &language, result.map(|_| "story-confirmed")).await
}

/// `POST …/restore`: an older revision becomes the newest again (as a new revision).
pub async fn restore(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: DeskForm<VersionForm>,
) -> Result<HttpResponse, DeskError> {
    let (id, language) = target(&state, &path)?;
    let DeskForm { desk, form } = form;
    desk.require(Role::Editor)?;
    let number: i32 = form.number.trim().parse().map_err(|_| DeskError::BadRequest)?;
    let rules = state.rules.clone();
    let actor = desk.user.clone();
    let locale = language.code.clone();
    let if_match = if_match(&form.version);
    let result = state
        .db
        .run(move |conn| service::translations::restore(conn, &rules, id, &locale, number, if_match, &actor))
        .await;
    after_step(&req, &state, &desk, id, &language, result.map(|_| "story-restored")).await
}

/// Redirect to the column after a step that worked; the editor with the sentence if not.
async fn after_step(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    id: i64,
    language: &Language,
    result: Result<&str, service::Error>,
) -> Result<HttpResponse, DeskError> {
    let error = match result {
        Ok(flash) => return Ok(page::see_other(state, &column_address(id, &language.code), flash)),
        Err(service::Error::NotFound) => return Err(DeskError::NotFound),
        Err(error) => error,
    };
    let stale = matches!(error, service::Error::PreconditionFailed);
    let chrome = page::chrome(req, state, Some(desk), Some(Section::Stories)).await?;
    let said = sentences(state, &chrome, req, error);
    let detail = if stale { say(state, &chrome, "desk-story-stale") } else { said.detail };
    let redo = Redo { locale: language.code.clone(), problem: Some(detail), ..Redo::default() };
    editor_again(state, desk, &chrome, id, said.status, redo).await
}

// ---- Preview and comparison ----

/// `GET /desk/stories/{id}/preview/{locale}`: the latest text, draft or not, rendered by
/// the public site's own renderer and theme, exactly as readers will see it.
pub async fn preview(
    state: web::Data<AppState>,
    _desk: Desk,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, DeskError> {
    let (id, language) = target(&state, &path)?;
    let site = state.site.clone();
    let rendered = state
        .db
        .run(move |conn| {
            let lookups = Lookups::default();
            let Some(story) = load::latest_story(conn, &lookups, id, &language.code)? else {
                return Ok(None);
            };
            let publication = lookups.publication(conn)?.clone();
            let page = PagePath::Story(language.code.clone(), story.slug.clone());
            Ok::<_, crate::site::SiteError>(Some(site.render_content(&publication, &page, &Content::Story(story))?))
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "rendering a preview");
            DeskError::Internal
        })?
        .ok_or(DeskError::NotFound)?;
    Ok(HttpResponse::Ok().content_type(rendered.content_type).body(rendered.body.clone()))
}

#[derive(Deserialize)]
pub struct CompareQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

pub async fn compare_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    path: web::Path<(String, String)>,
    query: web::Query<CompareQuery>,
) -> Result<HttpResponse, DeskError> {
    let (id, language) = target(&state, &path)?;
    let from = query.from.trim().parse().ok();
    let to = query.to.trim().parse().ok();
    let user = desk.user.clone();
    let view = state.db.run(move |conn| compare::load(conn, &user, id, &language, from, to)).await.map_err(refused)?;
    page::show(&req, &state, &desk, Section::Stories, "story_compare", view).await
}
