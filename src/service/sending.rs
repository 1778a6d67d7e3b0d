//! Sending an edition: queuing a delivery for every confirmed subscriber and recording the
//! send in the edition's audit trail, together, now or at a scheduled time. The API, the desk
//! and `nashra send` send and schedule through here; the scheduler starts what is due
//! ([`start_due_sends`]); the workers (`delivery::worker`) then deliver what was queued.

use chrono::{Duration, NaiveDateTime, SecondsFormat, SubsecRound};

use crate::db::audit::{self, NewAuditEvent};
use crate::db::scheduled_sends::{self, ScheduledSend};
use crate::db::{self, editions, DbConn};
use crate::delivery::queue::{self, Queued};
use crate::delivery::DeliveryError;
use crate::domain::Invalid;

use super::{Conflict, Error};

/// How far ahead a send may be scheduled. A newsletter goes out days or weeks after it is
/// published; a time further out is most likely a mistyped year.
pub const MAX_DAYS_AHEAD: i64 = 90;

/// Queues edition `edition_id` for every confirmed subscriber who does not have it yet (in
/// their language, or `default_locale` when the edition has none of theirs) and records the
/// send; `actor` `None` is the operator's shell. Sending twice queues nothing new. Refused
/// while a send of the edition is scheduled: sending now and again later would split one
/// send in two.
pub fn send_edition(
    conn: &mut DbConn,
    edition_id: i64,
    actor: Option<i64>,
    default_locale: &str,
) -> Result<Queued, Error> {
    db::write_transaction(conn, |conn| {
        if scheduled_sends::pending(conn, edition_id)?.is_some() {
            return Err(Conflict::SendAlreadyScheduled.into());
        }
        let queued = queue::queue_edition(conn, edition_id, default_locale).map_err(refused)?;
        record(conn, actor, edition_id, "send", serde_json::json!({"queued": queued.queued}))?;
        Ok(queued)
    })
}

/// Whether a send may be scheduled for `send_at` at `now`: later than now, and at most
/// [`MAX_DAYS_AHEAD`] days ahead.
pub fn check_send_at(send_at: NaiveDateTime, now: NaiveDateTime) -> Result<(), Invalid> {
    if send_at <= now {
        return Err(Invalid::new("send_at", "send-at-past"));
    }
    if send_at > now + Duration::days(MAX_DAYS_AHEAD) {
        return Err(Invalid::new("send_at", "send-at-too-far").with_limit(MAX_DAYS_AHEAD as usize));
    }
    Ok(())
}

/// Schedules the published edition `edition_id` to be sent at `send_at` (UTC) by admin
/// `actor`. The send then happens as [`send_edition`] at that time, once, whatever restarts
/// or other servers come in between. At most one schedule per edition is pending.
pub fn schedule_send(
    conn: &mut DbConn,
    edition_id: i64,
    send_at: NaiveDateTime,
    actor: i64,
) -> Result<ScheduledSend, Error> {
    let send_at = send_at.trunc_subsecs(6);
    db::write_transaction(conn, |conn| {
        let edition = editions::find(conn, edition_id)?.ok_or(Error::NotFound)?;
        check_send_at(send_at, db::now())?;
        if edition.published_at.is_none() {
            return Err(Conflict::EditionNotPublished.into());
        }
        if scheduled_sends::pending(conn, edition_id)?.is_some() {
            return Err(Conflict::SendAlreadyScheduled.into());
        }
        let scheduled = scheduled_sends::insert(conn, edition_id, send_at, actor).map_err(|error| {
            // Another admin scheduled it between our check and our insert.
            if db::is_unique_violation(&error) {
                Error::from(Conflict::SendAlreadyScheduled)
            } else {
                error.into()
            }
        })?;
        record(conn, Some(actor), edition_id, "schedule_send", serde_json::json!({"send_at": rfc3339(send_at)}))?;
        Ok(scheduled)
    })
}

/// Cancels the edition's scheduled send before it starts; returns what was cancelled.
pub fn cancel_scheduled_send(conn: &mut DbConn, edition_id: i64, actor: i64) -> Result<ScheduledSend, Error> {
    db::write_transaction(conn, |conn| {
        editions::find(conn, edition_id)?.ok_or(Error::NotFound)?;
        let latest = scheduled_sends::latest(conn, edition_id)?.ok_or(Conflict::SendNotScheduled)?;
        // The delete is conditional too: a scheduler may claim the send after our read.
        if latest.started_at.is_some() || !scheduled_sends::cancel(conn, edition_id)? {
            return Err(Conflict::SendAlreadyStarted.into());
        }
        let detail = serde_json::json!({"send_at": rfc3339(latest.send_at)});
        record(conn, Some(actor), edition_id, "cancel_send", detail)?;
        Ok(latest)
    })
}

/// The edition's scheduled send that has not started yet, if any.
pub fn pending_send(conn: &mut DbConn, edition_id: i64) -> Result<Option<ScheduledSend>, Error> {
    Ok(scheduled_sends::pending(conn, edition_id)?)
}

/// Starts every scheduled send whose time has come: claims it and queues the edition in one
/// transaction, recorded as a send by whoever scheduled it. Returns how many started here;
/// a send another server claimed first is not counted.
pub fn start_due_sends(conn: &mut DbConn, default_locale: &str) -> Result<usize, Error> {
    let now = db::now();
    let mut started = 0;
    for due in scheduled_sends::due(conn, now)? {
        let claimed = db::write_transaction(conn, |conn| {
            if !scheduled_sends::claim(conn, due.edition_id, now)? {
                return Ok(false);
            }
            let queued = queue::queue_edition(conn, due.edition_id, default_locale).map_err(refused)?;
            let detail = serde_json::json!({"queued": queued.queued, "scheduled_for": rfc3339(due.send_at)});
            record(conn, due.scheduled_by, due.edition_id, "send", detail)?;
            Ok::<_, Error>(true)
        })?;
        started += usize::from(claimed);
    }
    Ok(started)
}

/// Records a test send of edition `edition_id` to one address (not a delivery).
pub fn record_test_send(conn: &mut DbConn, edition_id: i64, actor: i64, to: &str, locale: &str) -> Result<(), Error> {
    let detail = serde_json::json!({"to": to, "locale": locale});
    db::write_transaction(conn, |conn| record(conn, Some(actor), edition_id, "test_send", detail))?;
    Ok(())
}

fn rfc3339(at: NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn record(
    conn: &mut DbConn,
    actor: Option<i64>,
    edition_id: i64,
    action: &'static str,
    detail: serde_json::Value,
) -> diesel::QueryResult<()> {
    audit::record(
        conn,
        NewAuditEvent { actor_id: actor, subject_kind: audit::EDITION, subject_id: edition_id, action, detail },
    )
}

fn refused(error: DeliveryError) -> Error {
    match error {
        DeliveryError::NoSuchEdition => Error::NotFound,
        DeliveryError::NotPublished => Conflict::EditionNotPublished.into(),
        DeliveryError::Db(error) => Error::Db(error),
        other => Error::Delivery(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn a_send_is_scheduled_between_now_and_the_bound() {
        let now = at("2026-06-01 08:00:00");
        assert!(check_send_at(at("2026-06-01 08:00:01"), now).is_ok());
        assert!(check_send_at(at("2026-08-30 08:00:00"), now).is_ok(), "exactly 90 days ahead");
        let refused = |send_at| check_send_at(at(send_at), now).unwrap_err().code;
        assert_eq!(refused("2026-06-01 08:00:00"), "send-at-past");
        assert_eq!(refused("2025-06-01 08:00:00"), "send-at-past");
        assert_eq!(refused("2026-08-30 08:00:01"), "send-at-too-far");
        assert_eq!(check_send_at(at("2207-06-01 08:00:00"), now).unwrap_err().limit, Some(90));
    }
}
