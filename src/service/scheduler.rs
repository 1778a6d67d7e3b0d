//! Scheduled publishing and sending. Due times live in the database, so a schedule survives
//! restarts, and each claim is a conditional update, so several servers never publish a
//! translation or start a send twice.

use super::sending::start_due_sends;
use super::translations::publish;
use super::Error;
use crate::db::{self, translations, Database, DbConn};

/// Publishes every translation whose `publish_at` has passed; returns how many.
pub fn publish_due(conn: &mut DbConn) -> Result<usize, Error> {
    let now = db::now();
    let mut published = 0;
    for due in translations::due_for_publication(conn, now)? {
        // `false` when edited, withdrawn or taken by another server meanwhile.
        let claimed = db::write_transaction(conn, |conn| publish(conn, &due, None, None, now))?;
        published += usize::from(claimed);
    }
    Ok(published)
}

/// Every `interval` until the surrounding runtime stops: runs [`publish_due`], calling
/// `published` whenever something went live, and starts the scheduled sends that are due
/// (with `default_locale` for subscribers whose language the edition lacks).
pub async fn run(db: Database, interval: std::time::Duration, default_locale: String, published: impl Fn()) {
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match db.run(publish_due).await {
            Ok(0) => {}
            Ok(count) => {
                tracing::info!(count, "published scheduled translations");
                published();
            }
            Err(error) => tracing::warn!(%error, "scheduled publishing failed; will retry"),
        }
        let locale = default_locale.clone();
        match db.run(move |conn| start_due_sends(conn, &locale)).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "started scheduled sends"),
            Err(error) => tracing::warn!(%error, "starting scheduled sends failed; will retry"),
        }
    }
}
