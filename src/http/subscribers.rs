//! Managing subscribers (admins): list and filter, change language or unsubscribe, import
//! and export CSV.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::pagination::{Page, PageQuery};
use crate::app::AppState;
use crate::auth::Admin;
use crate::db::subscribers::{self, Subscriber, SubscriberFilter, CONFIRMED, PENDING, STATUSES, UNSUBSCRIBED};
use crate::db::{self, deliveries, DbConn};
use crate::domain::{EmailAddress, Invalid};
use crate::error::ApiError;
use crate::http::json::Json;

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

/// The outcome of a CSV import.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows that were not imported, each with its line number and why.
    pub errors: Vec<ImportError>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportError {
    pub line: u64,
    pub code: &'static str,
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
    let mut problems = Vec::new();
    if body.locale.as_deref().is_some_and(|l| !state.l10n.is_supported(l)) {
        problems.push(Invalid::new("locale", "unknown-locale"));
    }
    if body.status.as_deref().is_some_and(|s| s != UNSUBSCRIBED) {
        problems.push(Invalid::new("status", "unknown-status"));
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let view = state
        .db
        .run(move |conn| {
            db::write_transaction(conn, |conn| {
                subscribers::find(conn, id)?.ok_or(ApiError::NotFound)?;
                if let Some(locale) = &body.locale {
                    subscribers::set_locale(conn, id, locale)?;
                }
                if body.status.is_some() {
                    subscribers::set_status(conn, id, UNSUBSCRIBED)?;
                }
                subscribers::find(conn, id)?.map(SubscriberView::from).ok_or(ApiError::Internal)
            })
        })
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
    let report = state.db.run(move |conn| import(conn, &body, &codes)).await?;
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
    let csv = state
        .db
        .run(|conn| {
            let (all, _) = subscribers::list(conn, &SubscriberFilter::default(), i64::MAX, 0)?;
            let mut writer = csv::Writer::from_writer(Vec::new());
            let stamp = |t: Option<chrono::NaiveDateTime>| t.map(|t| t.and_utc().to_rfc3339()).unwrap_or_default();
            let _ = writer.write_record(["email", "locale", "status", "created_at", "confirmed_at"]);
            for s in all {
                let _ = writer.write_record([
                    inert_cell(s.email),
                    inert_cell(s.locale),
                    s.status,
                    stamp(Some(s.created_at)),
                    stamp(s.confirmed_at),
                ]);
            }
            writer.into_inner().map_err(|_| ApiError::Internal)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"subscribers.csv\""))
        .body(csv))
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell`, with a `'` in front if a spreadsheet would otherwise run it as a formula.
fn inert_cell(cell: String) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Undoes [`inert_cell`], so that an exported file imports as it was.
fn from_inert_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

fn import(conn: &mut DbConn, bytes: &[u8], locales: &[String]) -> Result<ImportReport, ApiError> {
    // A file in a legacy encoding (a spreadsheet's Windows-1256, say) would otherwise fail row
    // by row wherever a name is in Arabic; better to refuse it whole and say why.
    if std::str::from_utf8(bytes).is_err() {
        return Err(ApiError::InvalidBody("the file is not UTF-8 text; save it as CSV UTF-8".into()));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let headers = reader.headers().map_err(|e| ApiError::InvalidBody(e.to_string()))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(email_at), Some(locale_at)) = (column("email"), column("locale")) else {
        return Err(ApiError::InvalidBody("the first row must name the columns email and locale".into()));
    };
    let status_at = column("status");
    let mut report = ImportReport::default();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                report.errors.push(ImportError { line, code: "unreadable-row" });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let field = |at: usize| from_inert_cell(record.get(at).unwrap_or_default());
        let Ok(email) = EmailAddress::parse(field(email_at)) else {
            report.errors.push(ImportError { line, code: "invalid-email" });
            continue;
        };
        let locale = field(locale_at);
        if !locales.iter().any(|l| l == locale) {
            report.errors.push(ImportError { line, code: "unknown-locale" });
            continue;
        }
        let status = status_at.map(field).filter(|s| !s.is_empty()).unwrap_or(CONFIRMED);
        if status != CONFIRMED && status != PENDING {
            report.errors.push(ImportError { line, code: "unknown-status" });
            continue;
        }
        db::write_transaction(conn, |conn| -> Result<(), ApiError> {
            match subscribers::find_by_email(conn, email.as_str())? {
                Some(existing) if existing.locale == locale => report.unchanged += 1,
                Some(existing) => {
                    subscribers::set_locale(conn, existing.id, locale)?;
                    report.updated += 1;
                }
                None => {
                    let id = subscribers::insert(conn, email.as_str(), locale, status)?;
                    if status == PENDING {
                        deliveries::queue_confirmation(conn, id, locale)?;
                    }
                    report.created += 1;
                }
            }
            Ok(())
        })?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_made_inert_and_restored() {
        for formula in ["=cmd|'/c_calc'!a1@example.org", "+1", "-1", "@x", "\tx", "\rx"] {
            let inert = inert_cell(formula.to_owned());
            assert_eq!(inert, format!("'{formula}"));
            assert_eq!(from_inert_cell(&inert), formula);
        }
        assert_eq!(inert_cell("amal@example.org".into()), "amal@example.org");
        // A leading quote of the address's own is kept.
        assert_eq!(from_inert_cell("'amal'@example.org"), "'amal'@example.org");
    }
}
