//! `nashra serve` and `nashra migrate`.

use std::io::Write;

use super::{Context, Failure};
use crate::app::Application;
use crate::l10n::Args;

pub fn run(context: Context) -> Result<(), Failure> {
    run_with(context, |_| String::new())
}

/// Serves; once listening, prints the `listening on` line and then `banner(address)`.
pub fn run_with(context: Context, banner: impl FnOnce(std::net::SocketAddr) -> String) -> Result<(), Failure> {
    super::mail::check_smtp(&context)?;
    let db = context.database()?;
    let keyring = context.keyring(&db)?;
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(context.settings, db, context.l10n, &keyring)
            .map_err(|e| Failure::Technical(e.to_string()))?;
        // Scripts and tests wait for exactly this line, so it is not localized.
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "listening on http://{}", app.address());
        let banner = banner(app.address());
        if !banner.is_empty() {
            let _ = writeln!(stdout, "{banner}");
        }
        let _ = stdout.flush();
        app.run_until_stopped().await.map_err(|e| Failure::Technical(e.to_string()))
    })
}

pub fn migrate(context: &Context) -> Result<(), Failure> {
    let db = crate::db::Database::open(&context.settings.database_url, &context.settings.database)
        .map_err(|e| Failure::Technical(e.to_string()))?;
    let applied = db.migrate().map_err(|e| Failure::Technical(e.to_string()))?;
    println!("{}", context.say("cli-migrations-applied", &Args::new().with("count", applied.len())));
    for name in applied {
        println!("  {name}");
    }
    Ok(())
}
