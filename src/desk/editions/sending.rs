//! `/desk/editions/{id}/sending`: the email per language, a test send, sending to every
//! subscriber (now, after a confirmation naming how many, per language; or at a time, which
//! can be cancelled until it comes), and how delivery goes.

use serde::Serialize;

use super::Lang;
use crate::db::deliveries::{self, Progress, Troubles};
use crate::db::{edition_revisions, editions, users, DbConn};
use crate::desk::stories::When;
use crate::service::{self, Error};

/// The progress block: the same counts as `GET /api/v1/editions/{id}/delivery`, and what
/// went wrong.
#[derive(Debug, Serialize)]
pub struct ProgressBlock {
    pub id: i64,
    pub progress: Progress,
    pub troubles: Troubles,
}

/// Subscribers sending now would queue, in one language.
#[derive(Debug, Serialize)]
pub struct Audience {
    pub code: String,
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Serialize)]
pub struct SendingPage {
    pub id: i64,
    pub number: i32,
    /// The languages the published edition's email exists in (none before publishing).
    pub emails: Vec<Lang>,
    pub progress: ProgressBlock,
    /// Whom sending now would queue, by language; empty when nobody.
    pub audience: Vec<Audience>,
    pub audience_total: i64,
    /// The test-send form, as typed, and its refusal.
    pub test_email: String,
    pub test_locale: String,
    pub test_error: Option<String>,
    /// The send set for a later time, not started yet.
    pub scheduled: Option<Scheduled>,
    /// The person's time zone, which the "send at" field is typed in.
    pub time_zone: String,
    /// The "send at" field, as typed, and why scheduling (or cancelling) was refused.
    pub send_at: String,
    pub schedule_error: Option<String>,
}

/// A scheduled send as the page shows it.
#[derive(Debug, Serialize)]
pub struct Scheduled {
    pub when: When,
    /// Who scheduled it (empty if unknown).
    pub by: String,
}

pub fn progress(conn: &mut DbConn, id: i64) -> Result<ProgressBlock, Error> {
    editions::find(conn, id)?.ok_or(Error::NotFound)?;
    Ok(ProgressBlock { id, progress: deliveries::progress(conn, id)?, troubles: deliveries::troubles(conn, id)? })
}

/// The sending page of edition `id`, times in `time_zone` (an IANA name).
pub fn load(conn: &mut DbConn, langs: &[Lang], id: i64, time_zone: &str) -> Result<SendingPage, Error> {
    let edition = editions::find(conn, id)?.ok_or(Error::NotFound)?;
    let live_locales: Vec<String> = match edition.live_revision_id {
        Some(live) => edition_revisions::find(conn, live)?.map(|l| l.texts.into_iter().map(|t| t.locale).collect()),
        None => None,
    }
    .unwrap_or_default();
    let emails: Vec<Lang> = langs.iter().filter(|l| live_locales.contains(&l.code)).cloned().collect();
    let audience: Vec<Audience> = deliveries::unsent_by_locale(conn, id)?
        .into_iter()
        .map(|(code, count)| Audience {
            name: langs.iter().find(|l| l.code == code).map_or_else(|| code.clone(), |l| l.name.clone()),
            code,
            count,
        })
        .collect();
    let scheduled = match service::sending::pending_send(conn, id)? {
        Some(pending) => Some(Scheduled {
            when: When::new(pending.send_at, time_zone),
            by: match pending.scheduled_by {
                Some(user) => users::find(conn, user)?.map(|u| u.display_name).unwrap_or_default(),
                None => String::new(),
            },
        }),
        None => None,
    };
    Ok(SendingPage {
        id,
        number: edition.number,
        test_locale: emails.first().map(|l| l.code.clone()).unwrap_or_default(),
        emails,
        progress: progress(conn, id)?,
        audience_total: audience.iter().map(|a| a.count).sum(),
        audience,
        test_email: String::new(),
        test_error: None,
        scheduled,
        time_zone: super::time_zone(time_zone).name().to_owned(),
        send_at: String::new(),
        schedule_error: None,
    })
}
