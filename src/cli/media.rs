//! `nashra media variants`: the resized variants of images uploaded before there were any
//! (uploads since get theirs at once), or of every image again with `--all`.

use clap::Subcommand;

use super::{Context, Failure};
use crate::l10n::Args;
use crate::service::media::{make_missing_variants, VariantsOutcome};

#[derive(Subcommand)]
pub enum MediaCommand {
    /// Make the resized variants (480, 600, 960 and 1600 pixels wide) of every image that has
    /// none yet, one image at a time. Safe to run while the server runs, and again.
    Variants {
        /// Make them again for every image, not only for those without.
        #[arg(long)]
        all: bool,
    },
}

pub fn run(context: &Context, command: MediaCommand) -> Result<(), Failure> {
    let MediaCommand::Variants { all } = command;
    let db = context.database()?;
    let mut conn = db.connection().map_err(|e| Failure::Technical(e.to_string()))?;
    let images = make_missing_variants(&mut conn, &context.settings.media, all, |image, outcome| {
        let name = if image.original_name.is_empty() { image.file_name.clone() } else { image.original_name.clone() };
        let line = match outcome {
            VariantsOutcome::Made(count) => {
                context.say("cli-media-variants-made", &Args::new().with("name", name).with("count", *count))
            }
            VariantsOutcome::Unreadable(reason) => context
                .say("cli-media-variants-unreadable", &Args::new().with("name", name).with("reason", reason.clone())),
        };
        println!("{line}");
    })
    .map_err(|e| Failure::Technical(e.to_string()))?;
    println!("{}", context.say("cli-media-variants-done", &Args::new().with("count", images)));
    Ok(())
}
