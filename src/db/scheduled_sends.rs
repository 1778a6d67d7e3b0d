//! Sends set for a later time: one row per edition, its latest schedule. A row is pending
//! until a scheduler claims it (`started_at`) with a conditional update, in the transaction
//! that queues its deliveries (`service::sending`), so it starts once however many servers
//! poll the table.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::scheduled_sends;
use super::{now, DbConn};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = scheduled_sends)]
pub struct ScheduledSend {
    pub edition_id: i64,
    pub send_at: NaiveDateTime,
    /// The admin who scheduled it; the send is recorded as theirs when it starts.
    pub scheduled_by: Option<i64>,
    pub created_at: NaiveDateTime,
    /// When a scheduler queued it; `None` while it can still be cancelled.
    pub started_at: Option<NaiveDateTime>,
}

/// The edition's schedule that has not started yet, if any.
pub fn pending(conn: &mut DbConn, edition_id: i64) -> QueryResult<Option<ScheduledSend>> {
    scheduled_sends::table
        .find(edition_id)
        .filter(scheduled_sends::started_at.is_null())
        .select(ScheduledSend::as_select())
        .first(conn)
        .optional()
}

/// The edition's latest schedule, started or not.
pub fn latest(conn: &mut DbConn, edition_id: i64) -> QueryResult<Option<ScheduledSend>> {
    scheduled_sends::table.find(edition_id).select(ScheduledSend::as_select()).first(conn).optional()
}

/// Schedules the edition's send at `send_at`, replacing a schedule that already started.
/// A pending one stays: the insert then fails as a unique violation, which is also what a
/// concurrent schedule of the same edition meets.
pub fn insert(conn: &mut DbConn, edition_id: i64, send_at: NaiveDateTime, by: i64) -> QueryResult<ScheduledSend> {
    diesel::delete(scheduled_sends::table.find(edition_id).filter(scheduled_sends::started_at.is_not_null()))
        .execute(conn)?;
    let scheduled = ScheduledSend { edition_id, send_at, scheduled_by: Some(by), created_at: now(), started_at: None };
    diesel::insert_into(scheduled_sends::table)
        .values((
            scheduled_sends::edition_id.eq(scheduled.edition_id),
            scheduled_sends::send_at.eq(scheduled.send_at),
            scheduled_sends::scheduled_by.eq(scheduled.scheduled_by),
            scheduled_sends::created_at.eq(scheduled.created_at),
        ))
        .execute(conn)?;
    Ok(scheduled)
}

/// Deletes the edition's pending schedule; `false` when there was none (never scheduled,
/// cancelled already, or started).
pub fn cancel(conn: &mut DbConn, edition_id: i64) -> QueryResult<bool> {
    let deleted = diesel::delete(scheduled_sends::table.find(edition_id).filter(scheduled_sends::started_at.is_null()))
        .execute(conn)?;
    Ok(deleted == 1)
}

/// Pending schedules whose time has come at `at`, earliest first.
pub fn due(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<Vec<ScheduledSend>> {
    scheduled_sends::table
        .filter(scheduled_sends::started_at.is_null())
        .filter(scheduled_sends::send_at.le(at))
        .order((scheduled_sends::send_at.asc(), scheduled_sends::edition_id.asc()))
        .select(ScheduledSend::as_select())
        .load(conn)
}

/// Marks the edition's due schedule started at `at`; `true` only for the one caller whose
/// update found it still pending. On PostgreSQL a concurrent claim waits for the row and
/// then finds `started_at` set; on SQLite writers are serialised anyway.
pub fn claim(conn: &mut DbConn, edition_id: i64, at: NaiveDateTime) -> QueryResult<bool> {
    let claimed = diesel::update(
        scheduled_sends::table
            .find(edition_id)
            .filter(scheduled_sends::started_at.is_null())
            .filter(scheduled_sends::send_at.le(at)),
    )
    .set(scheduled_sends::started_at.eq(at))
    .execute(conn)?;
    Ok(claimed == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DatabaseSettings;
    use crate::db::{editions, users, Database};
    use crate::domain::RoleSet;

    fn minutes(at: NaiveDateTime, n: i64) -> NaiveDateTime {
        at + chrono::Duration::minutes(n)
    }

    #[test]
    fn a_due_send_is_claimed_once_and_a_pending_one_cancelled_once() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let settings = DatabaseSettings { pool_size: 2, connection_timeout_secs: 5, sqlite_busy_timeout_ms: 1000 };
        let db = Database::open(&url, &settings).unwrap();
        db.migrate().unwrap();
        let (mut first, mut second) = (db.connection().unwrap(), db.connection().unwrap());
        let roles = RoleSet::default();
        let new = users::NewUser {
            email: "a@example.test",
            display_name: "A",
            password_hash: "x",
            preferred_locale: "en",
            roles: &roles,
        };
        let admin = users::insert(&mut first, new).unwrap();
        let edition = editions::insert(&mut first, 1, "one", &[], admin).unwrap();
        let at = now();

        insert(&mut first, edition, minutes(at, 5), admin).unwrap();
        assert!(insert(&mut first, edition, minutes(at, 9), admin).is_err(), "one pending schedule per edition");
        assert!(due(&mut first, at).unwrap().is_empty(), "not due before its time");
        assert!(!claim(&mut first, edition, at).unwrap(), "not claimable before its time");

        let later = minutes(at, 6);
        assert_eq!(due(&mut second, later).unwrap().len(), 1);
        // Two servers that both saw it due: only the first claim takes it.
        assert!(claim(&mut first, edition, later).unwrap());
        assert!(!claim(&mut second, edition, later).unwrap());
        assert!(due(&mut second, later).unwrap().is_empty());
        assert!(pending(&mut second, edition).unwrap().is_none());
        assert!(!cancel(&mut second, edition).unwrap(), "a started send is not cancelled");
        assert_eq!(latest(&mut second, edition).unwrap().unwrap().started_at, Some(later));

        // A started schedule makes way for the next one, which can be cancelled, once.
        insert(&mut first, edition, minutes(at, 60), admin).unwrap();
        assert!(pending(&mut first, edition).unwrap().is_some());
        assert!(cancel(&mut first, edition).unwrap());
        assert!(!cancel(&mut second, edition).unwrap());
        assert!(!claim(&mut second, edition, minutes(at, 61)).unwrap(), "a cancelled send never starts");
    }
}
