//! `nashra send`, `nashra worker` and `nashra export email`.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::address::SiteAddress;
use super::{Context, Failure};
use crate::db::deliveries::{self, Scope};
use crate::db::{published, subscribers, Database};
use crate::delivery::compose::PersonalLinks;
use crate::delivery::links::LinkTokens;
use crate::delivery::load::edition_email;
use crate::delivery::message::{build, to_eml, Addressing};
use crate::delivery::smtp::{Transport, UrlError};
use crate::delivery::worker::Worker;
use crate::l10n::Args;
use crate::service::{sending, Conflict, Error};
use crate::site::Site;

/// The site as emails link to it: where the server serves it (see [`SiteAddress`]).
fn site(context: &Context, db: &Database) -> Result<(Arc<Site>, SiteAddress), Failure> {
    let address = SiteAddress::resolve(context, db, None)?;
    let site = Site::new(&context.settings, context.l10n.clone(), &address.url).map_err(technical)?;
    Ok((Arc::new(site), address))
}

/// Refuses, in words, an `smtp_url` that would send its password unencrypted; every
/// command that sends mail (`serve`, `demo`, `send`, `worker`) checks this before starting.
/// Other problems with the URL are reported where the transport is built.
pub(super) fn check_smtp(context: &Context) -> Result<(), Failure> {
    match Transport::check(&context.settings) {
        Err(UrlError::PlaintextCredentials) => {
            Err(Failure::Said(context.say("startup-smtp-plaintext-credentials", &Args::new())))
        }
        _ => Ok(()),
    }
}

/// A worker, and the SMTP transport it sends through; says where the emails' links point.
fn worker(context: &Context, db: &Database, tokens: LinkTokens) -> Result<(Arc<Worker>, Transport), Failure> {
    let mailer = Transport::new(&context.settings).map_err(technical)?;
    let (site, address) = site(context, db)?;
    println!("{}", address.describe(context));
    Ok((Arc::new(Worker::new(db.clone(), site, &context.settings, mailer.clone(), tokens)), mailer))
}

/// A runtime with a thread per core, over which the worker spreads building and sending
/// messages (see [`Worker::drain`]).
fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(technical)
}

/// Queues the edition, then sends its deliveries (and only those) until none remain, with a
/// progress bar. Other workers (servers, `nashra worker`) may help; killed midway, running
/// it again carries on where it stopped.
pub fn send(context: &Context, slug: &str) -> Result<(), Failure> {
    check_smtp(context)?;
    let db = context.database()?;
    let tokens = LinkTokens::new(&context.keyring(&db)?);
    let mut conn = db.connection().map_err(technical)?;
    let edition = published::published_edition(&mut conn, slug).map_err(technical)?.ok_or_else(|| {
        Failure::Said(context.say("cli-edition-not-found", &Args::new().with("slug", slug.to_owned())))
    })?;
    let queued = sending::send_edition(&mut conn, edition.id, None, context.l10n.default_locale()).map_err(
        |error| match error {
            Error::Conflict(Conflict::SendAlreadyScheduled) => {
                Failure::Said(context.say("cli-send-scheduled", &Args::new().with("slug", slug.to_owned())))
            }
            other => technical(other),
        },
    )?;
    drop(conn);
    let bar = ProgressBar::new(queued.progress.total as u64);
    bar.set_prefix(context.say("cli-send-progress-label", &Args::new()));
    let progress = runtime()?.block_on(async {
        let (worker, mailer) = worker(context, &db, tokens)?;
        let mut shown = Shown::new(context, &bar, mailer.address(), edition.id);
        let count = || {
            let id = edition.id;
            db.run(move |conn| {
                Ok::<_, crate::db::DbError>((deliveries::progress(conn, id)?, deliveries::troubles(conn, id)?))
            })
        };
        loop {
            // Counting reads every delivery of the edition, so it is done between rounds;
            // within one, the bar moves by what each batch reports. The errors read here
            // include those other workers met.
            let (progress, troubles) = count().await.map_err(technical)?;
            shown.counts(progress.sent + progress.failed, progress.failed, troubles.retrying);
            shown.errors(troubles.waiting_by_error.into_iter().map(|e| e.error));
            if progress.remaining == 0 {
                return Ok::<_, Failure>(progress);
            }
            let handled = worker
                .drain(Scope::Edition(edition.id), |batch| {
                    shown.errors(batch.temporary_errors.iter().cloned());
                    shown.counts(
                        shown.done + (batch.sent + batch.failed) as i64,
                        shown.failed + batch.failed as i64,
                        shown.retrying + batch.retrying_change,
                    );
                })
                .await
                .map_err(technical)?;
            if handled == 0 {
                // Retries wait for their time, or another worker holds the rest.
                tokio::time::sleep(Duration::from_millis(context.settings.email.poll_interval_ms.max(10))).await;
            }
        }
    })?;
    bar.finish_and_clear();
    let args = Args::new()
        .with("sent", progress.sent)
        .with("failed", progress.failed)
        .with("fallbacks", progress.fallbacks)
        .with("queued", queued.queued);
    println!("{}", context.say("cli-send-done", &args));
    Ok(())
}

/// Sends queued mail until interrupted.
pub fn run_worker(context: &Context) -> Result<(), Failure> {
    check_smtp(context)?;
    let db = context.database()?;
    let tokens = LinkTokens::new(&context.keyring(&db)?);
    runtime()?.block_on(async {
        let (worker, _) = worker(context, &db, tokens)?;
        println!("{}", context.say("cli-worker-started", &Args::new()));
        tokio::select! {
            _ = worker.run() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
        Ok(())
    })
}

/// Writes one edition email as an `.eml` file, as a subscriber of `locale` would get it.
pub fn export_email(
    context: &Context,
    slug: &str,
    locale: &str,
    out: &Path,
    to: Option<String>,
) -> Result<(), Failure> {
    if !context.l10n.is_supported(locale) {
        return Err(Failure::Said(context.say("cli-unknown-locale", &Args::new().with("locale", locale.to_owned()))));
    }
    let db = context.database()?;
    let (site, _) = site(context, &db)?;
    let tokens = LinkTokens::new(&context.keyring(&db)?);
    let mut conn = db.connection().map_err(technical)?;
    let not_found = || Failure::Said(context.say("cli-edition-not-found", &Args::new().with("slug", slug.to_owned())));
    let edition = published::published_edition(&mut conn, slug).map_err(technical)?.ok_or_else(not_found)?;
    let composed = edition_email(&site, &mut conn, &context.settings.email.from_address, edition.id, locale)
        .map_err(technical)?
        .ok_or_else(not_found)?;
    let to = to.unwrap_or_else(|| "subscriber@example.org".to_owned());
    // A subscriber's own link when the address is one, so the file is the message they get.
    let subscriber = subscribers::find_by_email(&mut conn, &to).map_err(technical)?;
    let (token, preferences) = subscriber.map_or_else(
        || ("example".to_owned(), "example".to_owned()),
        |s| (tokens.unsubscribe(s.id), tokens.preferences(s.id)),
    );
    let link = site.base.absolute(&format!("/unsubscribe?token={token}"));
    let preferences = site.base.absolute(&format!("/preferences?token={preferences}"));
    let addressing = Addressing {
        to: &to,
        links: PersonalLinks { link: &link, preferences: &preferences },
        unsubscribe: Some(&link),
        message_id: format!("<edition-{}.example@{}>", edition.id, composed.host),
    };
    let message = build(&composed, &addressing).map_err(technical)?;
    std::fs::write(out, to_eml(&message)).map_err(technical)?;
    println!("{}", context.say("cli-export-email-done", &Args::new().with("file", out.display().to_string())));
    Ok(())
}

/// How many distinct temporary errors `nashra send` prints before it stops listing them.
const ERRORS_PRINTED: usize = 20;

/// What `nashra send` shows: the bar with its counts, and one line for each distinct
/// temporary error, above the bar (on standard error, also when there is no bar to draw).
struct Shown<'a> {
    context: &'a Context,
    bar: &'a ProgressBar,
    /// The SMTP server's `host:port`, named once, with the first temporary error.
    server: String,
    edition: i64,
    printed: HashSet<String>,
    /// Sent or failed for good.
    done: i64,
    failed: i64,
    retrying: i64,
}

impl<'a> Shown<'a> {
    fn new(context: &'a Context, bar: &'a ProgressBar, server: String, edition: i64) -> Self {
        let shown = Self { context, bar, server, edition, printed: HashSet::new(), done: 0, failed: 0, retrying: -1 };
        shown.bar.set_style(Self::style(true));
        shown
    }

    /// With a rate and an estimate while mail flows; without, while it waits for retries, when
    /// an estimate would only climb.
    fn style(flowing: bool) -> ProgressStyle {
        let template = match flowing {
            true => "{prefix} {bar:40} {pos}/{len} {per_sec} {eta} {msg}",
            false => "{prefix} {bar:40} {pos}/{len} {msg}",
        };
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
    }

    fn counts(&mut self, done: i64, failed: i64, retrying: i64) {
        let retrying = retrying.max(0);
        if (retrying > 0) != (self.retrying > 0) || self.retrying < 0 {
            self.bar.set_style(Self::style(retrying == 0));
        }
        (self.done, self.failed, self.retrying) = (done, failed, retrying);
        self.bar.set_position(done.max(0) as u64);
        let args = Args::new().with("failed", failed).with("retrying", retrying);
        self.bar.set_message(self.context.say("cli-send-progress", &args));
    }

    /// Prints the errors not printed yet, up to [`ERRORS_PRINTED`] of them.
    fn errors(&mut self, errors: impl IntoIterator<Item = String>) {
        for error in errors {
            if self.printed.len() > ERRORS_PRINTED || self.printed.contains(&error) {
                continue;
            }
            let first = self.printed.is_empty();
            let say = |id: &str, args: Args| self.context.say(id, &args);
            let line = match self.printed.len() == ERRORS_PRINTED {
                true => say("cli-send-more-errors", Args::new().with("id", self.edition)),
                false => say("cli-send-temporary-failure", Args::new().with("error", error.clone())),
            };
            self.printed.insert(error);
            let hint = first.then(|| say("cli-send-smtp-hint", Args::new().with("server", self.server.clone())));
            self.bar.suspend(|| {
                eprintln!("{line}");
                if let Some(hint) = hint {
                    eprintln!("{hint}");
                }
            });
        }
    }
}

fn technical(error: impl std::fmt::Display) -> Failure {
    Failure::Technical(error.to_string())
}
