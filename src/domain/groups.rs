//! How an edition arranges its stories (SPEC §12): one ordered list, or ordered groups, each
//! with a key, its stories in order and whether they are lettered (a, b, c… in each locale's
//! own letters); and each group's heading and introduction in one locale.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{Invalid, Slug};

/// More groups than a bulletin has parts is a mistake, and every limit is bounded.
pub const MAX_GROUPS: usize = 20;
pub const MAX_HEADING_CHARS: usize = 300;
pub const MAX_INTRO_BYTES: usize = 20_000;

/// One group as an edition's layout asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub key: String,
    pub lettered: bool,
    pub story_ids: Vec<i64>,
}

/// An edition's stories in order: one plain list, or every story in one of ordered groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    Ungrouped(Vec<i64>),
    Grouped(Vec<Group>),
}

impl Layout {
    /// The layout stored as `groups` (key and lettered, in order) and `stories` (id and group
    /// key, in order). A story naming no stored group (which writes never leave) joins the
    /// last group rather than vanish from the edition.
    pub fn assemble(groups: Vec<(String, bool)>, stories: Vec<(i64, Option<String>)>) -> Self {
        if groups.is_empty() {
            return Layout::Ungrouped(stories.into_iter().map(|(id, _)| id).collect());
        }
        let mut groups: Vec<Group> =
            groups.into_iter().map(|(key, lettered)| Group { key, lettered, story_ids: Vec::new() }).collect();
        for (id, key) in stories {
            let at = groups.iter().position(|g| Some(&g.key) == key.as_ref()).unwrap_or(groups.len() - 1);
            groups[at].story_ids.push(id);
        }
        Layout::Grouped(groups)
    }

    /// The groups (none for one plain list).
    pub fn groups(&self) -> &[Group] {
        match self {
            Layout::Ungrouped(_) => &[],
            Layout::Grouped(groups) => groups,
        }
    }

    /// The group keys, in order.
    pub fn keys(&self) -> Vec<String> {
        self.groups().iter().map(|g| g.key.clone()).collect()
    }

    /// Every story in reading order with its group's key (`None` in a plain list): how the
    /// layout is stored.
    pub fn placements(&self) -> Vec<(i64, Option<&str>)> {
        match self {
            Layout::Ungrouped(ids) => ids.iter().map(|id| (*id, None)).collect(),
            Layout::Grouped(groups) => {
                groups.iter().flat_map(|g| g.story_ids.iter().map(|id| (*id, Some(g.key.as_str())))).collect()
            }
        }
    }

    /// Every story, in reading order.
    pub fn story_ids(&self) -> Vec<i64> {
        match self {
            Layout::Ungrouped(ids) => ids.clone(),
            Layout::Grouped(groups) => groups.iter().flat_map(|g| g.story_ids.iter().copied()).collect(),
        }
    }

    /// Checks every rule, reporting every problem at once: group keys are slugs (they appear
    /// in addresses and anchors) and unique, there are at most [`MAX_GROUPS`], and no story
    /// appears twice.
    pub fn check(self) -> Result<Self, Vec<Invalid>> {
        let mut problems = Vec::new();
        if let Layout::Grouped(groups) = &self {
            if groups.len() > MAX_GROUPS {
                problems.push(Invalid::new("groups", "too-many-groups").with_limit(MAX_GROUPS));
            }
            let mut keys = HashSet::new();
            for group in groups {
                if let Err(invalid) = Slug::parse(&group.key) {
                    problems.push(Invalid { field: "groups", ..invalid });
                } else if !keys.insert(group.key.as_str()) {
                    problems.push(Invalid::new("groups", "duplicate-group"));
                }
            }
        }
        let ids = self.story_ids();
        let mut seen = HashSet::new();
        if ids.iter().any(|id| !seen.insert(*id)) {
            let field = if matches!(self, Layout::Grouped(_)) { "groups" } else { "story_ids" };
            problems.push(Invalid::new(field, "duplicate-story"));
        }
        problems.dedup();
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }
}

/// A group's texts in one locale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupText {
    #[serde(default)]
    pub heading: String,
    /// Markdown, stored as written.
    #[serde(default)]
    pub intro: String,
}

/// Every group's texts in one locale, by group key.
pub type GroupTexts = BTreeMap<String, GroupText>;

/// Group texts as stored (`edition_translations.group_texts`): a JSON object.
pub fn encode_texts(texts: &GroupTexts) -> String {
    serde_json::to_string(texts).unwrap_or_else(|_| "{}".to_owned())
}

/// Group texts as stored; what cannot be read (never written by nashra) counts as none.
pub fn decode_texts(stored: &str) -> GroupTexts {
    serde_json::from_str(stored).unwrap_or_default()
}

/// Checks one locale's group texts against the edition's group keys; the headings come back
/// trimmed.
pub fn check_texts(texts: GroupTexts, keys: &[String]) -> Result<GroupTexts, Vec<Invalid>> {
    let mut problems = Vec::new();
    let mut checked = GroupTexts::new();
    for (key, text) in texts {
        if !keys.contains(&key) {
            problems.push(Invalid::new("groups", "unknown-group"));
            continue;
        }
        problems.extend(check_text(&text).into_iter().map(|invalid| Invalid { field: "groups", ..invalid }));
        checked.insert(key, GroupText { heading: text.heading.trim().to_owned(), intro: text.intro });
    }
    problems.dedup();
    if problems.is_empty() {
        Ok(checked)
    } else {
        Err(problems)
    }
}

/// Checks one group's texts in one locale, naming the field (`heading`, `intro`) each problem
/// belongs to, so a form can show it there; [`check_texts`] applies the same rules.
pub fn check_text(text: &GroupText) -> Vec<Invalid> {
    let mut problems = Vec::new();
    if text.heading.chars().count() > MAX_HEADING_CHARS {
        problems.push(Invalid::new("heading", "text-too-long").with_limit(MAX_HEADING_CHARS));
    }
    // One line: a heading, also in the email's plain-text part.
    if text.heading.chars().any(char::is_control) {
        problems.push(Invalid::new("heading", "control-characters"));
    }
    if text.intro.len() > MAX_INTRO_BYTES {
        problems.push(Invalid::new("intro", "body-too-long").with_limit(MAX_INTRO_BYTES));
    }
    problems
}

/// The label of the story at `index` (from 0) of a lettered group, in `letters` (a locale's
/// alphabet in its lettering order): a, b, … z, then aa, ab, … as spreadsheets number
/// columns, so a long group never runs out. No letters: the number itself.
pub fn label(index: usize, letters: &[String]) -> String {
    if letters.is_empty() {
        return (index + 1).to_string();
    }
    let base = letters.len();
    let mut n = index + 1;
    let mut parts = Vec::new();
    while n > 0 {
        let digit = (n - 1) % base;
        parts.push(letters[digit].as_str());
        n = (n - 1) / base;
    }
    parts.reverse();
    parts.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(key: &str, ids: &[i64]) -> Group {
        Group { key: key.into(), lettered: true, story_ids: ids.to_vec() }
    }

    #[test]
    fn a_layout_reads_group_after_group() {
        let layout = Layout::Grouped(vec![group("programme", &[3, 1]), group("news", &[2])]);
        assert_eq!(layout.clone().check().unwrap().story_ids(), [3, 1, 2]);
        assert_eq!(Layout::Ungrouped(vec![5, 4]).story_ids(), [5, 4]);
        let stored = vec![(3, Some("programme".into())), (1, Some("programme".into())), (2, Some("news".into()))];
        let groups = vec![("programme".into(), true), ("news".into(), true)];
        assert_eq!(Layout::assemble(groups, stored.clone()), layout);
        assert_eq!(Layout::assemble(Vec::new(), stored), Layout::Ungrouped(vec![3, 1, 2]));
        let orphan = Layout::assemble(vec![("news".into(), false)], vec![(7, None)]);
        assert_eq!(orphan.groups()[0].story_ids, [7]);
    }

    #[test]
    fn bad_layouts_are_refused_with_every_reason() {
        let twice = Layout::Grouped(vec![group("news", &[1]), group("news", &[1])]);
        let codes: Vec<&str> = twice.check().unwrap_err().iter().map(|i| i.code).collect();
        assert_eq!(codes, ["duplicate-group", "duplicate-story"]);
        let bad_key = Layout::Grouped(vec![group("Not a key", &[])]);
        assert_eq!(bad_key.check().unwrap_err()[0].field, "groups");
        let many = Layout::Grouped((0..=MAX_GROUPS).map(|i| group(&format!("g{i}"), &[])).collect());
        assert_eq!(many.check().unwrap_err()[0].code, "too-many-groups");
        assert_eq!(Layout::Ungrouped(vec![1, 1]).check().unwrap_err()[0].field, "story_ids");
    }

    #[test]
    fn group_texts_name_known_groups_and_keep_to_limits() {
        let keys = vec!["programme".to_owned()];
        let mut texts = GroupTexts::new();
        texts.insert("programme".into(), GroupText { heading: " Programme ".into(), intro: "Our work.".into() });
        assert_eq!(check_texts(texts.clone(), &keys).unwrap()["programme"].heading, "Programme");
        texts.insert("other".into(), GroupText::default());
        assert_eq!(check_texts(texts, &keys).unwrap_err()[0].code, "unknown-group");
        let mut broken = GroupTexts::new();
        broken.insert("programme".into(), GroupText { heading: "a\nb".into(), intro: "x".repeat(MAX_INTRO_BYTES + 1) });
        let codes: Vec<&str> = check_texts(broken, &keys).unwrap_err().iter().map(|i| i.code).collect();
        assert_eq!(codes, ["control-characters", "body-too-long"]);
        let long = GroupText { heading: "h".repeat(MAX_HEADING_CHARS + 1), intro: String::new() };
        let fields: Vec<(&str, &str)> = check_text(&long).iter().map(|i| (i.field, i.code)).collect();
        assert_eq!(fields, [("heading", "text-too-long")]);
        assert!(check_text(&GroupText { heading: "Programme".into(), intro: "x".into() }).is_empty());
    }

    #[test]
    fn labels_follow_the_locales_letters() {
        let latin: Vec<String> = ('a'..='z').map(String::from).collect();
        let arabic: Vec<String> = "أ ب ج د".split(' ').map(String::from).collect();
        assert_eq!([0, 7, 25, 26, 27].map(|i| label(i, &latin)), ["a", "h", "z", "aa", "ab"]);
        assert_eq!([0, 2, 4].map(|i| label(i, &arabic)), ["أ", "ج", "أأ"]);
        assert_eq!(label(2, &[]), "3");
    }
}
