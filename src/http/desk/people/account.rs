//! `/desk/account`: the signed-in person's own name, language, time zone and password, and
//! their second factor (enrol, confirm, turn off).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::{lang_of, languages, refusal};
use crate::auth::{password, session as auth_session};
use crate::desk::chrome::Section;
use crate::desk::people::{self, AccountPage, CodesPage, Errors, ProfileForm};
use crate::domain::{EmailAddress, Invalid, NewPassword};
use crate::http::desk::page::{self, DeskError};
use crate::http::desk::session::{self, Desk, DeskForm, NoFields, SESSION_COOKIE};
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service::accounts::{self, AccountChange};
use crate::service::second_factor::{self, Proof};

pub async fn show(req: HttpRequest, state: web::Data<AppState>, desk: Desk) -> Result<HttpResponse, DeskError> {
    account_page(&req, &state, &desk, StatusCode::OK, None, Errors::new()).await
}

/// The account page; `profile` is what was typed in a refused profile form.
async fn account_page(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    status: StatusCode,
    profile: Option<ProfileForm>,
    errors: Errors,
) -> Result<HttpResponse, DeskError> {
    let chrome = page::chrome(req, state, Some(desk), Some(Section::Account)).await?;
    let id = desk.user.id;
    let issuer = chrome.site_name.clone();
    let (me, factor) = state.db.run(move |conn| people::load_account(conn, id, &issuer)).await?;
    let profile = profile.unwrap_or_else(|| ProfileForm {
        display_name: me.name.clone(),
        preferred_locale: me.locale.clone(),
        time_zone: me.time_zone.clone(),
    });
    let view = AccountPage { me, profile, factor, errors, languages: languages(state), zones: people::zones() };
    page::html(state, status, &chrome, "account", view)
}

/// A form refused: the account page again, with the sentences.
async fn refused(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    error: ApiError,
    profile: Option<ProfileForm>,
    rename: &[(&str, &str)],
) -> Result<HttpResponse, DeskError> {
    let lang = lang_of(req, state, &desk.user.preferred_locale);
    let (status, mut errors, problem) = refusal(req, state, &lang, error)?;
    for (from, to) in rename {
        if let Some(sentence) = errors.remove(*from) {
            errors.insert((*to).to_owned(), sentence);
        }
    }
    if let Some(problem) = problem {
        errors.insert("form".to_owned(), problem);
    }
    account_page(req, state, desk, status, profile, errors).await
}

#[derive(Deserialize)]
pub struct ProfileFields {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    preferred_locale: String,
    #[serde(default)]
    time_zone: String,
}

/// Saves the person's own name, language and time zone (the same use case as an admin's change).
pub async fn save_profile(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: DeskForm<ProfileFields>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    let change = AccountChange {
        display_name: Some(form.display_name.clone()),
        preferred_locale: Some(form.preferred_locale.clone()),
        time_zone: Some(form.time_zone.clone()),
        ..AccountChange::default()
    };
    let id = desk.user.id;
    let l10n = state.l10n.clone();
    let result = state.db.run(move |conn| accounts::update(conn, id, id, change.check(&l10n)?)).await;
    match result {
        Ok(_) => Ok(page::see_other(&state, "/desk/account", "account-saved")),
        Err(error) => {
            let profile = ProfileForm {
                display_name: form.display_name,
                preferred_locale: form.preferred_locale,
                time_zone: form.time_zone,
            };
            refused(&req, &state, &desk, error.into(), Some(profile), &[]).await
        }
    }
}

#[derive(Deserialize)]
pub struct PasswordFields {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// Changes the person's password: the current one first (counted by the login limits, so the
/// form cannot be used to guess it), then `service::accounts::set_password`, which ends every
/// session of the account, this one included: the person signs in again.
pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: DeskForm<PasswordFields>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    match set_password(&state, &desk, form).await {
        Ok(()) => {
            let mut response = page::see_other(&state, "/desk/login", "password-changed");
            response.add_cookie(&session::removal(&state, SESSION_COOKIE)).map_err(|_| DeskError::Internal)?;
            Ok(response)
        }
        Err(error) => refused(&req, &state, &desk, error, None, &[("password", "new_password")]).await,
    }
}

async fn set_password(state: &web::Data<AppState>, desk: &Desk, form: PasswordFields) -> Result<(), ApiError> {
    let new = NewPassword::parse(form.new_password);
    state.login_limits.per_account.check_and_record(&desk.user.email).await?;
    let user = desk.user.clone();
    let current = form.current_password;
    let checked = state
        .hashing
        .run(move |memory| auth_session::check_password(Some(user), &current, memory).is_ok())
        .await
        .ok_or(ApiError::Internal)?;
    let mut problems = Vec::new();
    if !checked {
        problems.push(Invalid::new("current_password", "wrong-password"));
    }
    if let Err(invalid) = &new {
        problems.push(invalid.clone());
    }
    let new = match new {
        Ok(new) if problems.is_empty() => new,
        _ => return Err(ApiError::Validation(problems)),
    };
    state.login_limits.per_account.clear(&desk.user.email).await;
    let hash = state.hashing.run(move |_| password::hash(new.expose())).await.ok_or(ApiError::Internal)?;
    let email = EmailAddress::parse(&desk.user.email).map_err(|_| ApiError::Internal)?;
    let actor = desk.user.id;
    state.db.run(move |conn| accounts::set_password(conn, Some(actor), &email, &hash).map_err(ApiError::from)).await
}

/// Starts an enrolment: a new secret, shown on the account page with its QR code.
pub async fn begin_enrolment(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: DeskForm<NoFields>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, .. } = form;
    let id = desk.user.id;
    match state.db.run(move |conn| second_factor::begin(conn, id)).await {
        Ok(_) => Ok(page::see_other(&state, "/desk/account#second-factor", "totp-started")),
        Err(error) => refused(&req, &state, &desk, error.into(), None, &[]).await,
    }
}

#[derive(Deserialize)]
pub struct CodeFields {
    #[serde(default)]
    code: String,
}

/// Confirms an enrolment with a first code, then shows the recovery codes, once.
pub async fn confirm_enrolment(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: DeskForm<CodeFields>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    let id = desk.user.id;
    let now = second_factor::unix_now();
    match state.db.run(move |conn| second_factor::confirm(conn, id, &form.code, now)).await {
        Ok(codes) => {
            let chrome = page::chrome(&req, &state, Some(&desk), Some(Section::Account)).await?;
            page::html(&state, StatusCode::OK, &chrome, "account_codes", CodesPage { codes })
        }
        Err(error) => refused(&req, &state, &desk, error.into(), None, &[]).await,
    }
}

/// Abandons an enrolment that was not confirmed.
pub async fn cancel_enrolment(state: web::Data<AppState>, form: DeskForm<NoFields>) -> Result<HttpResponse, DeskError> {
    let id = form.desk.user.id;
    state.db.run(move |conn| second_factor::cancel(conn, id)).await?;
    Ok(page::see_other(&state, "/desk/account", "totp-cancelled"))
}

#[derive(Deserialize)]
pub struct DisableFields {
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
}

/// Turns the second factor off, with a current code (or a recovery code) or the password.
pub async fn disable(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: DeskForm<DisableFields>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    match turn_off(&state, &desk, form).await {
        Ok(()) => Ok(page::see_other(&state, "/desk/account", "totp-disabled")),
        Err(error) => refused(&req, &state, &desk, error, None, &[("code", "disable_code")]).await,
    }
}

async fn turn_off(state: &web::Data<AppState>, desk: &Desk, form: DisableFields) -> Result<(), ApiError> {
    // Counted like a sign-in: either proof can be guessed at otherwise.
    state.login_limits.per_account.check_and_record(&desk.user.email).await?;
    let id = desk.user.id;
    let now = second_factor::unix_now();
    if !form.code.trim().is_empty() {
        let code = form.code;
        return state
            .db
            .run(move |conn| second_factor::disable(conn, id, Proof::Code(&code), now).map_err(ApiError::from))
            .await;
    }
    let user = desk.user.clone();
    let password = form.password;
    let checked = state
        .hashing
        .run(move |memory| auth_session::check_password(Some(user), &password, memory).is_ok())
        .await
        .ok_or(ApiError::Internal)?;
    if !checked {
        return Err(ApiError::Validation(vec![Invalid::new("code", "wrong-code")]));
    }
    state
        .db
        .run(move |conn| second_factor::disable(conn, id, Proof::PasswordChecked, now).map_err(ApiError::from))
        .await
}
