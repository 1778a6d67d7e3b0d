//! `/desk/users`: every account, adding one, changing one, and the rule that admins need a
//! second factor. Admins only; the same use cases as `/api/v1/users`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::{lang_of, languages, refusal};
use crate::auth::password;
use crate::desk::chrome::Section;
use crate::desk::people::{self, all_roles, Errors, NewUserForm, UserForm, UserPage, UsersPage};
use crate::domain::Role;
use crate::http::desk::page::{self, DeskError};
use crate::http::desk::session::{Desk, DeskForm};
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service::accounts::{self, AccountChange, NewAccount};
use crate::service::second_factor;

pub async fn list(req: HttpRequest, state: web::Data<AppState>, desk: Desk) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Admin)?;
    let form = NewUserForm { preferred_locale: state.l10n.default_locale().to_owned(), ..NewUserForm::default() };
    list_page(&req, &state, &desk, StatusCode::OK, form, Errors::new(), None).await
}

async fn list_page(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    status: StatusCode,
    form: NewUserForm,
    errors: Errors,
    problem: Option<String>,
) -> Result<HttpResponse, DeskError> {
    let (users, admins_need_totp) = state.db.run(people::load_users).await?;
    let chrome = page::chrome(req, state, Some(desk), Some(Section::Users)).await?;
    let view = UsersPage {
        users,
        admins_need_totp,
        form,
        errors,
        problem,
        all_roles: all_roles(),
        languages: languages(state),
    };
    page::html(state, status, &chrome, "users", view)
}

#[derive(Deserialize)]
pub struct NewUserFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    preferred_locale: String,
}

/// Roles as ticked; a name that is no role is dropped (the form offers only real ones).
fn parse_roles(names: &[String]) -> Vec<Role> {
    names.iter().filter_map(|name| name.parse().ok()).collect()
}

/// Adds an account: the checks of `POST /api/v1/users`.
pub async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: DeskForm<NewUserFields>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Admin)?;
    let created = create(&state, desk.user.id, &form).await;
    match created {
        Ok(()) => Ok(page::see_other(&state, "/desk/users", "user-added")),
        Err(error) => {
            let lang = lang_of(&req, &state, &desk.user.preferred_locale);
            let (status, errors, problem) = refusal(&req, &state, &lang, error)?;
            // What was typed comes back, but never the password.
            let NewUserFields { email, display_name, roles, preferred_locale, .. } = form;
            let form = NewUserForm { email, display_name, roles, preferred_locale };
            list_page(&req, &state, &desk, status, form, errors, problem).await
        }
    }
}

async fn create(state: &web::Data<AppState>, actor: i64, form: &NewUserFields) -> Result<(), ApiError> {
    let account = NewAccount::check(
        &state.l10n,
        &form.email,
        &form.display_name,
        form.password.clone(),
        parse_roles(&form.roles),
        form.preferred_locale.clone(),
    )?;
    let password = account.password.clone();
    let hash = state.hashing.run(move |_| password::hash(password.expose())).await.ok_or(ApiError::Internal)?;
    state.db.run(move |conn| accounts::create(conn, Some(actor), &account, &hash).map_err(ApiError::from)).await?;
    Ok(())
}

pub async fn edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    id: web::Path<i64>,
) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Admin)?;
    let id = id.into_inner();
    let user = state.db.run(move |conn| people::load_user(conn, id)).await.map_err(not_found)?;
    let form = UserForm::of(&user);
    edit_page(&req, &state, &desk, StatusCode::OK, user, form, Errors::new(), None).await
}

fn not_found(error: crate::service::Error) -> DeskError {
    match error {
        crate::service::Error::NotFound => DeskError::NotFound,
        other => other.into(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn edit_page(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    status: StatusCode,
    user: people::UserLine,
    form: UserForm,
    errors: Errors,
    problem: Option<String>,
) -> Result<HttpResponse, DeskError> {
    let chrome = page::chrome(req, state, Some(desk), Some(Section::Users)).await?;
    let is_me = user.id == desk.user.id;
    let view = UserPage {
        user,
        form,
        errors,
        problem,
        all_roles: all_roles(),
        languages: languages(state),
        zones: people::zones(),
        is_me,
    };
    page::html(state, status, &chrome, "users_edit", view)
}

#[derive(Deserialize)]
pub struct ChangeFields {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    preferred_locale: String,
    #[serde(default)]
    time_zone: String,
    /// `enabled` or `disabled`.
    #[serde(default)]
    access: String,
}

/// Changes an account: `service::accounts::update`, as `PATCH /api/v1/users/{id}`.
pub async fn change(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<ChangeFields>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Admin)?;
    let id = id.into_inner();
    let user = state.db.run(move |conn| people::load_user(conn, id)).await.map_err(not_found)?;
    let change = AccountChange {
        display_name: Some(form.display_name.clone()),
        roles: Some(parse_roles(&form.roles)),
        preferred_locale: Some(form.preferred_locale.clone()),
        disabled: Some(form.access == "disabled"),
        time_zone: Some(form.time_zone.clone()),
    };
    let actor = desk.user.id;
    let l10n = state.l10n.clone();
    let result = state
        .db
        .run(move |conn| {
            let checked = change.check(&l10n)?;
            accounts::update(conn, actor, id, checked)
        })
        .await;
    match result {
        Ok(_) => Ok(page::see_other(&state, &format!("/desk/users/{id}"), "user-changed")),
        Err(error) => {
            let lang = lang_of(&req, &state, &desk.user.preferred_locale);
            let (status, errors, problem) = refusal(&req, &state, &lang, error.into())?;
            let form = UserForm {
                display_name: form.display_name,
                roles: form.roles,
                preferred_locale: form.preferred_locale,
                time_zone: form.time_zone,
                disabled: form.access == "disabled",
            };
            edit_page(&req, &state, &desk, status, user, form, errors, problem).await
        }
    }
}

#[derive(Deserialize)]
pub struct SettingsFields {
    /// Present (`on`) when the box is ticked.
    #[serde(default)]
    admins_need_totp: Option<String>,
}

/// Requires (or no longer requires) a second factor of every admin.
pub async fn settings(state: web::Data<AppState>, form: DeskForm<SettingsFields>) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Admin)?;
    let required = form.admins_need_totp.is_some();
    let actor = desk.user.id;
    state.db.run(move |conn| second_factor::require_for_admins(conn, actor, required)).await?;
    let flash = if required { "totp-required-on" } else { "totp-required-off" };
    Ok(page::see_other(&state, "/desk/users", flash))
}
