//! What every desk page shows around its content: the language and direction, the sections
//! the signed-in person's roles open, the language switch, the anti-forgery token its forms
//! carry and the message left by the last action.

use serde::Serialize;

use crate::db::users::User;
use crate::domain::Role;

/// A section of the top bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Start,
    Stories,
    Editions,
    Media,
    Subscribers,
    Users,
    Account,
}

impl Section {
    pub fn path(self) -> &'static str {
        match self {
            Section::Start => "/desk/",
            Section::Stories => "/desk/stories",
            Section::Editions => "/desk/editions",
            Section::Media => "/desk/media",
            Section::Subscribers => "/desk/subscribers",
            Section::Users => "/desk/users",
            Section::Account => "/desk/account",
        }
    }

    /// The role a section needs; `None`: every signed-in person.
    pub fn role(self) -> Option<Role> {
        match self {
            Section::Subscribers | Section::Users => Some(Role::Admin),
            _ => None,
        }
    }

    /// The sections of the top bar, in order.
    const BAR: [Section; 6] =
        [Section::Start, Section::Stories, Section::Editions, Section::Media, Section::Subscribers, Section::Users];
}

#[derive(Debug, Serialize)]
pub struct NavItem {
    pub section: Section,
    pub href: &'static str,
    /// The Fluent id of its label.
    pub label: String,
    pub current: bool,
}

/// Who is signed in, as the chrome shows them.
#[derive(Debug, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub is_admin: bool,
    pub is_editor: bool,
    pub is_reviewer: bool,
}

impl Person {
    pub fn of(user: &User) -> Self {
        Self {
            id: user.id,
            name: user.display_name.clone(),
            email: user.email.clone(),
            is_admin: user.roles.has(Role::Admin),
            is_editor: user.roles.has_or_admin(Role::Editor),
            is_reviewer: user.roles.has_or_admin(Role::Reviewer),
        }
    }
}

/// A language the interface can switch to.
#[derive(Debug, Serialize)]
pub struct Language {
    pub code: String,
    /// Its own name for itself ("English", "العربية").
    pub name: String,
    pub current: bool,
}

/// A message left by the last action, shown once at the top of the next page.
#[derive(Debug, Serialize)]
pub struct Flash {
    /// The Fluent id of the sentence.
    pub message: String,
    /// `done` or `problem`, for its look.
    pub tone: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Chrome {
    pub lang: String,
    pub dir: &'static str,
    /// The newsletter's name in this language.
    pub site_name: String,
    pub person: Option<Person>,
    pub nav: Vec<NavItem>,
    pub languages: Vec<Language>,
    /// The token every form carries (`csrf`).
    pub csrf: String,
    pub flash: Option<Flash>,
    /// The page's own address, for the language switch to come back to.
    pub path: String,
}

impl Chrome {
    /// The top bar for `user`, with `current` marked; an empty bar before sign-in.
    pub fn nav(user: Option<&User>, current: Option<Section>) -> Vec<NavItem> {
        let Some(user) = user else { return Vec::new() };
        Section::BAR
            .into_iter()
            .filter(|section| section.role().is_none_or(|role| user.roles.has_or_admin(role)))
            .map(|section| NavItem {
                section,
                href: section.path(),
                label: format!("desk-nav-{}", serde_plain_name(section)),
                current: current == Some(section),
            })
            .collect()
    }
}

fn serde_plain_name(section: Section) -> &'static str {
    match section {
        Section::Start => "start",
        Section::Stories => "stories",
        Section::Editions => "editions",
        Section::Media => "media",
        Section::Subscribers => "subscribers",
        Section::Users => "users",
        Section::Account => "account",
    }
}
