//! Storage of the TOTP second factor: the shared secret and the last time step a code was
//! accepted for (on `users`), and the single-use recovery codes, kept as hashes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{publication, totp_recovery_codes, users};
use super::{now, DbConn};

/// A user's second factor as stored.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    /// Base32; present from the start of enrolment.
    pub secret: Option<String>,
    /// Set once a first code confirmed the enrolment; only then does the factor count.
    pub enabled_at: Option<NaiveDateTime>,
    pub last_step: Option<i64>,
}

pub fn find(conn: &mut DbConn, user_id: i64) -> QueryResult<Stored> {
    let row: Option<(Option<String>, Option<NaiveDateTime>, Option<i64>)> = users::table
        .find(user_id)
        .select((users::totp_secret, users::totp_enabled_at, users::totp_last_step))
        .first(conn)
        .optional()?;
    Ok(row.map(|(secret, enabled_at, last_step)| Stored { secret, enabled_at, last_step }).unwrap_or_default())
}

/// Starts (or restarts) an enrolment with a new secret; the factor is off until confirmed.
pub fn begin(conn: &mut DbConn, user_id: i64, secret: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(Some(secret)),
            users::totp_enabled_at.eq(None::<NaiveDateTime>),
            users::totp_last_step.eq(None::<i64>),
            users::updated_at.eq(now()),
        ))
        .execute(conn)
}

/// Confirms an enrolment: the factor counts from now, and `step` is spent.
pub fn enable(conn: &mut DbConn, user_id: i64, step: i64) -> QueryResult<usize> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_enabled_at.eq(Some(now())),
            users::totp_last_step.eq(Some(step)),
            users::updated_at.eq(now()),
        ))
        .execute(conn)
}

/// Spends `step` unless it (or a later one) was spent already: `false` means the code was
/// used before. One conditional update, so two requests with the same code cannot both win.
pub fn spend_step(conn: &mut DbConn, user_id: i64, step: i64) -> QueryResult<bool> {
    let changed = diesel::update(
        users::table.find(user_id).filter(users::totp_last_step.is_null().or(users::totp_last_step.lt(step))),
    )
    .set(users::totp_last_step.eq(Some(step)))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Removes the second factor and its recovery codes.
pub fn clear(conn: &mut DbConn, user_id: i64) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(None::<String>),
            users::totp_enabled_at.eq(None::<NaiveDateTime>),
            users::totp_last_step.eq(None::<i64>),
            users::updated_at.eq(now()),
        ))
        .execute(conn)?;
    diesel::delete(totp_recovery_codes::table.filter(totp_recovery_codes::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}

/// Replaces the user's recovery codes with these hashes.
pub fn replace_recovery_codes(conn: &mut DbConn, user_id: i64, hashes: &[String]) -> QueryResult<()> {
    diesel::delete(totp_recovery_codes::table.filter(totp_recovery_codes::user_id.eq(user_id))).execute(conn)?;
    // Row by row: multi-row inserts do not compile through the two-backend connection.
    for hash in hashes {
        diesel::insert_into(totp_recovery_codes::table)
            .values((totp_recovery_codes::user_id.eq(user_id), totp_recovery_codes::code_hash.eq(hash)))
            .execute(conn)?;
    }
    Ok(())
}

/// Marks the unused recovery code with this hash as used; `false` if there is none.
pub fn use_recovery_code(conn: &mut DbConn, user_id: i64, hash: &str) -> QueryResult<bool> {
    let changed = diesel::update(
        totp_recovery_codes::table
            .filter(totp_recovery_codes::user_id.eq(user_id))
            .filter(totp_recovery_codes::code_hash.eq(hash))
            .filter(totp_recovery_codes::used_at.is_null()),
    )
    .set(totp_recovery_codes::used_at.eq(Some(now())))
    .execute(conn)?;
    Ok(changed >= 1)
}

/// How many recovery codes the user has left.
pub fn recovery_codes_left(conn: &mut DbConn, user_id: i64) -> QueryResult<i64> {
    totp_recovery_codes::table
        .filter(totp_recovery_codes::user_id.eq(user_id))
        .filter(totp_recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// Whether every admin must have a second factor (no publication row yet: no).
pub fn admins_need_totp(conn: &mut DbConn) -> QueryResult<bool> {
    Ok(publication::table.find(1).select(publication::admins_need_totp).first(conn).optional()?.unwrap_or(false))
}

/// Sets whether every admin must have a second factor, creating the publication row if needed.
pub fn set_admins_need_totp(conn: &mut DbConn, required: bool) -> QueryResult<()> {
    let changed =
        diesel::update(publication::table.find(1)).set(publication::admins_need_totp.eq(required)).execute(conn)?;
    if changed == 0 {
        diesel::insert_into(publication::table)
            .values((
                publication::id.eq(1),
                publication::updated_at.eq(now()),
                publication::admins_need_totp.eq(required),
            ))
            .execute(conn)?;
    }
    Ok(())
}
