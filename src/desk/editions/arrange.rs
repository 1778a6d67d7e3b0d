//! What each of the edition screen's arrangement buttons does to an edition's layout (SPEC
//! §12): every move starts from the current [`Layout`] and gives the whole new one, which the
//! handler sends to `service::editions::update` (as `groups` when the edition has groups), so a
//! grouped edition stays grouped and keeps its group texts. Pure; whether the result is a
//! valid layout (key rules, how many groups) is the service's to check, in one place.

use crate::domain::groups::{Group, Layout};

/// The move names a story or a group the edition does not have (any more): someone changed the
/// edition after the page was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Up,
    Down,
}

impl Step {
    /// The form's `direction` (`up`, `down`); anything else is no step.
    pub fn parse(direction: &str) -> Option<Self> {
        match direction {
            "up" => Some(Step::Up),
            "down" => Some(Step::Down),
            _ => None,
        }
    }
}

/// Adds `story` at the end: of the list, or of the last group (the page says so). A story
/// already in the edition stays where it is.
pub fn add_story(layout: Layout, story: i64) -> Layout {
    if layout.story_ids().contains(&story) {
        return layout;
    }
    match layout {
        Layout::Grouped(mut groups) if !groups.is_empty() => {
            if let Some(last) = groups.last_mut() {
                last.story_ids.push(story);
            }
            Layout::Grouped(groups)
        }
        other => {
            let mut ids = other.story_ids();
            ids.push(story);
            Layout::Ungrouped(ids)
        }
    }
}

/// Takes `story` out of the edition.
pub fn remove_story(mut layout: Layout, story: i64) -> Result<Layout, Stale> {
    let (list, at) = locate(&layout, story).ok_or(Stale)?;
    lists(&mut layout)[list].remove(at);
    Ok(layout)
}

/// Moves `story` one place up or down within its group (or the list); at the group's edge it
/// stays (another group is reached with [`place_story`]).
pub fn step_story(mut layout: Layout, story: i64, step: Step) -> Result<Layout, Stale> {
    let (list, at) = locate(&layout, story).ok_or(Stale)?;
    let ids = &mut lists(&mut layout)[list];
    match step {
        Step::Up if at > 0 => ids.swap(at, at - 1),
        Step::Down if at + 1 < ids.len() => ids.swap(at, at + 1),
        _ => {}
    }
    Ok(layout)
}

/// Moves `story` into group `group` (its own group, or the plain list, when `None`) at the
/// 1-based `position` counted once it has left its place (clamped; `None`: the end). This is
/// what dragging a story onto another one, and the "move to group" select, ask for.
pub fn place_story(
    mut layout: Layout,
    story: i64,
    group: Option<&str>,
    position: Option<usize>,
) -> Result<Layout, Stale> {
    let (from, at) = locate(&layout, story).ok_or(Stale)?;
    let to = match group {
        None => from,
        Some(key) => layout.groups().iter().position(|g| g.key == key).ok_or(Stale)?,
    };
    let mut lists = lists(&mut layout);
    lists[from].remove(at);
    let target = &mut lists[to];
    let place = position.unwrap_or(usize::MAX).clamp(1, target.len() + 1) - 1;
    target.insert(place, story);
    Ok(layout)
}

/// Adds a group at the end. The first group of a plain list holds every story ("Arrange in
/// groups"); a later one starts empty.
pub fn add_group(layout: Layout, key: String, lettered: bool) -> Layout {
    match layout {
        Layout::Grouped(mut groups) if !groups.is_empty() => {
            groups.push(Group { key, lettered, story_ids: Vec::new() });
            Layout::Grouped(groups)
        }
        other => Layout::Grouped(vec![Group { key, lettered, story_ids: other.story_ids() }]),
    }
}

/// Removes group `key`. Its stories stay in the edition, in the same reading order: they join
/// the end of the group before it (the start of the next, for the first group); removing the
/// only group makes the stories one plain list again.
pub fn remove_group(layout: Layout, key: &str) -> Result<Layout, Stale> {
    let Layout::Grouped(mut groups) = layout else { return Err(Stale) };
    let at = groups.iter().position(|g| g.key == key).ok_or(Stale)?;
    let removed = groups.remove(at);
    if groups.is_empty() {
        return Ok(Layout::Ungrouped(removed.story_ids));
    }
    if at == 0 {
        groups[0].story_ids.splice(0..0, removed.story_ids);
    } else {
        groups[at - 1].story_ids.extend(removed.story_ids);
    }
    Ok(Layout::Grouped(groups))
}

/// Moves group `key`, with its stories, one place up or down.
pub fn step_group(layout: Layout, key: &str, step: Step) -> Result<Layout, Stale> {
    let Layout::Grouped(mut groups) = layout else { return Err(Stale) };
    let at = groups.iter().position(|g| g.key == key).ok_or(Stale)?;
    match step {
        Step::Up if at > 0 => groups.swap(at, at - 1),
        Step::Down if at + 1 < groups.len() => groups.swap(at, at + 1),
        _ => {}
    }
    Ok(Layout::Grouped(groups))
}

/// Letters group `key`'s stories (a, b, c…), or stops lettering them.
pub fn set_lettered(layout: Layout, key: &str, lettered: bool) -> Result<Layout, Stale> {
    let Layout::Grouped(mut groups) = layout else { return Err(Stale) };
    groups.iter_mut().find(|g| g.key == key).ok_or(Stale)?.lettered = lettered;
    Ok(Layout::Grouped(groups))
}

/// Every story in one plain list again, in reading order ("Back to one list").
pub fn ungroup(layout: Layout) -> Layout {
    Layout::Ungrouped(layout.story_ids())
}

/// The story lists of a layout: the plain list, or each group's.
fn lists(layout: &mut Layout) -> Vec<&mut Vec<i64>> {
    match layout {
        Layout::Ungrouped(ids) => vec![ids],
        Layout::Grouped(groups) => groups.iter_mut().map(|g| &mut g.story_ids).collect(),
    }
}

/// Which list `story` is in, and where.
fn locate(layout: &Layout, story: i64) -> Option<(usize, usize)> {
    match layout {
        Layout::Ungrouped(ids) => ids.iter().position(|id| *id == story).map(|at| (0, at)),
        Layout::Grouped(groups) => groups
            .iter()
            .enumerate()
            .find_map(|(list, g)| g.story_ids.iter().position(|id| *id == story).map(|at| (list, at))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(key: &str, lettered: bool, ids: &[i64]) -> Group {
        Group { key: key.into(), lettered, story_ids: ids.to_vec() }
    }

    fn two_groups() -> Layout {
        Layout::Grouped(vec![group("programme", true, &[1, 2, 3]), group("news", false, &[4, 5])])
    }

    #[test]
    fn stories_step_within_their_group_and_stop_at_its_edges() {
        let moved = step_story(two_groups(), 3, Step::Up).unwrap();
        assert_eq!(moved, Layout::Grouped(vec![group("programme", true, &[1, 3, 2]), group("news", false, &[4, 5])]));
        assert_eq!(step_story(two_groups(), 4, Step::Up).unwrap(), two_groups(), "the top of a group is its top");
        assert_eq!(step_story(two_groups(), 3, Step::Down).unwrap(), two_groups());
        let moved = step_story(two_groups(), 4, Step::Down).unwrap();
        assert_eq!(moved.groups()[1].story_ids, [5, 4]);
        assert_eq!(step_story(Layout::Ungrouped(vec![7, 8]), 8, Step::Up).unwrap(), Layout::Ungrouped(vec![8, 7]));
        assert_eq!(step_story(two_groups(), 99, Step::Up), Err(Stale));
    }

    #[test]
    fn stories_are_placed_in_any_group_at_any_place() {
        // Dropped onto story 1: before it, in its group.
        let moved = place_story(two_groups(), 5, Some("programme"), Some(1)).unwrap();
        assert_eq!(moved, Layout::Grouped(vec![group("programme", true, &[5, 1, 2, 3]), group("news", false, &[4])]));
        // The select: the end of the group.
        let moved = place_story(two_groups(), 1, Some("news"), None).unwrap();
        assert_eq!(moved.groups()[1].story_ids, [4, 5, 1]);
        assert_eq!(moved.groups()[0].story_ids, [2, 3]);
        // Within its own group, counted once it has left its place; out of range is clamped.
        assert_eq!(place_story(two_groups(), 1, None, Some(3)).unwrap().groups()[0].story_ids, [2, 3, 1]);
        assert_eq!(place_story(two_groups(), 3, None, Some(0)).unwrap().groups()[0].story_ids, [3, 1, 2]);
        let list = place_story(Layout::Ungrouped(vec![1, 2, 3]), 3, None, Some(99)).unwrap();
        assert_eq!(list, Layout::Ungrouped(vec![1, 2, 3]));
        assert_eq!(place_story(two_groups(), 1, Some("gone"), None), Err(Stale));
        assert_eq!(place_story(Layout::Ungrouped(vec![1]), 1, Some("news"), None), Err(Stale));
    }

    #[test]
    fn added_stories_join_the_end_and_removed_ones_leave() {
        assert_eq!(add_story(two_groups(), 6).groups()[1].story_ids, [4, 5, 6]);
        assert_eq!(add_story(two_groups(), 2), two_groups(), "already in the edition");
        assert_eq!(add_story(Layout::Ungrouped(vec![1]), 2), Layout::Ungrouped(vec![1, 2]));
        let removed = remove_story(two_groups(), 2).unwrap();
        assert_eq!(removed.groups()[0].story_ids, [1, 3]);
        assert_eq!(removed.keys(), ["programme", "news"], "an edition keeps its groups");
        assert_eq!(remove_story(two_groups(), 42), Err(Stale));
    }

    #[test]
    fn a_plain_list_becomes_one_group_and_groups_are_added_empty() {
        let grouped = add_group(Layout::Ungrouped(vec![1, 2]), "all".into(), true);
        assert_eq!(grouped, Layout::Grouped(vec![group("all", true, &[1, 2])]));
        let more = add_group(grouped, "later".into(), false);
        assert_eq!(more.groups()[1], group("later", false, &[]));
        assert_eq!(more.story_ids(), [1, 2]);
    }

    #[test]
    fn a_removed_groups_stories_keep_their_reading_order() {
        let three = Layout::Grouped(vec![group("a", true, &[1]), group("b", false, &[2, 3]), group("c", false, &[4])]);
        let without_b = remove_group(three.clone(), "b").unwrap();
        assert_eq!(without_b, Layout::Grouped(vec![group("a", true, &[1, 2, 3]), group("c", false, &[4])]));
        let without_a = remove_group(three.clone(), "a").unwrap();
        assert_eq!(without_a, Layout::Grouped(vec![group("b", false, &[1, 2, 3]), group("c", false, &[4])]));
        for layout in [three.clone(), without_a, without_b] {
            assert_eq!(layout.story_ids(), [1, 2, 3, 4]);
        }
        let only = remove_group(Layout::Grouped(vec![group("a", true, &[1, 2])]), "a").unwrap();
        assert_eq!(only, Layout::Ungrouped(vec![1, 2]));
        assert_eq!(remove_group(three, "zzz"), Err(Stale));
        assert_eq!(remove_group(Layout::Ungrouped(vec![1]), "a"), Err(Stale));
    }

    #[test]
    fn groups_move_with_their_stories_and_change_lettering() {
        let moved = step_group(two_groups(), "news", Step::Up).unwrap();
        assert_eq!(moved.keys(), ["news", "programme"]);
        assert_eq!(moved.story_ids(), [4, 5, 1, 2, 3]);
        assert_eq!(step_group(two_groups(), "news", Step::Down).unwrap(), two_groups());
        assert_eq!(step_group(two_groups(), "programme", Step::Down).unwrap().keys(), ["news", "programme"]);
        let plain = set_lettered(two_groups(), "programme", false).unwrap();
        assert!(!plain.groups()[0].lettered);
        assert_eq!(set_lettered(two_groups(), "other", true), Err(Stale));
        assert_eq!(ungroup(two_groups()), Layout::Ungrouped(vec![1, 2, 3, 4, 5]));
        assert_eq!(Step::parse("up"), Some(Step::Up));
        assert_eq!(Step::parse("sideways"), None);
    }
}
