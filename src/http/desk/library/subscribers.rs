//! `/desk/subscribers`: search, counts, changing one subscriber, CSV import and export
//! (admins only), through the same use cases as `/api/v1/subscribers`.

use actix_multipart::Multipart;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::Deserialize;

use super::super::page::{self, DeskError};
use super::super::session::{Desk, DeskForm};
use super::read_guarded;
use crate::db::subscribers::{STATUSES, UNSUBSCRIBED};
use crate::desk::chrome::Section;
use crate::desk::library::subscribers::{self, ImportView, Query};
use crate::desk::library::{page_number, LanguageOption};
use crate::domain::Role;
use crate::http::media::UploadLimits;
use crate::http::problem;
use crate::http::routes::IMPORT_LIMIT_BYTES;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::l10n::Style;
use crate::service;
use crate::service::subscribers::SubscriberChange;

/// The list's GET form, as typed.
#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    locale: Option<String>,
    status: Option<String>,
    page: Option<String>,
}

pub async fn subscribers_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Admin)?;
    let query = query.into_inner();
    // A language or state the list does not know is no filter (the form offers only known ones).
    let known_locale = |l: &String| state.l10n.is_supported(l);
    let query = Query {
        q: query.q.unwrap_or_default(),
        locale: query.locale.filter(known_locale).unwrap_or_default(),
        status: query.status.filter(|s| STATUSES.contains(&s.as_str())).unwrap_or_default(),
        page: page_number(query.page.as_deref()),
    };
    show(&req, &state, &desk, query, StatusCode::OK, None).await
}

fn languages(state: &AppState) -> Vec<LanguageOption> {
    state
        .l10n
        .settings()
        .map(|l| LanguageOption {
            code: l.code.clone(),
            name: l.name.clone(),
            dir: state.l10n.direction(&l.code).as_str(),
        })
        .collect()
}

async fn show(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    query: Query,
    status: StatusCode,
    import: Option<ImportView>,
) -> Result<HttpResponse, DeskError> {
    let languages = languages(state);
    let time_zone = desk.user.time_zone.clone();
    let mut view = state.db.run(move |conn| subscribers::load(conn, query, languages, &time_zone)).await?;
    view.import = import;
    let chrome = page::chrome(req, state, Some(desk), Some(Section::Subscribers)).await?;
    page::html(state, status, &chrome, "subscribers", view)
}

/// A row's form: a new language, or `unsubscribe`.
#[derive(Deserialize)]
pub struct ChangeForm {
    locale: Option<String>,
    unsubscribe: Option<String>,
    /// The list to go back to.
    back: Option<String>,
}

pub async fn change(
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: DeskForm<ChangeForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Admin)?;
    let id: i64 = id.parse().map_err(|_| DeskError::NotFound)?;
    let unsubscribe = form.unsubscribe.is_some_and(|u| !u.is_empty());
    let change = SubscriberChange {
        locale: form.locale.filter(|l| !l.is_empty()),
        status: unsubscribe.then(|| UNSUBSCRIBED.to_owned()),
    };
    change.check(&state.l10n.codes().collect::<Vec<_>>())?;
    state.db.run(move |conn| service::subscribers::change(conn, id, change)).await.map_err(|error| match error {
        service::Error::NotFound => DeskError::NotFound,
        other => other.into(),
    })?;
    // Back to the list it was changed from, and nowhere else.
    let back = form
        .back
        .filter(|b| (b == "/desk/subscribers" || b.starts_with("/desk/subscribers?")) && !b.contains("//"))
        .unwrap_or_else(|| "/desk/subscribers".to_owned());
    let flash = if unsubscribe { "subscriber-unsubscribed" } else { "subscriber-changed" };
    Ok(page::see_other(&state, &back, flash))
}

/// A CSV import: the report (imported rows and, per refused row, its line and why), or why
/// the whole file was refused.
pub async fn import(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    form: Multipart,
) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Admin)?;
    let limits = UploadLimits {
        file_bytes: IMPORT_LIMIT_BYTES,
        read_timeout: std::time::Duration::from_secs(state.settings.media.read_timeout_secs),
    };
    let read = read_guarded(&state, &desk, form, limits).await?;
    let file = read.and_then(|upload| {
        upload
            .file
            .map(|(bytes, _)| bytes)
            .filter(|bytes| !bytes.is_empty())
            .ok_or_else(|| ApiError::from(crate::domain::Invalid::new("file", "value-required")))
    });
    let codes: Vec<String> = state.l10n.codes().map(str::to_owned).collect();
    let outcome = match file {
        Ok(bytes) => {
            state
                .db
                .run(move |conn| service::subscribers::import_csv(conn, &bytes, &codes).map_err(ApiError::from))
                .await
        }
        Err(refused) => Err(refused),
    };
    let (status, view) = match outcome {
        Ok(report) => (StatusCode::OK, ImportView { report: Some(report), ..ImportView::default() }),
        Err(refused) if refused.status_code().is_client_error() => {
            let lang = page::chrome(&req, &state, Some(&desk), None).await?.lang;
            let problem = problem::build(&refused, &state.l10n, &lang, req.path(), Style::Display);
            let refused_sentence = problem.errors.first().map(|e| e.message.clone()).unwrap_or(problem.detail);
            let view = ImportView { report: None, refused: Some(refused_sentence), reason: problem.reason };
            (StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(refused) => return Err(refused.into()),
    };
    show(&req, &state, &desk, Query { page: 1, ..Query::default() }, status, Some(view)).await
}

/// Every subscriber as CSV, as a download (`service::subscribers::export_csv`).
pub async fn export(state: web::Data<AppState>, desk: Desk) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Admin)?;
    let csv = state.db.run(service::subscribers::export_csv).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"subscribers.csv\""))
        .body(csv))
}
