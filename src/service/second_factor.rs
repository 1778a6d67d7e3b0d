//! The TOTP second factor of an account: enrolling (a secret, then a first code to confirm
//! it, then recovery codes shown once), checking a code at sign-in (each code once), and
//! turning it off; and the newsroom's rule that admins must have one. The desk and the
//! API's login both check codes here, so there is one rule.

use crate::auth::totp;
use crate::db::audit::{self, NewAuditEvent};
use crate::db::{self, totp as stored, DbConn};
use crate::domain::Invalid;

use super::{Conflict, Error};

/// Unix seconds now.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Starts an enrolment: a new secret, stored but not yet counted. Refused while a confirmed
/// factor is on (turn it off first), so an enrolment never silently replaces a working one.
pub fn begin(conn: &mut DbConn, user_id: i64) -> Result<String, Error> {
    db::write_transaction(conn, |conn| {
        if stored::find(conn, user_id)?.enabled_at.is_some() {
            return Err(Error::Conflict(Conflict::SecondFactorOn));
        }
        let secret = totp::new_secret();
        stored::begin(conn, user_id, &secret)?;
        Ok(secret)
    })
}

/// Confirms an enrolment with a first code; the factor counts from now. Returns the
/// recovery codes, in clear this once (only their hashes are kept).
pub fn confirm(conn: &mut DbConn, user_id: i64, code: &str, now: u64) -> Result<Vec<String>, Error> {
    db::write_transaction(conn, |conn| {
        let factor = stored::find(conn, user_id)?;
        if factor.enabled_at.is_some() {
            return Err(Error::Conflict(Conflict::SecondFactorOn));
        }
        let secret = factor.secret.ok_or(Error::Invalid(vec![Invalid::new("code", "no-enrolment")]))?;
        let step =
            totp::matching_step(&secret, code, now).ok_or(Error::Invalid(vec![Invalid::new("code", "wrong-code")]))?;
        stored::enable(conn, user_id, step)?;
        let codes = totp::new_recovery_codes();
        let hashes: Vec<String> = codes.iter().map(|c| totp::hash_recovery_code(c)).collect();
        stored::replace_recovery_codes(conn, user_id, &hashes)?;
        record(conn, user_id, "second_factor_enabled")?;
        Ok(codes)
    })
}

/// Whether `code` proves the second factor of `user_id`: a TOTP code for a step not used
/// before (±1 step of skew), or an unused recovery code, which is then spent. An account
/// without a confirmed factor proves nothing this way.
pub fn verify(conn: &mut DbConn, user_id: i64, code: &str, now: u64) -> Result<bool, Error> {
    db::write_transaction(conn, |conn| {
        let factor = stored::find(conn, user_id)?;
        let (Some(secret), Some(_)) = (factor.secret, factor.enabled_at) else { return Ok(false) };
        if totp::is_code_shaped(code) {
            return match totp::matching_step(&secret, code, now) {
                Some(step) => Ok(stored::spend_step(conn, user_id, step)?),
                None => Ok(false),
            };
        }
        if code.trim().is_empty() {
            return Ok(false);
        }
        let used = stored::use_recovery_code(conn, user_id, &totp::hash_recovery_code(code))?;
        if used {
            record(conn, user_id, "recovery_code_used")?;
        }
        Ok(used)
    })
}

/// How a person proved it is them before turning their factor off.
pub enum Proof<'a> {
    /// A current code (or a recovery code), checked here.
    Code(&'a str),
    /// The password, already checked by the caller (the hash is slow; see `password::Hashing`).
    PasswordChecked,
}

/// Turns the second factor off and forgets its secret and recovery codes.
pub fn disable(conn: &mut DbConn, user_id: i64, proof: Proof, now: u64) -> Result<(), Error> {
    if let Proof::Code(code) = proof {
        if !verify(conn, user_id, code, now)? {
            return Err(Error::Invalid(vec![Invalid::new("code", "wrong-code")]));
        }
    }
    db::write_transaction(conn, |conn| {
        stored::clear(conn, user_id)?;
        record(conn, user_id, "second_factor_disabled")?;
        Ok(())
    })
}

/// Abandons an enrolment that was never confirmed.
pub fn cancel(conn: &mut DbConn, user_id: i64) -> Result<(), Error> {
    db::write_transaction(conn, |conn| {
        if stored::find(conn, user_id)?.enabled_at.is_none() {
            stored::clear(conn, user_id)?;
        }
        Ok(())
    })
}

/// Sets the newsroom's rule that every admin must have a second factor.
pub fn require_for_admins(conn: &mut DbConn, actor: i64, required: bool) -> Result<(), Error> {
    db::write_transaction(conn, |conn| {
        stored::set_admins_need_totp(conn, required)?;
        let action = if required { "admins_need_totp_on" } else { "admins_need_totp_off" };
        record(conn, actor, action)?;
        Ok(())
    })
}

fn record(conn: &mut DbConn, user_id: i64, action: &'static str) -> diesel::QueryResult<()> {
    audit::record(
        conn,
        NewAuditEvent {
            actor_id: Some(user_id),
            subject_kind: audit::USER,
            subject_id: user_id,
            action,
            detail: serde_json::json!({}),
        },
    )
}
