//! The one error type of the HTTP API, and what every other layer's errors mean to a client.
//!
//! Handlers and extractors return [`ApiError`]; each variant has a stable kebab-case `code`
//! and a status. The response body is written later by `http::problem`, which knows the
//! request's language and renders `application/problem+json` from the Fluent messages
//! `problem-<code>` (the title) and its `.detail` attribute. Use:
//! - `Validation` for input that parsed but breaks a rule (422, one entry per field);
//! - `Conflict` for a request that is valid but clashes with stored state (409);
//! - `Unavailable` whenever the database cannot be reached (503, never a 500);
//! - `Internal` only for bugs; its cause is logged, never sent.

use std::time::Duration;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};

use crate::auth::rate_limit::LimitError;
use crate::auth::session::AuthError;
use crate::db::DbError;
use crate::delivery::DeliveryError;
use crate::domain::Invalid;
use crate::service::{self, Conflict, NotReady};
use crate::site::SiteError;

#[derive(Debug, Clone, thiserror::Error, strum::EnumDiscriminants)]
#[strum_discriminants(name(ProblemKind), derive(strum::EnumIter))]
pub enum ApiError {
    #[error("authentication required")]
    Unauthorized,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("invalid refresh token")]
    InvalidRefreshToken,
    /// The password was right, but the account has a second factor and no code came with it.
    #[error("second factor required")]
    SecondFactorRequired,
    /// A wrong, reused or unknown second-factor code (counted by the login limits).
    #[error("invalid second factor")]
    InvalidSecondFactor,
    #[error("account disabled")]
    AccountDisabled,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Published once, taken off the site since (a story that was unpublished).
    #[error("gone")]
    Gone,
    #[error("no such route")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("request body does not match: {0}")]
    InvalidBody(String),
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    PayloadTooLarge { limit: usize },
    #[error("validation failed")]
    Validation(Vec<Invalid>),
    #[error("conflict: {}", .0.code())]
    Conflict(Conflict),
    #[error("rate limited")]
    RateLimited { retry_after: Duration },
    #[error("If-Match required")]
    PreconditionRequired,
    #[error("stale If-Match")]
    PreconditionFailed,
    #[error("unknown locale")]
    UnknownLocale,
    #[error("{action} not allowed from {status}")]
    TransitionRefused { action: &'static str, status: &'static str },
    #[error("own revision")]
    OwnRevision,
    #[error("edition not ready")]
    EditionNotReady(Vec<NotReady>),
    #[error("unsupported image")]
    UnsupportedImage,
    /// A server nashra depends on (SMTP) refused or could not be reached.
    #[error("upstream failure")]
    Upstream,
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// A 4xx or 5xx that did not come from nashra's own code (actix's own responses).
    #[error("HTTP {0}")]
    Status(StatusCode),
    /// The request body did not arrive in time (a stalled or trickling upload).
    #[error("request body timed out")]
    RequestTimeout,
}

impl ApiError {
    /// Stable identifier of the problem; `problem-<code>` is its Fluent message.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Conflict(conflict) => conflict.code(),
            ApiError::Status(status) if status.is_server_error() => "internal-error",
            other => ProblemKind::from(other).code(),
        }
    }

    /// Every code a client can see, for the locale test and the API reference: derived from
    /// the variants, so a new one cannot be forgotten.
    pub fn codes() -> Vec<&'static str> {
        use strum::IntoEnumIterator;
        ProblemKind::iter()
            .flat_map(|kind| match kind {
                ProblemKind::Conflict => Conflict::iter().map(Conflict::code).collect(),
                kind => vec![kind.code()],
            })
            .collect()
    }

    /// The 4xx/5xx status nashra gives for a status actix produced on its own.
    pub fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => ApiError::RouteNotFound,
            StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType,
            StatusCode::SERVICE_UNAVAILABLE => ApiError::Unavailable,
            other => ApiError::Status(other),
        }
    }
}

impl ProblemKind {
    /// The code of every variant but `Conflict`, whose codes are its [`Conflict`]'s.
    fn code(self) -> &'static str {
        match self {
            ProblemKind::Unauthorized => "unauthorized",
            ProblemKind::InvalidCredentials => "invalid-credentials",
            ProblemKind::InvalidRefreshToken => "invalid-refresh-token",
            ProblemKind::SecondFactorRequired => "second-factor-required",
            ProblemKind::InvalidSecondFactor => "invalid-second-factor",
            ProblemKind::AccountDisabled => "account-disabled",
            ProblemKind::Forbidden => "forbidden",
            ProblemKind::NotFound => "not-found",
            ProblemKind::Gone => "gone",
            ProblemKind::RouteNotFound => "route-not-found",
            ProblemKind::MethodNotAllowed => "method-not-allowed",
            ProblemKind::MalformedJson => "malformed-json",
            ProblemKind::InvalidBody => "invalid-body",
            ProblemKind::InvalidQuery => "invalid-query",
            ProblemKind::UnsupportedMediaType => "unsupported-media-type",
            ProblemKind::PayloadTooLarge => "payload-too-large",
            ProblemKind::Validation => "validation-failed",
            ProblemKind::Conflict => "conflict",
            ProblemKind::RateLimited => "rate-limited",
            ProblemKind::PreconditionRequired => "precondition-required",
            ProblemKind::PreconditionFailed => "precondition-failed",
            ProblemKind::UnknownLocale => "unknown-locale",
            ProblemKind::TransitionRefused => "transition-not-allowed",
            ProblemKind::OwnRevision => "own-revision",
            ProblemKind::EditionNotReady => "edition-not-ready",
            ProblemKind::UnsupportedImage => "unsupported-image",
            ProblemKind::Upstream => "smtp-failed",
            ProblemKind::Unavailable => "service-unavailable",
            ProblemKind::Internal => "internal-error",
            // Actix's own 4xx; its 5xx are `internal-error`.
            ProblemKind::Status => "bad-request",
            ProblemKind::RequestTimeout => "request-timeout",
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized
            | ApiError::InvalidCredentials
            | ApiError::InvalidRefreshToken
            | ApiError::SecondFactorRequired
            | ApiError::InvalidSecondFactor => StatusCode::UNAUTHORIZED,
            ApiError::AccountDisabled | ApiError::Forbidden | ApiError::OwnRevision => StatusCode::FORBIDDEN,
            ApiError::NotFound | ApiError::RouteNotFound | ApiError::UnknownLocale => StatusCode::NOT_FOUND,
            ApiError::Gone => StatusCode::GONE,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::TransitionRefused { .. } | ApiError::EditionNotReady(_) => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::MalformedJson(_) | ApiError::InvalidQuery(_) => StatusCode::BAD_REQUEST,
            ApiError::InvalidBody(_) | ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::UnsupportedMediaType | ApiError::UnsupportedImage => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Upstream => StatusCode::BAD_GATEWAY,
            ApiError::Status(status) => *status,
            ApiError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
        }
    }

    /// Status and headers only; `http::problem` writes the localized body.
    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        match self {
            ApiError::RateLimited { retry_after } => {
                // Round up: a client that waits the advertised time must get through.
                let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
                response.insert_header((header::RETRY_AFTER, secs.max(1).to_string()));
            }
            ApiError::Unauthorized
            | ApiError::InvalidCredentials
            | ApiError::InvalidRefreshToken
            | ApiError::SecondFactorRequired
            | ApiError::InvalidSecondFactor => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::Unavailable => {
                response.insert_header((header::RETRY_AFTER, "5"));
            }
            _ => {}
        }
        response.finish()
    }
}

impl From<LimitError> for ApiError {
    fn from(error: LimitError) -> Self {
        match error {
            LimitError::Limited(retry_after) => ApiError::RateLimited { retry_after },
            LimitError::Db(error) => error.into(),
        }
    }
}

impl From<DbError> for ApiError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::Unavailable(reason) => {
                tracing::warn!(%reason, "database unavailable");
                ApiError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                ApiError::Internal
            }
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        DbError::from(error).into()
    }
}

impl From<AuthError> for ApiError {
    fn from(error: AuthError) -> Self {
        match error {
            AuthError::InvalidCredentials => ApiError::InvalidCredentials,
            AuthError::AccountDisabled => ApiError::AccountDisabled,
            AuthError::InvalidRefreshToken => ApiError::InvalidRefreshToken,
            AuthError::Db(error) => error.into(),
        }
    }
}

impl From<Invalid> for ApiError {
    fn from(invalid: Invalid) -> Self {
        ApiError::Validation(vec![invalid])
    }
}

impl From<Conflict> for ApiError {
    fn from(conflict: Conflict) -> Self {
        ApiError::Conflict(conflict)
    }
}

impl From<service::Error> for ApiError {
    fn from(error: service::Error) -> Self {
        match error {
            service::Error::NotFound => ApiError::NotFound,
            service::Error::Forbidden => ApiError::Forbidden,
            service::Error::Invalid(problems) => ApiError::Validation(problems),
            service::Error::Conflict(conflict) => ApiError::Conflict(conflict),
            service::Error::NotFrom { action, status } => ApiError::TransitionRefused { action, status },
            service::Error::OwnRevision => ApiError::OwnRevision,
            service::Error::NotReady(problems) => ApiError::EditionNotReady(problems),
            service::Error::PreconditionRequired => ApiError::PreconditionRequired,
            service::Error::PreconditionFailed => ApiError::PreconditionFailed,
            service::Error::Unreadable(reason) => ApiError::InvalidBody(reason),
            service::Error::UnsupportedImage => ApiError::UnsupportedImage,
            service::Error::Storage(error) => {
                tracing::error!(%error, "cannot write the media folder");
                ApiError::Internal
            }
            service::Error::Delivery(reason) => {
                tracing::error!(%reason, "delivery failed");
                ApiError::Internal
            }
            service::Error::Db(error) => error.into(),
            service::Error::Inconsistent(what) => {
                tracing::error!(what, "stored data is inconsistent");
                ApiError::Internal
            }
        }
    }
}

// What the errors of the layers below `http` (the site, delivery) mean to an API client: a
// database error keeps its meaning (503 when unreachable); anything else is a bug on our
// side, logged with its cause and answered with a bare 500.

impl From<SiteError> for ApiError {
    fn from(error: SiteError) -> Self {
        match error {
            SiteError::Db(error) => error.into(),
            other => {
                tracing::error!(error = %other, "rendering failed");
                ApiError::Internal
            }
        }
    }
}

impl From<DeliveryError> for ApiError {
    fn from(error: DeliveryError) -> Self {
        match error {
            DeliveryError::Db(error) => error.into(),
            DeliveryError::NoSuchEdition => ApiError::NotFound,
            DeliveryError::NotPublished => ApiError::Conflict(Conflict::EditionNotPublished),
            other @ (DeliveryError::Template { .. } | DeliveryError::Inline(_)) => {
                tracing::error!(error = %other, "composing an email failed");
                ApiError::Internal
            }
        }
    }
}
