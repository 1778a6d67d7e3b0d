//! `nashra user add|list|passwd`: managing accounts from the server's own shell, which is how
//! the first admin comes to exist.

use std::io::Read;

use clap::Subcommand;

use super::words::Refusal;
use super::{Context, Failure};
use crate::auth::password;
use crate::db::users;
use crate::domain::{EmailAddress, NewPassword, Role};
use crate::http::ApiError;
use crate::l10n::{Args, Style};
use crate::service::accounts::{self, NewAccount};
use crate::service::Error;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a user. The password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// admin, editor or reviewer; repeat for several.
        #[arg(long = "role", required = true, value_parser = parse_role)]
        roles: Vec<Role>,
        /// Preferred locale (default: the default locale).
        #[arg(long)]
        locale: Option<String>,
        /// Read the password from standard input (required, so it never shows in `ps`).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List all users.
    List,
    /// Set a user's password (read from standard input) and end their sessions.
    Passwd {
        #[arg(long)]
        email: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

fn parse_role(raw: &str) -> Result<Role, Refusal> {
    raw.parse().map_err(|_| Refusal("cli-role-expected"))
}

pub fn run(context: &Context, command: UserCommand) -> Result<(), Failure> {
    match command {
        UserCommand::Add { email, name, roles, locale, .. } => add(context, &email, &name, roles, locale),
        UserCommand::List => list(context),
        UserCommand::Passwd { email, .. } => passwd(context, &email),
    }
}

fn add(context: &Context, email: &str, name: &str, roles: Vec<Role>, locale: Option<String>) -> Result<(), Failure> {
    let password = read_password(context)?;
    let locale = locale.unwrap_or_else(|| context.l10n.default_locale().to_owned());
    let account =
        NewAccount::check(&context.l10n, email, name, password, roles, locale).map_err(|e| explain(context, e))?;
    let db = context.database()?;
    let mut conn = db.connection().map_err(|e| Failure::Technical(e.to_string()))?;
    let hash = password::hash(account.password.expose());
    // No actor: the operator at the server's shell.
    let user = accounts::create(&mut conn, None, &account, &hash).map_err(|e| explain(context, e))?;
    let args = Args::new().with("email", user.email.as_str()).with("id", user.id);
    println!("{}", context.say("cli-user-created", &args));
    Ok(())
}

fn list(context: &Context) -> Result<(), Failure> {
    let db = context.database()?;
    let mut conn = db.connection().map_err(|e| Failure::Technical(e.to_string()))?;
    let (all, _) = users::list(&mut conn, None, i64::MAX, 0).map_err(|e| Failure::Technical(e.to_string()))?;
    let disabled = context.say("cli-user-disabled", &Args::new());
    for user in &all {
        let roles: Vec<&str> = user.roles.iter().map(Role::as_str).collect();
        let state = if user.disabled { disabled.as_str() } else { "" };
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            user.id,
            user.email,
            user.display_name,
            roles.join(","),
            user.preferred_locale,
            state
        );
    }
    println!("{}", context.say("cli-user-count", &Args::new().with("count", all.len())));
    Ok(())
}

fn passwd(context: &Context, email: &str) -> Result<(), Failure> {
    let password = read_password(context)?;
    let password = NewPassword::parse(password).map_err(|e| explain(context, e.into()))?;
    let email = EmailAddress::parse(email).map_err(|e| explain(context, e.into()))?;
    let db = context.database()?;
    let mut conn = db.connection().map_err(|e| Failure::Technical(e.to_string()))?;
    let hash = password::hash(password.expose());
    let args = Args::new().with("email", email.as_str());
    match accounts::set_password(&mut conn, None, &email, &hash) {
        Ok(()) => {}
        Err(Error::NotFound) => return Err(Failure::Said(context.say("cli-user-not-found", &args))),
        Err(other) => return Err(explain(context, other)),
    }
    println!("{}", context.say("cli-password-changed", &args));
    Ok(())
}

/// The password from standard input, without its line ending.
fn read_password(context: &Context) -> Result<String, Failure> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).map_err(|e| Failure::Technical(e.to_string()))?;
    let password = input.strip_suffix('\n').unwrap_or(&input);
    let password = password.strip_suffix('\r').unwrap_or(password);
    if password.is_empty() {
        return Err(Failure::Said(context.say("cli-password-stdin-empty", &Args::new())));
    }
    Ok(password.to_owned())
}

/// A refusal as sentences for the terminal, worded as the API words it: the problem's
/// detail, then each field.
fn explain(context: &Context, error: Error) -> Failure {
    let error = ApiError::from(error);
    let problem = crate::http::problem::build(&error, &context.l10n, &context.locale, "", Style::Plain);
    let mut lines = vec![problem.detail];
    lines.extend(problem.errors.into_iter().map(|field| format!("  {}: {}", field.field, field.message)));
    Failure::Said(context.say("cli-error", &Args::new().with("message", lines.join("\n"))))
}
