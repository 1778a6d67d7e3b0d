//! Uploading images, reading their metadata, and serving the files.

use std::collections::BTreeMap;
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
use crate::db::DbConn;
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
    /// Photo credit of every language without its own in `credits` (before there were
    /// credits per language, the credit of every language).
    pub credit: String,
    /// Photo credits of particular languages, by locale code: a page in one of these shows
    /// this one instead of `credit` (an empty one: no credit in that language).
    pub credits: BTreeMap<String, String>,
    /// The uploader's file name, for reference only.
    pub original_name: String,
    /// Public address of the original once published content uses the image.
    pub url: String,
    /// Resized copies (for `srcset` and email), narrowest first, public with the original.
    /// Empty for an image at most 480 pixels wide, one that could not be decoded, or one
    /// uploaded before variants existed until `nashra media variants` has run.
    pub variants: Vec<VariantView>,
    pub created_at: DateTime<Utc>,
}

/// A resized copy of an image.
#[derive(Debug, Serialize, ToSchema)]
pub struct VariantView {
    pub width: i32,
    pub height: i32,
    pub content_type: String,
    pub size_bytes: i64,
    pub url: String,
}

impl MediaView {
    /// The view of `m`, with its credits and variants.
    pub fn load(conn: &mut DbConn, m: Media) -> Result<Self, ApiError> {
        let credits =
            media::credits_of(conn, &[m.id])?.into_iter().map(|(_, locale, credit)| (locale, credit)).collect();
        let variants = media::variants_of(conn, &[m.id])?
            .into_iter()
            .map(|v| VariantView {
                url: format!("/media/{}", v.file_name),
                width: v.width,
                height: v.height,
                content_type: v.content_type,
                size_bytes: v.size_bytes,
            })
            .collect();
        Ok(Self {
            url: format!("/media/{}", m.file_name),
            id: m.id,
            content_type: m.content_type,
            width: m.width,
            height: m.height,
            size_bytes: m.size_bytes,
            credit: m.credit,
            credits,
            original_name: m.original_name,
            variants,
            created_at: m.created_at.and_utc(),
        })
    }

    /// The view of image `id`; 404 if there is none.
    pub fn find(conn: &mut DbConn, id: i64) -> Result<Self, ApiError> {
        let found = media::find(conn, id)?.ok_or(ApiError::NotFound)?;
        Self::load(conn, found)
    }
}

/// The multipart form of an upload.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the form for OpenAPI; the handler reads the stream itself
pub struct UploadForm {
    /// A JPEG, PNG or WebP image, recognised by its content.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// Photo credit of every language without its own.
    credit: Option<String>,
    /// Photo credit in one language, a part per language: `credits[ar]`, `credits[en]`…
    #[schema(rename = "credits[{locale}]")]
    credits: Option<String>,
}

/// Upload an image (multipart/form-data with `file`, optional `credit` and optional
/// `credits[<locale>]` parts). JPEGs and PNGs wider than 480 pixels get resized variants at
/// once (see `variants`).
#[utoipa::path(
    post, path = "/api/v1/media", tag = "media", security(("bearer" = ["editor"])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = MediaView),
        (status = 400, description = "Not a multipart form, or no file"),
        (status = 413, description = "Larger than the configured limit"),
        (status = 408, description = "The body did not arrive within `media.read_timeout_secs` (`request-timeout`)"),
        (status = 415, description = "Not a JPEG, PNG or WebP image (`unsupported-image`)"),
        (status = 422, description = "A credit too long, not one line, or for a locale not configured; more than `media.max_pixels` declared pixels; or more than 16 form fields"),
    )
)]
pub async fn upload_media(
    editor: Editor,
    state: web::Data<AppState>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let limits = UploadLimits::images(&state.settings.media);
    let upload = read_upload(form, limits, |_: &str, _: &Upload| Ok::<_, ApiError>(())).await?;
    let text = |bytes: &[u8], field| String::from_utf8(bytes.to_vec()).map_err(|_| Invalid::new(field, "invalid-text"));
    let credit = upload.text("credit").map(|bytes| text(bytes, "credit")).transpose()?.unwrap_or_default();
    let credits = upload
        .locale_texts("credits")
        .map(|(locale, bytes)| Ok((locale.to_owned(), text(bytes, "credits")?)))
        .collect::<Result<Vec<(String, String)>, Invalid>>()?;
    let (bytes, original_name) = upload.file.ok_or_else(|| ApiError::from(Invalid::new("file", "value-required")))?;
    let settings = state.settings.media.clone();
    let locales: Vec<String> = state.l10n.codes().map(str::to_owned).collect();
    let uploader = editor.id;
    // Decoding and resizing take a while: on the blocking pool, before taking a connection.
    let prepared = web::block(move || {
        let locales: Vec<&str> = locales.iter().map(String::as_str).collect();
        let credits: Vec<(&str, Option<&str>)> = credits.iter().map(|(l, c)| (l.as_str(), Some(c.as_str()))).collect();
        let new =
            NewImage { bytes: &bytes, original_name: &original_name, credit: &credit, credits: &credits, uploader };
        service::media::prepare_image(&settings, &locales, new)
    })
    .await
    .map_err(|_| ApiError::Internal)??;
    let view = state
        .db
        .run(move |conn| {
            let id = service::media::record_image(conn, prepared)?.id;
            MediaView::find(conn, id)
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

    /// The text fields called `name[<key>]`, as `(key, value)`: `credits[ar]` is `("ar", …)`.
    pub fn locale_texts<'a>(&'a self, name: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.texts.iter().filter_map(move |(field, value)| {
            let key = field.strip_prefix(name)?.strip_prefix('[')?.strip_suffix(']')?;
            Some((key, value.as_slice()))
        })
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

/// What may change about an image: at least one of the two.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMediaRequest {
    /// Photo credit of every language without its own (what older clients set as the credit).
    pub credit: Option<String>,
    /// Photo credits of particular languages, by locale code: a string sets that language's
    /// own (an empty one: no credit in that language), `null` removes it so `credit` shows
    /// there again. Languages not named keep what they have. On a page, a language's own
    /// credit wins over `credit`.
    #[serde(default)]
    pub credits: BTreeMap<String, Option<String>>,
}

/// Change an image's credits.
#[utoipa::path(
    patch, path = "/api/v1/media/{id}", tag = "media", security(("bearer" = ["editor"])),
    params(("id" = i64, Path)),
    request_body = UpdateMediaRequest,
    responses(
        (status = 200, body = MediaView),
        (status = 422, description = "Neither `credit` nor `credits`; a credit too long or not one line; a locale not configured"),
    )
)]
pub async fn update_media(
    _editor: Editor,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Json<UpdateMediaRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, body) = (id.into_inner(), body.into_inner());
    if body.credit.is_none() && body.credits.is_empty() {
        return Err(Invalid::new("credit", "value-required").into());
    }
    let locales: Vec<String> = state.l10n.codes().map(str::to_owned).collect();
    let view = state
        .db
        .run(move |conn| {
            let locales: Vec<&str> = locales.iter().map(String::as_str).collect();
            let credits: Vec<(&str, Option<&str>)> =
                body.credits.iter().map(|(locale, credit)| (locale.as_str(), credit.as_deref())).collect();
            service::media::change_credits(conn, &locales, id, body.credit.as_deref(), &credits)?;
            MediaView::find(conn, id)
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
    let view = state.db.run(move |conn| MediaView::find(conn, id)).await?;
    Ok(HttpResponse::Ok().json(view))
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

/// A public image or one of its variants: served only once published content (a live text,
/// a published edition's cover) uses the image, so uploads for unpublished stories do not
/// leak. A file's name is never reused for other bytes, so readers' browsers and caches may
/// keep it for a week without asking again.
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
            let image = match media::find_by_file_name(conn, &lookup)? {
                Some(original) => original.id,
                None => match media::find_variant_by_file_name(conn, &lookup)? {
                    Some(variant) => variant.media_id,
                    None => return Ok(false),
                },
            };
            media::is_public(conn, image).map_err(ApiError::from)
        })
        .await?;
    if !public {
        return Err(ApiError::NotFound);
    }
    let mut response = serve(&req, &state, &name)?;
    // A week, not a year: an image taken down with its story stays in caches no longer.
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static(PUBLIC_CACHE));
    Ok(response)
}

/// How long readers' browsers and shared caches keep a public image.
pub const PUBLIC_CACHE: &str = "public, max-age=604800";

/// The stored file `name` from the media folder, with validators and `nosniff`.
pub fn serve(req: &HttpRequest, state: &AppState, name: &str) -> Result<HttpResponse, ApiError> {
    let path = path_of(&state.settings.media.dir, name).ok_or(ApiError::NotFound)?;
    let file = NamedFile::open(path).map_err(|_| ApiError::NotFound)?;
    let mut response = file.use_etag(true).use_last_modified(true).into_response(req);
    response.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, header::HeaderValue::from_static("nosniff"));
    Ok(response)
}
