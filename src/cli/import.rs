//! `nashra import DIR` and `nashra demo`.

use std::path::Path;

use super::{Context, Failure};
use crate::db::subscribers::{self, CONFIRMED};
use crate::domain::Role;
use crate::import::parse::{Problem, Said};
use crate::import::{apply, read_plan, ImportError, ImportFailure, ImportReport};
use crate::l10n::Args;
use crate::service::accounts::{self, NewAccount};
use crate::service::editions::adopt_unrevisioned;

pub fn run(context: &Context, dir: &Path) -> Result<(), Failure> {
    let report = import(context, dir)?;
    print_report(context, &report);
    Ok(())
}

fn import(context: &Context, dir: &Path) -> Result<ImportReport, Failure> {
    let locales: Vec<&str> = context.l10n.codes().collect();
    let said = |error: String| Failure::Said(context.say("cli-import-failed", &Args::new().with("error", error)));
    let plan = read_plan(dir, &locales).map_err(|e| said(describe(context, &e)))?;
    let db = context.database()?;
    let mut conn = db.connection().map_err(|e| Failure::Technical(e.to_string()))?;
    let report = apply(&mut conn, &plan, &context.settings.media, &locales).map_err(|e| match e {
        ImportFailure::Content(error) => said(describe(context, &error)),
        ImportFailure::Database(error) => Failure::Technical(error.to_string()),
    })?;
    // What readers see of an edition is its live revision; imported editions get theirs here.
    adopt_unrevisioned(&mut conn).map_err(|e| Failure::Technical(e.to_string()))?;
    Ok(report)
}

/// `file:line: ` and what is wrong there; values the API's rules refuse are said in the
/// terminal's language, as the API says them (`field-<code>`).
fn describe(context: &Context, error: &ImportError) -> String {
    let list = match &error.problem {
        Problem::Said(said) => return format!("{}:{}: {}", error.file.display(), error.line, say(context, said)),
        Problem::Invalid(list) => list,
    };
    let reasons: Vec<String> = list
        .iter()
        .map(|invalid| {
            let limit = match invalid.limit {
                Some(limit) => Args::new().with("limit", limit),
                None => Args::new(),
            };
            let reason = context.say(&format!("field-{}", invalid.code), &limit);
            context.say("cli-import-invalid", &Args::new().with("field", invalid.field).with("reason", reason))
        })
        .collect();
    format!("{}:{}: {}", error.file.display(), error.line, reasons.join(" "))
}

fn print_report(context: &Context, report: &ImportReport) {
    let args = Args::new()
        .with("stories", report.stories)
        .with("translations", report.translations)
        .with("editions", report.editions)
        .with("images", report.images);
    println!("{}", context.say("cli-import-done", &args));
    for warning in &report.warnings {
        println!("  {}", context.say("cli-import-warning", &Args::new().with("warning", say(context, warning))));
    }
}

/// An importer's sentence (`import-…`) in the terminal's language.
fn say(context: &Context, said: &Said) -> String {
    let args = said.args.iter().fold(Args::new(), |args, (name, value)| args.with(name, value.as_str()));
    context.say(said.id, &args)
}

/// The demo's accounts: (email, name, roles, password). Printed for the newcomer.
const DEMO_ACCOUNTS: &[(&str, &str, &[Role], &str)] = &[
    ("admin@plains.example", "Layla Haddad", &[Role::Admin], "demo-admin-password"),
    ("rana@plains.example", "Rana Khoury", &[Role::Editor], "demo-editor-password"),
    ("karim@plains.example", "Karim Nasser", &[Role::Editor], "demo-editor-password"),
    ("omar@plains.example", "Omar Saleh", &[Role::Reviewer], "demo-reviewer-password"),
    ("salma@plains.example", "Salma Aziz", &[Role::Reviewer], "demo-reviewer-password"),
];

const DEMO_SUBSCRIBERS: &[(&str, &str)] = &[
    ("hana@readers.example", "ar"),
    ("yusuf@readers.example", "ar"),
    ("mariam@readers.example", "ar"),
    ("tom@readers.example", "en"),
    ("ines@readers.example", "en"),
    ("david@readers.example", "en"),
];

/// `nashra demo`: a fresh database in `dir`, filled from `content`, then the server.
pub fn demo(mut context: Context, dir: &Path, content: &Path, bind: Option<String>) -> Result<(), Failure> {
    let technical = |e: &dyn std::fmt::Display| Failure::Technical(e.to_string());
    for stale in ["nashra.db", "nashra.db-wal", "nashra.db-shm", "nashra.db.secret"] {
        let _ = std::fs::remove_file(dir.join(stale));
    }
    let _ = std::fs::remove_dir_all(dir.join("media"));
    std::fs::create_dir_all(dir).map_err(|e| technical(&e))?;
    let settings = &mut context.settings;
    settings.database_url = format!("sqlite://{}", dir.join("nashra.db").display());
    settings.media.dir = dir.join("media");
    settings.migrate_on_start = true;
    if let Some(bind) = bind {
        settings.bind = bind;
    }
    let db = context.database()?;
    let mut conn = db.connection().map_err(|e| technical(&e))?;
    for (email, name, roles, password) in DEMO_ACCOUNTS {
        let locale = context.l10n.default_locale().to_owned();
        let account = NewAccount::check(&context.l10n, email, name, password.to_string(), roles.to_vec(), locale)
            .map_err(|e| technical(&e))?;
        let hash = crate::auth::password::hash(password);
        accounts::create(&mut conn, None, &account, &hash).map_err(|e| technical(&e))?;
    }
    for (email, locale) in DEMO_SUBSCRIBERS {
        subscribers::insert(&mut conn, email, locale, CONFIRMED).map_err(|e| technical(&e))?;
    }
    drop(conn);
    let report = import(&context, content)?;
    print_report(&context, &report);
    let accounts: Vec<String> = DEMO_ACCOUNTS
        .iter()
        .map(|(email, name, roles, password)| {
            let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            format!("  {email:<24} {password:<24} {} ({name})", roles.join(","))
        })
        .collect();
    let (l10n, locale, folder) = (context.l10n.clone(), context.locale.clone(), dir.display().to_string());
    super::serve::run_with(context, move |address| {
        let base = format!("http://{address}");
        let say = |id: &str, args: &Args| l10n.plain(&locale, id, args);
        let mut lines = vec![String::new(), say("cli-demo-data", &Args::new().with("folder", folder))];
        lines.push(say("cli-demo-desk", &Args::new().with("url", format!("{base}/desk/"))));
        for setting in l10n.settings() {
            let url = format!("{base}/{}/", setting.code);
            lines.push(say("cli-demo-site", &Args::new().with("language", setting.name.clone()).with("url", url)));
        }
        lines.push(say("cli-demo-api", &Args::new().with("url", format!("{base}/api/docs/"))));
        lines.push(say("cli-demo-accounts", &Args::new()));
        lines.extend(accounts);
        lines.join("\n")
    })
}
