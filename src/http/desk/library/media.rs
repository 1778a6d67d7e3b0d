//! `/desk/media`: the library, the upload form, and the files for thumbnails.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::Deserialize;

use super::super::page::{self, DeskError};
use super::super::session::{Desk, DeskForm};
use super::{read_guarded, sentences};
use crate::db;
use crate::desk::chrome::Section;
use crate::desk::library::media::{self, CreditEdit, MediaPage, UploadForm};
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
    let (images, pager) =
        state.db.run(move |conn| media::load(conn, page, &time_zone, &|code| l10n.direction(code).as_str())).await?;
    let chrome = page::chrome(req, state, Some(desk), Some(Section::Media)).await?;
    let (form, credit_edit) = forms(&chrome.lang);
    let view = MediaPage {
        images,
        pager,
        can_upload: desk.user.roles.has_or_admin(Role::Editor),
        form,
        max_megabytes: (state.settings.media.max_bytes / (1024 * 1024)).max(1),
        credit_edit,
    };
    page::html(state, status, &chrome, "media", view)
}

/// An upload: checked and stored by `service::media::add_image`, as the API does. A refused
/// file is the form again (on the first page, where the image would have appeared) with
/// why, and nothing stored.
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    form: Multipart,
) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Editor)?;
    let read = read_guarded(&state, &desk, form, UploadLimits::images(&state.settings.media)).await?;
    let (stored, credit) = match read {
        Ok(upload) => {
            let credit = upload.text("credit").map(|c| String::from_utf8_lossy(c).into_owned()).unwrap_or_default();
            (store(&state, &desk, upload.file, credit.clone()).await, credit)
        }
        Err(refused) => (Err(refused), String::new()),
    };
    match stored {
        Ok(()) => Ok(page::see_other(&state, "/desk/media", "media-uploaded")),
        Err(refused) if refused.status_code().is_client_error() => {
            let path = req.path().to_owned();
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show(&req, &state, &desk, 1, status, |lang| {
                let errors = sentences(&state, lang, &path, &refused, &["credit", "file"], "file");
                (UploadForm { credit, errors }, None)
            })
            .await
        }
        Err(refused) => Err(refused.into()),
    }
}

/// Checks and stores the file, through the same use case as the API's upload.
async fn store(state: &AppState, desk: &Desk, file: Option<(Vec<u8>, String)>, credit: String) -> Result<(), ApiError> {
    let (bytes, original_name) = file
        .filter(|(bytes, _)| !bytes.is_empty())
        .ok_or_else(|| ApiError::from(crate::domain::Invalid::new("file", "value-required")))?;
    let settings = state.settings.media.clone();
    let uploader = desk.user.id;
    state
        .db
        .run(move |conn| {
            let new = NewImage { bytes: &bytes, original_name: &original_name, credit: &credit, uploader };
            service::media::add_image(conn, &settings, new).map(|_| ()).map_err(ApiError::from)
        })
        .await
}

/// An image file, for the signed-in (the library's thumbnails, unpublished ones included).
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

/// A new credit for one image.
#[derive(Deserialize)]
pub struct CreditForm {
    #[serde(default)]
    credit: String,
    /// The library page it was changed on.
    page: Option<String>,
}

/// Changes an image's credit through `service::media::change_credit`, as the API does; a
/// refused credit is the page again with why, at that image.
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
    let credit = form.credit.clone();
    let changed =
        state.db.run(move |conn| service::media::change_credit(conn, id, &credit).map_err(ApiError::from)).await;
    match changed {
        Ok(()) => Ok(page::see_other(&state, &format!("/desk/media?page={page}#image-{id}"), "media-credit-changed")),
        Err(ApiError::NotFound) => Err(DeskError::NotFound),
        Err(refused) if refused.status_code().is_client_error() => {
            let path = req.path().to_owned();
            show(&req, &state, &desk, page, StatusCode::UNPROCESSABLE_ENTITY, |lang| {
                let errors = sentences(&state, lang, &path, &refused, &["credit"], "credit");
                let error = errors.into_values().next().unwrap_or_default();
                (UploadForm::default(), Some(CreditEdit { id, credit: form.credit, error }))
            })
            .await
        }
        Err(refused) => Err(refused.into()),
    }
}
