//! What subscribers do themselves: asking for a subscription, confirming it, leaving, and
//! what their preferences page offers (another language, coming back, erasing their data).
//! The public endpoints and forms call these; what an admin does to subscribers is
//! `service::subscribers`.
//!
//! Asking never tells anyone whether an address is subscribed, and cannot be used to flood a
//! stranger's inbox: an address gets at most one confirmation email per cooldown and a few a
//! day, however often someone asks. A bounced address stays bounced (only an admin brings it
//! back), and only a confirmation link from the address's current epoch confirms it.

use chrono::Duration;

use crate::config::SubscriptionSettings;
use crate::db::subscribers::{self, BOUNCED, CONFIRMED, PENDING, UNSUBSCRIBED};
use crate::db::{self, deliveries, DbConn};
use crate::delivery::links::ConfirmLink;
use crate::domain::Invalid;

use super::Error;

/// How many confirmation emails one address may be sent.
#[derive(Debug, Clone, Copy)]
pub struct ConfirmationPolicy {
    pub cooldown: Duration,
    pub per_day: i64,
}

impl ConfirmationPolicy {
    pub fn new(settings: &SubscriptionSettings) -> Self {
        Self {
            cooldown: Duration::seconds(settings.confirmation_cooldown_secs.min(i64::MAX as u64) as i64),
            per_day: settings.confirmations_per_day.into(),
        }
    }
}

/// Someone asked for `email` to get the newsletter in `locale`. Creates or revives a pending
/// subscription and queues a confirmation email if the policy allows one now; confirmed and
/// bounced addresses are left as they are.
pub fn request(conn: &mut DbConn, email: &str, locale: &str, policy: ConfirmationPolicy) -> Result<(), Error> {
    db::write_transaction(conn, |conn| {
        let id = match subscribers::find_by_email(conn, email)? {
            Some(existing) if existing.status == CONFIRMED || existing.status == BOUNCED => return Ok(()),
            Some(existing) => {
                if existing.status != PENDING {
                    subscribers::set_status(conn, existing.id, PENDING)?;
                }
                subscribers::set_locale(conn, existing.id, locale)?;
                existing.id
            }
            None => subscribers::insert(conn, email, locale, PENDING)?,
        };
        let now = db::now();
        let (today, latest) = deliveries::confirmations_since(conn, id, now - Duration::days(1))?;
        let cooling_down = latest.is_some_and(|at| now - at < policy.cooldown);
        if !cooling_down && today < policy.per_day {
            deliveries::queue_confirmation(conn, id, locale)?;
        }
        Ok(())
    })
}

/// Confirms the subscription a genuine, unexpired confirmation link names, if the link is
/// from the subscriber's current epoch. Returns their locale when they are (now or already)
/// subscribed; `None` when the link no longer works.
pub fn confirm(conn: &mut DbConn, link: ConfirmLink) -> Result<Option<String>, Error> {
    db::write_transaction(conn, |conn| {
        let Some(subscriber) = subscribers::find(conn, link.subscriber_id)? else { return Ok(None) };
        if subscriber.link_epoch != link.epoch {
            return Ok(None);
        }
        match subscriber.status.as_str() {
            PENDING => subscribers::set_status(conn, subscriber.id, CONFIRMED)?,
            CONFIRMED => {}
            _ => return Ok(None),
        }
        Ok(Some(subscriber.locale))
    })
}

/// Ends a subscription; returns the subscriber's locale, or `None` if there is no such
/// subscriber. Leaving twice is leaving once; a bounced address stays bounced, so that
/// leaving cannot turn it into one the public subscribe form may revive.
pub fn unsubscribe(conn: &mut DbConn, subscriber_id: i64) -> Result<Option<String>, Error> {
    db::write_transaction(conn, |conn| {
        let Some(subscriber) = subscribers::find(conn, subscriber_id)? else { return Ok(None) };
        if subscriber.status != UNSUBSCRIBED && subscriber.status != BOUNCED {
            subscribers::set_status(conn, subscriber_id, UNSUBSCRIBED)?;
        }
        Ok(Some(subscriber.locale))
    })
}

/// The subscriber from a preferences link, if they still exist.
pub fn preferences(conn: &mut DbConn, subscriber_id: i64) -> Result<Option<subscribers::Subscriber>, Error> {
    Ok(subscribers::find(conn, subscriber_id)?)
}

/// The newsletter in another of the configured `locales` from now on. Returns the
/// subscriber's new locale, or `None` if there is no such subscriber.
pub fn change_language(
    conn: &mut DbConn,
    subscriber_id: i64,
    locale: &str,
    locales: &[&str],
) -> Result<Option<String>, Error> {
    if !locales.contains(&locale) {
        return Err(Error::Invalid(vec![Invalid::new("locale", "unknown-locale")]));
    }
    db::write_transaction(conn, |conn| {
        if subscribers::find(conn, subscriber_id)?.is_none() {
            return Ok(None);
        }
        subscribers::set_locale(conn, subscriber_id, locale)?;
        Ok(Some(locale.to_owned()))
    })
}

/// What asking to get the newsletter again from the preferences page did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resubscribed {
    /// Subscribed again (or for the first time, if still waiting for confirmation).
    Confirmed,
    /// Nothing to do: already subscribed.
    Already,
    /// Mail to the address bounced: only an admin can bring it back.
    Bounced,
}

/// Subscribes again someone who left, from their preferences page. The page's link came in
/// an edition sent to the address, so following it proves the address as a confirmation
/// link would: no new confirmation email. A bounced address stays bounced. `None` if there
/// is no such subscriber.
pub fn resubscribe(conn: &mut DbConn, subscriber_id: i64) -> Result<Option<Resubscribed>, Error> {
    db::write_transaction(conn, |conn| {
        let Some(subscriber) = subscribers::find(conn, subscriber_id)? else { return Ok(None) };
        Ok(Some(match subscriber.status.as_str() {
            CONFIRMED => Resubscribed::Already,
            BOUNCED => Resubscribed::Bounced,
            _ => {
                subscribers::set_status(conn, subscriber_id, CONFIRMED)?;
                Resubscribed::Confirmed
            }
        }))
    })
}

/// "Erase my data": deletes the subscriber and every delivery to them. Send reports keep
/// their counts, not the address (`deliveries::erase_history`). Returns the locale they had,
/// or `None` if there is no such subscriber (erasing twice is erasing once).
pub fn erase(conn: &mut DbConn, subscriber_id: i64) -> Result<Option<String>, Error> {
    db::write_transaction(conn, |conn| {
        let Some(subscriber) = subscribers::find(conn, subscriber_id)? else { return Ok(None) };
        deliveries::erase_history(conn, subscriber_id)?;
        subscribers::delete(conn, subscriber_id)?;
        Ok(Some(subscriber.locale))
    })
}
