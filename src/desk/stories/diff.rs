//! Readable differences between two texts of a story, for people: paragraphs that did not
//! change are kept whole (pages fold them), changed ones are compared word by word. Bounded
//! like `domain::revision::changes`: past the size or time limit, a field shows both texts
//! whole instead.

use std::time::Instant;

use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffTag, TextDiff};

use crate::domain::revision::{Snapshot, DIFF_DEADLINE, MAX_DIFF_BYTES};

/// Below this share of words in common, a changed stretch shows as removed then added.
const REWRITTEN: f32 = 0.5;

/// One field that differs.
#[derive(Debug, Clone, Serialize)]
pub struct FieldDiff {
    /// `title`, `summary`, `body`, `link` or `images`.
    pub field: &'static str,
    pub blocks: Vec<Block>,
    /// Too large to compare: `before` and `after` are shown whole.
    pub too_large: bool,
    pub before: String,
    pub after: String,
}

/// A run of the text: unchanged paragraphs, or a changed stretch marked word by word.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Same { paragraphs: Vec<String> },
    Changed { parts: Vec<Part> },
}

/// Some words, kept, removed or added.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// `same`, `removed` or `added`.
    pub kind: &'static str,
    pub text: String,
}

/// The fields of `snapshot` as people read them.
fn fields(snapshot: &Snapshot) -> [(&'static str, String); 5] {
    let images = snapshot
        .images
        .iter()
        .map(|i| format!("#{} {} — {}", i.media_id, i.alt, i.caption))
        .collect::<Vec<_>>()
        .join("\n\n");
    [
        ("title", snapshot.title.clone()),
        ("summary", snapshot.summary.clone()),
        ("body", snapshot.body.clone()),
        ("link", snapshot.link.clone().unwrap_or_default()),
        ("images", images),
    ]
}

/// What changed from `before` to `after`, field by field; unchanged fields are left out.
pub fn snapshots(before: &Snapshot, after: &Snapshot) -> Vec<FieldDiff> {
    let deadline = Instant::now() + DIFF_DEADLINE;
    fields(before)
        .into_iter()
        .zip(fields(after))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| text(field, a, b, deadline))
        .collect()
}

/// The difference of one field's two texts.
pub fn text(field: &'static str, before: String, after: String, deadline: Instant) -> FieldDiff {
    let blocks = if before.len().max(after.len()) > MAX_DIFF_BYTES { None } else { blocks(&before, &after, deadline) };
    match blocks {
        Some(blocks) => FieldDiff { field, blocks, too_large: false, before, after },
        None => FieldDiff { field, blocks: Vec::new(), too_large: true, before, after },
    }
}

fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n").split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

/// Paragraphs first, then words inside the changed ones; `None` past the deadline.
fn blocks(before: &str, after: &str, deadline: Instant) -> Option<Vec<Block>> {
    let old = paragraphs(before);
    let new = paragraphs(after);
    let ops = similar::capture_diff_slices_deadline(Algorithm::Myers, &old, &new, Some(deadline));
    let mut blocks: Vec<Block> = Vec::new();
    for op in ops {
        if Instant::now() > deadline {
            return None;
        }
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            let same = old[old_range].to_vec();
            match blocks.last_mut() {
                Some(Block::Same { paragraphs }) => paragraphs.extend(same),
                _ => blocks.push(Block::Same { paragraphs: same }),
            }
            continue;
        }
        let a = old[old_range].join("\n\n");
        let b = new[new_range].join("\n\n");
        blocks.push(Block::Changed { parts: words(&a, &b, deadline) });
    }
    Some(blocks)
}

/// Word-level marks between two changed stretches, neighbours of one kind merged.
fn words(a: &str, b: &str, deadline: Instant) -> Vec<Part> {
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).deadline(deadline).diff_words(a, b);
    // Mostly rewritten: word-by-word marks would interleave two different texts, which
    // nobody can read; the old text then the new one is clearer.
    if diff.ratio() < REWRITTEN {
        return [("removed", a), ("added", b)]
            .into_iter()
            .filter(|(_, text)| !text.is_empty())
            .map(|(kind, text)| Part { kind, text: text.to_owned() })
            .collect();
    }
    let mut parts: Vec<Part> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Delete => "removed",
            ChangeTag::Insert => "added",
        };
        match parts.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => parts.push(Part { kind, text: change.value().to_owned() }),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(title: &str, body: &str) -> Snapshot {
        Snapshot { title: title.into(), summary: String::new(), body: body.into(), link: None, images: vec![] }
    }

    #[test]
    fn unchanged_paragraphs_stay_whole_and_changed_words_are_marked() {
        let before = snapshot("A well", "First.\n\nThe well is deep.\n\nLast.");
        let after = snapshot("A well", "First.\n\nThe well is very deep.\n\nLast.");
        let found = snapshots(&before, &after);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "body");
        let Block::Same { paragraphs } = &found[0].blocks[0] else { panic!("{found:?}") };
        assert_eq!(paragraphs, &vec!["First.".to_owned()]);
        let Block::Changed { parts } = &found[0].blocks[1] else { panic!("{found:?}") };
        assert!(parts.iter().any(|p| p.kind == "added" && p.text.contains("very")), "{parts:?}");
        assert!(matches!(&found[0].blocks[2], Block::Same { .. }));
    }

    #[test]
    fn huge_texts_are_shown_whole() {
        let big = "word ".repeat(MAX_DIFF_BYTES);
        let found = snapshots(&snapshot("t", "small"), &snapshot("t", &big));
        assert!(found[0].too_large);
    }

    #[test]
    fn a_rewritten_line_shows_old_then_new() {
        let found = snapshots(&snapshot("Catch-up classes bring children back", ""), &snapshot("A new helpline", ""));
        let Block::Changed { parts } = &found[0].blocks[0] else { panic!("{found:?}") };
        let kinds: Vec<&str> = parts.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, ["removed", "added"]);
    }
}
