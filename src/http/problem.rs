//! Turns every error response into RFC 9457 `application/problem+json`, in the language of
//! the request, or, for a browser asking for a public page, into the site's error page
//! (`http::error_pages`). Runs as middleware because only here are both the error and the request
//! (with the signed-in user's locale) at hand.

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use super::error_pages;
use super::locale::request_locale;
use super::site::secure_html;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::l10n::{Args, Localizer, Style};
use crate::service::NotReady;

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// `urn:nashra:problem:<code>`; stable.
    #[serde(rename = "type")]
    pub kind: String,
    /// The same identifier, short; stable across versions and languages.
    pub code: &'static str,
    /// Localized one-line summary.
    pub title: String,
    pub status: u16,
    /// Localized explanation of this occurrence.
    pub detail: String,
    /// The request path.
    pub instance: String,
    /// For `validation-failed`: what is wrong with each field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// For malformed or mismatched bodies: the parser's own words (English, technical).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For `edition-not-ready`: every story and locale that is not ready, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_ready: Vec<NotReady>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: &'static str,
    pub code: &'static str,
    /// Localized.
    pub message: String,
}

pub async fn render_problems(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, BoxBody>>, actix_web::Error> {
    let response = next.call(req).await?;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return Ok(response.map_into_left_body());
    }
    let error = match response.response().error().and_then(|e| e.as_error::<ApiError>()) {
        Some(error) => error.clone(),
        // A handler's own error page (an HTML notice, say) is already what it should be.
        None if response.headers().contains_key(header::CONTENT_TYPE) && response.response().error().is_none() => {
            return Ok(response.map_into_left_body());
        }
        None => ApiError::from_status(status),
    };
    let (request, mut http_response) = response.into_parts();
    let Some(state) = request.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(ServiceResponse::new(request, http_response).map_into_left_body());
    };
    let locale = request_locale(&request, &state.l10n);
    if let Some(page) = error_pages::page_for(&request, status) {
        if let Some(page) = error_pages::render(&state, locale, page).await {
            let mut http_response = http_response.set_body(page.body.clone()).map_into_boxed_body();
            let headers = http_response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(page.content_type));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            if let Ok(language) = HeaderValue::from_str(locale) {
                headers.insert(header::CONTENT_LANGUAGE, language);
            }
            secure_html(&mut http_response);
            return Ok(ServiceResponse::new(request, http_response).map_into_right_body());
        }
    }
    let problem = build(&error, &state.l10n, locale, request.path(), Style::Display);
    let body = serde_json::to_string(&problem).unwrap_or_default();
    let headers = http_response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    if let Ok(language) = HeaderValue::from_str(locale) {
        headers.insert(header::CONTENT_LANGUAGE, language);
    }
    let http_response = http_response.set_body(body).map_into_boxed_body();
    Ok(ServiceResponse::new(request, http_response).map_into_right_body())
}

/// The problem document for `error`, in `locale`.
pub fn build(error: &ApiError, l10n: &Localizer, locale: &str, path: &str, style: Style) -> Problem {
    let code = error.code();
    let message = format!("problem-{code}");
    let args = match error {
        ApiError::PayloadTooLarge { limit } => Args::new().with("limit", *limit),
        ApiError::RateLimited { retry_after } => Args::new().with("seconds", retry_after.as_secs().max(1)),
        ApiError::Validation(fields) => Args::new().with("count", fields.len()),
        ApiError::EditionNotReady(items) => Args::new().with("count", items.len()),
        ApiError::TransitionRefused { action, status } => Args::new().with("action", *action).with("status", *status),
        _ => Args::new(),
    };
    let errors = match error {
        ApiError::Validation(fields) => fields
            .iter()
            .map(|field| {
                let args = match field.limit {
                    Some(limit) => Args::new().with("limit", limit),
                    None => Args::new(),
                };
                FieldProblem {
                    field: field.field,
                    code: field.code,
                    message: l10n.format(locale, &format!("field-{}", field.code), None, &args, style),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let reason = match error {
        ApiError::MalformedJson(reason) | ApiError::InvalidBody(reason) | ApiError::InvalidQuery(reason) => {
            Some(reason.clone())
        }
        _ => None,
    };
    Problem {
        kind: format!("urn:nashra:problem:{code}"),
        code,
        title: l10n.format(locale, &message, None, &Args::new(), style),
        status: error.status_code().as_u16(),
        detail: l10n.format(locale, &message, Some("detail"), &args, style),
        instance: path.to_owned(),
        errors,
        reason,
        not_ready: match error {
            ApiError::EditionNotReady(items) => items.clone(),
            _ => Vec::new(),
        },
    }
}
