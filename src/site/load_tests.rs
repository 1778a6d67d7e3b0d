//! The loaders pass database errors on: a page whose edition text cannot be read fails,
//! rather than showing as if the edition had no text in that locale.

use std::path::Path;
use std::sync::Arc;

use diesel::connection::SimpleConnection;

use super::{PagePath, Site};
use crate::config::{Overrides, Settings};
use crate::db::users::{self, NewUser};
use crate::db::Database;
use crate::domain::{Role, RoleSet};
use crate::l10n::Localizer;

/// The demo newsletter, imported into a fresh SQLite database.
fn demo() -> (tempfile::TempDir, Database, Site) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let url = format!("sqlite://{}", dir.path().join("site.db").display());
    let mut settings = Settings::load(&repo.join("config"), true, &Overrides { database_url: Some(url), bind: None })
        .expect("settings");
    settings.media.dir = dir.path().join("media");
    let l10n = Arc::new(
        Localizer::load(&repo.join("locales"), &settings.locales, &settings.default_locale).expect("locales load"),
    );
    let db = Database::open(&settings.database_url, &settings.database).expect("database");
    db.migrate().expect("migrations");
    let mut conn = db.connection().expect("a connection");
    let roles: RoleSet = vec![Role::Admin].into();
    for email in ["rana@plains.example", "karim@plains.example", "omar@plains.example", "salma@plains.example"] {
        let user = NewUser { email, display_name: email, password_hash: "x", preferred_locale: "en", roles: &roles };
        users::insert(&mut conn, user).expect("a user");
    }
    let locales: Vec<&str> = l10n.codes().collect();
    let plan = crate::import::read_plan(&repo.join("content/demo"), &locales).expect("the demo content");
    crate::import::apply(&mut conn, &plan, &settings.media, &locales).expect("the import");
    // As `nashra import` does: readers see an edition's live revision.
    crate::service::editions::adopt_unrevisioned(&mut conn).expect("editions get their live revisions");
    drop(conn);
    let site = Site::new(&settings, l10n, "https://plains.example.org").expect("the site");
    (dir, db, site)
}

#[test]
fn a_failing_edition_text_query_fails_the_page_instead_of_hiding_the_edition() {
    let (_dir, db, site) = demo();
    let mut conn = db.connection().expect("a connection");
    let home = PagePath::Home("en".into());
    let story = PagePath::Story("en".into(), "olive-harvest-cooperative".into());
    let mut shown = |page| {
        let page = site.render(&mut conn, page).expect("renders").expect("a page");
        String::from_utf8_lossy(&page.body).into_owned()
    };
    assert!(shown(&home).contains("Getting ready for winter, together"));
    assert!(shown(&story).contains("/en/editions/autumn-2026/"));
    conn.batch_execute("DROP TABLE edition_revision_texts").expect("the table goes");
    assert!(site.render(&mut conn, &home).is_err(), "the home page must not say 'no edition yet'");
    assert!(site.render(&mut conn, &story).is_err(), "the story page must not drop its edition link");
}
