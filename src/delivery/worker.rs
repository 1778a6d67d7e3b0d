//! The delivery worker: claims a batch, sends each message over persistent SMTP sessions,
//! records what happened, repeats, two half batches at a time.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDateTime;
use futures_util::stream::FuturesUnordered;
use futures_util::StreamExt;

use super::compose::{Composed, PersonalLinks};
use super::links::{ConfirmLink, LinkTokens};
use super::message::{build, Addressing};
use super::smtp::Transport;
use super::{load, DeliveryError};
use crate::config::{EmailSettings, Settings};
use crate::db::deliveries::{self, Delivery, Scope, CONFIRMATION};
use crate::db::{self, published, subscribers, Database};
use crate::site::Site;

/// Rendered messages by (kind, edition, locale), valid for one content version.
type ComposedCache = HashMap<(String, Option<i64>, String), Option<Arc<Composed>>>;

pub struct Worker {
    db: Database,
    site: Arc<Site>,
    settings: EmailSettings,
    /// How long a confirmation link works.
    confirm_link_ttl: chrono::Duration,
    tokens: LinkTokens,
    transport: Transport,
    /// Identifies this worker's leases.
    owner: String,
    cache: Mutex<(Option<NaiveDateTime>, ComposedCache)>,
    pacer: Option<tokio::sync::Mutex<tokio::time::Interval>>,
}

/// What became of one batch.
pub struct BatchReport {
    /// Deliveries claimed.
    pub handled: usize,
    /// Deliveries the SMTP server accepted.
    pub sent: usize,
    /// Deliveries that failed for good. The rest wait for a retry, or (when they could not
    /// even be tried) for their lease to run out.
    pub failed: usize,
    /// How the number of deliveries waiting for another attempt changed: one more for each
    /// first temporary failure, one less for each such delivery now sent or failed for good.
    pub retrying_change: i64,
    /// The temporary failures of this batch, each distinct error once, in the order met.
    pub temporary_errors: Vec<String>,
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
    pub fn new(db: Database, site: Arc<Site>, settings: &Settings, transport: Transport, tokens: LinkTokens) -> Self {
        let email = settings.email.clone();
        let pacer = (email.rate_per_second > 0).then(|| {
            let mut interval = tokio::time::interval(Duration::from_secs(1) / email.rate_per_second);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tokio::sync::Mutex::new(interval)
        });
        Self {
            transport,
            tokens,
            confirm_link_ttl: chrono::Duration::days(settings.subscriptions.confirm_link_days.into()),
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
            if let Err(error) = self.drain(Scope::All, |_| {}).await {
                tracing::warn!(%error, "delivery worker failed; retrying");
            }
            // Nothing to send: end the SMTP sessions rather than leave them open until the
            // server times them out.
            self.transport.close_idle().await;
            tokio::time::sleep(idle).await;
        }
    }

    /// Claims and sends batch after batch until none in `scope` is left to claim, telling
    /// `on_batch` about each; returns how many deliveries it handled.
    ///
    /// A worker holds at most `email.batch_size` deliveries, as two batches of half that:
    /// while one waits on the database (being claimed or recorded) or on its last few
    /// messages, the other keeps the SMTP sessions busy. So a crash still leaves at most
    /// `email.batch_size` deliveries sent but unrecorded. The sessions stay capped at
    /// `email.concurrency`.
    pub async fn drain(
        self: &Arc<Self>,
        scope: Scope,
        mut on_batch: impl FnMut(&BatchReport),
    ) -> Result<usize, DeliveryError> {
        let mut in_flight = FuturesUnordered::new();
        let mut handled = 0;
        loop {
            while in_flight.len() < self.batches_in_flight() {
                let batch = self.claim(scope).await?;
                if batch.is_empty() {
                    break;
                }
                in_flight.push(self.send_batch(batch));
            }
            let Some(report) = in_flight.next().await else { return Ok(handled) };
            let report = report?;
            handled += report.handled;
            on_batch(&report);
        }
    }

    /// Two, unless `email.batch_size` is 1.
    fn batches_in_flight(&self) -> usize {
        if self.settings.batch_size >= 2 {
            2
        } else {
            1
        }
    }

    /// Claims the next batch, and readies the rendered messages for it.
    async fn claim(&self, scope: Scope) -> Result<Vec<Delivery>, DeliveryError> {
        let owner = self.owner.clone();
        let limit = self.settings.batch_size.max(1) / self.batches_in_flight() as i64;
        let lease = self.settings.lease_secs as i64;
        let (batch, version) = self
            .db
            .run(move |conn| {
                let lease_until = db::now() + chrono::Duration::seconds(lease);
                let batch = deliveries::claim(conn, &owner, scope, limit, lease_until)?;
                let version = if batch.is_empty() { None } else { published::content_version(conn)? };
                Ok::<_, DeliveryError>((batch, version))
            })
            .await?;
        if !batch.is_empty() {
            self.refresh_cache(version);
        }
        Ok(batch)
    }

    /// Sends a claimed batch and records the outcomes.
    ///
    /// Each delivery is its own task: building and writing a personalised message is most of
    /// a send's CPU, so on a multi-threaded runtime (`nashra send`, `nashra worker`) every
    /// core takes a share. On the server's single-threaded one they just interleave.
    async fn send_batch(self: &Arc<Self>, batch: Vec<Delivery>) -> Result<BatchReport, DeliveryError> {
        let handled = batch.len();
        let outcomes: Vec<(Delivery, Outcome)> = futures_util::stream::iter(batch)
            .map(|delivery| {
                let worker = self.clone();
                tokio::spawn(async move {
                    let outcome = worker.attempt(&delivery).await;
                    outcome.map(|outcome| (delivery, outcome))
                })
            })
            .buffer_unordered(self.settings.concurrency.max(1))
            .filter_map(|joined| {
                // A task that panicked recorded nothing: its delivery's lease runs out and
                // it is tried again.
                std::future::ready(joined.unwrap_or_else(|error| {
                    tracing::error!(%error, "a delivery task failed");
                    None
                }))
            })
            .collect()
            .await;
        let mut report = BatchReport { handled, sent: 0, failed: 0, retrying_change: 0, temporary_errors: Vec::new() };
        for (tried_before, ended) in self.record(outcomes).await? {
            let retrying = matches!(ended, Ended::Retrying(_));
            report.retrying_change += i64::from(retrying && !tried_before) - i64::from(!retrying && tried_before);
            match ended {
                Ended::Sent => report.sent += 1,
                Ended::Failed => report.failed += 1,
                Ended::Retrying(error) => {
                    if !report.temporary_errors.contains(&error) {
                        report.temporary_errors.push(error);
                    }
                }
            }
        }
        Ok(report)
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
    async fn message_for(&self, delivery: &Delivery) -> Result<Result<lettre::Message, String>, DeliveryError> {
        let is_confirmation = delivery.kind == CONFIRMATION;
        // A confirmation request goes only to an address still waiting for one: not to one
        // that left, bounced or confirmed since it was queued.
        let wanted = if is_confirmation { subscribers::PENDING } else { subscribers::CONFIRMED };
        if delivery.subscriber_status != wanted {
            return Ok(Err(format!("subscriber is {}", delivery.subscriber_status)));
        }
        let Some(composed) = self.composed(delivery).await? else {
            return Ok(Err("the edition is not published in this locale".into()));
        };
        let base = &self.site.base;
        let (personal, unsubscribe, preferences, message_id) = if is_confirmation {
            let link = ConfirmLink { subscriber_id: delivery.subscriber_id, epoch: delivery.subscriber_link_epoch };
            let expires = (chrono::Utc::now() + self.confirm_link_ttl).timestamp();
            let token = self.tokens.confirm(link, expires);
            let link = base.absolute(&format!("/subscribe/confirm?token={token}"));
            (link, None, String::new(), format!("<confirm-{}@{}>", delivery.id, composed.host))
        } else {
            let token = self.tokens.unsubscribe(delivery.subscriber_id);
            let link = base.absolute(&format!("/unsubscribe?token={token}"));
            let preferences =
                base.absolute(&format!("/preferences?token={}", self.tokens.preferences(delivery.subscriber_id)));
            let edition = delivery.edition_id.unwrap_or_default();
            let id = format!("<edition-{edition}.subscriber-{}@{}>", delivery.subscriber_id, composed.host);
            (link.clone(), Some(link), preferences, id)
        };
        let addressing = Addressing {
            to: &delivery.email,
            links: PersonalLinks { link: &personal, preferences: &preferences },
            unsubscribe: unsubscribe.as_deref(),
            message_id,
        };
        Ok(build(&composed, &addressing).map_err(|e| e.to_string()))
    }

    /// The message shared by every subscriber of this delivery's kind, edition and locale,
    /// rendered at most once per content version.
    async fn composed(&self, delivery: &Delivery) -> Result<Option<Arc<Composed>>, DeliveryError> {
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
                    return load::confirmation_email(&site, conn, &from, &locale).map(Some);
                }
                load::edition_email(&site, conn, &from, edition_id.unwrap_or_default(), &locale)
            })
            .await?
            .map(Arc::new);
        self.lock_cache().1.insert(key, composed.clone());
        Ok(composed)
    }

    /// Records a batch's outcomes in one transaction: one commit per batch rather than per
    /// message. If the process dies before it commits, the batch is sent again once its
    /// lease runs out, so duplicates stay bounded by the batches in flight. Returns what
    /// became of each delivery whose lease still stood, and whether it had been tried before.
    async fn record(&self, outcomes: Vec<(Delivery, Outcome)>) -> Result<Vec<(bool, Ended)>, DeliveryError> {
        let owner = self.owner.clone();
        let settings = self.settings.clone();
        self.db
            .run(move |conn| {
                db::write_transaction(conn, |conn| {
                    let mut ended = Vec::with_capacity(outcomes.len());
                    for (delivery, outcome) in outcomes {
                        let tried_before = delivery.attempts > 0;
                        let recorded = record_one(conn, &owner, &settings, delivery, outcome)?;
                        ended.extend(recorded.map(|recorded| (tried_before, recorded)));
                    }
                    Ok::<_, DeliveryError>(ended)
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

/// What became of a recorded delivery.
enum Ended {
    Sent,
    Failed,
    /// Back in the queue after this temporary error.
    Retrying(String),
}

/// Records one outcome, if this worker's lease on the delivery still stands, and says what
/// became of the delivery (`None`: the lease had run out, another worker has it).
fn record_one(
    conn: &mut db::DbConn,
    owner: &str,
    settings: &EmailSettings,
    delivery: Delivery,
    outcome: Outcome,
) -> Result<Option<Ended>, DeliveryError> {
    Ok(match outcome {
        Outcome::Sent => {
            let held = deliveries::mark_sent(conn, delivery.id, owner)?;
            if held {
                subscribers::clear_failures(conn, delivery.subscriber_id)?;
            }
            held.then_some(Ended::Sent)
        }
        Outcome::Retry(error) if delivery.attempts + 1 < settings.max_attempts => {
            let wait = backoff(settings.retry_base_secs, delivery.attempts);
            let at = db::now() + chrono::Duration::from_std(wait).unwrap_or_default();
            tracing::info!(delivery = delivery.id, %error, ?wait, "temporary failure; will retry");
            deliveries::retry_later(conn, delivery.id, owner, at, &error)?.then_some(Ended::Retrying(error))
        }
        Outcome::Retry(error) | Outcome::Failed(error) => {
            tracing::warn!(delivery = delivery.id, %error, "delivery failed");
            deliveries::mark_failed(conn, delivery.id, owner, &error)?.then_some(Ended::Failed)
        }
        Outcome::Rejected(error) => {
            tracing::warn!(delivery = delivery.id, %error, "delivery rejected");
            let held = deliveries::mark_failed(conn, delivery.id, owner, &error)?;
            if held && subscribers::record_hard_failure(conn, delivery.subscriber_id, settings.bounce_after)? {
                tracing::warn!(subscriber = delivery.subscriber_id, "subscriber bounced");
            }
            held.then_some(Ended::Failed)
        }
    })
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
