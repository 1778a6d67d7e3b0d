//! The `nashra` command line: argument parsing, loading settings and locales, and one
//! function per subcommand. Messages for people come from Fluent, in the language of the
//! terminal (`LC_ALL`, `LC_MESSAGES` or `LANG`).

mod address;
mod export;
mod import;
mod locales;
mod mail;
mod media;
mod serve;
mod user;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::auth::secret::{self, Keyring};
use crate::config::{Overrides, Settings};
use crate::db::Database;
use crate::l10n::{Args, Localizer};

#[derive(Parser)]
#[command(name = "nashra", version, about = "A newsroom backend for a newsletter in English and Arabic")]
pub struct Cli {
    /// Folder holding default.toml and <mode>.toml.
    #[arg(long, global = true, value_name = "DIR")]
    config: Option<PathBuf>,
    /// sqlite://PATH or postgres://USER@HOST:PORT/DB (overrides NASHRA_DATABASE_URL).
    #[arg(long, global = true, value_name = "URL")]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start a demo: a fresh database with a sample bilingual newsletter, then the server.
    Demo {
        /// Folder for the demo's database and images (emptied first).
        #[arg(long, value_name = "DIR", default_value = "data/demo")]
        dir: PathBuf,
        /// The content to load.
        #[arg(long, value_name = "DIR", default_value = "content/demo")]
        content: PathBuf,
        /// Address to listen on.
        #[arg(long, value_name = "ADDR:PORT")]
        bind: Option<String>,
    },
    /// Import stories and editions from Markdown files (see docs/import.md).
    Import {
        /// Folder with stories/, editions/, images/ and optionally publication.toml.
        dir: PathBuf,
    },
    /// Run the HTTP server.
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free one).
        #[arg(long, value_name = "ADDR:PORT")]
        bind: Option<String>,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Manage user accounts.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Send a published edition to every confirmed subscriber, showing progress.
    Send {
        /// The edition's slug.
        #[arg(long, value_name = "SLUG")]
        edition: String,
    },
    /// Run a delivery worker (sends queued mail) until interrupted.
    Worker,
    /// Export published content as files.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Work on uploaded images.
    #[command(subcommand)]
    Media(media::MediaCommand),
    /// Check that every locale has the same messages with the same variables.
    CheckLocales {
        /// Folder with one subfolder per locale (default: the configured locales_dir).
        #[arg(long, value_name = "DIR")]
        locales: Option<PathBuf>,
    },
}

/// What every subcommand starts from.
pub struct Context {
    pub settings: Settings,
    pub l10n: Arc<Localizer>,
    /// The locale for messages printed to the terminal.
    pub locale: String,
}

impl Context {
    /// A message for the terminal, without bidi isolation marks.
    pub fn say(&self, id: &str, args: &Args) -> String {
        self.l10n.plain(&self.locale, id, args)
    }

    /// Opens the database, migrating first when the settings ask for it.
    pub fn database(&self) -> Result<Database, Failure> {
        let db = Database::open(&self.settings.database_url, &self.settings.database)
            .map_err(|e| Failure::Technical(e.to_string()))?;
        if self.settings.migrate_on_start {
            db.migrate().map_err(|e| Failure::Technical(e.to_string()))?;
        }
        Ok(db)
    }

    /// The signing keys, for every command that signs (`serve`, `worker`, `send`, `export
    /// email`): the configured secret, else the one kept beside the data (generated on
    /// first use). A weak secret is refused whatever the mode.
    pub fn keyring(&self, db: &Database) -> Result<Keyring, Failure> {
        let auth = &self.settings.auth;
        let stored = match Keyring::is_configured(auth) {
            true => None,
            false => Some(db.stored_secret(secret::generate).map_err(|e| Failure::Technical(e.to_string()))?.into()),
        };
        Keyring::from_settings(auth, stored)
            .map_err(|problem| Failure::Said(self.say(problem.message_id(), &Args::new())))
    }
}

/// Why a command failed: a localized sentence, or a technical message from below.
pub enum Failure {
    Said(String),
    Technical(String),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let quiet_by_default = !matches!(cli.command, Command::Serve { .. });
    init_tracing(quiet_by_default);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Said(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
        Err(Failure::Technical(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let overrides = Overrides {
        database_url: cli.database,
        bind: match &cli.command {
            Command::Serve { bind } => bind.clone(),
            _ => None,
        },
    };
    let explicit = cli.config.is_some();
    let config_dir = cli.config.unwrap_or_else(|| PathBuf::from("config"));
    let settings = Settings::load(&config_dir, explicit, &overrides).map_err(|e| Failure::Technical(e.to_string()))?;

    if let Command::CheckLocales { locales } = &cli.command {
        let dir = locales.clone().unwrap_or_else(|| settings.locales_dir.clone());
        return locales::check(&settings, &dir);
    }

    let l10n = Localizer::load(&settings.locales_dir, &settings.locales, &settings.default_locale)
        .map_err(|e| Failure::Technical(e.to_string()))?;
    let locale = terminal_locale(&l10n);
    let context = Context { settings, l10n: Arc::new(l10n), locale };
    match cli.command {
        Command::Serve { .. } => serve::run(context),
        Command::Demo { dir, content, bind } => import::demo(context, &dir, &content, bind),
        Command::Import { dir } => import::run(&context, &dir),
        Command::Migrate => serve::migrate(&context),
        Command::User(command) => user::run(&context, command),
        Command::Export(command) => export::run(&context, command),
        Command::Media(command) => media::run(&context, command),
        Command::Send { edition } => mail::send(&context, &edition),
        Command::Worker => mail::run_worker(&context),
        Command::CheckLocales { .. } => unreachable!("handled before the locales are loaded"),
    }
}

/// `ar_IQ.UTF-8` → `ar`, if that locale is configured.
fn terminal_locale(l10n: &Localizer) -> String {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| {
            let tag = value.split(['.', '@']).next().unwrap_or_default().replace('_', "-");
            l10n.match_tag(&tag).map(str::to_owned)
        })
        .unwrap_or_else(|| l10n.default_locale().to_owned())
}

fn init_tracing(quiet_by_default: bool) {
    let default = if quiet_by_default { "warn" } else { "info" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    // Logs go to stderr: stdout carries the "listening on" line and command output.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
