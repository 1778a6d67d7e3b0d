//! Logging in and out, refreshing tokens, and the signed-in user's own account.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::CurrentUser;
use super::client::client_key;
use super::users::UserView;
use crate::auth::session::{self, IssuedSession};
use crate::db::users;
use crate::domain::{EmailAddress, Invalid};
use crate::http::json::Json;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service::second_factor;

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// The 6-digit code of the account's authenticator app, or one of its recovery codes;
    /// required when the account has a second factor.
    #[serde(default)]
    pub totp: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// A JWT for `Authorization: Bearer`.
    pub access_token: String,
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// Opaque; send it to `/api/v1/auth/refresh` for a new pair. Usable once.
    pub refresh_token: String,
}

impl From<IssuedSession> for TokenResponse {
    fn from(session: IssuedSession) -> Self {
        Self {
            access_token: session.access_token,
            token_type: "Bearer",
            expires_in: session.expires_in,
            refresh_token: session.refresh_token,
        }
    }
}

/// Exchange an email and password for an access token and a refresh token.
#[utoipa::path(
    post,
    path = "/api/v1/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Wrong email or password (`invalid-credentials`, the same answer for both); the right password for an account with a second factor but no `totp` (`second-factor-required`); a wrong or already used code (`invalid-second-factor`, counted by the same limits as a wrong password)"),
        (status = 403, description = "Account disabled"),
        (status = 422, description = "An email longer than 254 bytes (`validation-failed`, field `email`), refused before it is counted, or a body that does not match the schema (`invalid-body`)"),
        (status = 429, description = "Too many attempts; see Retry-After"),
    )
)]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { email, password, totp } = body.into_inner();
    match sign_in(&req, &state, email, password, totp).await? {
        SignedIn::Session(session) => Ok(token_response(session)),
        SignedIn::NeedsSecondFactor { .. } => Err(ApiError::SecondFactorRequired),
    }
}

/// What a right password leads to.
pub(crate) enum SignedIn {
    Session(IssuedSession),
    /// The account has a second factor and no code came with the password: no session yet.
    NeedsSecondFactor {
        user_id: i64,
    },
}

/// Checks an email and password (and, for an account with a second factor, its code) under
/// the login limits and starts a session: the one way in, for the API's login and the desk's
/// sign-in form alike. Without a code such an account gets no session but
/// [`SignedIn::NeedsSecondFactor`]; the desk then asks for it ([`second_step`]).
pub(crate) async fn sign_in(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    email: String,
    password: String,
    code: Option<String>,
) -> Result<SignedIn, ApiError> {
    // No address is longer (RFC 5321); refused before anything keeps it, so the limiter's
    // keys stay short whatever a client sends.
    if email.len() > EmailAddress::MAX_BYTES {
        return Err(ApiError::Validation(vec![Invalid::new("email", "invalid-email")]));
    }
    let address = client_key(req, &state.proxies);
    let limits = &state.login_limits;
    limits.per_address.check_and_record(&address).await?;
    // A malformed address cannot belong to an account; it fails like any unknown one, and is
    // counted in the same case-folded form.
    let account_key = EmailAddress::parse(&email).map_or_else(|_| email.trim().to_lowercase(), |e| e.into_string());
    // Counted before the password is tried, so that concurrent guesses cannot together get
    // more than the allowance; the right password clears the count.
    limits.per_account.check_and_record(&account_key).await?;

    // Three steps, so that the slow hash holds no database connection: a burst of logins
    // must not starve every other request of the pool.
    let key = account_key.clone();
    let account = state.db.run(move |conn| users::find_by_email(conn, &key).map_err(ApiError::from)).await?;
    let checked = state
        .hashing
        .run(move |memory| session::check_password(account, &password, memory))
        .await
        .ok_or(ApiError::Internal)?;
    let user = checked?;
    if user.totp_enabled_at.is_some() {
        match code.filter(|code| !code.trim().is_empty()) {
            None => return Ok(SignedIn::NeedsSecondFactor { user_id: user.id }),
            // This attempt was counted above, code and password together.
            Some(code) => check_second_factor(state, user.id, code).await?,
        }
    }
    let session = start(state, user).await?;
    limits.per_account.clear(&account_key).await;
    Ok(SignedIn::Session(session))
}

/// The desk's second step, after [`sign_in`] answered [`SignedIn::NeedsSecondFactor`]: the
/// code for account `user_id`, counted by the same login limits as a password.
pub(crate) async fn second_step(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    user_id: i64,
    code: String,
) -> Result<IssuedSession, ApiError> {
    let account = state.db.run(move |conn| users::find(conn, user_id).map_err(ApiError::from)).await?;
    let user = account.ok_or(ApiError::InvalidCredentials)?;
    let limits = &state.login_limits;
    limits.per_address.check_and_record(&client_key(req, &state.proxies)).await?;
    limits.per_account.check_and_record(&user.email).await?;
    if user.disabled {
        return Err(ApiError::AccountDisabled);
    }
    check_second_factor(state, user.id, code).await?;
    let account_key = user.email.clone();
    let session = start(state, user).await?;
    limits.per_account.clear(&account_key).await;
    Ok(session)
}

async fn check_second_factor(state: &web::Data<AppState>, user_id: i64, code: String) -> Result<(), ApiError> {
    let now = second_factor::unix_now();
    let right =
        state.db.run(move |conn| second_factor::verify(conn, user_id, &code, now).map_err(ApiError::from)).await?;
    if right {
        Ok(())
    } else {
        Err(ApiError::InvalidSecondFactor)
    }
}

async fn start(state: &web::Data<AppState>, user: users::User) -> Result<IssuedSession, ApiError> {
    let issuing = state.clone();
    state
        .db
        .run(move |conn| session::start(conn, &issuing.keys, issuing.lifetimes, &user).map_err(ApiError::from))
        .await
}

/// Trade a refresh token for a new pair. Each refresh token works once; presenting a used
/// one again ends that login session everywhere.
#[utoipa::path(
    post,
    path = "/api/v1/auth/refresh",
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Unknown, expired, revoked or reused token"),
        (status = 403, description = "Account disabled"),
    )
)]
pub async fn refresh(state: web::Data<AppState>, body: Json<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().refresh_token;
    let worker_state = state.clone();
    let session =
        state.db.run(move |conn| session::rotate(conn, &worker_state.keys, worker_state.lifetimes, &token)).await?;
    Ok(token_response(session))
}

/// End the login session a refresh token belongs to. Always 204, known token or not.
#[utoipa::path(
    post,
    path = "/api/v1/auth/logout",
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Session ended"),
    )
)]
pub async fn logout(state: web::Data<AppState>, body: Json<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().refresh_token;
    state.db.run(move |conn| session::logout(conn, &token)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, body = UserView),
    )
)]
pub async fn get_me(user: CurrentUser) -> HttpResponse {
    HttpResponse::Ok().json(UserView::from(&user.0))
}

/// Tokens are for the client alone: no cache on the way may keep a copy.
fn token_response(session: IssuedSession) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(TokenResponse::from(session))
}
