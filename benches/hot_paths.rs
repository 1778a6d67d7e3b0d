//! Micro-benchmarks of the hot paths (`cargo bench`): Markdown to safe HTML, rendering a
//! story page, building one email, verifying an access token. Content is the demo newsletter,
//! imported into a temporary SQLite database.

use std::path::Path;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use nashra::auth::TokenKeys;
use nashra::config::{Overrides, Settings};
use nashra::db::users::{self, NewUser};
use nashra::db::Database;
use nashra::delivery::compose::PersonalLinks;
use nashra::delivery::load::edition_email_by_slug;
use nashra::delivery::message::{build, Addressing};
use nashra::domain::{Role, RoleSet};
use nashra::l10n::Localizer;
use nashra::render::markdown::to_safe_html;
use nashra::site::{PagePath, Site};

fn setup() -> (tempfile::TempDir, Settings, Database, Arc<Site>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let overrides =
        Overrides { database_url: Some(format!("sqlite://{}", dir.path().join("bench.db").display())), bind: None };
    let mut settings = Settings::load(&repo.join("config"), true, &overrides).expect("settings");
    settings.media.dir = dir.path().join("media");
    settings.locales_dir = repo.join("locales");
    let l10n =
        Arc::new(Localizer::load(&settings.locales_dir, &settings.locales, &settings.default_locale).expect("locales"));
    let db = Database::open(&settings.database_url, &settings.database).expect("database");
    db.migrate().expect("migrations");
    let mut conn = db.connection().expect("connection");
    let roles: RoleSet = vec![Role::Admin].into();
    for email in [
        "admin@plains.example",
        "rana@plains.example",
        "karim@plains.example",
        "omar@plains.example",
        "salma@plains.example",
    ] {
        let user = NewUser { email, display_name: email, password_hash: "x", preferred_locale: "en", roles: &roles };
        users::insert(&mut conn, user).expect("user");
    }
    let locales: Vec<&str> = l10n.codes().collect();
    let plan = nashra::import::read_plan(&repo.join("content/demo"), &locales).expect("demo content");
    nashra::import::apply(&mut conn, &plan, &settings.media, &locales).expect("import");
    let site = Arc::new(Site::new(&settings, l10n, "https://plains.example.org").expect("site"));
    (dir, settings, db, site)
}

fn benches(c: &mut Criterion) {
    let (_dir, settings, db, site) = setup();
    let body = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/demo/stories/olive-harvest-cooperative.md"),
    )
    .unwrap_or_else(|_| "# Title\n\nSome **bold** text.\n".repeat(20));
    c.bench_function("markdown to safe HTML (one story)", |b| b.iter(|| to_safe_html(&body)));

    let mut conn = db.connection().expect("connection");
    let story = PagePath::Story("ar".into(), "olive-harvest-cooperative".into());
    c.bench_function("render a story page (Arabic, no cache)", |b| {
        b.iter(|| site.render(&mut conn, &story).expect("render").expect("page"))
    });

    let composed = edition_email_by_slug(&site, &mut conn, "bulletin@plains.example", "autumn-2026", "ar")
        .expect("compose")
        .expect("published edition");
    c.bench_function("build one email from the shared rendering", |b| {
        b.iter(|| {
            let addressing = Addressing {
                to: "reader@example.org",
                links: PersonalLinks {
                    link: "https://plains.example.org/unsubscribe?token=1.abc",
                    preferences: "https://plains.example.org/preferences?token=1.def",
                },
                unsubscribe: Some("https://plains.example.org/unsubscribe?token=1.abc"),
                message_id: "<edition-1.subscriber-1@plains.example.org>".into(),
            };
            build(&composed, &addressing).expect("message").formatted()
        })
    });

    let stored = nashra::auth::secret::generate().into();
    let keyring = nashra::auth::secret::Keyring::from_settings(&settings.auth, Some(stored)).expect("a strong secret");
    let keys = TokenKeys::new(&settings.auth, &keyring).expect("keys");
    let token = keys.issue(1, [Role::Editor]);
    c.bench_function("verify an access token", |b| b.iter(|| keys.verify(&token).expect("valid")));
}

criterion_group!(hot_paths, benches);
criterion_main!(hot_paths);
