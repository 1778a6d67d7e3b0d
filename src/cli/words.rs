//! clap in the terminal's language: every command's `about`, every argument's help, the
//! headings and usage of `--help`, and clap's own refusals, from Fluent.
//!
//! Message ids follow the command path: `cli-about` and `cli-arg-<id>` for `nashra` itself,
//! `cli-user-add-about` and `cli-user-add-arg-email` for `nashra user add --email` (an
//! argument's id with `_` written `-`). A unit test checks every id exists in every locale.

use std::fmt;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command, CommandFactory};

use super::Cli;
use crate::l10n::{Args, Localizer};

/// A value parser's refusal, named by its Fluent message, so that clap's error can be said
/// in the terminal's language (`explain` looks for it).
#[derive(Debug, Clone, Copy)]
pub struct Refusal(pub &'static str);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Refusal {}

/// The command line's definition with every text in `locale`, built and ready to parse.
pub fn command(l10n: &Localizer, locale: &str) -> Command {
    let mut say = |id: &str| l10n.plain(locale, id, &Args::new());
    let mut command = Cli::command();
    describe(&mut command, &mut Vec::new(), &mut say);
    // Building adds `--help`, `--version` and the `help` subcommand, and copies the global
    // arguments (already described) into every subcommand; then what building added is
    // described too.
    command.build();
    finish(&mut command, &say);
    command
}

/// The Fluent ids of every text `describe` asks for, for the locale test.
#[cfg(test)]
fn message_ids() -> Vec<String> {
    let mut ids = Vec::new();
    let mut record = |id: &str| {
        ids.push(id.to_owned());
        String::new()
    };
    describe(&mut Cli::command(), &mut Vec::new(), &mut record);
    ids.extend(FIXED.iter().map(|id| id.to_string()));
    ids
}

/// The ids `finish` and `explain` use whatever the command.
#[cfg(test)]
const FIXED: &[&str] = &[
    "cli-heading-usage",
    "cli-heading-commands",
    "cli-heading-arguments",
    "cli-heading-options",
    "cli-usage-options",
    "cli-usage-command",
    "cli-help-flag",
    "cli-version-flag",
    "cli-help-about",
    "cli-help-arg-subcommand",
    "cli-try-help",
    "cli-clap-missing-arguments",
    "cli-clap-missing-value",
    "cli-clap-invalid-value",
    "cli-clap-possible-values",
    "cli-clap-unknown-argument",
    "cli-clap-unknown-subcommand",
    "cli-clap-missing-subcommand",
    "cli-clap-subcommands",
    "cli-clap-conflict",
    "cli-clap-repeated",
    "cli-clap-too-many-values",
    "cli-clap-similar-argument",
    "cli-clap-similar-subcommand",
    "cli-clap-similar-value",
];

/// Sets `about` and every argument's help from Fluent, depth first, before clap builds.
fn describe(command: &mut Command, path: &mut Vec<String>, say: &mut dyn FnMut(&str) -> String) {
    let prefix = std::iter::once("cli".to_owned()).chain(path.iter().cloned()).collect::<Vec<_>>().join("-");
    let about = say(&format!("{prefix}-about"));
    let mut helps = Vec::new();
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str().to_owned();
        helps.push((id.clone(), say(&format!("{prefix}-arg-{}", id.replace('_', "-")))));
    }
    let has_subcommands = command.has_subcommands();
    let (value_name, heading) = match has_subcommands {
        true => (say("cli-usage-command"), say("cli-heading-commands")),
        false => (String::new(), String::new()),
    };
    let mut taken = std::mem::take(command).about(about).long_about(None).mut_args(|arg| {
        match helps.iter().find(|(id, _)| id == arg.get_id().as_str()) {
            // Defaults are named in the message itself: clap would add "[default: …]".
            Some((_, help)) => {
                let has_default = !arg.get_default_values().is_empty();
                arg.help(help.clone()).long_help(None).hide_default_value(has_default)
            }
            None => arg,
        }
    });
    if has_subcommands {
        taken = taken.subcommand_value_name(value_name).subcommand_help_heading(heading);
    }
    *command = taken;
    for sub in command.get_subcommands_mut() {
        path.push(sub.get_name().to_owned());
        describe(sub, path, say);
        path.pop();
    }
}

/// After the build: what clap added (`--help`, `--version`, `help`), the headings, and the
/// usage line with `[OPTIONS]` in the locale's words.
fn finish(command: &mut Command, say: &dyn Fn(&str) -> String) {
    let is_help = command.get_name() == "help";
    let (options, arguments) = (say("cli-heading-options"), say("cli-heading-arguments"));
    let mut taken = std::mem::take(command).mut_args(|arg: Arg| {
        let arg = match arg.get_id().as_str() {
            "help" if !arg.is_positional() => arg.help(say("cli-help-flag")),
            "version" if !arg.is_positional() => arg.help(say("cli-version-flag")),
            "subcommand" if is_help => arg.help(say("cli-help-arg-subcommand")),
            _ => arg,
        };
        // Every argument under a heading of ours: clap's own ("Options") are fixed English.
        let heading = if arg.is_positional() { arguments.clone() } else { options.clone() };
        arg.help_heading(heading)
    });
    if is_help {
        taken = taken.about(say("cli-help-about"));
    }
    let usage = taken.render_usage().to_string();
    let usage = usage.split_once(' ').map_or(usage.as_str(), |(_, rest)| rest);
    let usage = usage.replace("[OPTIONS]", &say("cli-usage-options"));
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        say("cli-heading-usage")
    );
    *command = taken.override_usage(usage).help_template(template);
    for sub in command.get_subcommands_mut() {
        finish(sub, say);
    }
}

/// clap's refusal of the arguments, as clap writes it but in `locale`: the reason, the
/// usage, and where to read more. Kinds without a message of ours keep clap's text.
pub fn explain(error: &clap::Error, l10n: &Localizer, locale: &str) -> String {
    let say = |id: &str, args: Args| l10n.plain(locale, id, &args);
    let text = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(value)) => Some(value.clone()),
        Some(ContextValue::Strings(values)) => Some(values.join(", ")),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let reason = match error.kind() {
        ErrorKind::MissingRequiredArgument => {
            let list = match error.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(values)) => values.iter().map(|v| format!("\n  {v}")).collect(),
                _ => String::new(),
            };
            Some(say("cli-clap-missing-arguments", Args::new().with("arguments", list)))
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            Some(say("cli-clap-missing-value", Args::new().with("argument", arg.clone())))
        }
        ErrorKind::InvalidValue => {
            let mut reason =
                say("cli-clap-invalid-value", Args::new().with("value", value.clone()).with("argument", arg.clone()));
            if let Some(valid) = text(ContextKind::ValidValue) {
                reason.push_str("\n  ");
                reason.push_str(&say("cli-clap-possible-values", Args::new().with("values", valid)));
            }
            Some(reason)
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error).map(|source| match source.downcast_ref::<Refusal>() {
                Some(Refusal(id)) => say(id, Args::new()),
                None => source.to_string(),
            });
            let reason = say("cli-clap-invalid-value", Args::new().with("value", value.clone()).with("argument", arg));
            Some(match why {
                Some(why) => format!("{reason}: {why}"),
                None => reason,
            })
        }
        ErrorKind::UnknownArgument => Some(say("cli-clap-unknown-argument", Args::new().with("argument", arg))),
        ErrorKind::InvalidSubcommand => {
            let name = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            Some(say("cli-clap-unknown-subcommand", Args::new().with("name", name)))
        }
        ErrorKind::MissingSubcommand => {
            let name = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut reason = say("cli-clap-missing-subcommand", Args::new().with("command", name));
            if let Some(valid) = text(ContextKind::ValidSubcommand) {
                reason.push_str("\n  ");
                reason.push_str(&say("cli-clap-subcommands", Args::new().with("values", valid)));
            }
            Some(reason)
        }
        ErrorKind::ArgumentConflict => {
            let other = text(ContextKind::PriorArg);
            Some(match other {
                Some(other) if other != arg => {
                    say("cli-clap-conflict", Args::new().with("argument", arg).with("other", other))
                }
                _ => say("cli-clap-repeated", Args::new().with("argument", arg)),
            })
        }
        ErrorKind::TooManyValues => {
            Some(say("cli-clap-too-many-values", Args::new().with("value", value).with("argument", arg)))
        }
        _ => None,
    };
    let Some(reason) = reason else {
        return error.render().to_string();
    };
    let mut out = say("cli-error", Args::new().with("message", reason));
    let tips = [
        (ContextKind::SuggestedArg, "cli-clap-similar-argument"),
        (ContextKind::SuggestedSubcommand, "cli-clap-similar-subcommand"),
        (ContextKind::SuggestedValue, "cli-clap-similar-value"),
    ];
    let mut tipped = false;
    for (kind, id) in tips {
        if let Some(suggestion) = text(kind) {
            out.push_str(if tipped { "\n" } else { "\n\n" });
            out.push_str("  ");
            out.push_str(&say(id, Args::new().with("suggestion", suggestion)));
            tipped = true;
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.split_once(' ').map_or(usage.as_str(), |(_, rest)| rest);
        out.push_str(&format!("\n\n{} {usage}", say("cli-heading-usage", Args::new())));
    }
    out.push_str("\n\n");
    out.push_str(&say("cli-try-help", Args::new()));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::l10n::shipped;

    #[test]
    fn every_command_and_argument_has_its_words_in_every_locale() {
        let l10n = shipped();
        let ids = message_ids();
        assert!(ids.contains(&"cli-user-add-arg-email".to_owned()), "{ids:?}");
        assert!(ids.contains(&"cli-arg-config".to_owned()), "{ids:?}");
        for locale in ["en", "ar"] {
            for id in &ids {
                assert!(l10n.has_message(locale, id), "{locale}: {id} missing");
            }
        }
    }

    #[test]
    fn help_is_in_the_locale_asked_for() {
        let l10n = shipped();
        let mut arabic = command(&l10n, "ar");
        let help = arabic.render_help().to_string();
        assert!(help.contains(&l10n.plain("ar", "cli-heading-usage", &Args::new())), "{help}");
        assert!(help.contains(&l10n.plain("ar", "cli-user-about", &Args::new())), "{help}");
        assert!(!help.contains("Usage:") && !help.contains("Options:") && !help.contains("Print help"), "{help}");
        let add = arabic.find_subcommand_mut("user").and_then(|user| user.find_subcommand_mut("add")).unwrap();
        let help = add.render_help().to_string();
        assert!(help.contains(&l10n.plain("ar", "cli-user-add-arg-name", &Args::new())), "{help}");
        assert!(!help.contains("[OPTIONS]"), "{help}");
    }

    #[test]
    fn parsing_is_unchanged() {
        let l10n = shipped();
        let args =
            ["nashra", "user", "add", "--email", "a@b.test", "--name", "A", "--role", "admin", "--password-stdin"];
        let matches = command(&l10n, "ar").try_get_matches_from(args).unwrap();
        let (name, user) = matches.subcommand().unwrap();
        assert_eq!(name, "user");
        assert_eq!(user.subcommand().unwrap().1.get_one::<String>("email").unwrap(), "a@b.test");
        let refused = command(&l10n, "ar").try_get_matches_from(["nashra", "user", "add"]).unwrap_err();
        assert_eq!(refused.kind(), ErrorKind::MissingRequiredArgument);
        let said = explain(&refused, &l10n, "ar");
        assert!(said.contains("--email") && said.contains("الوسائط"), "{said}");
    }
}
