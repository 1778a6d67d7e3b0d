//! `/desk/editions/{id}/sending` (admins): the email per language in a sandboxed frame, a
//! test send, sending to every subscriber after a confirmation or at a time typed in the
//! person's time zone (and cancelling that), and the progress block.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{langs, refusal};
use crate::desk::chrome::Section;
use crate::desk::editions::sending::{self, SendingPage};
use crate::domain::{Invalid, Role};
use crate::http::desk::page::{self, DeskError};
use crate::http::desk::session::{Desk, DeskForm, NoFields};
use crate::http::desk::stories::local_to_utc;
use crate::http::sending::{email_html, send_test};
use crate::http::state::AppState;
use crate::service;

#[derive(Serialize)]
struct View {
    sending: SendingPage,
}

async fn load(state: &web::Data<AppState>, desk: &Desk, id: i64) -> Result<SendingPage, DeskError> {
    let (langs, zone) = (langs(state), desk.user.time_zone.clone());
    Ok(state.db.run(move |conn| sending::load(conn, &langs, id, &zone)).await?)
}

pub async fn sending_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    id: web::Path<i64>,
) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Admin)?;
    let sending = load(&state, &desk, id.into_inner()).await?;
    page::show(&req, &state, &desk, Section::Editions, "sending", View { sending }).await
}

/// The progress block alone, for the page's script to refresh it.
pub async fn progress_fragment(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    id: web::Path<i64>,
) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Admin)?;
    let id = id.into_inner();
    let progress = state.db.run(move |conn| sending::progress(conn, id)).await?;
    let chrome = page::chrome(&req, &state, Some(&desk), None).await?;
    page::html(&state, StatusCode::OK, &chrome, "sending-progress", progress)
}

/// The email in one language as the subscriber will see it, on its own address so the
/// sending page can frame it: a sandbox (no scripts, no forms, its own origin) and framing
/// by desk pages only, instead of the desk's usual "never framed".
pub async fn email_preview(
    state: web::Data<AppState>,
    desk: Desk,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Admin)?;
    let (id, locale) = path.into_inner();
    let html = email_html(&state, id, locale).await?;
    let policy = format!(
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: {}; base-uri 'none'; \
         form-action 'none'; frame-ancestors 'self'",
        state.site.base.origin()
    );
    let mut response = HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static("sandbox; default-src 'none'")),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    Ok(response)
}

#[derive(Deserialize)]
pub struct TestSendForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    locale: String,
}

/// A test send to one address, as `POST /api/v1/editions/{id}/test-send`.
pub async fn test_send(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<TestSendForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Admin)?;
    let id = id.into_inner();
    let locale = Some(form.locale.clone()).filter(|l| !l.is_empty());
    match send_test(&state, id, desk.user.id, form.email.trim(), locale).await {
        Ok(()) => Ok(page::see_other(&state, &format!("/desk/editions/{id}/sending#test"), "edition-test-sent")),
        Err(error) => {
            let lang = page::chrome(&req, &state, Some(&desk), None).await?.lang;
            let refused = refusal(&state, &lang, req.path(), error.into())?;
            let mut sending = load(&state, &desk, id).await?;
            sending.test_email = form.email;
            sending.test_locale = form.locale;
            sending.test_error = Some(refused.fields.into_values().next().unwrap_or(refused.detail));
            let chrome = page::chrome(&req, &state, Some(&desk), Some(Section::Editions)).await?;
            page::html(&state, refused.status, &chrome, "sending", View { sending })
        }
    }
}

/// The confirmation step before sending: how many subscribers, per language.
pub async fn confirm_send(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    id: web::Path<i64>,
) -> Result<HttpResponse, DeskError> {
    desk.require(Role::Admin)?;
    let sending = load(&state, &desk, id.into_inner()).await?;
    page::show(&req, &state, &desk, Section::Editions, "sending-confirm", View { sending }).await
}

/// Queues the edition for every confirmed subscriber, as `POST /api/v1/editions/{id}/send`.
pub async fn send(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<NoFields>,
) -> Result<HttpResponse, DeskError> {
    let desk = form.desk;
    desk.require(Role::Admin)?;
    let id = id.into_inner();
    let (default, actor) = (state.l10n.default_locale().to_owned(), desk.user.id);
    let result = state.db.run(move |conn| service::sending::send_edition(conn, id, Some(actor), &default)).await;
    match result {
        Ok(_) => Ok(page::see_other(&state, &format!("/desk/editions/{id}/sending#progress"), "edition-sent")),
        Err(error) => {
            let lang = page::chrome(&req, &state, Some(&desk), None).await?.lang;
            let refused = refusal(&state, &lang, req.path(), error.into())?;
            let sending = load(&state, &desk, id).await?;
            let chrome = page::chrome(&req, &state, Some(&desk), Some(Section::Editions)).await?;
            #[derive(Serialize)]
            struct Refused {
                sending: SendingPage,
                problem: String,
            }
            page::html(&state, refused.status, &chrome, "sending-confirm", Refused { sending, problem: refused.detail })
        }
    }
}

#[derive(Deserialize)]
pub struct ScheduleForm {
    #[serde(default)]
    send_at: String,
}

/// Schedules the send for a time typed in the person's time zone, as
/// `POST /api/v1/editions/{id}/send` with `send_at`.
pub async fn schedule(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<ScheduleForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Admin)?;
    let id = id.into_inner();
    let result = match local_to_utc(&form.send_at, &desk.user.time_zone) {
        Some(send_at) => {
            let actor = desk.user.id;
            state.db.run(move |conn| service::sending::schedule_send(conn, id, send_at, actor)).await.map(|_| ())
        }
        None => Err(Invalid::new("send_at", "invalid-date-time").into()),
    };
    match result {
        Ok(()) => Ok(page::see_other(&state, &format!("/desk/editions/{id}/sending#send"), "edition-scheduled")),
        Err(error) => schedule_refused(&req, &state, &desk, id, error, form.send_at).await,
    }
}

/// Cancels the scheduled send, as `DELETE /api/v1/editions/{id}/send`.
pub async fn cancel_schedule(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: DeskForm<NoFields>,
) -> Result<HttpResponse, DeskError> {
    let desk = form.desk;
    desk.require(Role::Admin)?;
    let (id, actor) = (id.into_inner(), desk.user.id);
    match state.db.run(move |conn| service::sending::cancel_scheduled_send(conn, id, actor)).await {
        Ok(_) => Ok(page::see_other(&state, &format!("/desk/editions/{id}/sending#send"), "edition-send-cancelled")),
        Err(error) => schedule_refused(&req, &state, &desk, id, error, String::new()).await,
    }
}

/// The sending page again, with the refusal beside the schedule form.
async fn schedule_refused(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    id: i64,
    error: service::Error,
    typed: String,
) -> Result<HttpResponse, DeskError> {
    let lang = page::chrome(req, state, Some(desk), None).await?.lang;
    let refused = refusal(state, &lang, req.path(), error.into())?;
    let mut sending = load(state, desk, id).await?;
    sending.send_at = typed;
    sending.schedule_error = Some(refused.fields.into_values().next().unwrap_or(refused.detail));
    let chrome = page::chrome(req, state, Some(desk), Some(Section::Editions)).await?;
    page::html(state, refused.status, &chrome, "sending", View { sending })
}
