//! Who is at the desk: the session cookie, read once per request by [`identify`]; the
//! [`Desk`] extractor that a handler takes to run for a signed-in person only; and
//! [`DeskForm`], the only way a handler reads a form, which refuses any POST whose
//! anti-forgery token is not the one this session's pages carry.

use std::future::{ready, Future, Ready};
use std::pin::Pin;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::page::DeskError;
use crate::auth::csrf::Binding;
use crate::auth::session::{self, DeskSession};
use crate::db::users::User;
use crate::domain::Role;
use crate::http::auth::UserLocale;
use crate::http::state::AppState;

/// The session cookie: the session's opaque token.
pub const SESSION_COOKIE: &str = "nashra_desk";
/// Before sign-in: a random nonce the sign-in form's token is bound to.
pub const SIGN_IN_COOKIE: &str = "nashra_desk_signin";
/// Largest form body (a story's two long texts fit many times over).
const FORM_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// The signed-in person, for a handler that takes it.
#[derive(Debug, Clone)]
pub struct Desk {
    pub user: User,
    /// The session family the cookie belongs to (what the anti-forgery token is bound to).
    pub family: String,
}

impl Desk {
    /// Refuses with 403 unless the person holds `role` (admins hold every role).
    pub fn require(&self, role: Role) -> Result<(), DeskError> {
        if self.user.roles.has_or_admin(role) {
            Ok(())
        } else {
            Err(DeskError::Forbidden)
        }
    }
}

/// Marks a request from an admin who must enrol a second factor first (the newsroom requires
/// one of every admin and they have none): only their account page, sign-out and the
/// language switch open until they do.
#[derive(Debug, Clone, Copy)]
pub struct MustEnrol;

/// What an admin who must enrol may still reach.
fn open_while_enrolling(path: &str) -> bool {
    path == "/desk/account" || path.starts_with("/desk/account/") || path == "/desk/logout" || path == "/desk/language"
}

fn enrol_check(req: &HttpRequest) -> Result<(), DeskError> {
    if req.extensions().get::<MustEnrol>().is_some() && !open_while_enrolling(req.path()) {
        return Err(DeskError::Enrol);
    }
    Ok(())
}

/// Middleware: reads the session cookie, if any, and loads its person.
pub async fn identify(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if let Some(token) = req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned()) {
        let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
            return Ok(req.error_response(DeskError::Internal).map_into_right_body());
        };
        let found = state
            .db
            .run(move |conn| {
                let Some(found) = session::desk_session(conn, &token)? else { return Ok(None) };
                // Only an admin without a factor costs the extra read.
                let must_enrol = found.user.roles.has(Role::Admin)
                    && found.user.totp_enabled_at.is_none()
                    && crate::db::totp::admins_need_totp(conn)?;
                Ok::<_, session::AuthError>(Some((found, must_enrol)))
            })
            .await;
        match found {
            Ok(Some((DeskSession { user, family }, must_enrol))) => {
                if must_enrol {
                    req.extensions_mut().insert(MustEnrol);
                }
                req.extensions_mut().insert(UserLocale(user.preferred_locale.clone()));
                req.extensions_mut().insert(Desk { user, family });
            }
            Ok(None) => {}
            Err(error) => {
                tracing::error!(%error, "reading a desk session");
                return Ok(req.error_response(DeskError::Internal).map_into_right_body());
            }
        }
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

impl FromRequest for Desk {
    type Error = DeskError;
    type Future = Ready<Result<Self, DeskError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let desk = req.extensions().get::<Desk>().cloned().ok_or_else(|| DeskError::sign_in(req));
        ready(desk.and_then(|desk| enrol_check(req).map(|()| desk)))
    }
}

/// A posted form (`application/x-www-form-urlencoded`) from a signed-in person, its
/// anti-forgery token checked: without the right `csrf` field it is refused with 403 before
/// the handler runs, so nothing changes. Repeated names become lists (`serde_html_form`).
pub struct DeskForm<T> {
    pub desk: Desk,
    pub form: T,
}

/// A form with nothing but its token (sign out, say).
#[derive(Deserialize)]
pub struct NoFields {}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned + 'static> FromRequest for DeskForm<T> {
    type Error = DeskError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, DeskError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let desk = req.extensions().get::<Desk>().cloned();
        let sign_in = DeskError::sign_in(req);
        let enrol = enrol_check(req);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let desk = desk.ok_or(sign_in)?;
            enrol?;
            let state = state.ok_or(DeskError::Internal)?;
            let bytes = body.await.map_err(|_| DeskError::BadRequest)?;
            if bytes.len() > FORM_LIMIT_BYTES {
                return Err(DeskError::BadRequest);
            }
            let CsrfField { csrf } = serde_html_form::from_bytes(&bytes).map_err(|_| DeskError::Csrf)?;
            if !state.csrf.verify(Binding::Session(&desk.family), &csrf) {
                return Err(DeskError::Csrf);
            }
            let form = serde_html_form::from_bytes(&bytes).map_err(|_| DeskError::BadRequest)?;
            Ok(DeskForm { desk, form })
        })
    }
}

/// A cookie of the desk's: `HttpOnly`, `SameSite=Lax` (a link from an email still opens
/// the desk signed in; posts are guarded by the token), `Secure` when the site is https.
pub fn cookie<'c>(state: &AppState, name: &'c str, value: String) -> Cookie<'c> {
    Cookie::build(name, value)
        .path("/desk")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.public_url.starts_with("https://"))
        .finish()
}

/// The same cookie, expired.
pub fn removal<'c>(state: &AppState, name: &'c str) -> Cookie<'c> {
    let mut cookie = cookie(state, name, String::new());
    cookie.make_removal();
    cookie
}
