//! `/desk/stories/{id}`: both languages side by side, each with where it stands, the text
//! form, the workflow buttons the person's roles allow, what changed in the source when it
//! is outdated, and its revisions; the timeline of both underneath. A refused POST comes
//! back here as a [`Redo`]: what was typed, and why it was refused.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use serde::Serialize;

use super::diff::{self, FieldDiff};
use super::{Choice, Language, When};
use crate::db::translations::{self, Event, FullRevision, Translation};
use crate::db::users::User;
use crate::db::{media, stories, users, DbConn};
use crate::domain::revision::{ImageRef, Snapshot};
use crate::domain::workflow::{self, Action, Attempt, Status};
use crate::domain::Role;
use crate::service::outdated;
use crate::service::{Error, Rules};

/// How many images of the library the "add an image" menu offers.
const LIBRARY_CHOICES: i64 = 100;

/// One language's text as the form shows it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TextForm {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub link: String,
    pub images: Vec<ImageForm>,
}

/// An image placed in the text: the file (its name and its credit in this language are the
/// library's) and its words in this language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImageForm {
    pub media_id: i64,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub name: String,
}

impl TextForm {
    pub fn of(snapshot: &Snapshot) -> Self {
        Self {
            title: snapshot.title.clone(),
            summary: snapshot.summary.clone(),
            body: snapshot.body.clone(),
            link: snapshot.link.clone().unwrap_or_default(),
            images: snapshot
                .images
                .iter()
                .map(|i| ImageForm {
                    media_id: i.media_id,
                    alt: i.alt.clone(),
                    caption: i.caption.clone(),
                    ..Default::default()
                })
                .collect(),
        }
    }

    /// The text as a snapshot, not yet checked.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            link: Some(self.link.clone()).filter(|l| !l.trim().is_empty()),
            images: self
                .images
                .iter()
                .map(|i| ImageRef { media_id: i.media_id, alt: i.alt.clone(), caption: i.caption.clone() })
                .collect(),
        }
    }

    /// Fills in each image's file name and its credit in `locale` from the library.
    fn with_files(mut self, conn: &mut DbConn, locale: &str) -> Result<Self, Error> {
        for image in &mut self.images {
            if let Some(file) = media::find(conn, image.media_id)? {
                image.credit = media::credit_in(conn, file.id, locale)?.unwrap_or(file.credit);
                image.name = file.original_name;
            }
        }
        Ok(self)
    }
}

/// What a refused POST brings back to its language's column.
#[derive(Debug, Default)]
pub struct Redo {
    pub locale: String,
    /// The text as typed (a refused save): shown instead of the saved one.
    pub text: Option<TextForm>,
    /// The version the form carried; `None`: the current one (after a conflict, so that
    /// saving again saves over the other text, knowingly).
    pub version: Option<i64>,
    /// A sentence per field.
    pub errors: BTreeMap<String, String>,
    /// One sentence about the whole form.
    pub problem: Option<String>,
    /// Someone saved meanwhile: show their text and the difference.
    pub conflict: bool,
    pub comment: String,
    pub publish_at: String,
}

/// Where a language stands, as one sentence (`desk-story-state-<key>`).
#[derive(Debug, Serialize)]
pub struct StateLine {
    pub key: &'static str,
    pub who: String,
    pub when: Option<When>,
    pub comment: String,
}

#[derive(Debug, Serialize)]
pub struct ActionButton {
    pub action: &'static str,
    pub primary: bool,
}

#[derive(Debug, Serialize)]
pub struct ConflictView {
    /// The text someone else saved meanwhile.
    pub theirs: TextForm,
    pub who: String,
    /// From theirs to what the person typed.
    pub changes: Vec<FieldDiff>,
}

#[derive(Debug, Serialize)]
pub struct OutdatedView {
    pub based_on: Option<i32>,
    pub source: i32,
    pub source_locale: String,
    pub changes: Vec<FieldDiff>,
}

#[derive(Debug, Serialize)]
pub struct RevisionRow {
    pub number: i32,
    pub author: String,
    pub when: When,
    pub restored_from: Option<i32>,
    pub title: String,
    pub live: bool,
    pub latest: bool,
}

#[derive(Debug, Serialize)]
pub struct Column {
    pub language: Language,
    pub exists: bool,
    pub status: Option<Status>,
    pub outdated_flag: bool,
    pub state: StateLine,
    /// `desk-story-next-<key>`: what the person can do next.
    pub next: &'static str,
    pub version: String,
    pub text: TextForm,
    pub errors: BTreeMap<String, String>,
    pub problem: Option<String>,
    pub conflict: Option<ConflictView>,
    pub outdated: Option<OutdatedView>,
    /// For reviewers: what changed since the version readers see.
    pub live_changes: Option<Vec<FieldDiff>>,
    pub actions: Vec<ActionButton>,
    pub can_publish: bool,
    pub can_edit: bool,
    pub can_confirm: bool,
    /// A reviewer looking at their own revision: someone else approves it.
    pub own_revision: bool,
    pub comment: String,
    pub publish_at: String,
    pub revisions: Vec<RevisionRow>,
}

#[derive(Debug, Serialize)]
pub struct TimelineEntry {
    pub locale: String,
    pub who: String,
    pub action: String,
    pub to: String,
    pub comment: Option<String>,
    pub revision: i32,
    pub when: When,
    #[serde(skip)]
    order: (NaiveDateTime, i64),
}

#[derive(Debug, Serialize)]
pub struct EditorPage {
    pub id: i64,
    pub slug: String,
    pub section: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub timeline: Vec<TimelineEntry>,
    pub library: Vec<Choice>,
    pub time_zone: String,
}

/// People's names by id, read once each.
struct Names(HashMap<i64, String>);

impl Names {
    fn of(&mut self, conn: &mut DbConn, id: Option<i64>) -> Result<String, Error> {
        let Some(id) = id else { return Ok(String::new()) };
        if let Some(name) = self.0.get(&id) {
            return Ok(name.clone());
        }
        let name = users::find(conn, id)?.map(|u| u.display_name).unwrap_or_default();
        self.0.insert(id, name.clone());
        Ok(name)
    }
}

/// The editor of story `id` for `user`, with `redo` (a refused POST) in its column.
pub fn load(
    conn: &mut DbConn,
    rules: &Rules,
    user: &User,
    id: i64,
    languages: &[Language],
    redo: Option<Redo>,
) -> Result<EditorPage, Error> {
    let story = stories::find(conn, id)?.ok_or(Error::NotFound)?;
    let mut names = Names(HashMap::new());
    let mut redo = redo;
    let mut columns = Vec::new();
    let mut timeline = Vec::new();
    for language in languages {
        let translation = translations::find(conn, id, &language.code)?;
        let own_redo = match &redo {
            Some(r) if r.locale == language.code => redo.take(),
            _ => None,
        };
        let column = match translation {
            Some(translation) => {
                let events = translations::events(conn, translation.id)?;
                for event in &events {
                    timeline.push(TimelineEntry {
                        locale: language.code.clone(),
                        who: event.actor_name.clone().unwrap_or_default(),
                        action: event.action.clone(),
                        to: event.to_status.clone(),
                        comment: event.comment.clone(),
                        revision: event.revision_number,
                        when: When::new(event.created_at, &user.time_zone),
                        order: (event.created_at, event.id),
                    });
                }
                existing(conn, rules, user, language, &translation, &events, &mut names, own_redo)?
            }
            None => missing(conn, user, language, own_redo)?,
        };
        columns.push(column);
    }
    timeline.sort_by_key(|a| a.order);
    let title = [user.preferred_locale.as_str()]
        .into_iter()
        .chain(languages.iter().map(|l| l.code.as_str()))
        .find_map(|code| columns.iter().find(|c| c.language.code == code && c.exists && !c.text.title.is_empty()))
        .map(|c| c.text.title.clone())
        .unwrap_or_else(|| story.slug.clone());
    let library = media::recent(conn, LIBRARY_CHOICES)?
        .into_iter()
        .map(|m| Choice { value: m.id.to_string(), label: format!("#{} {}", m.id, m.original_name) })
        .collect();
    Ok(EditorPage {
        id,
        slug: story.slug,
        section: story.section,
        title,
        columns,
        timeline,
        library,
        time_zone: user.time_zone.clone(),
    })
}

/// A language with no text yet: an editor may write the first.
fn missing(conn: &mut DbConn, user: &User, language: &Language, redo: Option<Redo>) -> Result<Column, Error> {
    let can_edit = user.roles.has_or_admin(Role::Editor);
    let redo = redo.unwrap_or_default();
    Ok(Column {
        language: language.clone(),
        exists: false,
        status: None,
        outdated_flag: false,
        state: StateLine { key: "none", who: String::new(), when: None, comment: String::new() },
        next: if can_edit { "write" } else { "none" },
        version: String::new(),
        text: redo.text.unwrap_or_default().with_files(conn, &language.code)?,
        errors: redo.errors,
        problem: redo.problem,
        conflict: None,
        outdated: None,
        live_changes: None,
        actions: Vec::new(),
        can_publish: false,
        can_edit,
        can_confirm: false,
        own_revision: false,
        comment: String::new(),
        publish_at: String::new(),
        revisions: Vec::new(),
    })
}

#[allow(clippy::too_many_arguments)]
fn existing(
    conn: &mut DbConn,
    rules: &Rules,
    user: &User,
    language: &Language,
    translation: &Translation,
    events: &[Event],
    names: &mut Names,
    redo: Option<Redo>,
) -> Result<Column, Error> {
    let status = translation.status();
    let latest = revision(conn, translation.latest_revision_id)?;
    let saved = TextForm::of(&latest.snapshot).with_files(conn, &language.code)?;
    let wrote_latest = latest.revision.author_id == Some(user.id);
    let has_live = translation.live_revision_id.is_some();

    // The buttons: every action the workflow would accept from this person now.
    let available: Vec<Action> = Action::ALL
        .into_iter()
        .filter(|action| {
            let attempt = Attempt {
                action: *action,
                roles: &user.roles,
                actor_wrote_latest: wrote_latest,
                self_approval_allowed: rules.allow_self_approval,
                comment: Some("·"),
                has_live,
            };
            workflow::transition(status, &attempt).is_ok()
        })
        .collect();
    let primary = [Action::Submit, Action::Approve, Action::Publish].into_iter().find(|a| available.contains(a));
    let actions = available.iter().map(|a| ActionButton { action: a.as_str(), primary: Some(*a) == primary }).collect();
    let can_edit = workflow::after_save(status, &user.roles).is_ok();
    let own_revision = status == Status::InReview
        && wrote_latest
        && !rules.allow_self_approval
        && user.roles.has_or_admin(Role::Reviewer);

    let stale = outdated::outdated(conn, rules, translation)?;
    let outdated_flag = stale.is_some();
    let outdated = stale.map(|stale| {
        let compared = stale.compare();
        let deadline = std::time::Instant::now() + crate::domain::revision::DIFF_DEADLINE;
        OutdatedView {
            based_on: compared.based_on_revision,
            source: compared.source_revision,
            source_locale: rules.source_locale.clone(),
            changes: compared.changes.into_iter().map(|c| diff::text(c.field, c.before, c.after, deadline)).collect(),
        }
    });

    let live_changes = match translation.live_revision_id {
        Some(live_id)
            if live_id != translation.latest_revision_id
                && user.roles.has_or_admin(Role::Reviewer)
                && matches!(status, Status::InReview | Status::Approved) =>
        {
            let live = revision(conn, live_id)?;
            Some(diff::snapshots(&live.snapshot, &latest.snapshot))
        }
        _ => None,
    };

    let state = state_line(conn, translation, events, names, &user.time_zone)?;
    let mut revisions = Vec::new();
    for row in translations::revisions(conn, translation.id)? {
        revisions.push(RevisionRow {
            number: row.number,
            author: names.of(conn, row.author_id)?,
            when: When::new(row.created_at, &user.time_zone),
            restored_from: row.restored_from,
            title: row.title,
            live: Some(row.id) == translation.live_revision_id,
            latest: row.id == translation.latest_revision_id,
        });
    }

    let redo = redo.unwrap_or_default();
    let conflict = match (&redo.text, redo.conflict) {
        (Some(typed), true) => Some(ConflictView {
            theirs: saved.clone(),
            who: names.of(conn, latest.revision.author_id)?,
            changes: diff::snapshots(&latest.snapshot, &typed.snapshot()),
        }),
        _ => None,
    };
    let text = match redo.text {
        Some(typed) => typed.with_files(conn, &language.code)?,
        None => saved,
    };
    let next = match primary {
        Some(action) => action.as_str(),
        None if can_edit => "edit",
        None => "none",
    };
    Ok(Column {
        language: language.clone(),
        exists: true,
        status: Some(status),
        outdated_flag,
        state,
        next,
        version: redo.version.unwrap_or(translation.version).to_string(),
        text,
        errors: redo.errors,
        problem: redo.problem,
        conflict,
        can_confirm: outdated.is_some() && user.roles.has_or_admin(Role::Editor),
        outdated,
        live_changes,
        can_publish: available.contains(&Action::Publish),
        actions,
        can_edit,
        own_revision,
        comment: redo.comment,
        publish_at: redo.publish_at,
        revisions,
    })
}

fn revision(conn: &mut DbConn, id: i64) -> Result<FullRevision, Error> {
    translations::revision(conn, id)?.ok_or(Error::Inconsistent("a row it points to is missing"))
}

/// The sentence of where `translation` stands, from its latest matching event.
fn state_line(
    conn: &mut DbConn,
    translation: &Translation,
    events: &[Event],
    names: &mut Names,
    zone: &str,
) -> Result<StateLine, Error> {
    let last = |action: &str| events.iter().rev().find(|e| e.action == action);
    let line = |key, event: Option<&Event>, names: &mut Names, conn: &mut DbConn| -> Result<StateLine, Error> {
        Ok(StateLine {
            key,
            who: match event {
                Some(e) => names.of(conn, e.actor_id)?,
                None => String::new(),
            },
            when: event.map(|e| When::new(e.created_at, zone)),
            // Only a request for changes says something the person must act on.
            comment: event.filter(|_| key == "changes_requested").and_then(|e| e.comment.clone()).unwrap_or_default(),
        })
    };
    Ok(match translation.status() {
        Status::Draft => line("draft", events.last(), names, conn)?,
        Status::InReview => line("in_review", last("submit"), names, conn)?,
        Status::ChangesRequested => line("changes_requested", last("request_changes"), names, conn)?,
        Status::Approved => match translation.publish_at {
            Some(at) => StateLine {
                key: "scheduled",
                who: String::new(),
                when: Some(When::new(at, zone)),
                comment: String::new(),
            },
            None => line("approved", last("approve"), names, conn)?,
        },
        Status::Published => {
            let changed = translation.live_revision_id != Some(translation.latest_revision_id);
            StateLine {
                key: if changed { "published_changed" } else { "published" },
                who: String::new(),
                when: translation.published_at.map(|at| When::new(at, zone)),
                comment: String::new(),
            }
        }
    })
}
