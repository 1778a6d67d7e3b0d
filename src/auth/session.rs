//! Logging in, refreshing and logging out. Synchronous: the database steps run inside
//! blocking database closures; the password check runs apart from them (see
//! [`check_password`]), so a slow hash never holds a connection.

use chrono::NaiveDateTime;

use super::password::{self, Memory};
use super::{refresh, TokenKeys};
use crate::db::{self, refresh_tokens, users, users::User, DbConn, DbError};

/// Tokens handed to a client after login or refresh.
#[derive(Debug)]
pub struct IssuedSession {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("account disabled")]
    AccountDisabled,
    #[error("invalid refresh token")]
    InvalidRefreshToken,
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<diesel::result::Error> for AuthError {
    fn from(error: diesel::result::Error) -> Self {
        AuthError::Db(error.into())
    }
}

/// Session lifetimes, from the settings.
#[derive(Clone, Copy)]
pub struct Lifetimes {
    pub refresh: chrono::Duration,
}

/// Checks a password against the account an email named (`None`: no such account). An
/// unknown email costs the same hashing work as a wrong password and gets the same answer;
/// only someone who knows the password learns that an account is disabled. Slow on purpose
/// and CPU-bound: run it through [`password::Hashing`], holding no database connection.
pub fn check_password(account: Option<User>, password: &str, memory: &mut Memory) -> Result<User, AuthError> {
    let Some(user) = account else {
        password::verify_against_dummy(password, memory);
        return Err(AuthError::InvalidCredentials);
    };
    if !password::verify(password, &user.password_hash, memory) {
        return Err(AuthError::InvalidCredentials);
    }
    if user.disabled {
        return Err(AuthError::AccountDisabled);
    }
    Ok(user)
}

/// Starts a session (a new refresh-token family) for a user whose password was checked.
pub fn start(
    conn: &mut DbConn,
    keys: &TokenKeys,
    lifetimes: Lifetimes,
    user: &User,
) -> Result<IssuedSession, AuthError> {
    issue(conn, keys, lifetimes, user, &refresh::new_family())
}

/// What a refresh attempt found, decided inside the transaction and acted on after it, so
/// that revoking a family on reuse is committed even though the request fails.
enum RefreshOutcome {
    Rotated(IssuedSession),
    Refused(AuthError),
}

/// Trades a refresh token for a new pair. The old token is spent; presenting a spent token
/// again revokes every token of its family, ending the session for whoever holds them.
pub fn rotate(
    conn: &mut DbConn,
    keys: &TokenKeys,
    lifetimes: Lifetimes,
    presented: &str,
) -> Result<IssuedSession, AuthError> {
    let outcome = db::write_transaction(conn, |conn| -> Result<RefreshOutcome, AuthError> {
        let refused = |error| Ok(RefreshOutcome::Refused(error));
        let Some(token) = refresh_tokens::find_by_hash(conn, &refresh::hash(presented))? else {
            return refused(AuthError::InvalidRefreshToken);
        };
        if token.revoked_at.is_some() || token.expires_at <= db::now() {
            return refused(AuthError::InvalidRefreshToken);
        }
        if token.replaced_at.is_some() || !refresh_tokens::mark_replaced(conn, token.id)? {
            tracing::warn!(user_id = token.user_id, "refresh token reused; revoking its family");
            refresh_tokens::revoke_family(conn, &token.family)?;
            return refused(AuthError::InvalidRefreshToken);
        }
        match users::find(conn, token.user_id)? {
            Some(user) if !user.disabled => {
                Ok(RefreshOutcome::Rotated(issue(conn, keys, lifetimes, &user, &token.family)?))
            }
            _ => {
                refresh_tokens::revoke_family(conn, &token.family)?;
                refused(AuthError::AccountDisabled)
            }
        }
    })?;
    match outcome {
        RefreshOutcome::Rotated(session) => Ok(session),
        RefreshOutcome::Refused(error) => Err(error),
    }
}

/// Ends the session a refresh token belongs to. Unknown tokens are ignored, so logout is
/// idempotent and reveals nothing.
pub fn logout(conn: &mut DbConn, presented: &str) -> Result<(), AuthError> {
    if let Some(token) = refresh_tokens::find_by_hash(conn, &refresh::hash(presented))? {
        refresh_tokens::revoke_family(conn, &token.family)?;
    }
    Ok(())
}

fn issue(
    conn: &mut DbConn,
    keys: &TokenKeys,
    lifetimes: Lifetimes,
    user: &User,
    family: &str,
) -> Result<IssuedSession, AuthError> {
    let refresh_token = refresh::generate();
    let expires_at: NaiveDateTime = db::now() + lifetimes.refresh;
    refresh_tokens::insert(conn, user.id, family, &refresh::hash(&refresh_token), expires_at)?;
    Ok(IssuedSession {
        access_token: keys.issue(user.id, user.roles.iter()),
        refresh_token,
        expires_in: keys.ttl().as_secs(),
    })
}

/// A desk sign-in: one more session family, whose token the browser keeps in a cookie. It is
/// never rotated (a page view is no refresh), so it lives as long as a refresh token does,
/// and ends with its family: on sign-out, disabling, or a password change.
pub struct DeskSession {
    pub user: User,
    pub family: String,
}

/// The user and session family a desk cookie stands for, if it is still good: not revoked,
/// not used as a refresh token, not expired, and its account enabled.
pub fn desk_session(conn: &mut DbConn, presented: &str) -> Result<Option<DeskSession>, AuthError> {
    let Some(token) = refresh_tokens::find_by_hash(conn, &refresh::hash(presented))? else { return Ok(None) };
    if token.revoked_at.is_some() || token.replaced_at.is_some() || token.expires_at <= db::now() {
        return Ok(None);
    }
    Ok(users::find(conn, token.user_id)?
        .filter(|user| !user.disabled)
        .map(|user| DeskSession { user, family: token.family }))
}
