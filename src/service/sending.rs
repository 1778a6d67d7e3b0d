//! Sending an edition: queuing a delivery for every confirmed subscriber and recording the
//! send in the edition's audit trail, together. The API and `nashra send` both send through
//! here; the workers (`delivery::worker`) then deliver what was queued.

use crate::db::audit::{self, NewAuditEvent};
use crate::db::{self, DbConn};
use crate::delivery::queue::{self, Queued};
use crate::delivery::DeliveryError;

use super::{Conflict, Error};

/// Queues edition `edition_id` for every confirmed subscriber who does not have it yet (in
/// their language, or `default_locale` when the edition has none of theirs) and records the
/// send; `actor` `None` is the operator's shell. Sending twice queues nothing new.
pub fn send_edition(
    conn: &mut DbConn,
    edition_id: i64,
    actor: Option<i64>,
    default_locale: &str,
) -> Result<Queued, Error> {
    db::write_transaction(conn, |conn| {
        let queued = queue::queue_edition(conn, edition_id, default_locale).map_err(refused)?;
        record(conn, actor, edition_id, "send", serde_json::json!({"queued": queued.queued}))?;
        Ok(queued)
    })
}

/// Records a test send of edition `edition_id` to one address (not a delivery).
pub fn record_test_send(conn: &mut DbConn, edition_id: i64, actor: i64, to: &str, locale: &str) -> Result<(), Error> {
    let detail = serde_json::json!({"to": to, "locale": locale});
    db::write_transaction(conn, |conn| record(conn, Some(actor), edition_id, "test_send", detail))?;
    Ok(())
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
