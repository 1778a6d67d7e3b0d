//! The outgoing mail queue. Rows are claimed with a lease: on PostgreSQL with
//! `FOR UPDATE SKIP LOCKED`, so concurrent workers never take the same row; on SQLite the
//! claim runs in a `BEGIN IMMEDIATE` transaction, which serialises writers anyway.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text, Timestamp};

use super::schema::{deliveries, erased_deliveries, subscribers};
use super::{now, write_transaction, DbConn};

pub const EDITION: &str = "edition";
pub const CONFIRMATION: &str = "confirmation";

/// A claimed delivery with what sending it needs.
#[derive(Debug, Clone, Queryable)]
pub struct Delivery {
    pub id: i64,
    pub kind: String,
    pub edition_id: Option<i64>,
    pub subscriber_id: i64,
    pub email: String,
    /// The subscriber's status now (they may have left since the edition was queued).
    pub subscriber_status: String,
    /// The subscriber's link epoch now, for a confirmation link.
    pub subscriber_link_epoch: i64,
    pub locale: String,
    pub attempts: i32,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// Writes SQL with `?` placeholders for the connection's backend (`$1, $2…` on PostgreSQL).
fn placeholders(conn: &DbConn, sql: &str) -> String {
    match conn {
        DbConn::Sqlite(_) => sql.to_owned(),
        DbConn::Postgres(_) => {
            let mut numbered = String::with_capacity(sql.len() + 8);
            let mut n = 0;
            for c in sql.chars() {
                if c == '?' {
                    n += 1;
                    numbered.push_str(&format!("${n}"));
                } else {
                    numbered.push(c);
                }
            }
            numbered
        }
    }
}

/// Queues the edition for every confirmed subscriber who has no delivery of it yet, in two
/// set-based statements (a row per subscriber would be 100,000 round trips). Subscribers
/// whose locale the edition has no text in get `fallback_locale`, marked as a fallback.
/// Returns how many were queued now.
pub fn queue_edition(conn: &mut DbConn, edition_id: i64, fallback_locale: &str) -> QueryResult<usize> {
    let at = now();
    let insert = |own_locale: bool| {
        format!(
            "INSERT INTO deliveries (kind, edition_id, subscriber_id, locale, fallback, status, attempts, next_attempt_at, created_at) \
             SELECT 'edition', ?, s.id, {locale}, ?, 'queued', 0, ?, ? FROM subscribers s \
             WHERE s.status = 'confirmed' \
             AND s.locale {membership} (SELECT t.locale FROM edition_revision_texts t JOIN editions e ON e.live_revision_id = t.revision_id WHERE e.id = ?) \
             AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.edition_id = ? AND d.subscriber_id = s.id)",
            locale = if own_locale { "s.locale" } else { "?" },
            membership = if own_locale { "IN" } else { "NOT IN" },
        )
    };
    write_transaction(conn, |conn| {
        let own = diesel::sql_query(placeholders(conn, &insert(true)))
            .bind::<BigInt, _>(edition_id)
            .bind::<Bool, _>(false)
            .bind::<Timestamp, _>(at)
            .bind::<Timestamp, _>(at)
            .bind::<BigInt, _>(edition_id)
            .bind::<BigInt, _>(edition_id)
            .execute(conn)?;
        let fallback = diesel::sql_query(placeholders(conn, &insert(false)))
            .bind::<BigInt, _>(edition_id)
            .bind::<Text, _>(fallback_locale)
            .bind::<Bool, _>(true)
            .bind::<Timestamp, _>(at)
            .bind::<Timestamp, _>(at)
            .bind::<BigInt, _>(edition_id)
            .bind::<BigInt, _>(edition_id)
            .execute(conn)?;
        Ok(own + fallback)
    })
}

pub fn queue_confirmation(conn: &mut DbConn, subscriber_id: i64, locale: &str) -> QueryResult<()> {
    let at = now();
    diesel::insert_into(deliveries::table)
        .values((
            deliveries::kind.eq(CONFIRMATION),
            deliveries::subscriber_id.eq(subscriber_id),
            deliveries::locale.eq(locale),
            deliveries::status.eq("queued"),
            deliveries::next_attempt_at.eq(at),
            deliveries::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// How many confirmation emails a subscriber was queued since `since`, and when the latest
/// was queued (at any time).
pub fn confirmations_since(
    conn: &mut DbConn,
    subscriber_id: i64,
    since: NaiveDateTime,
) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    let theirs = || {
        deliveries::table.filter(deliveries::kind.eq(CONFIRMATION)).filter(deliveries::subscriber_id.eq(subscriber_id))
    };
    let recent = theirs().filter(deliveries::created_at.ge(since)).count().get_result(conn)?;
    let latest = theirs().select(diesel::dsl::max(deliveries::created_at)).first(conn)?;
    Ok((recent, latest))
}

/// Which deliveries a worker claims.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Any: what workers send.
    All,
    /// One edition's: what `nashra send` sends.
    Edition(i64),
}

/// Claims up to `limit` deliveries in `scope` for `owner` until `lease_until`: first those
/// whose lease ran out (their worker died), then those due, earliest due first.
///
/// Two statements rather than one with `OR`: each then reads its rows in index order and
/// stops at `limit`, where the `OR` sorted every queued delivery at every claim, which made
/// sending an edition quadratic in its subscribers.
pub fn claim(
    conn: &mut DbConn,
    owner: &str,
    scope: Scope,
    limit: i64,
    lease_until: NaiveDateTime,
) -> QueryResult<Vec<Delivery>> {
    let at = now();
    // An integer, so it can be written into the SQL as it is.
    let in_scope = match scope {
        Scope::All => String::new(),
        Scope::Edition(id) => format!(" AND edition_id = {id}"),
    };
    let ids: Vec<i64> = write_transaction(conn, |conn| {
        let abandoned = format!("status = 'sending' AND leased_until < ?{in_scope} ORDER BY id");
        let mut ids = claim_where(conn, &abandoned, owner, limit, lease_until, at)?;
        let left = limit - ids.len() as i64;
        if left > 0 {
            let due = format!("status = 'queued' AND next_attempt_at <= ?{in_scope} ORDER BY next_attempt_at, id");
            ids.extend(claim_where(conn, &due, owner, left, lease_until, at)?);
        }
        Ok::<_, diesel::result::Error>(ids)
    })?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    deliveries::table
        .inner_join(subscribers::table)
        .filter(deliveries::id.eq_any(&ids))
        .order(deliveries::id.asc())
        .select((
            deliveries::id,
            deliveries::kind,
            deliveries::edition_id,
            deliveries::subscriber_id,
            subscribers::email,
            subscribers::status,
            subscribers::link_epoch,
            deliveries::locale,
            deliveries::attempts,
        ))
        .load(conn)
}

/// Leases up to `limit` of the deliveries that `condition` (with one `?`, bound to `at`, and
/// its `ORDER BY`) selects; returns their ids.
fn claim_where(
    conn: &mut DbConn,
    condition: &str,
    owner: &str,
    limit: i64,
    lease_until: NaiveDateTime,
    at: NaiveDateTime,
) -> QueryResult<Vec<i64>> {
    let lock = match conn {
        DbConn::Postgres(_) => " FOR UPDATE SKIP LOCKED",
        DbConn::Sqlite(_) => "",
    };
    let sql = format!(
        "UPDATE deliveries SET status = 'sending', lease_owner = ?, leased_until = ? \
         WHERE id IN (SELECT id FROM deliveries WHERE {condition} LIMIT ?{lock}) RETURNING id"
    );
    let rows = diesel::sql_query(placeholders(conn, &sql))
        .bind::<Text, _>(owner)
        .bind::<Timestamp, _>(lease_until)
        .bind::<Timestamp, _>(at)
        .bind::<BigInt, _>(limit)
        .load::<Id>(conn)?;
    Ok(rows.into_iter().map(|row| row.id).collect())
}

/// Records a sent message, if the lease is still ours.
pub fn mark_sent(conn: &mut DbConn, id: i64, owner: &str) -> QueryResult<bool> {
    let updated = diesel::update(owned(id, owner))
        .set((
            deliveries::status.eq("sent"),
            deliveries::sent_at.eq(now()),
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::lease_owner.eq(None::<String>),
            deliveries::leased_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Puts a delivery back in the queue after a temporary failure, if the lease is still ours.
pub fn retry_later(conn: &mut DbConn, id: i64, owner: &str, at: NaiveDateTime, error: &str) -> QueryResult<bool> {
    let updated = diesel::update(owned(id, owner))
        .set((
            deliveries::status.eq("queued"),
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::next_attempt_at.eq(at),
            deliveries::last_error.eq(error),
            deliveries::lease_owner.eq(None::<String>),
            deliveries::leased_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Gives up on a delivery, if the lease is still ours.
pub fn mark_failed(conn: &mut DbConn, id: i64, owner: &str, error: &str) -> QueryResult<bool> {
    let updated = diesel::update(owned(id, owner))
        .set((
            deliveries::status.eq("failed"),
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::last_error.eq(error),
            deliveries::lease_owner.eq(None::<String>),
            deliveries::leased_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

fn owned(
    id: i64,
    owner: &str,
) -> diesel::dsl::Filter<diesel::dsl::Find<deliveries::table, i64>, diesel::dsl::Eq<deliveries::lease_owner, String>> {
    deliveries::table.find(id).filter(deliveries::lease_owner.eq(owner.to_owned()))
}

/// An edition's deliveries by status.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub total: i64,
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    /// Not yet sent or failed.
    pub remaining: i64,
    /// Subscribers who got the default locale because the edition has no text in theirs.
    pub fallbacks: i64,
}

/// Counts the edition's deliveries, and those of subscribers who erased their data since.
pub fn progress(conn: &mut DbConn, edition_id: i64) -> QueryResult<Progress> {
    let mut rows: Vec<(String, bool, i64)> = deliveries::table
        .filter(deliveries::edition_id.eq(edition_id))
        .group_by((deliveries::status, deliveries::fallback))
        .select((deliveries::status, deliveries::fallback, diesel::dsl::count_star()))
        .load(conn)?;
    rows.extend(
        erased_deliveries::table
            .filter(erased_deliveries::edition_id.eq(edition_id))
            .select((erased_deliveries::status, erased_deliveries::fallback, erased_deliveries::total))
            .load::<(String, bool, i64)>(conn)?,
    );
    let mut progress = Progress::default();
    for (status, fallback, count) in rows {
        progress.total += count;
        if fallback {
            progress.fallbacks += count;
        }
        match status.as_str() {
            "queued" => progress.queued += count,
            "sending" => progress.sending += count,
            "sent" => progress.sent += count,
            _ => progress.failed += count,
        }
    }
    progress.remaining = progress.queued + progress.sending;
    Ok(progress)
}

/// Forgets every delivery to a subscriber who is erasing their data. What their deliveries of
/// editions that ended (sent or failed) counted moves to `erased_deliveries`, so a send report
/// keeps its totals without the address; one still waiting is dropped, as nobody is left to
/// send it to. Call it inside a write transaction.
pub fn erase_history(conn: &mut DbConn, subscriber_id: i64) -> QueryResult<()> {
    let ended: Vec<(Option<i64>, String, bool, i64)> = deliveries::table
        .filter(deliveries::subscriber_id.eq(subscriber_id))
        .filter(deliveries::status.eq_any(["sent", "failed"]))
        .filter(deliveries::edition_id.is_not_null())
        .group_by((deliveries::edition_id, deliveries::status, deliveries::fallback))
        .select((deliveries::edition_id, deliveries::status, deliveries::fallback, diesel::dsl::count_star()))
        .load(conn)?;
    for (edition_id, status, fallback, count) in ended {
        let Some(edition_id) = edition_id else { continue };
        // No upsert through the two-backend connection: update, else insert (the caller's
        // write transaction keeps the two steps together).
        let tally = erased_deliveries::table
            .filter(erased_deliveries::edition_id.eq(edition_id))
            .filter(erased_deliveries::status.eq(&status))
            .filter(erased_deliveries::fallback.eq(fallback));
        let updated =
            diesel::update(tally).set(erased_deliveries::total.eq(erased_deliveries::total + count)).execute(conn)?;
        if updated == 0 {
            diesel::insert_into(erased_deliveries::table)
                .values((
                    erased_deliveries::edition_id.eq(edition_id),
                    erased_deliveries::status.eq(&status),
                    erased_deliveries::fallback.eq(fallback),
                    erased_deliveries::total.eq(count),
                ))
                .execute(conn)?;
        }
    }
    diesel::delete(deliveries::table.filter(deliveries::subscriber_id.eq(subscriber_id))).execute(conn)?;
    Ok(())
}

/// Deliveries that share a last error, and how many there are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorCount {
    /// The error as recorded: the SMTP server's reply, or why it could not be reached.
    pub error: String,
    pub count: i64,
}

/// How many distinct errors [`Troubles`] lists at most, in each list: an error that names
/// its recipient makes one group per delivery, and the report stays small regardless.
pub const ERRORS_LISTED: i64 = 10;

/// What went wrong with an edition's delivery, beside the counts of [`Progress`]: what the
/// API's delivery report, the desk's progress block and `nashra send` show.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Troubles {
    /// Deliveries waiting for another attempt after a temporary failure.
    pub retrying: i64,
    /// The deliveries waiting for another attempt, by their last error, most frequent first
    /// (at most [`ERRORS_LISTED`]).
    pub waiting_by_error: Vec<ErrorCount>,
    /// The deliveries that failed for good, by their error, likewise.
    pub failed_by_error: Vec<ErrorCount>,
}

pub fn troubles(conn: &mut DbConn, edition_id: i64) -> QueryResult<Troubles> {
    let retrying = deliveries::table
        .filter(deliveries::edition_id.eq(edition_id))
        .filter(deliveries::status.eq_any(["queued", "sending"]))
        .filter(deliveries::attempts.gt(0))
        .count()
        .get_result(conn)?;
    Ok(Troubles {
        retrying,
        waiting_by_error: by_error(conn, edition_id, &["queued", "sending"])?,
        failed_by_error: by_error(conn, edition_id, &["failed"])?,
    })
}

/// The edition's deliveries in `statuses` that have a last error, grouped by it, the
/// [`ERRORS_LISTED`] most frequent errors first.
fn by_error(conn: &mut DbConn, edition_id: i64, statuses: &[&str]) -> QueryResult<Vec<ErrorCount>> {
    let rows: Vec<(Option<String>, i64)> = deliveries::table
        .filter(deliveries::edition_id.eq(edition_id))
        .filter(deliveries::status.eq_any(statuses))
        .filter(deliveries::last_error.is_not_null())
        .group_by(deliveries::last_error)
        .select((deliveries::last_error, diesel::dsl::count_star()))
        .order_by((diesel::dsl::count_star().desc(), deliveries::last_error.asc()))
        .limit(ERRORS_LISTED)
        .load(conn)?;
    Ok(rows.into_iter().map(|(error, count)| ErrorCount { error: error.unwrap_or_default(), count }).collect())
}

/// Confirmed subscribers who have no delivery of the edition yet, by their language: whom
/// sending it now would queue.
pub fn unsent_by_locale(conn: &mut DbConn, edition_id: i64) -> QueryResult<Vec<(String, i64)>> {
    let delivered = deliveries::table
        .filter(deliveries::edition_id.eq(edition_id))
        .filter(deliveries::subscriber_id.eq(subscribers::id));
    subscribers::table
        .filter(subscribers::status.eq("confirmed"))
        .filter(diesel::dsl::not(diesel::dsl::exists(delivered)))
        .group_by(subscribers::locale)
        .order(subscribers::locale.asc())
        .select((subscribers::locale, diesel::dsl::count_star()))
        .load(conn)
}
