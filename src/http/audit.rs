//! The audit trail, read-only: what happened to an edition (anyone signed in may read it) and
//! to users' roles and access (admins only). Writing it is the business of the use cases.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::{Admin, CurrentUser};
use super::pagination::{Page, PageQuery, PageRequest};
use crate::db::audit::{self, NamedEvent};
use crate::db::{editions, users, DbConn};
use crate::http::state::AppState;
use crate::http::ApiError;

/// One event of the audit trail.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventView {
    pub id: i64,
    /// `edition` or `user`.
    pub subject_kind: String,
    pub subject_id: i64,
    /// Who did it; `null` for the operator at the server's shell (`nashra user …`, `nashra send`).
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    /// Editions: `create`, `edit`, `publish`, `send` (now, or as scheduled: then by whoever
    /// scheduled it, with `scheduled_for`), `schedule_send`, `cancel_send`, `test_send`.
    /// Users: `create`, `roles_changed`, `disabled`, `enabled`, `password_changed`.
    pub action: String,
    /// What changed, e.g. `{"fields": ["title"], "locale": "en", "revision": 3}` or
    /// `{"from": ["editor"], "to": ["editor", "reviewer"]}`.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

impl From<NamedEvent> for AuditEventView {
    fn from((event, actor_name): NamedEvent) -> Self {
        Self {
            id: event.id,
            subject_kind: event.subject_kind,
            subject_id: event.subject_id,
            actor_id: event.actor_id,
            actor_name,
            action: event.action,
            detail: serde_json::from_str(&event.detail).unwrap_or(serde_json::Value::Null),
            created_at: event.created_at.and_utc(),
        }
    }
}

/// Which events `GET /audit` lists.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Edition,
    User,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Events about editions or about users (default: users).
    #[param(inline)]
    pub subject: Option<SubjectKind>,
}

/// The edition's audit trail, oldest first: who created, edited, published and sent it.
#[utoipa::path(
    get, path = "/api/v1/editions/{id}/events", tag = "editions", security(("bearer" = [])),
    params(("id" = i64, Path), PageQuery),
    responses(
        (status = 200, body = Page<AuditEventView>),
        (status = 422, description = "Page out of range"),
    )
)]
pub async fn list_edition_events(
    _user: CurrentUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    events_page(&state, page.checked()?, audit::EDITION, Some(id), move |conn| {
        editions::find(conn, id)?.map(|_| ()).ok_or(ApiError::NotFound)
    })
    .await
}

/// The user's audit trail, oldest first: creation, role changes, disabling, password changes.
#[utoipa::path(
    get, path = "/api/v1/users/{id}/events", tag = "users", security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "User id"), PageQuery),
    responses(
        (status = 200, body = Page<AuditEventView>),
        (status = 422, description = "Page out of range"),
    )
)]
pub async fn list_user_events(
    _admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    events_page(&state, page.checked()?, audit::USER, Some(id), move |conn| {
        users::find(conn, id)?.map(|_| ()).ok_or(ApiError::NotFound)
    })
    .await
}

/// The whole audit trail of users (or, with `subject=edition`, of editions), oldest first.
#[utoipa::path(
    get, path = "/api/v1/audit", tag = "users", security(("bearer" = ["admin"])),
    params(PageQuery, AuditFilter),
    responses(
        (status = 200, body = Page<AuditEventView>),
        (status = 422, description = "Page out of range"),
    )
)]
pub async fn list_audit(
    _admin: Admin,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
    filter: web::Query<AuditFilter>,
) -> Result<HttpResponse, ApiError> {
    let kind = match filter.subject {
        Some(SubjectKind::Edition) => audit::EDITION,
        Some(SubjectKind::User) | None => audit::USER,
    };
    events_page(&state, page.checked()?, kind, None, |_| Ok(())).await
}

/// One page of the events about `kind` (about one subject, if `id`), once `exists` has found
/// that subject.
async fn events_page(
    state: &web::Data<AppState>,
    request: PageRequest,
    kind: &'static str,
    id: Option<i64>,
    exists: impl FnOnce(&mut DbConn) -> Result<(), ApiError> + Send + 'static,
) -> Result<HttpResponse, ApiError> {
    let (found, total) = state
        .db
        .run(move |conn| {
            exists(conn)?;
            Ok::<_, ApiError>(audit::list(conn, kind, id, request.limit(), request.offset())?)
        })
        .await?;
    let items = found.into_iter().map(AuditEventView::from).collect();
    Ok(HttpResponse::Ok().json(Page::new(items, request, total)))
}
