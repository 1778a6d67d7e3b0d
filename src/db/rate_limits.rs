//! Rate-limit windows kept in the database (`auth::rate_limit::Limit::Shared`): one row per
//! counted attempt, with the instant it leaves its window. Several servers on one PostgreSQL
//! count into the same rows, so a limit holds across all of them.
//!
//! A check is one transaction: lock the subject, read its live hits, insert one if the
//! allowance is not used up. The lock is a transaction-scoped advisory lock on PostgreSQL
//! (keyed by the bucket and a hash of the subject), so two servers checking the same account
//! at once queue for it and cannot both take the last slot; on SQLite the transaction starts
//! with `BEGIN IMMEDIATE`, which serialises writers anyway. Each check also deletes a few
//! expired rows of any subject, more than it inserts, so the table holds no more than one
//! window's attempts.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text, Timestamp};

use super::schema::rate_limit_hits;
use super::{write_transaction, DbConn};

/// Expired rows each check deletes at most: more than the one it inserts, so expired rows
/// never pile up, and few enough that a check stays one short statement.
const PRUNE_PER_CHECK: i64 = 16;

/// The advisory lock space of the rate limits ("nash"), apart from the migrations' lock,
/// which takes the one-argument form.
const LOCK_SPACE: i32 = 0x6e61_7368;

/// Counts a hit for `subject` in `bucket` at `now` if fewer than `max` hits are in the
/// window; otherwise changes nothing and answers `Err(wait)`, how long until the oldest hit
/// leaves the window.
pub fn check_and_record(
    conn: &mut DbConn,
    bucket: &str,
    subject: &str,
    max: u32,
    window: chrono::Duration,
    now: NaiveDateTime,
) -> QueryResult<Result<(), chrono::Duration>> {
    write_transaction(conn, |conn| {
        lock_subject(conn, bucket, subject)?;
        prune(conn, now)?;
        if max == 0 {
            return Ok(Err(window));
        }
        let live: Vec<NaiveDateTime> = rate_limit_hits::table
            .filter(rate_limit_hits::bucket.eq(bucket))
            .filter(rate_limit_hits::subject.eq(subject))
            .filter(rate_limit_hits::expires_at.gt(now))
            .select(rate_limit_hits::expires_at)
            .order(rate_limit_hits::expires_at.asc())
            .limit(i64::from(max))
            .load(conn)?;
        if live.len() >= max as usize {
            return Ok(Err(live[0] - now));
        }
        diesel::insert_into(rate_limit_hits::table)
            .values((
                rate_limit_hits::bucket.eq(bucket),
                rate_limit_hits::subject.eq(subject),
                rate_limit_hits::expires_at.eq(now + window),
            ))
            .execute(conn)?;
        Ok(Ok(()))
    })
}

/// Forgets `subject`'s hits in `bucket`: its allowance is whole again.
pub fn clear(conn: &mut DbConn, bucket: &str, subject: &str) -> QueryResult<()> {
    diesel::delete(
        rate_limit_hits::table.filter(rate_limit_hits::bucket.eq(bucket)).filter(rate_limit_hits::subject.eq(subject)),
    )
    .execute(conn)?;
    Ok(())
}

/// Rows kept now, of every bucket (for tests and the operator's curiosity).
pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    rate_limit_hits::table.count().get_result(conn)
}

fn lock_subject(conn: &mut DbConn, bucket: &str, subject: &str) -> QueryResult<()> {
    if let DbConn::Postgres(_) = conn {
        // hashtext of bucket and subject together: a collision only makes two subjects wait
        // for each other, never count together.
        diesel::sql_query("SELECT pg_advisory_xact_lock($1, hashtext($2 || ':' || $3))")
            .bind::<Integer, _>(LOCK_SPACE)
            .bind::<Text, _>(bucket)
            .bind::<Text, _>(subject)
            .execute(conn)?;
    }
    Ok(())
}

/// Deletes up to [`PRUNE_PER_CHECK`] expired rows. On PostgreSQL rows another check is
/// deleting are skipped rather than waited for: concurrent checks of different subjects never
/// queue (or deadlock) on each other's clean-up.
fn prune(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<()> {
    let sql = match conn {
        DbConn::Postgres(_) => format!(
            "DELETE FROM rate_limit_hits WHERE id IN (SELECT id FROM rate_limit_hits WHERE expires_at <= $1 \
             ORDER BY expires_at LIMIT {PRUNE_PER_CHECK} FOR UPDATE SKIP LOCKED)"
        ),
        DbConn::Sqlite(_) => format!(
            "DELETE FROM rate_limit_hits WHERE id IN (SELECT id FROM rate_limit_hits WHERE expires_at <= ? \
             ORDER BY expires_at LIMIT {PRUNE_PER_CHECK})"
        ),
    };
    diesel::sql_query(sql).bind::<Timestamp, _>(now).execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DatabaseSettings;
    use crate::db::{now, Database};

    fn database() -> (tempfile::TempDir, Database) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let settings = DatabaseSettings { pool_size: 4, connection_timeout_secs: 5, sqlite_busy_timeout_ms: 5000 };
        let db = Database::open(&url, &settings).unwrap();
        db.migrate().unwrap();
        (dir, db)
    }

    #[test]
    fn allows_max_then_refuses_until_the_oldest_hit_leaves() {
        let (_dir, db) = database();
        let mut conn = db.connection().unwrap();
        let minute = chrono::Duration::seconds(60);
        let at = now();
        for n in 0..3 {
            let later = at + chrono::Duration::seconds(n);
            assert_eq!(check_and_record(&mut conn, "login", "k", 3, minute, later).unwrap(), Ok(()));
        }
        let refused = check_and_record(&mut conn, "login", "k", 3, minute, at + chrono::Duration::seconds(10));
        assert_eq!(refused.unwrap(), Err(chrono::Duration::seconds(50)), "the first hit leaves at 60 s");
        assert_eq!(check_and_record(&mut conn, "other", "k", 3, minute, at).unwrap(), Ok(()), "buckets apart");
        assert_eq!(count(&mut conn).unwrap(), 4, "a refused check counts nothing");

        let after = at + chrono::Duration::seconds(60);
        assert_eq!(check_and_record(&mut conn, "login", "k", 3, minute, after).unwrap(), Ok(()));
        assert!(check_and_record(&mut conn, "login", "k", 3, minute, after).unwrap().is_err());
        clear(&mut conn, "login", "k").unwrap();
        assert_eq!(check_and_record(&mut conn, "login", "k", 3, minute, after).unwrap(), Ok(()));
        assert_eq!(check_and_record(&mut conn, "login", "none", 0, minute, at).unwrap(), Err(minute));
    }

    #[test]
    fn expired_rows_are_deleted_as_checks_go() {
        let (_dir, db) = database();
        let mut conn = db.connection().unwrap();
        let second = chrono::Duration::seconds(1);
        let at = now();
        for n in 0..100 {
            check_and_record(&mut conn, "subscribe", &n.to_string(), 5, second, at).unwrap().unwrap();
        }
        assert_eq!(count(&mut conn).unwrap(), 100);
        let later = at + chrono::Duration::seconds(2);
        for n in 0..10 {
            check_and_record(&mut conn, "subscribe", &format!("new-{n}"), 5, second, later).unwrap().unwrap();
        }
        // Each check inserted one row and deleted up to 16 expired ones.
        assert_eq!(count(&mut conn).unwrap(), 10, "every expired row is gone");
    }

    #[test]
    fn concurrent_checks_never_get_more_than_the_allowance() {
        let (_dir, db) = database();
        let minute = chrono::Duration::seconds(60);
        let at = now();
        let allowed: usize = (0..12)
            .map(|_| {
                let db = db.clone();
                std::thread::spawn(move || {
                    let mut conn = db.connection().unwrap();
                    check_and_record(&mut conn, "login", "account", 5, minute, at).unwrap().is_ok() as usize
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .sum();
        assert_eq!(allowed, 5);
    }
}
