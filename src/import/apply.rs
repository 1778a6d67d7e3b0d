//! Writing a checked plan into the database, all in one transaction.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDateTime;

use super::parse::{GroupPlan, ImportError, ImportStatus, Origin, Plan, Said, StoryPlan};
use crate::config::MediaSettings;
use crate::db::editions::{self, EditionChanges, EditionText};
use crate::db::translations::{self, NewEvent, StateChange};
use crate::db::{self, stories, users, DbConn, DbError};
use crate::domain::groups::{self, Layout};
use crate::domain::revision::{ImageRef, Snapshot};
use crate::domain::workflow::{Action, EventKind, Status};
use crate::domain::Role;
use crate::service;
use crate::service::media::NewImage;
use crate::service::publication::{LocaleTexts, PublicationInput};

/// What an import created, and what it noticed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub stories: usize,
    pub translations: usize,
    pub editions: usize,
    pub images: usize,
    /// Things imported as asked but worth a look, e.g. a story without an Arabic text.
    pub warnings: Vec<Said>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error("{0}")]
    Content(#[from] ImportError),
    #[error("database: {0}")]
    Database(#[from] DbError),
}

impl From<diesel::result::Error> for ImportFailure {
    fn from(error: diesel::result::Error) -> Self {
        ImportFailure::Database(error.into())
    }
}

/// Applies `plan`. Either everything is imported or nothing is (image files written before a
/// failure are removed again).
pub fn apply(
    conn: &mut DbConn,
    plan: &Plan,
    media: &MediaSettings,
    locales: &[&str],
) -> Result<ImportReport, ImportFailure> {
    let mut written = Vec::new();
    let result = db::write_transaction(conn, |conn| import(conn, plan, media, locales, &mut written));
    if result.is_err() {
        service::media::remove_files(&media.dir, written.iter().map(String::as_str));
    }
    result
}

fn import(
    conn: &mut DbConn,
    plan: &Plan,
    media: &MediaSettings,
    locales: &[&str],
    written: &mut Vec<String>,
) -> Result<ImportReport, ImportFailure> {
    let mut report = ImportReport::default();
    if let Some(settings) = &plan.publication {
        let input = PublicationInput {
            website_url: settings.website_url.clone(),
            social_account: settings.social_account.clone(),
            contact_email: settings.contact_email.clone(),
            sender_address: settings.sender_address.clone(),
            texts: settings
                .texts
                .iter()
                .map(|(locale, t)| LocaleTexts {
                    locale: locale.clone(),
                    newsletter_name: t.newsletter_name.clone(),
                    postal_address: t.postal_address.clone(),
                    funders_line: t.funders_line.clone(),
                    sender_name: t.sender_name.clone(),
                })
                .collect(),
        };
        // Checked with line numbers when the plan was read; a refusal here is the same rule.
        let origin = Origin { file: plan.dir.join("publication.toml"), line: 0 };
        service::publication::save(conn, input).map_err(|error| match error {
            service::Error::Db(e) => ImportFailure::Database(e),
            service::Error::Invalid(problems) => origin.invalid(problems).into(),
            other => origin.error(Said::new("import-refused").with("detail", other)).into(),
        })?;
    }
    let default_author = users::list(conn, Some(Role::Admin), 1, 0)?
        .0
        .first()
        .map(|u| u.id)
        .ok_or_else(|| Origin { file: plan.dir.clone(), line: 0 }.error(Said::new("import-no-admin")))?;
    let images = store_images(conn, plan, media, locales, default_author, written)?;
    report.images = images.len();

    let mut edition_ids = HashMap::new();
    for edition in &plan.editions {
        if editions::find_by_slug(conn, &edition.slug)?.is_some()
            || editions::find_by_number(conn, edition.number)?.is_some()
        {
            return Err(edition.origin.error(Said::new("import-edition-exists").with("slug", &edition.slug)).into());
        }
        let required: Vec<String> =
            locales.iter().filter(|l| edition.texts.contains_key(**l)).map(|l| l.to_string()).collect();
        let id = editions::insert(conn, edition.number, &edition.slug, &required, default_author)?;
        for (locale, text) in &edition.texts {
            editions::put_text(
                conn,
                &EditionText {
                    edition_id: id,
                    locale: locale.clone(),
                    title: text.title.clone(),
                    foreword: text.foreword.clone(),
                    signature_name: text.signature_name.clone(),
                    signature_role: text.signature_role.clone(),
                    cover_alt: text.cover_alt.clone(),
                    updated_at: db::now(),
                    group_texts: groups::encode_texts(&text.groups),
                },
            )?;
        }
        let published_at = edition.published_at.as_deref().map(|raw| when(raw, &edition.origin)).transpose()?;
        let changes = EditionChanges {
            cover_media_id: edition.cover.as_ref().map(|file| images.get(file).copied()),
            published_at: Some(published_at),
            ..Default::default()
        };
        editions::update(conn, id, changes)?;
        edition_ids.insert(edition.slug.clone(), id);
        report.editions += 1;
    }

    let mut story_ids = HashMap::new();
    for story in &plan.stories {
        let id = import_story(conn, story, locales, &images, default_author)?;
        story_ids.insert(story.slug.clone(), id);
        report.stories += 1;
        report.translations += story.texts.len();
        for locale in locales.iter().filter(|l| !story.texts.contains_key(**l)) {
            report.warnings.push(
                Said::new("import-no-text")
                    .with("file", story.origin.file.display())
                    .with("slug", &story.slug)
                    .with("locale", locale),
            );
        }
    }

    for edition in &plan.editions {
        let mut order: Vec<i64> = edition.stories.iter().filter_map(|slug| story_ids.get(slug).copied()).collect();
        for story in plan.stories.iter().filter(|s| s.edition.as_deref() == Some(edition.slug.as_str())) {
            let id = story_ids[&story.slug];
            if !order.contains(&id) {
                order.push(id);
            }
        }
        let layout = match &edition.groups {
            None => Layout::Ungrouped(order),
            // A story that names the edition without being in one of its groups joins the
            // last, as `Layout::assemble` places any story of no known group.
            Some(planned) => {
                let group_of = |id: i64| {
                    let listed = |g: &&GroupPlan| g.stories.iter().any(|slug| story_ids.get(slug) == Some(&id));
                    planned.iter().find(listed).map(|g| g.key.clone())
                };
                let placed = order.into_iter().map(|id| (id, group_of(id))).collect();
                Layout::assemble(planned.iter().map(|g| (g.key.clone(), g.lettered)).collect(), placed)
            }
        };
        editions::set_layout(conn, edition_ids[&edition.slug], &layout)?;
    }
    Ok(report)
}

fn store_images(
    conn: &mut DbConn,
    plan: &Plan,
    media: &MediaSettings,
    locales: &[&str],
    uploader: i64,
    written: &mut Vec<String>,
) -> Result<HashMap<String, i64>, ImportFailure> {
    // Each file once, with the credit every text placing it gives, by the text's locale.
    struct Wanted {
        file: String,
        credits: Vec<(String, String)>,
        origin: Origin,
    }
    let mut wanted: Vec<Wanted> = Vec::new();
    let mut want = |file: &str, credits: Vec<(String, String)>, origin: &Origin| match wanted
        .iter_mut()
        .find(|w| w.file == file)
    {
        Some(known) => known.credits.extend(credits),
        None => wanted.push(Wanted { file: file.to_owned(), credits, origin: origin.clone() }),
    };
    for edition in &plan.editions {
        if let Some(file) = &edition.cover {
            let credits = edition.cover_credits.iter().map(|(l, c)| (l.clone(), c.clone())).collect();
            want(file, credits, &edition.origin);
        }
    }
    for story in &plan.stories {
        for (locale, text) in &story.texts {
            for image in &text.images {
                let credits = image.credit.iter().map(|c| (locale.clone(), c.clone())).collect();
                want(&image.file, credits, &story.origin);
            }
        }
    }
    let mut ids = HashMap::new();
    for Wanted { file, credits, origin } in wanted {
        let path: PathBuf = plan.dir.join("images").join(&file);
        let bytes = std::fs::read(&path)
            .map_err(|e| origin.error(Said::new("import-image-unreadable").with("file", &file).with("detail", e)))?;
        // The credit of the first configured locale is the shared one; a locale whose text
        // says otherwise gets its own (the first its texts give).
        let mut credits = credits;
        credits.sort_by_key(|(locale, _)| locales.iter().position(|l| l == locale));
        let shared = credits.first().map(|(_, credit)| credit.as_str()).unwrap_or_default();
        let mut own: Vec<(&str, Option<&str>)> = Vec::new();
        for (locale, credit) in &credits {
            if credit != shared && !own.iter().any(|(l, _)| l == locale) {
                own.push((locale, Some(credit)));
            }
        }
        let new = NewImage { bytes: &bytes, original_name: &file, credit: shared, credits: &own, uploader };
        let added = service::media::add_image(conn, media, locales, new).map_err(|error| match error {
            service::Error::UnsupportedImage => {
                origin.error(Said::new("import-image-unsupported").with("file", &file)).into()
            }
            service::Error::Invalid(problems) => origin.invalid(problems).into(),
            service::Error::Storage(e) => {
                origin.error(Said::new("import-image-unstored").with("file", &file).with("detail", e)).into()
            }
            service::Error::Db(e) => ImportFailure::Database(e),
            other => origin.error(Said::new("import-refused").with("detail", other)).into(),
        })?;
        written.extend(added.files);
        let id = added.id;
        ids.insert(file, id);
    }
    Ok(ids)
}

fn import_story(
    conn: &mut DbConn,
    story: &StoryPlan,
    locales: &[&str],
    images: &HashMap<String, i64>,
    default_author: i64,
) -> Result<i64, ImportFailure> {
    if stories::find_by_slug(conn, &story.slug)?.is_some() {
        return Err(story.origin.error(Said::new("import-story-exists").with("slug", &story.slug)).into());
    }
    let author = user_id(conn, story.author.as_deref(), &story.origin)?.unwrap_or(default_author);
    let reviewer = user_id(conn, story.reviewer.as_deref(), &story.origin)?.unwrap_or(default_author);
    let id = stories::insert(conn, &story.slug, story.section.as_deref().unwrap_or_default(), author)?;
    let now = db::now();
    let published_at = story.published_at.as_deref().map(|raw| when(raw, &story.origin)).transpose()?.unwrap_or(now);
    let mut source_revision = None;
    // The source locale first, so the others record the revision they were translated from.
    for locale in locales.iter().filter(|l| story.texts.contains_key(**l)) {
        let text = &story.texts[*locale];
        let snapshot = Snapshot {
            title: text.title.clone(),
            summary: text.summary.clone(),
            body: text.body.clone(),
            link: text.link.clone(),
            images: text
                .images
                .iter()
                .map(|i| ImageRef { media_id: images[&i.file], alt: i.alt.clone(), caption: i.caption.clone() })
                .collect(),
        };
        let translation = translations::insert(conn, id, locale)?;
        let basis = source_revision;
        let revision = translations::insert_revision(conn, translation.id, &snapshot, author, basis, None)?;
        source_revision = source_revision.or(Some(revision.id));
        let (status, change, action, actor, comment) = match story.status.clone().unwrap_or(ImportStatus::Draft) {
            ImportStatus::Draft => (Status::Draft, StateChange::default(), EventKind::Import, author, None),
            ImportStatus::InReview => {
                (Status::InReview, StateChange::default(), EventKind::Step(Action::Submit), author, None)
            }
            ImportStatus::ChangesRequested => (
                Status::ChangesRequested,
                StateChange::default(),
                EventKind::Step(Action::RequestChanges),
                reviewer,
                story.comment.as_deref(),
            ),
            ImportStatus::Approved => {
                (Status::Approved, StateChange::default(), EventKind::Step(Action::Approve), reviewer, None)
            }
            ImportStatus::Scheduled => {
                let at = now + chrono::Duration::hours(story.publish_in_hours);
                (
                    Status::Approved,
                    StateChange { publish_at: Some(Some(at)), ..Default::default() },
                    EventKind::Schedule,
                    reviewer,
                    None,
                )
            }
            // Approved here, then published below the way every publication is.
            ImportStatus::Published => {
                (Status::Approved, StateChange::default(), EventKind::Step(Action::Approve), reviewer, None)
            }
        };
        let goes_live = matches!(story.status, Some(ImportStatus::Published));
        let change = StateChange {
            status: Some(status),
            latest_revision_id: Some(revision.id),
            source_revision_id: Some(basis),
            ..change
        };
        translations::update_if_version(conn, translation.id, translation.version, change)?;
        translations::insert_event(
            conn,
            NewEvent {
                translation_id: translation.id,
                actor_id: Some(actor),
                action,
                from: Status::Draft,
                to: status,
                comment,
                revision_number: revision.number,
            },
        )?;
        if goes_live {
            let approved = translations::find(conn, id, locale)?
                .ok_or_else(|| story.origin.error(Said::new("import-text-vanished").with("locale", locale)))?;
            let published = service::translations::publish(conn, &approved, Some(reviewer), None, published_at)
                .map_err(|error| match error {
                    service::Error::Db(e) => ImportFailure::Database(e),
                    other => story.origin.error(Said::new("import-refused").with("detail", other)).into(),
                })?;
            if !published {
                return Err(story.origin.error(Said::new("import-text-changed").with("locale", locale)).into());
            }
        }
    }
    Ok(id)
}

fn user_id(conn: &mut DbConn, email: Option<&str>, origin: &Origin) -> Result<Option<i64>, ImportFailure> {
    let Some(email) = email else { return Ok(None) };
    match users::find_by_email(conn, &email.to_lowercase())? {
        Some(user) => Ok(Some(user.id)),
        None => Err(origin.error(Said::new("import-unknown-user").with("email", email)).into()),
    }
}

/// `YYYY-MM-DD` (noon UTC, so the date is the same everywhere) or RFC 3339.
fn when(raw: &str, origin: &Origin) -> Result<NaiveDateTime, ImportError> {
    if let Ok(date) = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(date.and_hms_opt(12, 0, 0).unwrap_or_default());
    }
    chrono::DateTime::parse_from_rfc3339(raw)
        .map(|t| t.naive_utc())
        .map_err(|_| origin.error(Said::new("import-bad-time").with("value", raw)))
}
