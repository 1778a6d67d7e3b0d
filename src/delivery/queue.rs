//! Queuing an edition for every confirmed subscriber, and recording sends in its audit trail.

use super::DeliveryError;
use crate::db::audit::{self, NewAuditEvent};
use crate::db::deliveries::{self, Progress};
use crate::db::{editions, write_transaction, DbConn};

/// What queuing did.
#[derive(Debug, Clone, Copy, serde::Serialize, utoipa::ToSchema)]
pub struct Queued {
    /// Deliveries added now (0 when the edition was already queued for everyone).
    pub queued: usize,
    pub progress: Progress,
}

/// Queues the edition for confirmed subscribers who do not have it yet. Idempotent: sending
/// twice queues nothing new, and subscribers who confirmed since are added.
pub fn queue_edition(conn: &mut DbConn, edition_id: i64, default_locale: &str) -> Result<Queued, DeliveryError> {
    let edition = editions::find(conn, edition_id)?.ok_or(DeliveryError::NoSuchEdition)?;
    if edition.published_at.is_none() {
        return Err(DeliveryError::NotPublished);
    }
    let queued = deliveries::queue_edition(conn, edition.id, default_locale)?;
    Ok(Queued { queued, progress: deliveries::progress(conn, edition.id)? })
}

/// Records a send of edition `id` (`send`, or `test_send` to one address) in its audit trail;
/// `actor` is `None` for `nashra send`. Queueing commits on its own, so this is a
/// transaction of its own after it.
pub fn record_send(
    conn: &mut DbConn,
    actor: Option<i64>,
    id: i64,
    action: &'static str,
    detail: serde_json::Value,
) -> diesel::QueryResult<()> {
    write_transaction(conn, |conn| {
        audit::record(
            conn,
            NewAuditEvent { actor_id: actor, subject_kind: audit::EDITION, subject_id: id, action, detail },
        )
    })
}
