//! `/desk/stories`: the story list, its filters (a GET form, so a filtered list is an
//! address), search over titles, pagination in SQL, and the new-story form for editors.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{Choice, When};
use crate::db::editions;
use crate::db::stories::{self, AwaitingReview, Outdated, StoryFilter};
use crate::db::users::User;
use crate::db::{users, DbConn};
use crate::domain::workflow::Status;
use crate::domain::Role;
use crate::service::story_views::{views, StoryView};
use crate::service::{Error, Rules};

/// Stories per page.
pub const PAGE_SIZE: i64 = 50;
/// How many people the author menu offers.
const MENU_SIZE: i64 = 500;
/// How many editions the edition menu offers, newest first: the ones a desk works on. An
/// older edition's stories are one click away from its own screen, and a list filtered by
/// one keeps it in the menu. Five hundred options made a third of every list page's bytes.
const EDITION_MENU_SIZE: i64 = 30;

/// The filters as typed in the address. Every value is text, so a strange one is ignored
/// rather than refused: a list address never fails.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ListQuery {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub locale: String,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub edition: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub outdated: String,
    #[serde(default)]
    pub waiting: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: String,
}

impl ListQuery {
    fn page_number(&self) -> i64 {
        self.page.trim().parse::<i64>().unwrap_or(1).max(1)
    }

    /// The address of page `page` of this same list.
    fn href(&self, page: i64) -> String {
        let mut pairs: Vec<(&str, String)> = [
            ("q", &self.q),
            ("status", &self.status),
            ("locale", &self.locale),
            ("section", &self.section),
            ("edition", &self.edition),
            ("author", &self.author),
            ("outdated", &self.outdated),
            ("waiting", &self.waiting),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.trim().to_owned()))
        .collect();
        pairs.push(("page", page.to_string()));
        format!("/desk/stories?{}", serde_html_form::to_string(&pairs).unwrap_or_default())
    }

    /// The database filter these values ask for, ignoring values that mean nothing.
    fn filter(&self, rules: &Rules, user: &User, locales: &[String]) -> StoryFilter {
        let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        let locale = text(&self.locale).filter(|l| locales.contains(l));
        let status = self.status.trim().parse::<Status>().ok().map(|s| s.as_str().to_owned());
        let outdated = (self.outdated == "1")
            .then(|| Outdated { source_locale: rules.source_locale.clone(), locale: locale.clone() });
        let awaiting_review = (self.waiting == "1").then_some(if rules.allow_self_approval {
            AwaitingReview::Anyone
        } else {
            AwaitingReview::NotWrittenBy(user.id)
        });
        StoryFilter {
            status,
            locale,
            edition_id: self.edition.trim().parse().ok(),
            author_id: self.author.trim().parse().ok(),
            awaiting_review,
            only_ids: None,
            outdated,
            section: text(&self.section),
            q: text(&self.q),
        }
    }
}

/// One row: the story, its edition's label and when it last changed, in the person's zone.
#[derive(Debug, Serialize)]
pub struct Row {
    pub story: StoryView,
    pub edition: Option<String>,
    pub updated: When,
}

/// The new-story form: what was typed and, after a refusal, a sentence per field.
#[derive(Debug, Default, Serialize)]
pub struct NewStory {
    pub slug: String,
    pub section: String,
    pub errors: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct ListPage {
    pub query: ListQuery,
    pub rows: Vec<Row>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub filtered: bool,
    pub locales: Vec<String>,
    pub statuses: Vec<&'static str>,
    pub editions: Vec<Choice>,
    pub authors: Vec<Choice>,
    /// For editors and admins: the form to start a story.
    pub new_story: Option<NewStory>,
}

/// The list for `user` as `query` asks; `new_story` is the form as typed (after a refusal).
pub fn load(
    conn: &mut DbConn,
    rules: &Rules,
    user: &User,
    locales: &[String],
    query: ListQuery,
    new_story: Option<NewStory>,
) -> Result<ListPage, Error> {
    let filter = query.filter(rules, user, locales);
    let wanted = query.page_number();
    let (mut found, total) = stories::list(conn, &filter, PAGE_SIZE, (wanted - 1) * PAGE_SIZE)?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = wanted.min(pages);
    if page != wanted {
        // Past the end (an old bookmark): the last page instead.
        found = stories::list(conn, &filter, PAGE_SIZE, (page - 1) * PAGE_SIZE)?.0;
    }
    let edition_ids: Vec<i64> = found.iter().filter_map(|s| s.edition_id).collect();
    let labels: HashMap<i64, String> =
        editions::with_ids(conn, &edition_ids)?.into_iter().map(|e| (e.id, edition_label(e.number, &e.slug))).collect();
    let rows = views(conn, rules, found)?
        .into_iter()
        .map(|story| Row {
            edition: story.edition_id.and_then(|id| labels.get(&id).cloned()),
            updated: When::new(story.updated_at.naive_utc(), &user.time_zone),
            story,
        })
        .collect();
    let mut menu = editions::menu(conn, EDITION_MENU_SIZE)?;
    if let Some(chosen) = filter.edition_id.filter(|id| !menu.iter().any(|(menu_id, ..)| menu_id == id)) {
        menu.extend(editions::with_ids(conn, &[chosen])?.into_iter().map(|e| (e.id, e.number, e.slug)));
    }
    let editions = menu
        .into_iter()
        .map(|(id, number, slug)| Choice { value: id.to_string(), label: edition_label(number, &slug) })
        .collect();
    let authors = users::menu(conn, MENU_SIZE)?
        .into_iter()
        .map(|(id, name)| Choice { value: id.to_string(), label: name })
        .collect();
    let may_create = user.roles.has_or_admin(Role::Editor);
    let filtered = !query.href(1).ends_with("?page=1");
    Ok(ListPage {
        previous: (page > 1).then(|| query.href(page - 1)),
        next: (page < pages).then(|| query.href(page + 1)),
        filtered,
        rows,
        total,
        page,
        pages,
        locales: locales.to_vec(),
        statuses: Status::ALL.iter().map(|s| s.as_str()).collect(),
        editions,
        authors,
        new_story: may_create.then(|| new_story.unwrap_or_default()),
        query,
    })
}

/// How the list names an edition: its number and slug.
fn edition_label(number: i32, slug: &str) -> String {
    format!("{number} · {slug}")
}
