//! `nashra send`, `nashra worker` and `nashra export email`.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

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

/// The site as emails link to it: `public_url`, else the bind address.
fn site(context: &Context) -> Result<Arc<Site>, Failure> {
    let settings = &context.settings;
    let url = Some(settings.public_url.clone())
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| format!("http://{}", settings.bind));
    Site::new(settings, context.l10n.clone(), &url).map(Arc::new).map_err(technical)
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

fn worker(context: &Context, db: &Database, tokens: LinkTokens) -> Result<Arc<Worker>, Failure> {
    let mailer = Transport::new(&context.settings).map_err(technical)?;
    Ok(Arc::new(Worker::new(db.clone(), site(context)?, &context.settings, mailer, tokens)))
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
    bar.set_style(
        ProgressStyle::with_template("{prefix} {bar:40} {pos}/{len} {per_sec} {eta} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_prefix(context.say("cli-send-progress", &Args::new()));
    let progress = runtime()?.block_on(async {
        let worker = worker(context, &db, tokens)?;
        let count = || {
            let id = edition.id;
            db.run(move |conn| deliveries::progress(conn, id).map_err(crate::db::DbError::from))
        };
        loop {
            // Counting reads every delivery of the edition, so it is done between rounds;
            // within one, the bar moves by what each batch reports.
            let progress = count().await.map_err(technical)?;
            bar.set_position((progress.sent + progress.failed) as u64);
            bar.set_message(context.say("cli-send-failed-so-far", &Args::new().with("failed", progress.failed)));
            if progress.remaining == 0 {
                return Ok::<_, Failure>(progress);
            }
            let mut failed = progress.failed as usize;
            let handled = worker
                .drain(Scope::Edition(edition.id), |batch| {
                    failed += batch.failed;
                    bar.inc((batch.sent + batch.failed) as u64);
                    bar.set_message(context.say("cli-send-failed-so-far", &Args::new().with("failed", failed)));
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
        let worker = worker(context, &db, tokens)?;
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
    let site = site(context)?;
    let db = context.database()?;
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

fn technical(error: impl std::fmt::Display) -> Failure {
    Failure::Technical(error.to_string())
}
