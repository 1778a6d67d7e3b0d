//! Extractors: a handler that takes [`CurrentUser`] runs only for a valid access token of an
//! enabled account; one that takes [`Require<R>`] (say [`Admin`]) only for holders of that role.

use std::future::Future;
use std::marker::PhantomData;
use std::ops::Deref;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};

use crate::app::AppState;
use crate::db::users::{self, User};
use crate::domain::Role;
use crate::error::ApiError;

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

impl FromRequest for CurrentUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req.app_data::<web::Data<AppState>>().ok_or(ApiError::Internal)?;
            let token = bearer_token(&req).ok_or(ApiError::Unauthorized)?;
            let claims = state.keys.verify(token).ok_or(ApiError::Unauthorized)?;
            let id: i64 = claims.sub.parse().map_err(|_| ApiError::Unauthorized)?;
            let user = state
                .db
                .run(move |conn| users::find(conn, id).map_err(ApiError::from))
                .await?
                .ok_or(ApiError::Unauthorized)?;
            req.extensions_mut().insert(UserLocale(user.preferred_locale.clone()));
            if user.disabled {
                return Err(ApiError::AccountDisabled);
            }
            Ok(CurrentUser(user))
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
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = CurrentUser::from_request(req, payload);
        Box::pin(async move {
            let user = user.await?;
            if !user.roles.has_or_admin(R::ROLE) {
                return Err(ApiError::Forbidden);
            }
            Ok(Require(user, PhantomData))
        })
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
