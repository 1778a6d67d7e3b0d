//! Who is calling, resolved once per request by the [`authenticate`] middleware before any
//! handler argument is read; then the extractors: a handler that takes [`CurrentUser`] runs
//! only for a valid access token of an enabled account, one that takes [`Require<R>`] (say
//! [`Admin`]) only for holders of that role.
//!
//! Resolving first matters: extractors run side by side, so if the user were looked up inside
//! one, a malformed body could be answered before a missing permission, and in a language
//! other than the user's.

use std::future::{ready, Ready};
use std::marker::PhantomData;
use std::ops::Deref;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};

use crate::db::users::{self, User};
use crate::domain::Role;
use crate::http::state::AppState;
use crate::http::ApiError;

/// The signed-in user, loaded fresh from the database on every request, so disabling an
/// account or changing its roles takes effect at once rather than when its token expires.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub User);

/// The signed-in user's preferred locale, left in the request for locale negotiation.
#[derive(Debug, Clone)]
pub struct UserLocale(pub String);

impl Deref for CurrentUser {
    type Target = User;
    fn deref(&self) -> &User {
        &self.0
    }
}

/// What the request's credentials turned out to be.
#[derive(Debug, Clone)]
enum Caller {
    Anonymous,
    Refused(ApiError),
    User(User),
}

/// Middleware: verifies the bearer token, if any, and loads its user.
pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let caller = match identify(req.request()).await {
        Ok(caller) => caller,
        // Answered here, but as a response rather than an `Err`, so the problem renderer
        // around the app still turns it into a localized problem.
        Err(error) => return Ok(req.error_response(error).map_into_right_body()),
    };
    if let Caller::User(user) = &caller {
        req.extensions_mut().insert(UserLocale(user.preferred_locale.clone()));
    }
    req.extensions_mut().insert(caller);
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

/// Only a failing database is an error here; bad credentials are an answer, given when (and
/// if) a handler asks for a user.
async fn identify(req: &HttpRequest) -> Result<Caller, ApiError> {
    let Some(token) = bearer_token(req) else { return Ok(Caller::Anonymous) };
    let state = req.app_data::<web::Data<AppState>>().ok_or(ApiError::Internal)?;
    let Some(id) = state.keys.verify(token).and_then(|claims| claims.sub.parse::<i64>().ok()) else {
        return Ok(Caller::Refused(ApiError::Unauthorized));
    };
    let user = state.db.run(move |conn| users::find(conn, id).map_err(ApiError::from)).await?;
    Ok(match user {
        None => Caller::Refused(ApiError::Unauthorized),
        Some(user) if user.disabled => Caller::Refused(ApiError::AccountDisabled),
        Some(user) => Caller::User(user),
    })
}

impl FromRequest for CurrentUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match req.extensions().get::<Caller>() {
            Some(Caller::User(user)) => Ok(CurrentUser(user.clone())),
            Some(Caller::Refused(error)) => Err(error.clone()),
            Some(Caller::Anonymous) | None => Err(ApiError::Unauthorized),
        })
    }
}

fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
}

/// A role a handler can demand through [`Require`].
pub trait RoleRequirement {
    const ROLE: Role;
}

/// The signed-in user, known to hold `R::ROLE` (or to be an admin, who may do everything).
pub struct Require<R: RoleRequirement>(pub CurrentUser, PhantomData<R>);

impl<R: RoleRequirement> Deref for Require<R> {
    type Target = User;
    fn deref(&self) -> &User {
        &self.0
    }
}

impl<R: RoleRequirement + 'static> FromRequest for Require<R> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = CurrentUser::from_request(req, payload).into_inner();
        ready(user.and_then(|user| {
            if user.roles.has_or_admin(R::ROLE) {
                Ok(Require(user, PhantomData))
            } else {
                Err(ApiError::Forbidden)
            }
        }))
    }
}

pub enum AdminRole {}
impl RoleRequirement for AdminRole {
    const ROLE: Role = Role::Admin;
}

/// A handler argument that admits admins only.
pub type Admin = Require<AdminRole>;

pub enum EditorRole {}
impl RoleRequirement for EditorRole {
    const ROLE: Role = Role::Editor;
}

/// A handler argument that admits editors (and admins).
pub type Editor = Require<EditorRole>;

pub enum ReviewerRole {}
impl RoleRequirement for ReviewerRole {
    const ROLE: Role = Role::Reviewer;
}

/// A handler argument that admits reviewers (and admins).
pub type Reviewer = Require<ReviewerRole>;
