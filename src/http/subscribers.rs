//! Managing subscribers (admins): list and filter, change language or unsubscribe, import
//! and export CSV.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::Admin;
use super::pagination::{Page, PageQuery};
use crate::db::subscribers::{self, Subscriber, SubscriberFilter, STATUSES};
use crate::domain::Invalid;
use crate::http::json::Json;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service;
use crate::service::subscribers::{ImportReport, SubscriberChange};

#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriberView {
    pub id: i64,
    pub email: String,
    pub locale: String,
    /// `pending`, `confirmed`, `unsubscribed` or `bounced`.
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

impl From<Subscriber> for SubscriberView {
    fn from(s: Subscriber) -> Self {
        Self {
            id: s.id,
            email: s.email,
            locale: s.locale,
            status: s.status,
            created_at: s.created_at.and_utc(),
            confirmed_at: s.confirmed_at.map(|t| t.and_utc()),
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubscriberQuery {
    pub status: Option<String>,
    pub locale: Option<String>,
    /// Part of the email address.
    pub q: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateSubscriberRequest {
    pub locale: Option<String>,
    /// Only `unsubscribed` can be set here; subscribing takes the subscriber's own confirmation.
    pub status: Option<String>,
}

/// List subscribers.
#[utoipa::path(
    get, path = "/api/v1/subscribers", tag = "subscribers", security(("bearer" = ["admin"])),
    params(PageQuery, SubscriberQuery),
    responses(
        (status = 200, body = Page<SubscriberView>),
        (status = 422, description = "Unknown status or locale"),
    )
)]
pub async fn list_subscribers(
    _admin: Admin,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
    query: web::Query<SubscriberQuery>,
) -> Result<HttpResponse, ApiError> {
    let request = page.checked()?;
    let query = query.into_inner();
    let mut problems = Vec::new();
    if query.status.as_deref().is_some_and(|s| !STATUSES.contains(&s)) {
        problems.push(Invalid::new("status", "unknown-status"));
    }
    if query.locale.as_deref().is_some_and(|l| !state.l10n.is_supported(l)) {
        problems.push(Invalid::new("locale", "unknown-locale"));
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let filter = SubscriberFilter { status: query.status, locale: query.locale, search: query.q };
    let (found, total) = state
        .db
        .run(move |conn| subscribers::list(conn, &filter, request.limit(), request.offset()).map_err(ApiError::from))
        .await?;
    let items: Vec<SubscriberView> = found.into_iter().map(SubscriberView::from).collect();
    Ok(HttpResponse::Ok().json(Page::new(items, request, total)))
}

/// Change a subscriber's language, or unsubscribe them.
#[utoipa::path(
    patch, path = "/api/v1/subscribers/{id}", tag = "subscribers", security(("bearer" = ["admin"])),
    params(("id" = i64, Path)),
    request_body = UpdateSubscriberRequest,
    responses(
        (status = 200, body = SubscriberView),
        (status = 422, description = "Unknown locale or status"),
    )
)]
pub async fn update_subscriber(
    _admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Json<UpdateSubscriberRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, body) = (id.into_inner(), body.into_inner());
    let change = SubscriberChange { locale: body.locale, status: body.status };
    change.check(&state.l10n.codes().collect::<Vec<_>>())?;
    let view = state
        .db
        .run(move |conn| Ok::<_, ApiError>(SubscriberView::from(service::subscribers::change(conn, id, change)?)))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Import subscribers from CSV with a header row: `email,locale[,status]`. `status` is
/// `confirmed` (the default: a list the organisation already holds) or `pending` (they get
/// a confirmation email). Existing addresses get the new locale. Bad rows are reported by
/// line; the good ones are imported.
#[utoipa::path(
    post, path = "/api/v1/subscribers/import", tag = "subscribers", security(("bearer" = ["admin"])),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, body = ImportReport),
        (status = 413, description = "File too large"),
        (status = 422, description = "Not CSV, or no email/locale columns (`invalid-body`, with the `reason`)"),
    )
)]
pub async fn import_subscribers(
    _admin: Admin,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let codes: Vec<String> = state.l10n.codes().map(str::to_owned).collect();
    let report =
        state.db.run(move |conn| service::subscribers::import_csv(conn, &body, &codes).map_err(ApiError::from)).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// Every subscriber as CSV (`email,locale,status,created_at,confirmed_at`). A cell that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR; an
/// address like `=cmd|'/c_calc'!a1@example.org` is valid) is written with a leading `'`,
/// which the import takes off again.
#[utoipa::path(
    get, path = "/api/v1/subscribers/export", tag = "subscribers", security(("bearer" = ["admin"])),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv"),
    )
)]
pub async fn export_subscribers(_admin: Admin, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let csv = state.db.run(|conn| service::subscribers::export_csv(conn).map_err(ApiError::from)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"subscribers.csv\""))
        .body(csv))
}
