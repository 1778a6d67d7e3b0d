//! `/desk/media`: the library, the upload form, the credit forms, and the files (thumbnails
//! from the narrowest variant).

use std::collections::BTreeMap;

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::Deserialize;

use super::super::page::{self, DeskError};
use super::super::session::{Desk, DeskForm};
use super::{read_guarded, sentences};
use crate::db;
use crate::desk::chrome::Section;
use crate::desk::library::media::{self, CreditEdit, Language, MediaPage, UploadForm};
use crate::desk::library::page_number;
use crate::domain::Role;
use crate::http::media::UploadLimits;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service;
use crate::service::media::NewImage;

#[derive(Deserialize)]
pub struct MediaQuery {
    page: Option<String>,
}

/// The library: everyone signed in may look; editors and admins get the upload form.
pub async fn media_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    query: web::Query<MediaQuery>,
) -> Result<HttpResponse, DeskError> {
    let page = page_number(query.page.as_deref());
    show(&req, &state, &desk, page, StatusCode::OK, |_| (UploadForm::default(), None)).await
}

/// Page `page` of the library with the upload form and a refused credit, as `forms(lang)`
/// gives them, answered with `status`.
async fn show(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    page: i64,
    status: StatusCode,
    forms: impl FnOnce(&str) -> (UploadForm, Option<CreditEdit>),
) -> Result<HttpResponse, DeskError> {
    let time_zone = desk.user.time_zone.clone();
    let l10n = state.l10n.clone();
    let (images, pager) = state
        .db
        .run(move |conn| {
            let locales: Vec<&str> = l10n.codes().collect();
            media::load(conn, page, &time_zone, &|code| l10n.direction(code).as_str(), &locales)
        })
        .await?;
    let chrome = page::chrome(req, state, Some(desk), Some(Section::Media)).await?;
    let (form, credit_edit) = forms(&chrome.lang);
    let view = MediaPage {
        images,
        pager,
        can_upload: desk.user.roles.has_or_admin(Role::Editor),
        form,
        max_megabytes: (state.settings.media.max_bytes / (1024 * 1024)).max(1),
        credit_edit,
        languages: languages(state),
    };
    page::html(state, status, &chrome, "media", view)
}

/// The configured languages, in configuration order.
fn languages(state: &AppState) -> Vec<Language> {
    state
        .l10n
        .settings()
        .map(|s| Language { code: s.code.clone(), name: s.name.clone(), dir: state.l10n.direction(&s.code).as_str() })
        .collect()
}

/// The credits a form has, one field `credit-<locale>` per configured language, by locale (a
/// language without its field: empty).
fn typed_credits(state: &AppState, field: impl Fn(&str) -> Option<String>) -> BTreeMap<String, String> {
    state.l10n.codes().map(|code| (code.to_owned(), field(&format!("credit-{code}")).unwrap_or_default())).collect()
}

/// `typed` in configuration order, for the use case.
fn in_order<'a>(state: &AppState, typed: &'a BTreeMap<String, String>) -> Vec<(String, &'a str)> {
    state.l10n.codes().map(|code| (code.to_owned(), typed.get(code).map_or("", String::as_str))).collect()
}

/// The sentences for a refused form, the credits' at the field of each language whose credit
/// is wrong (found by the rule the use case applied), under `credit` when no one field is;
/// what belongs to no field under `fallback`.
fn credit_sentences(
    state: &AppState,
    (lang, path): (&str, &str),
    refused: &ApiError,
    typed: &BTreeMap<String, String>,
    fallback: &str,
) -> BTreeMap<String, String> {
    let mut errors = sentences(state, lang, path, refused, &["credit", "credits", "file"], fallback);
    let sentence = errors.remove("credits").or_else(|| errors.remove("credit"));
    if let Some(sentence) = sentence {
        let wrong: Vec<&String> =
            typed.iter().filter(|(_, credit)| crate::domain::image::credit(credit).is_err()).map(|(c, _)| c).collect();
        for code in &wrong {
            errors.insert(format!("credit-{code}"), sentence.clone());
        }
        if wrong.is_empty() {
            errors.insert("credit".to_owned(), sentence);
        }
    }
    errors
}

/// An upload: checked and stored by `service::media::add_image`, as the API does, with a
/// credit per language. A refused file is the form again (on the first page, where the
/// image would have appeared) with why, and nothing stored.
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    form: Multipart,
) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Editor)?;
    let read = read_guarded(&state, &desk, form, UploadLimits::images(&state.settings.media)).await?;
    let (stored, credits) = match read {
        Ok(upload) => {
            let credits = typed_credits(&state, |name| {
                upload.text(name).map(|bytes| String::from_utf8_lossy(bytes).into_owned())
            });
            (store(&state, &desk, upload.file, credits.clone()).await, credits)
        }
        Err(refused) => (Err(refused), BTreeMap::new()),
    };
    match stored {
        Ok(()) => Ok(page::see_other(&state, "/desk/media", "media-uploaded")),
        Err(refused) if refused.status_code().is_client_error() => {
            let path = req.path().to_owned();
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show(&req, &state, &desk, 1, status, |lang| {
                let errors = credit_sentences(&state, (lang, &path), &refused, &credits, "file");
                (UploadForm { credits, errors }, None)
            })
            .await
        }
        Err(refused) => Err(refused.into()),
    }
}

/// Checks and stores the file, through the same use case as the API's upload: the first
/// language's credit is the shared one, the others their own where they differ.
async fn store(
    state: &AppState,
    desk: &Desk,
    file: Option<(Vec<u8>, String)>,
    credits: BTreeMap<String, String>,
) -> Result<(), ApiError> {
    let (bytes, original_name) = file
        .filter(|(bytes, _)| !bytes.is_empty())
        .ok_or_else(|| ApiError::from(crate::domain::Invalid::new("file", "value-required")))?;
    let settings = state.settings.media.clone();
    let locales: Vec<String> = state.l10n.codes().map(str::to_owned).collect();
    let typed: Vec<(String, String)> =
        in_order(state, &credits).into_iter().map(|(code, credit)| (code, credit.to_owned())).collect();
    let uploader = desk.user.id;
    // Decoding and resizing take a while: on the blocking pool, before taking a connection.
    let prepared = web::block(move || {
        let locales: Vec<&str> = locales.iter().map(String::as_str).collect();
        let typed: Vec<(&str, &str)> = typed.iter().map(|(l, c)| (l.as_str(), c.as_str())).collect();
        let (credit, own) = crate::domain::image::split_per_language(&typed);
        let new = NewImage { bytes: &bytes, original_name: &original_name, credit, credits: &own, uploader };
        service::media::prepare_image(&settings, &locales, new)
    })
    .await
    .map_err(|_| ApiError::Internal)??;
    state.db.run(move |conn| service::media::record_image(conn, prepared).map(|_| ()).map_err(ApiError::from)).await
}

/// An image file, for the signed-in (the library's links, unpublished ones included).
pub async fn file(
    req: HttpRequest,
    state: web::Data<AppState>,
    _desk: Desk,
    id: web::Path<String>,
) -> Result<HttpResponse, DeskError> {
    let id: i64 = id.parse().map_err(|_| DeskError::NotFound)?;
    let found = state
        .db
        .run(move |conn| db::media::find(conn, id).map_err(ApiError::from))
        .await?
        .ok_or(DeskError::NotFound)?;
    Ok(crate::http::media::serve(&req, &state, &found.file_name)?)
}

/// An image's thumbnail: its narrowest variant, else the original (a library page of camera
/// photos would otherwise download every one whole).
pub async fn thumb(
    req: HttpRequest,
    state: web::Data<AppState>,
    _desk: Desk,
    id: web::Path<String>,
) -> Result<HttpResponse, DeskError> {
    let id: i64 = id.parse().map_err(|_| DeskError::NotFound)?;
    let name = state
        .db
        .run(move |conn| {
            let narrowest = db::media::variants_of(conn, &[id])?.into_iter().next().map(|v| v.file_name);
            let original = db::media::find(conn, id)?.map(|m| m.file_name);
            Ok::<_, ApiError>(narrowest.or(original))
        })
        .await?
        .ok_or(DeskError::NotFound)?;
    Ok(crate::http::media::serve(&req, &state, &name)?)
}

/// New credits for one image, a field `credit-<locale>` per configured language.
#[derive(Deserialize)]
pub struct CreditForm {
    /// The library page it was changed on.
    page: Option<String>,
    #[serde(flatten)]
    fields: BTreeMap<String, String>,
}

/// Changes an image's credits through `service::media::change_credits_per_language`, the use
/// case the API's also goes through; a refused credit is the page again with why, at that
/// image's field.
pub async fn change_credit(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: DeskForm<CreditForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Editor)?;
    let id: i64 = id.parse().map_err(|_| DeskError::NotFound)?;
    let page = page_number(form.page.as_deref());
    let typed = typed_credits(&state, |name| form.fields.get(name).cloned());
    let locales: Vec<String> = state.l10n.codes().map(str::to_owned).collect();
    let ordered: Vec<(String, String)> =
        in_order(&state, &typed).into_iter().map(|(code, credit)| (code, credit.to_owned())).collect();
    let changed = state
        .db
        .run(move |conn| {
            let locales: Vec<&str> = locales.iter().map(String::as_str).collect();
            let ordered: Vec<(&str, &str)> = ordered.iter().map(|(l, c)| (l.as_str(), c.as_str())).collect();
            service::media::change_credits_per_language(conn, &locales, id, &ordered).map_err(ApiError::from)
        })
        .await;
    match changed {
        Ok(()) => Ok(page::see_other(&state, &format!("/desk/media?page={page}#image-{id}"), "media-credit-changed")),
        Err(ApiError::NotFound) => Err(DeskError::NotFound),
        Err(refused) if refused.status_code().is_client_error() => {
            let path = req.path().to_owned();
            show(&req, &state, &desk, page, StatusCode::UNPROCESSABLE_ENTITY, |lang| {
                let errors = credit_sentences(&state, (lang, &path), &refused, &typed, "credit");
                (UploadForm::default(), Some(CreditEdit { id, credits: typed, errors }))
            })
            .await
        }
        Err(refused) => Err(refused.into()),
    }
}
