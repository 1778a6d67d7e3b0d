//! Managing user accounts (admins only).

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::Admin;
use super::pagination::{Page, PageQuery};
use crate::auth::password;
use crate::db::users::{self, User};
use crate::domain::Role;
use crate::http::json::Json;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service::accounts::{self, AccountChange, NewAccount};

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
    /// IANA time zone the desk shows dates in.
    pub time_zone: String,
    /// Whether a second factor (TOTP) is on.
    pub second_factor: bool,
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
            time_zone: user.time_zone.clone(),
            second_factor: user.totp_enabled_at.is_some(),
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
    /// An IANA time zone name, e.g. `Asia/Amman` (`unknown-time-zone` otherwise).
    pub time_zone: Option<String>,
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
        (status = 422, description = "Page out of range"),
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
        (status = 409, description = "Email already taken (`email-taken`)"),
        (status = 422, description = "Invalid fields"),
    )
)]
pub async fn create_user(
    admin: Admin,
    state: web::Data<AppState>,
    body: Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let locale = body.preferred_locale.unwrap_or_else(|| state.l10n.default_locale().to_owned());
    let account = NewAccount::check(&state.l10n, &body.email, &body.display_name, body.password, body.roles, locale)?;
    // Slow on purpose, so hashed apart from the database work (see `password::Hashing`).
    let password = account.password.clone();
    let hash = state.hashing.run(move |_| password::hash(password.expose())).await.ok_or(ApiError::Internal)?;
    let actor = Some(admin.id);
    let user = state.db.run(move |conn| accounts::create(conn, actor, &account, &hash).map_err(ApiError::from)).await?;
    Ok(HttpResponse::Created().json(UserView::from(&user)))
}

/// Change a user's name, roles, locale, time zone, or disable them.
#[utoipa::path(
    patch,
    path = "/api/v1/users/{id}",
    tag = "users",
    security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "User id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserView),
        (status = 409, description = "Would leave no enabled admin (`last-admin`)"),
        (status = 422, description = "Invalid fields"),
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
    let change = AccountChange {
        display_name: body.display_name,
        roles: body.roles,
        preferred_locale: body.preferred_locale,
        disabled: body.disabled,
        time_zone: body.time_zone,
    }
    .check(&state.l10n)?;
    let actor = admin.id;
    let user = state.db.run(move |conn| accounts::update(conn, actor, id, change).map_err(ApiError::from)).await?;
    Ok(HttpResponse::Ok().json(UserView::from(&user)))
}
