//! Uploading images, reading their metadata, and serving the files.

use std::time::Duration;

use actix_files::NamedFile;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::{CurrentUser, Editor};
use crate::config::MediaSettings;
use crate::db::media::{self, Media};
use crate::domain::image::MAX_CREDIT_CHARS;
use crate::domain::Invalid;
use crate::http::json::Json;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::media::{display_name, path_of};
use crate::service;
use crate::service::media::NewImage;

/// Parts an upload form may have: `file` and `credit` need two, and a client sending
/// hundreds of tiny parts is after the server's time, not uploading a photo.
pub const MAX_FIELDS: usize = 16;

#[derive(Debug, Serialize, ToSchema)]
pub struct MediaView {
    pub id: i64,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    pub size_bytes: i64,
    /// Photo credit, shown with the image in every language.
    pub credit: String,
    /// The uploader's file name, for reference only.
    pub original_name: String,
    /// Public address once published content uses the image.
    pub url: String,
    pub created_at: DateTime<Utc>,
}

impl From<Media> for MediaView {
    fn from(m: Media) -> Self {
        Self {
            url: format!("/media/{}", m.file_name),
            id: m.id,
            content_type: m.content_type,
            width: m.width,
            height: m.height,
            size_bytes: m.size_bytes,
            credit: m.credit,
            original_name: m.original_name,
            created_at: m.created_at.and_utc(),
        }
    }
}

/// The multipart form of an upload.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the form for OpenAPI; the handler reads the stream itself
pub struct UploadForm {
    /// A JPEG, PNG or WebP image, recognised by its content.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// Photo credit.
    credit: Option<String>,
}

/// Upload an image (multipart/form-data with `file` and optional `credit`).
#[utoipa::path(
    post, path = "/api/v1/media", tag = "media", security(("bearer" = ["editor"])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = MediaView),
        (status = 400, description = "Not a multipart form, or no file"),
        (status = 413, description = "Larger than the configured limit"),
        (status = 408, description = "The body did not arrive within `media.read_timeout_secs` (`request-timeout`)"),
        (status = 415, description = "Not a JPEG, PNG or WebP image (`unsupported-image`)"),
        (status = 422, description = "Credit too long, more than `media.max_pixels` declared pixels, or more than 16 form fields"),
    )
)]
pub async fn upload_media(
    editor: Editor,
    state: web::Data<AppState>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let limits = UploadLimits::images(&state.settings.media);
    let upload = read_upload(form, limits, |_: &str, _: &Upload| Ok::<_, ApiError>(())).await?;
    let credit = match upload.text("credit") {
        Some(bytes) => String::from_utf8(bytes.to_vec()).map_err(|_| Invalid::new("credit", "invalid-text"))?,
        None => String::new(),
    };
    let (bytes, original_name) = upload.file.ok_or_else(|| ApiError::from(Invalid::new("file", "value-required")))?;
    let settings = state.settings.media.clone();
    let uploader = editor.id;
    let view = state
        .db
        .run(move |conn| {
            let new = NewImage { bytes: &bytes, original_name: &original_name, credit: &credit, uploader };
            let id = service::media::add_image(conn, &settings, new)?.id;
            media::find(conn, id)?.map(MediaView::from).ok_or(ApiError::Internal)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// How much of an upload form is read, and for how long.
#[derive(Debug, Clone, Copy)]
pub struct UploadLimits {
    /// Largest `file` part, in bytes.
    pub file_bytes: usize,
    /// How long the whole body may take to arrive.
    pub read_timeout: Duration,
}

impl UploadLimits {
    /// The limits of an image upload (`media.max_bytes`, `media.read_timeout_secs`).
    pub fn images(settings: &MediaSettings) -> Self {
        Self { file_bytes: settings.max_bytes, read_timeout: Duration::from_secs(settings.read_timeout_secs) }
    }
}

/// A multipart form as read: the `file` part (its bytes and the sender's name for it, made
/// safe for display) and the other parts, small text fields, in the order they came.
#[derive(Debug, Default)]
pub struct Upload {
    pub file: Option<(Vec<u8>, String)>,
    pub texts: Vec<(String, Vec<u8>)>,
}

impl Upload {
    /// The first text field called `name`, as sent.
    pub fn text(&self, name: &str) -> Option<&[u8]> {
        self.texts.iter().find(|(field, _)| field == name).map(|(_, value)| value.as_slice())
    }
}

/// Reads a multipart upload form within `limits`: at most [`MAX_FIELDS`] parts, a `file` of
/// at most `limits.file_bytes` (413), small text fields, the whole body within
/// `limits.read_timeout` (408). Before each part is read, `check` sees its name and what was
/// read so far and may refuse: the desk checks its anti-forgery token there, before a byte of
/// the file is read. The API (`upload_media`) and the desk both read uploads through here.
pub async fn read_upload<E: From<ApiError>>(
    mut form: Multipart,
    limits: UploadLimits,
    mut check: impl FnMut(&str, &Upload) -> Result<(), E>,
) -> Result<Upload, E> {
    // One deadline for the whole body, so that a client trickling a byte at a time is cut
    // off as surely as one that stalls.
    let deadline = tokio::time::Instant::now() + limits.read_timeout;
    let mut upload = Upload::default();
    let mut fields = 0;
    while let Some(mut field) = in_time(deadline, form.try_next()).await? {
        fields += 1;
        if fields > MAX_FIELDS {
            return Err(ApiError::from(Invalid::new("form", "too-many-fields").with_limit(MAX_FIELDS)).into());
        }
        let name = field.name().unwrap_or_default().to_owned();
        check(&name, &upload)?;
        let client_name =
            field.content_disposition().and_then(|d| d.get_filename()).map(display_name).unwrap_or_default();
        // Text fields are small; the file may be as large as the limit.
        let cap = if name == "file" { limits.file_bytes } else { 4 * MAX_CREDIT_CHARS };
        let mut bytes = Vec::new();
        while let Some(chunk) = in_time(deadline, field.try_next()).await? {
            if bytes.len() + chunk.len() > cap {
                return Err(ApiError::PayloadTooLarge { limit: cap }.into());
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == "file" {
            upload.file = Some((bytes, client_name));
        } else {
            upload.texts.push((name, bytes));
        }
    }
    Ok(upload)
}

/// What may change about an image.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMediaRequest {
    /// Photo credit, shown with the image in every language.
    pub credit: String,
}

/// Change an image's credit.
#[utoipa::path(
    patch, path = "/api/v1/media/{id}", tag = "media", security(("bearer" = ["editor"])),
    params(("id" = i64, Path)),
    request_body = UpdateMediaRequest,
    responses(
        (status = 200, body = MediaView),
        (status = 422, description = "Credit too long"),
    )
)]
pub async fn update_media(
    _editor: Editor,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Json<UpdateMediaRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, body) = (id.into_inner(), body.into_inner());
    let view = state
        .db
        .run(move |conn| {
            service::media::change_credit(conn, id, &body.credit)?;
            media::find(conn, id)?.map(MediaView::from).ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The next part or chunk of an upload, unless `deadline` passes first (408).
async fn in_time<T, E>(
    deadline: tokio::time::Instant,
    read: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, ApiError> {
    tokio::time::timeout_at(deadline, read)
        .await
        .map_err(|_| ApiError::RequestTimeout)?
        .map_err(|_| ApiError::Status(actix_web::http::StatusCode::BAD_REQUEST))
}

/// An image's metadata.
#[utoipa::path(
    get, path = "/api/v1/media/{id}", tag = "media", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = MediaView),
    )
)]
pub async fn get_media(
    _user: CurrentUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let found = state.db.run(move |conn| media::find(conn, id).map_err(ApiError::from)).await?;
    Ok(HttpResponse::Ok().json(MediaView::from(found.ok_or(ApiError::NotFound)?)))
}

/// The image file, for staff previewing unpublished content.
#[utoipa::path(
    get, path = "/api/v1/media/{id}/file", tag = "media", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The image", content_type = "image/*"),
    )
)]
pub async fn get_media_file(
    _user: CurrentUser,
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let found = state.db.run(move |conn| media::find(conn, id).map_err(ApiError::from)).await?;
    serve(&req, &state, &found.ok_or(ApiError::NotFound)?.file_name)
}

/// A public image: served only once published content (a live text, a published edition's
/// cover) uses it, so uploads for unpublished stories do not leak.
#[utoipa::path(
    get, path = "/media/{file_name}", tag = "media",
    params(("file_name" = String, Path)),
    responses(
        (status = 200, description = "The image", content_type = "image/*"),
    )
)]
pub async fn get_public_media(
    req: HttpRequest,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let name = name.into_inner();
    if path_of(&state.settings.media.dir, &name).is_none() {
        return Err(ApiError::NotFound);
    }
    let lookup = name.clone();
    let public = state
        .db
        .run(move |conn| {
            let Some(found) = media::find_by_file_name(conn, &lookup)? else {
                return Ok(false);
            };
            media::is_public(conn, found.id).map_err(ApiError::from)
        })
        .await?;
    if !public {
        return Err(ApiError::NotFound);
    }
    serve(&req, &state, &name)
}

/// The stored file `name` from the media folder, with validators and `nosniff`.
pub fn serve(req: &HttpRequest, state: &AppState, name: &str) -> Result<HttpResponse, ApiError> {
    let path = path_of(&state.settings.media.dir, name).ok_or(ApiError::NotFound)?;
    let file = NamedFile::open(path).map_err(|_| ApiError::NotFound)?;
    let mut response = file.use_etag(true).use_last_modified(true).into_response(req);
    response.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, header::HeaderValue::from_static("nosniff"));
    Ok(response)
}
