//! The content of one story translation revision, its rules, and what changed between two.

use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{Algorithm, TextDiff};
use utoipa::ToSchema;

use super::Invalid;

pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_SUMMARY_CHARS: usize = 2_000;
pub const MAX_BODY_BYTES: usize = 500_000;
pub const MAX_LINK_BYTES: usize = 2_000;
pub const MAX_IMAGES: usize = 50;
pub const MAX_IMAGE_TEXT_CHARS: usize = 1_000;

/// Bodies are line-diffed only up to this many lines and bytes on either side, and only
/// while the diff takes less than `DIFF_DEADLINE`: a line diff costs up to the product of
/// the two lengths, and two 500 KB bodies of one-character lines took minutes of a core.
/// Past any of these the change says `too_large` instead of carrying a diff.
pub const MAX_DIFF_LINES: usize = 20_000;
pub const MAX_DIFF_BYTES: usize = 200_000;
pub const DIFF_DEADLINE: Duration = Duration::from_millis(250);

/// An image placed in a translation: the upload, and its text in this language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageRef {
    pub media_id: i64,
    pub alt: String,
    pub caption: String,
}

/// A full snapshot of a translation. Markdown bodies are stored exactly as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub link: Option<String>,
    pub images: Vec<ImageRef>,
}

impl Snapshot {
    /// Checks every field and reports every problem at once. The title, image texts come
    /// back trimmed and a blank link as none. The API and the importer both call this.
    pub fn validate(self) -> Result<Self, Vec<Invalid>> {
        let link = self.link.filter(|l| !l.trim().is_empty());
        let images: Vec<ImageRef> = self
            .images
            .into_iter()
            .map(|i| ImageRef { alt: i.alt.trim().to_owned(), caption: i.caption.trim().to_owned(), ..i })
            .collect();
        let mut problems = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            problems.push(Invalid::new("title", "value-required"));
        } else if title.chars().count() > MAX_TITLE_CHARS {
            problems.push(Invalid::new("title", "text-too-long").with_limit(MAX_TITLE_CHARS));
        }
        if self.summary.chars().count() > MAX_SUMMARY_CHARS {
            problems.push(Invalid::new("summary", "text-too-long").with_limit(MAX_SUMMARY_CHARS));
        }
        if self.body.len() > MAX_BODY_BYTES {
            problems.push(Invalid::new("body", "body-too-long").with_limit(MAX_BODY_BYTES));
        }
        if let Some(link) = &link {
            let web = link.starts_with("https://") || link.starts_with("http://");
            if !web || link.len() > MAX_LINK_BYTES || link.chars().any(char::is_whitespace) {
                problems.push(Invalid::new("link", "invalid-link"));
            }
        }
        if images.len() > MAX_IMAGES {
            problems.push(Invalid::new("images", "too-many-images").with_limit(MAX_IMAGES));
        }
        for image in &images {
            if image.alt.trim().is_empty() {
                problems.push(Invalid::new("images", "alt-required"));
            }
            if image.alt.chars().count() > MAX_IMAGE_TEXT_CHARS || image.caption.chars().count() > MAX_IMAGE_TEXT_CHARS
            {
                problems.push(Invalid::new("images", "text-too-long").with_limit(MAX_IMAGE_TEXT_CHARS));
            }
        }
        problems.dedup();
        if problems.is_empty() {
            Ok(Snapshot { title: title.to_owned(), link, images, ..self })
        } else {
            Err(problems)
        }
    }
}

/// One field that differs between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldChange {
    /// `title`, `summary`, `body`, `link` or `images`.
    pub field: &'static str,
    pub before: String,
    pub after: String,
    /// A unified line diff, for the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// Present (`true`) when the body changed but was too large to line-diff (over 20,000
    /// lines or 200,000 bytes, or a diff that would take over 250 ms): `diff` is then absent,
    /// and `before` and `after` are still the whole texts.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub too_large: bool,
}

/// What changed from `before` to `after`, field by field. This takes CPU time (bounded, see
/// `MAX_DIFF_LINES`): callers run it off the async executor and without holding a
/// database connection.
pub fn changes(before: &Snapshot, after: &Snapshot) -> Vec<FieldChange> {
    let mut found = Vec::new();
    let mut compare = |field: &'static str, a: &str, b: &str, with_diff: bool| {
        if a != b {
            let diff = if with_diff { line_diff(a, b) } else { Ok(None) };
            let (diff, too_large) = match diff {
                Ok(diff) => (diff, false),
                Err(TooLarge) => (None, true),
            };
            found.push(FieldChange { field, before: a.to_owned(), after: b.to_owned(), diff, too_large });
        }
    };
    compare("title", &before.title, &after.title, false);
    compare("summary", &before.summary, &after.summary, false);
    compare("body", &before.body, &after.body, true);
    compare("link", before.link.as_deref().unwrap_or(""), after.link.as_deref().unwrap_or(""), false);
    let describe = |images: &[ImageRef]| {
        images.iter().map(|i| format!("#{} {} | {}", i.media_id, i.alt, i.caption)).collect::<Vec<_>>().join("\n")
    };
    compare("images", &describe(&before.images), &describe(&after.images), false);
    found
}

struct TooLarge;

/// A unified diff of `a` and `b`, or `TooLarge` past the bounds.
fn line_diff(a: &str, b: &str) -> Result<Option<String>, TooLarge> {
    let lines = |text: &str| text.lines().count();
    if a.len().max(b.len()) > MAX_DIFF_BYTES || lines(a).max(lines(b)) > MAX_DIFF_LINES {
        return Err(TooLarge);
    }
    // Past the deadline, similar gives up on finding the shortest diff and returns a coarser
    // one; that and the rendering below count against the deadline.
    let deadline = Instant::now() + DIFF_DEADLINE;
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).deadline(deadline).diff_lines(a, b);
    let text = diff.unified_diff().context_radius(2).to_string();
    if Instant::now() > deadline {
        return Err(TooLarge);
    }
    Ok(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(title: &str, body: &str) -> Snapshot {
        Snapshot { title: title.into(), summary: String::new(), body: body.into(), link: None, images: vec![] }
    }

    #[test]
    fn every_problem_is_reported() {
        let bad = Snapshot {
            title: "  ".into(),
            summary: String::new(),
            body: String::new(),
            link: Some("javascript:alert(1)".into()),
            images: vec![ImageRef { media_id: 1, alt: " ".into(), caption: String::new() }],
        };
        let fields: Vec<&str> = bad.validate().unwrap_err().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["title", "link", "images"]);
    }

    #[test]
    fn changes_name_the_fields_and_diff_the_body() {
        let before = snapshot("Floods", "Line one\nLine two\n");
        let after = snapshot("Floods", "Line one\nLine 2\n");
        let found = changes(&before, &after);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "body");
        let diff = found[0].diff.as_deref().unwrap();
        assert!(diff.contains("-Line two") && diff.contains("+Line 2"), "{diff}");
        assert!(changes(&before, &before).is_empty());
    }

    #[test]
    fn large_bodies_are_not_diffed() {
        let long = "x\n".repeat(MAX_DIFF_LINES + 1);
        let found = changes(&snapshot("A", "short\n"), &snapshot("A", &long));
        assert!(found[0].too_large && found[0].diff.is_none());
        let wide = "y".repeat(MAX_DIFF_BYTES + 1);
        assert!(changes(&snapshot("A", &wide), &snapshot("A", "z"))[0].too_large);
    }
}
