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
mod words;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::error::ErrorKind;
use clap::{FromArgMatches, Parser, Subcommand};

use crate::auth::secret::{self, Keyring};
use crate::config::{self, Overrides, Settings};
use crate::db::Database;
use crate::l10n::{Args, LoadError, Localizer};

/// The arguments. The doc comments are for readers of this file: what `--help` prints comes
/// from Fluent (`cli-…-about`, `cli-…-arg-…`; see `words`).
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
    let raw: Vec<OsString> = std::env::args_os().collect();
    // The messages come first, so that even clap's help and refusals speak the terminal's
    // language: from the configuration `--config` names, else from the built-in one.
    let early = Messages::load(&raw);
    let locale = terminal_locale(&early.l10n);
    let say_error = |message: String| early.l10n.plain(&locale, "cli-error", &Args::new().with("message", message));
    let parsed = words::command(&early.l10n, &locale)
        .try_get_matches_from(raw)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return refuse_arguments(&error, &early.l10n, &locale),
    };
    let quiet_by_default = !matches!(cli.command, Command::Serve { .. });
    init_tracing(quiet_by_default);
    match run(cli, early.l10n.clone(), early.failure, locale.clone()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Said(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
        Err(Failure::Technical(message)) => {
            eprintln!("{}", say_error(message));
            ExitCode::FAILURE
        }
    }
}

/// Help and version go to stdout with status 0, as clap prints them (from the localised
/// command); refusals are said in the terminal's language with clap's status, 2.
fn refuse_arguments(error: &clap::Error, l10n: &Localizer, locale: &str) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
        }
        _ => eprint!("{}", words::explain(error, l10n, locale)),
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

/// The messages the command line speaks in, loaded before its arguments are parsed.
struct Messages {
    l10n: Arc<Localizer>,
    /// Why the configured locales could not be loaded (the built-in ones stand in): every
    /// command but `check-locales` then refuses to run.
    failure: Option<String>,
}

impl Messages {
    fn load(raw: &[OsString]) -> Self {
        let config_dir = config_flag(raw);
        let explicit = config_dir.is_some();
        let dir = config_dir.unwrap_or_else(|| PathBuf::from("config"));
        let configured = Settings::load(&dir, explicit, &Overrides::default())
            .ok()
            .map(|s| Localizer::load(&s.locales_dir, &s.locales, &s.default_locale));
        match configured {
            Some(Ok(l10n)) => Self { l10n: Arc::new(l10n), failure: None },
            // Broken settings are reported once the arguments are parsed, as before.
            Some(Err(error)) => Self { failure: Some(error.to_string()), ..Self::built_in() },
            None => Self::built_in(),
        }
    }

    fn built_in() -> Self {
        let (locales, default) = config::built_in_locales();
        let l10n = Localizer::built_in(&locales, &default)
            .or_else(|_: LoadError| Localizer::built_in(&locales[..1], &locales[0].code))
            .expect("the built-in locales load: a unit test checks them");
        Self { l10n: Arc::new(l10n), failure: None }
    }
}

/// The value of `--config DIR` or `--config=DIR`, if the arguments give one.
fn config_flag(raw: &[OsString]) -> Option<PathBuf> {
    let mut args = raw.iter().skip(1);
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            break;
        }
        if text == "--config" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = text.strip_prefix("--config=") {
            return Some(PathBuf::from(value));
        }
    }
    None
}

fn run(cli: Cli, l10n: Arc<Localizer>, load_failure: Option<String>, locale: String) -> Result<(), Failure> {
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
        let context = Context { settings, l10n, locale };
        return locales::check(&context, &dir);
    }
    if let Some(failure) = load_failure {
        return Err(Failure::Technical(failure));
    }
    let context = Context { settings, l10n, locale };
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
        Command::CheckLocales { .. } => unreachable!("handled above"),
    }
}

/// The terminal's locale: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and
/// not empty, as POSIX orders them; `ar_IQ.UTF-8` → `ar` if that locale is configured.
/// `C`, `POSIX`, nothing, or a language not configured → the default locale.
fn terminal_locale(l10n: &Localizer) -> String {
    let value =
        ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|name| std::env::var(name).ok()).find(|v| !v.is_empty());
    locale_of(value.as_deref(), l10n).unwrap_or_else(|| l10n.default_locale()).to_owned()
}

fn locale_of<'a>(value: Option<&str>, l10n: &'a Localizer) -> Option<&'a str> {
    let tag = value?.split(['.', '@']).next().unwrap_or_default();
    if tag.is_empty() || tag == "C" || tag == "POSIX" {
        return None;
    }
    l10n.match_tag(&tag.replace('_', "-"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_locale_follows_posix_names() {
        let l10n = crate::l10n::shipped();
        assert_eq!(locale_of(Some("ar_IQ.UTF-8"), &l10n), Some("ar"));
        assert_eq!(locale_of(Some("ar"), &l10n), Some("ar"));
        assert_eq!(locale_of(Some("en_GB.UTF-8@euro"), &l10n), Some("en"));
        assert_eq!(locale_of(Some("C"), &l10n), None);
        assert_eq!(locale_of(Some("POSIX"), &l10n), None);
        assert_eq!(locale_of(Some("C.UTF-8"), &l10n), None);
        assert_eq!(locale_of(Some("fr_FR.UTF-8"), &l10n), None);
        assert_eq!(locale_of(None, &l10n), None);
    }

    #[test]
    fn the_config_flag_is_found_before_parsing() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(config_flag(&args(&["nashra", "--config", "etc", "migrate"])), Some(PathBuf::from("etc")));
        assert_eq!(config_flag(&args(&["nashra", "user", "list", "--config=etc"])), Some(PathBuf::from("etc")));
        assert_eq!(config_flag(&args(&["nashra", "migrate"])), None);
    }
}
