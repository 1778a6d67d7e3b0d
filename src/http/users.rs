//! Managing user accounts (admins only).

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::pagination::{Page, PageQuery};
use crate::app::AppState;
use crate::auth::{password, Admin};
use crate::db::audit::{self, NewAuditEvent};
use crate::db::users::{self, NewUser, User, UserChanges};
use crate::db::{self, refresh_tokens};
use crate::domain::{DisplayName, EmailAddress, Invalid, NewPassword, Role, RoleSet};
use crate::error::ApiError;
use crate::http::json::Json;
use crate::l10n::Localizer;
use crate::service::Conflict;

/// A user as the API shows it. The password hash never leaves the server.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// Locale code, e.g. `ar`.
    pub preferred_locale: String,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&User> for UserView {
    fn from(user: &User) -> Self {
        Self {
            id: user.id,
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            roles: user.roles.iter().collect(),
            preferred_locale: user.preferred_locale.clone(),
            disabled: user.disabled,
            created_at: user.created_at.and_utc(),
            updated_at: user.updated_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    pub email: String,
    pub display_name: String,
    /// At least 12 characters.
    pub password: String,
    /// One or more of `admin`, `editor`, `reviewer`.
    pub roles: Vec<Role>,
    /// Defaults to the publication's default locale.
    pub preferred_locale: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    pub display_name: Option<String>,
    pub roles: Option<Vec<Role>>,
    pub preferred_locale: Option<String>,
    /// A disabled user cannot log in, and their sessions end at once.
    pub disabled: Option<bool>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilter {
    /// Only users holding this role.
    pub role: Option<Role>,
}

/// List users, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "users",
    security(("bearer" = ["admin"])),
    params(PageQuery, UserFilter),
    responses(
        (status = 200, body = Page<UserView>),
        (status = 400, description = "Malformed query", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 401, body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Page out of range", body = super::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_users(
    _admin: Admin,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
    filter: web::Query<UserFilter>,
) -> Result<HttpResponse, ApiError> {
    let request = page.checked()?;
    let role = filter.role;
    let (found, total) = state
        .db
        .run(move |conn| users::list(conn, role, request.limit(), request.offset()).map_err(ApiError::from))
        .await?;
    let items = found.iter().map(UserView::from).collect();
    Ok(HttpResponse::Ok().json(Page::new(items, request, total)))
}

/// Create a user.
#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "users",
    security(("bearer" = ["admin"])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserView),
        (status = 401, body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Email already taken (`email-taken`)", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = super::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_user(
    admin: Admin,
    state: web::Data<AppState>,
    body: Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let locale = body.preferred_locale.unwrap_or_else(|| state.l10n.default_locale().to_owned());
    let (email, name, password, roles) =
        validate_new_user(&state.l10n, &body.email, &body.display_name, body.password, body.roles, &locale)?;
    let hash = state.hashing.run(move |_| password::hash(password.expose())).await.ok_or(ApiError::Internal)?;
    let actor = Some(admin.id);
    let user = state.db.run(move |conn| create(conn, actor, &email, &name, &hash, &locale, &roles)).await?;
    Ok(HttpResponse::Created().json(UserView::from(&user)))
}

/// Change a user's name, roles, locale, or disable them.
#[utoipa::path(
    patch,
    path = "/api/v1/users/{id}",
    tag = "users",
    security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "User id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserView),
        (status = 401, body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Would leave no enabled admin (`last-admin`)", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = super::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_user(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Json<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let mut problems = Vec::new();
    let display_name = body.display_name.as_deref().map(DisplayName::parse).transpose().unwrap_or_else(|e| {
        problems.push(e);
        None
    });
    let roles = body.roles.map(RoleSet::from);
    if roles.as_ref().is_some_and(RoleSet::is_empty) {
        problems.push(Invalid::new("roles", "roles-required"));
    }
    if let Some(locale) = &body.preferred_locale {
        if !state.l10n.is_supported(locale) {
            problems.push(Invalid::new("preferred_locale", "unknown-locale"));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let changes = UserChanges {
        display_name: display_name.map(DisplayName::into_string),
        preferred_locale: body.preferred_locale,
        disabled: body.disabled,
        roles,
    };
    let actor = admin.id;
    let user = state.db.run(move |conn| update(conn, actor, id, changes)).await?;
    Ok(HttpResponse::Ok().json(UserView::from(&user)))
}

/// Checks every field of a new user and reports all problems at once.
pub(crate) fn validate_new_user(
    l10n: &Localizer,
    email: &str,
    display_name: &str,
    password: String,
    roles: Vec<Role>,
    locale: &str,
) -> Result<(EmailAddress, DisplayName, NewPassword, RoleSet), ApiError> {
    let email = EmailAddress::parse(email);
    let name = DisplayName::parse(display_name);
    let password = NewPassword::parse(password);
    let roles = RoleSet::from(roles);
    let mut problems: Vec<Invalid> =
        [email.as_ref().err(), name.as_ref().err(), password.as_ref().err()].into_iter().flatten().cloned().collect();
    if roles.is_empty() {
        problems.push(Invalid::new("roles", "roles-required"));
    }
    if !l10n.is_supported(locale) {
        problems.push(Invalid::new("preferred_locale", "unknown-locale"));
    }
    match (email, name, password) {
        (Ok(email), Ok(name), Ok(password)) if problems.is_empty() => Ok((email, name, password, roles)),
        _ => Err(ApiError::Validation(problems)),
    }
}

/// Inserts a user and records it in the audit trail (`actor` `None`: the operator's shell);
/// a taken email is a conflict, not a server error.
pub(crate) fn create(
    conn: &mut db::DbConn,
    actor: Option<i64>,
    email: &EmailAddress,
    name: &DisplayName,
    password_hash: &str,
    locale: &str,
    roles: &RoleSet,
) -> Result<User, ApiError> {
    let new = NewUser {
        email: email.as_str(),
        display_name: &name.clone().into_string(),
        password_hash,
        preferred_locale: locale,
        roles,
    };
    let id =
        db::write_transaction(conn, |conn| {
            let id = users::insert(conn, new)?;
            let detail = serde_json::json!({"email": email.as_str(), "roles": role_names(roles)});
            record(conn, actor, id, "create", detail)?;
            Ok(id)
        })
        .map_err(|e: diesel::result::Error| {
            if db::is_unique_violation(&e) {
                ApiError::Conflict(Conflict::EmailTaken)
            } else {
                e.into()
            }
        })?;
    users::find(conn, id)?.ok_or(ApiError::Internal)
}

fn update(conn: &mut db::DbConn, actor: i64, id: i64, changes: UserChanges) -> Result<User, ApiError> {
    db::write_transaction(conn, |conn| {
        let before = users::find(conn, id)?.ok_or(ApiError::NotFound)?;
        let disabling = changes.disabled == Some(true) && !before.disabled;
        let enabling = changes.disabled == Some(false) && before.disabled;
        let new_roles = changes.roles.clone().filter(|roles| *roles != before.roles);
        users::update(conn, id, changes)?;
        if let Some(roles) = &new_roles {
            let detail = serde_json::json!({"from": role_names(&before.roles), "to": role_names(roles)});
            record(conn, Some(actor), id, "roles_changed", detail)?;
        }
        if disabling || enabling {
            let action = if disabling { "disabled" } else { "enabled" };
            record(conn, Some(actor), id, action, serde_json::json!({}))?;
        }
        // Checked after the change, inside the transaction, so two admins demoting each other
        // at once cannot both succeed.
        if before.roles.has(Role::Admin) && users::count_enabled_admins(conn)? == 0 {
            return Err(ApiError::Conflict(Conflict::LastAdmin));
        }
        if disabling {
            refresh_tokens::revoke_all_for_user(conn, id)?;
        }
        users::find(conn, id)?.ok_or(ApiError::Internal)
    })
}

fn role_names(roles: &RoleSet) -> Vec<&'static str> {
    roles.iter().map(Role::as_str).collect()
}

/// Records what happened to user `id` in the audit trail.
pub(crate) fn record(
    conn: &mut db::DbConn,
    actor: Option<i64>,
    id: i64,
    action: &'static str,
    detail: serde_json::Value,
) -> diesel::QueryResult<()> {
    audit::record(conn, NewAuditEvent { actor_id: actor, subject_kind: audit::USER, subject_id: id, action, detail })
}
