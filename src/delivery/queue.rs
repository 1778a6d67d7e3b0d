//! Queuing an edition for every confirmed subscriber (`service::sending` records the send).

use super::DeliveryError;
use crate::db::deliveries::{self, Progress};
use crate::db::{editions, DbConn};

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
