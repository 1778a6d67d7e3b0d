//! The delivery worker: claims a batch, sends each message over pooled SMTP connections,
//! records what happened, repeats.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDateTime;
use futures_util::StreamExt;
use secrecy::ExposeSecret;

use super::compose::{self, Composed};
use super::message::{build, Addressing};
use super::smtp::Transport;
use super::tokens::{LinkTokens, Purpose};
use crate::config::{EmailSettings, Settings};
use crate::db::deliveries::{self, Delivery, CONFIRMATION};
use crate::db::{self, editions, site as published, subscribers, Database};
use crate::error::ApiError;
use crate::site::Site;

/// Rendered messages by (kind, edition, locale), valid for one content version.
type ComposedCache = HashMap<(String, Option<i64>, String), Option<Arc<Composed>>>;

pub struct Worker {
    db: Database,
    site: Arc<Site>,
    settings: EmailSettings,
    tokens: LinkTokens,
    transport: Transport,
    /// Identifies this worker's leases.
    owner: String,
    cache: Mutex<(Option<NaiveDateTime>, ComposedCache)>,
    pacer: Option<tokio::sync::Mutex<tokio::time::Interval>>,
}

/// How one delivery ended.
enum Outcome {
    Sent,
    Retry(String),
    Failed(String),
    /// A permanent refusal by the recipient's server: counts towards bouncing.
    Rejected(String),
}

impl Worker {
    pub fn new(db: Database, site: Arc<Site>, settings: &Settings, transport: Transport) -> Self {
        let email = settings.email.clone();
        let pacer = (email.rate_per_second > 0).then(|| {
            let mut interval = tokio::time::interval(Duration::from_secs(1) / email.rate_per_second);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tokio::sync::Mutex::new(interval)
        });
        Self {
            transport,
            tokens: LinkTokens::new(settings.auth.jwt_secret.expose_secret().as_bytes()),
            owner: format!("{}-{}-{:08x}", hostname(), std::process::id(), rand::random::<u32>()),
            settings: email,
            db,
            site,
            cache: Mutex::new((None, HashMap::new())),
            pacer,
        }
    }

    /// Works until the runtime stops.
    pub async fn run(self: Arc<Self>) {
        let idle = Duration::from_millis(self.settings.poll_interval_ms.max(10));
        loop {
            match self.step().await {
                Ok(0) => {
                    // Nothing to send: end the SMTP sessions rather than leave them open
                    // until the server times them out.
                    self.transport.close_idle().await;
                    tokio::time::sleep(idle).await;
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(%error, "delivery worker step failed; retrying");
                    tokio::time::sleep(idle).await;
                }
            }
        }
    }

    /// Claims one batch and sends it; returns how many deliveries it handled.
    pub async fn step(&self) -> Result<usize, ApiError> {
        let owner = self.owner.clone();
        let (limit, lease) = (self.settings.batch_size.max(1), self.settings.lease_secs as i64);
        let (batch, version) = self
            .db
            .run(move |conn| {
                let lease_until = db::now() + chrono::Duration::seconds(lease);
                let batch = deliveries::claim(conn, &owner, limit, lease_until)?;
                let version = if batch.is_empty() { None } else { published::content_version(conn)? };
                Ok::<_, ApiError>((batch, version))
            })
            .await?;
        if batch.is_empty() {
            return Ok(0);
        }
        self.refresh_cache(version);
        let handled = batch.len();
        let outcomes: Vec<(Delivery, Outcome)> = futures_util::stream::iter(batch)
            .map(|delivery| async move {
                let outcome = self.attempt(&delivery).await;
                outcome.map(|outcome| (delivery, outcome))
            })
            .buffer_unordered(self.settings.concurrency.max(1))
            .filter_map(std::future::ready)
            .collect()
            .await;
        self.record(outcomes).await?;
        Ok(handled)
    }

    /// Sends one delivery; `None` when it could not even be tried (its lease will run out and
    /// it will be tried again).
    async fn attempt(&self, delivery: &Delivery) -> Option<Outcome> {
        let message = match self.message_for(delivery).await {
            Ok(Ok(message)) => message,
            Ok(Err(reason)) => return Some(Outcome::Failed(reason)),
            Err(error) => {
                tracing::warn!(delivery = delivery.id, %error, "composing failed; will retry when the lease runs out");
                return None;
            }
        };
        if let Some(pacer) = &self.pacer {
            pacer.lock().await.tick().await;
        }
        Some(match self.transport.send(&message).await {
            Ok(_) => Outcome::Sent,
            Err(error) if error.is_permanent() => Outcome::Rejected(error.to_string()),
            // 4xx, refused or dropped connections, timeouts: try again later.
            Err(error) => Outcome::Retry(error.to_string()),
        })
    }

    /// The addressed message, or why this delivery cannot be sent at all.
    async fn message_for(&self, delivery: &Delivery) -> Result<Result<lettre::Message, String>, ApiError> {
        let is_confirmation = delivery.kind == CONFIRMATION;
        if !is_confirmation && delivery.subscriber_status != subscribers::CONFIRMED {
            return Ok(Err(format!("subscriber is {}", delivery.subscriber_status)));
        }
        let Some(composed) = self.composed(delivery).await? else {
            return Ok(Err("the edition is not published in this locale".into()));
        };
        let base = &self.site.base;
        let (personal, unsubscribe, message_id) = if is_confirmation {
            let token = self.tokens.make(Purpose::Confirm, delivery.subscriber_id);
            let link = base.absolute(&format!("/subscribe/confirm?token={token}"));
            (link, None, format!("<confirm-{}@{}>", delivery.id, composed.host))
        } else {
            let token = self.tokens.make(Purpose::Unsubscribe, delivery.subscriber_id);
            let link = base.absolute(&format!("/unsubscribe?token={token}"));
            let edition = delivery.edition_id.unwrap_or_default();
            let id = format!("<edition-{edition}.subscriber-{}@{}>", delivery.subscriber_id, composed.host);
            (link.clone(), Some(link), id)
        };
        let addressing = Addressing {
            to: &delivery.email,
            personal_link: &personal,
            unsubscribe: unsubscribe.as_deref(),
            message_id,
        };
        Ok(build(&composed, &addressing).map_err(|e| e.to_string()))
    }

    /// The message shared by every subscriber of this delivery's kind, edition and locale,
    /// rendered at most once per content version.
    async fn composed(&self, delivery: &Delivery) -> Result<Option<Arc<Composed>>, ApiError> {
        let key = (delivery.kind.clone(), delivery.edition_id, delivery.locale.clone());
        if let Some(found) = self.lock_cache().1.get(&key) {
            return Ok(found.clone());
        }
        let (site, from) = (self.site.clone(), self.settings.from_address.clone());
        let (kind, edition_id, locale) = key.clone();
        let composed = self
            .db
            .run(move |conn| {
                if kind == CONFIRMATION {
                    return compose::confirmation_email(&site, conn, &from, &locale).map(Some);
                }
                let Some(edition) = editions::find(conn, edition_id.unwrap_or_default())? else { return Ok(None) };
                compose::edition_email(&site, conn, &from, &edition, &locale)
            })
            .await?
            .map(Arc::new);
        self.lock_cache().1.insert(key, composed.clone());
        Ok(composed)
    }

    /// Records a batch's outcomes in one transaction: one commit per batch rather than per
    /// message. If the process dies before it commits, the batch is sent again once its
    /// lease runs out, so duplicates stay bounded by the batch in flight.
    async fn record(&self, outcomes: Vec<(Delivery, Outcome)>) -> Result<(), ApiError> {
        let owner = self.owner.clone();
        let settings = self.settings.clone();
        self.db
            .run(move |conn| {
                db::write_transaction(conn, |conn| {
                    for (delivery, outcome) in outcomes {
                        record_one(conn, &owner, &settings, delivery, outcome)?;
                    }
                    Ok::<_, ApiError>(())
                })
            })
            .await
    }

    /// Drops rendered messages when content changed since they were rendered.
    fn refresh_cache(&self, version: Option<NaiveDateTime>) {
        let mut cache = self.lock_cache();
        if cache.0 != version {
            *cache = (version, HashMap::new());
        }
    }

    fn lock_cache(&self) -> std::sync::MutexGuard<'_, (Option<NaiveDateTime>, ComposedCache)> {
        self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn record_one(
    conn: &mut db::DbConn,
    owner: &str,
    settings: &EmailSettings,
    delivery: Delivery,
    outcome: Outcome,
) -> Result<(), ApiError> {
    match outcome {
        Outcome::Sent => {
            if deliveries::mark_sent(conn, delivery.id, owner)? {
                subscribers::clear_failures(conn, delivery.subscriber_id)?;
            }
        }
        Outcome::Retry(error) if delivery.attempts + 1 < settings.max_attempts => {
            let wait = backoff(settings.retry_base_secs, delivery.attempts);
            let at = db::now() + chrono::Duration::from_std(wait).unwrap_or_default();
            tracing::info!(delivery = delivery.id, %error, ?wait, "temporary failure; will retry");
            deliveries::retry_later(conn, delivery.id, owner, at, &error)?;
        }
        Outcome::Retry(error) | Outcome::Failed(error) => {
            tracing::warn!(delivery = delivery.id, %error, "delivery failed");
            deliveries::mark_failed(conn, delivery.id, owner, &error)?;
        }
        Outcome::Rejected(error) => {
            tracing::warn!(delivery = delivery.id, %error, "delivery rejected");
            deliveries::mark_failed(conn, delivery.id, owner, &error)?;
            if subscribers::record_hard_failure(conn, delivery.subscriber_id, settings.bounce_after)? {
                tracing::warn!(subscriber = delivery.subscriber_id, "subscriber bounced");
            }
        }
    }
    Ok(())
}

/// `base · 2^attempts`, capped at six hours.
fn backoff(base_secs: u64, attempts: i32) -> Duration {
    let factor = 2_u64.saturating_pow(attempts.clamp(0, 20) as u32);
    Duration::from_secs(base_secs.saturating_mul(factor).min(6 * 3600))
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_owned()).unwrap_or_else(|_| "worker".into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(super::backoff(60, 0).as_secs(), 60);
        assert_eq!(super::backoff(60, 3).as_secs(), 480);
        assert_eq!(super::backoff(60, 30).as_secs(), 6 * 3600);
    }
}
