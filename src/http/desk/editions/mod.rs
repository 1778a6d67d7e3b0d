//! The desk's editions (SPEC §11): the list and creating one (`list`), one edition's page,
//! settings, readiness and publishing (`edition`), its stories and groups (`arrangement`), its
//! texts per language (`texts`), and sending it (`sending`). Each handler writes through the
//! same `service` calls as `/api/v1/editions`.

mod arrangement;
mod edition;
mod list;
mod sending;
mod texts;

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, ResponseError};

use super::page::DeskError;
use crate::desk::editions::Lang;
use crate::http::state::AppState;
use crate::http::ApiError;

/// This screen's routes, inside the `/desk` scope.
pub fn routes(desk: &mut web::ServiceConfig) {
    desk.route("/editions", web::get().to(list::list_page))
        .route("/editions", web::post().to(list::create))
        .route("/editions/{id}", web::get().to(edition::edition_page))
        .route("/editions/{id}/settings", web::post().to(edition::save_settings))
        .route("/editions/{id}/texts/{locale}", web::post().to(texts::save_text))
        .route("/editions/{id}/stories/move", web::post().to(arrangement::move_story))
        .route("/editions/{id}/stories/add", web::post().to(arrangement::add_story))
        .route("/editions/{id}/stories/remove", web::post().to(arrangement::remove_story))
        .route("/editions/{id}/groups/add", web::post().to(arrangement::add_group))
        .route("/editions/{id}/groups/move", web::post().to(arrangement::move_group))
        .route("/editions/{id}/groups/lettered", web::post().to(arrangement::letter_group))
        .route("/editions/{id}/groups/remove", web::post().to(arrangement::remove_group))
        .route("/editions/{id}/groups/ungroup", web::post().to(arrangement::ungroup))
        .route("/editions/{id}/publish", web::post().to(edition::publish))
        .route("/editions/{id}/sending", web::get().to(sending::sending_page))
        .route("/editions/{id}/sending/progress", web::get().to(sending::progress_fragment))
        .route("/editions/{id}/email/{locale}", web::get().to(sending::email_preview))
        .route("/editions/{id}/test-send", web::post().to(sending::test_send))
        .route("/editions/{id}/send", web::get().to(sending::confirm_send))
        .route("/editions/{id}/send", web::post().to(sending::send))
        .route("/editions/{id}/schedule", web::post().to(sending::schedule))
        .route("/editions/{id}/send/cancel", web::post().to(sending::cancel_schedule));
}

/// The newsletter's languages, in the configured order.
fn langs(state: &AppState) -> Vec<Lang> {
    state
        .l10n
        .settings()
        .map(|l| Lang {
            code: l.code.clone(),
            name: l.name.clone(),
            dir: state.l10n.direction(&l.code).as_str(),
            letters: l.letters(),
        })
        .collect()
}

/// A refused action as a page shows it: its status, one sentence per field, and the
/// general sentence. Failures that are not the person's input stay errors (an error page).
struct Refusal {
    status: StatusCode,
    /// The API's problem code (`slug-taken`…).
    code: &'static str,
    fields: BTreeMap<String, String>,
    detail: String,
}

fn refusal(state: &AppState, lang: &str, path: &str, error: DeskError) -> Result<Refusal, DeskError> {
    let DeskError::Api(api) = error else { return Err(error) };
    if matches!(api, ApiError::NotFound) || (api.status_code().is_server_error() && !matches!(api, ApiError::Upstream))
    {
        return Err(DeskError::Api(api));
    }
    let said = super::page::Refusal::of(state, lang, path, &api);
    let fields = said.fields.into_iter().map(|(field, message)| (field.to_owned(), message)).collect();
    Ok(Refusal { status: said.status, code: said.code, fields, detail: said.detail })
}
