//! `nashra export web` (and, later, `export email`).

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};

use super::address::SiteAddress;
use super::{Context, Failure};
use crate::l10n::Args;
use crate::site::export::export;
use crate::site::Site;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Write the published web site as static files.
    Web {
        /// Folder to write into (created if missing; existing files are overwritten).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The address the files will be served from (default: public_url, else the address the
        /// last server started on this database serves at, else the bind address).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Write one edition email, as a subscriber of one locale gets it, to an .eml file.
    Email {
        /// The published edition's slug.
        #[arg(long, value_name = "SLUG")]
        edition: String,
        /// The subscriber's locale.
        #[arg(long = "lang", value_name = "LOCALE")]
        locale: String,
        #[arg(long, value_name = "FILE.eml")]
        out: PathBuf,
        /// The To address written into the message.
        #[arg(long, value_name = "ADDRESS")]
        to: Option<String>,
    },
}

pub fn run(context: &Context, command: ExportCommand) -> Result<(), Failure> {
    match command {
        ExportCommand::Web { out, base_url } => web(context, out, base_url),
        ExportCommand::Email { edition, locale, out, to } => {
            super::mail::export_email(context, &edition, &locale, &out, to)
        }
    }
}

fn web(context: &Context, out: PathBuf, base_url: Option<String>) -> Result<(), Failure> {
    let settings = &context.settings;
    let db = context.database()?;
    let address = SiteAddress::resolve(context, &db, base_url)?;
    println!("{}", address.describe(context));
    let base_url = address.url;
    let site = Site::new(settings, context.l10n.clone(), &base_url).map_err(|e| Failure::Technical(e.to_string()))?;
    let mut conn = db.connection().map_err(|e| Failure::Technical(e.to_string()))?;
    let pages = site.all_pages(&mut conn).map_err(|e| Failure::Technical(e.to_string()))?;
    // Back to the pool, for the export's threads.
    drop(conn);
    // One thread per core, each with a connection: no more than the pool holds, or one
    // would wait for a connection that never comes back.
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let threads = NonZeroUsize::new(cores.min(settings.database.pool_size as usize)).unwrap_or(NonZeroUsize::MIN);
    let progress = ProgressBar::new(pages.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{prefix} {bar:40} {pos}/{len} {per_sec} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    progress.set_prefix(context.say("cli-export-progress", &Args::new()));
    let report = export(&site, &db, threads, &settings.media.dir, &out, &pages, || progress.inc(1))
        .map_err(|e| Failure::Technical(e.to_string()))?;
    progress.finish_and_clear();
    let args = Args::new()
        .with("pages", report.pages)
        .with("media", report.media)
        .with("folder", out.display().to_string())
        .with("url", base_url);
    println!("{}", context.say("cli-export-web-done", &args));
    Ok(())
}
