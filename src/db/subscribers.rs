//! Email subscribers.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::subscribers;
use super::{now, DbConn};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = subscribers)]
pub struct Subscriber {
    pub id: i64,
    pub email: String,
    pub locale: String,
    pub status: String,
    pub hard_failures: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub unsubscribed_at: Option<NaiveDateTime>,
    /// Advanced whenever the subscriber leaves; see `delivery::links`.
    pub link_epoch: i64,
}

pub const PENDING: &str = "pending";
pub const CONFIRMED: &str = "confirmed";
pub const UNSUBSCRIBED: &str = "unsubscribed";
pub const BOUNCED: &str = "bounced";
pub const STATUSES: [&str; 4] = [PENDING, CONFIRMED, UNSUBSCRIBED, BOUNCED];

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Subscriber>> {
    subscribers::table.find(id).select(Subscriber::as_select()).first(conn).optional()
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<Subscriber>> {
    subscribers::table.filter(subscribers::email.eq(email)).select(Subscriber::as_select()).first(conn).optional()
}

pub fn insert(conn: &mut DbConn, email: &str, locale: &str, status: &str) -> QueryResult<i64> {
    let at = now();
    diesel::insert_into(subscribers::table)
        .values((
            subscribers::email.eq(email),
            subscribers::locale.eq(locale),
            subscribers::status.eq(status),
            subscribers::created_at.eq(at),
            subscribers::updated_at.eq(at),
            subscribers::confirmed_at.eq((status == CONFIRMED).then_some(at)),
        ))
        .returning(subscribers::id)
        .get_result(conn)
}

/// Moves a subscriber to `status`, stamping when they confirmed or left. Leaving (by
/// unsubscribing or bouncing) advances the link epoch, so that no confirmation link sent
/// before can bring the address back.
pub fn set_status(conn: &mut DbConn, id: i64, status: &str) -> QueryResult<()> {
    let at = now();
    let target = subscribers::table.find(id);
    diesel::update(target).set((subscribers::status.eq(status), subscribers::updated_at.eq(at))).execute(conn)?;
    match status {
        CONFIRMED => {
            diesel::update(target)
                .set((subscribers::confirmed_at.eq(at), subscribers::hard_failures.eq(0)))
                .execute(conn)?;
        }
        UNSUBSCRIBED => {
            diesel::update(target)
                .set((subscribers::unsubscribed_at.eq(at), subscribers::link_epoch.eq(subscribers::link_epoch + 1)))
                .execute(conn)?;
        }
        BOUNCED => {
            diesel::update(target).set(subscribers::link_epoch.eq(subscribers::link_epoch + 1)).execute(conn)?;
        }
        _ => {}
    }
    Ok(())
}

pub fn set_locale(conn: &mut DbConn, id: i64, locale: &str) -> QueryResult<()> {
    diesel::update(subscribers::table.find(id))
        .set((subscribers::locale.eq(locale), subscribers::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

/// Deletes the subscriber. Their deliveries go first (`deliveries::erase_history`).
pub fn delete(conn: &mut DbConn, id: i64) -> QueryResult<usize> {
    diesel::delete(subscribers::table.find(id)).execute(conn)
}

/// Counts a permanent delivery failure; at `threshold` the subscriber is marked bounced.
/// Returns whether they are bounced now.
pub fn record_hard_failure(conn: &mut DbConn, id: i64, threshold: i32) -> QueryResult<bool> {
    diesel::update(subscribers::table.find(id))
        .set(subscribers::hard_failures.eq(subscribers::hard_failures + 1))
        .execute(conn)?;
    let failures: i32 = subscribers::table.find(id).select(subscribers::hard_failures).first(conn)?;
    if failures >= threshold {
        set_status(conn, id, BOUNCED)?;
        return Ok(true);
    }
    Ok(false)
}

/// A successful delivery forgives earlier hard failures.
pub fn clear_failures(conn: &mut DbConn, id: i64) -> QueryResult<()> {
    diesel::update(subscribers::table.find(id).filter(subscribers::hard_failures.gt(0)))
        .set(subscribers::hard_failures.eq(0))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Default, Clone)]
pub struct SubscriberFilter {
    pub status: Option<String>,
    pub locale: Option<String>,
    /// Part of the address.
    pub search: Option<String>,
}

/// One page of subscribers by id, and the total matching.
pub fn list(
    conn: &mut DbConn,
    filter: &SubscriberFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Subscriber>, i64)> {
    let query = || {
        let mut query = subscribers::table.into_boxed();
        if let Some(status) = &filter.status {
            query = query.filter(subscribers::status.eq(status.clone()));
        }
        if let Some(locale) = &filter.locale {
            query = query.filter(subscribers::locale.eq(locale.clone()));
        }
        if let Some(search) = &filter.search {
            let pattern = format!("%{}%", search.replace(['%', '_'], ""));
            query = query.filter(subscribers::email.like(pattern));
        }
        query
    };
    let total = query().count().get_result(conn)?;
    let page =
        query().order(subscribers::id.asc()).limit(limit).offset(offset).select(Subscriber::as_select()).load(conn)?;
    Ok((page, total))
}

/// How many subscribers there are per `(locale, status)`.
pub fn counts(conn: &mut DbConn) -> QueryResult<Vec<(String, String, i64)>> {
    subscribers::table
        .group_by((subscribers::locale, subscribers::status))
        .select((subscribers::locale, subscribers::status, diesel::dsl::count_star()))
        .order((subscribers::locale, subscribers::status))
        .load(conn)
}
