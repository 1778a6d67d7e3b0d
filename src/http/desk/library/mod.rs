//! The media library and the subscribers at the desk: `/desk/media…` and
//! `/desk/subscribers…`. Uploads (an image, a CSV file) are multipart forms read through the
//! API's own reader (`http::media::read_upload`) under the same limits; their anti-forgery
//! token must be the form's first field and is checked before the file is read.

mod media;
mod subscribers;

use std::collections::BTreeMap;

use actix_multipart::Multipart;
use actix_web::web;

use super::page::DeskError;
use super::session::Desk;
use crate::auth::csrf::Binding;
use crate::http::media::{read_upload, Upload, UploadLimits};
use crate::http::state::AppState;
use crate::http::ApiError;

/// This screen's routes, inside the `/desk` scope.
pub fn routes(desk: &mut web::ServiceConfig) {
    desk.route("/media", web::get().to(media::media_page))
        .route("/media", web::post().to(media::upload))
        .route("/media/{id}", web::post().to(media::change_credit))
        .route("/media/{id}/file", web::get().to(media::file))
        .route("/media/{id}/thumb", web::get().to(media::thumb))
        .route("/subscribers", web::get().to(subscribers::subscribers_page))
        .route("/subscribers/export", web::get().to(subscribers::export))
        .route("/subscribers/import", web::post().to(subscribers::import))
        .route("/subscribers/{id}", web::post().to(subscribers::change));
}

/// Reads a multipart form from `desk` whose first field is this session's anti-forgery token
/// `csrf`: no other field is read until it is verified, and a form without it (or not a
/// multipart form at all) is refused with [`DeskError::Csrf`]. Once the token is verified,
/// a refusal of the upload itself (too large, too slow, too many fields) is the inner error,
/// for the form to show.
async fn read_guarded(
    state: &AppState,
    desk: &Desk,
    form: Multipart,
    limits: UploadLimits,
) -> Result<Result<Upload, ApiError>, DeskError> {
    let verify =
        |token: &[u8]| std::str::from_utf8(token).is_ok_and(|t| state.csrf.verify(Binding::Session(&desk.family), t));
    let mut verified = false;
    let read = read_upload(form, limits, |name: &str, so_far: &Upload| -> Result<(), DeskError> {
        if verified {
            return Ok(());
        }
        match (so_far.texts.as_slice(), so_far.file.is_some()) {
            ([], false) if name == "csrf" => Ok(()),
            ([(field, token)], false) if field == "csrf" && verify(token) => {
                verified = true;
                Ok(())
            }
            _ => Err(DeskError::Csrf),
        }
    })
    .await;
    match read {
        Ok(upload) if upload.texts.first().is_some_and(|(field, token)| field == "csrf" && verify(token)) => {
            Ok(Ok(upload))
        }
        Ok(_) => Err(DeskError::Csrf),
        Err(DeskError::Api(refused)) if verified => Ok(Err(refused)),
        // Not a multipart form that starts with the token.
        Err(DeskError::Api(_)) => Err(DeskError::Csrf),
        Err(other) => Err(other),
    }
}

/// The sentences for a refused form, by field: each field's own for a validation failure
/// (fields the form does not have go to `fallback`), otherwise the problem's detail under
/// `fallback`.
fn sentences(
    state: &AppState,
    lang: &str,
    path: &str,
    error: &ApiError,
    fields: &[&str],
    fallback: &str,
) -> BTreeMap<String, String> {
    let said = super::page::Refusal::of(state, lang, path, error);
    let mut found = BTreeMap::new();
    if said.fields.is_empty() {
        found.insert(fallback.to_owned(), said.detail);
    }
    for (field, message) in said.fields {
        let name = if fields.contains(&field) { field } else { fallback };
        found.entry(name.to_owned()).or_insert(message);
    }
    found
}
