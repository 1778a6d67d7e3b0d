//! Users and roles (admins), and each person's own account: name, language, time zone,
//! password and second factor (TOTP); and the sign-in's second step.

mod account;
mod second_step;
mod users;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};

use crate::desk::people::{Choice, Errors};
use crate::http::state::AppState;
use crate::http::ApiError;

pub(super) use second_step::ask_for_second_factor;

use super::page::DeskError;

/// This screen's routes, inside the `/desk` scope.
pub fn routes(desk: &mut web::ServiceConfig) {
    desk.route("/users", web::get().to(users::list))
        .route("/users", web::post().to(users::add))
        // Before `/users/{id}`, which would take `settings` for an id.
        .route("/users/settings", web::post().to(users::settings))
        .route("/users/{id}", web::get().to(users::edit))
        .route("/users/{id}", web::post().to(users::change))
        .route("/account", web::get().to(account::show))
        .route("/account", web::post().to(account::save_profile))
        .route("/account/password", web::post().to(account::change_password))
        .route("/account/totp", web::post().to(account::begin_enrolment))
        .route("/account/totp/confirm", web::post().to(account::confirm_enrolment))
        .route("/account/totp/cancel", web::post().to(account::cancel_enrolment))
        .route("/account/totp/disable", web::post().to(account::disable))
        .route("/login/code", web::get().to(second_step::form))
        .route("/login/code", web::post().to(second_step::submit));
}

/// The interface languages, for the language fields.
fn languages(state: &AppState) -> Vec<Choice> {
    state.l10n.settings().map(|l| Choice { code: l.code.clone(), name: l.name.clone() }).collect()
}

/// A refusal as a form shows it: its status, a sentence per field, and a sentence for the
/// whole form when no field is to blame. A failure on our side stays an error page.
fn refusal(
    req: &HttpRequest,
    state: &AppState,
    lang: &str,
    error: ApiError,
) -> Result<(StatusCode, Errors, Option<String>), DeskError> {
    if matches!(error, ApiError::Internal | ApiError::Unavailable) {
        return Err(error.into());
    }
    let said = super::page::Refusal::of(state, lang, req.path(), &error);
    let errors: Errors = said.fields.into_iter().map(|(field, message)| (field.to_owned(), message)).collect();
    let problem = errors.is_empty().then_some(said.detail);
    Ok((said.status, errors, problem))
}

/// The language a page for this person is in (what `page::chrome` picks).
fn lang_of(req: &HttpRequest, state: &AppState, user_locale: &str) -> String {
    super::page::language(req, state, Some(user_locale))
}
