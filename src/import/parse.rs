//! Reading an import folder into a checked plan, without touching the database. Every
//! problem is reported with its file and line. Texts, slugs, sections, credits and the
//! publication's settings are checked by the same `domain` rules as the JSON API, so an
//! import stores nothing the API would refuse.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::edition::{self, EditionTexts};
use crate::domain::groups::{self, Group, GroupText, GroupTexts, Layout};
use crate::domain::publication::Publication;
use crate::domain::revision::{ImageRef, Snapshot};
use crate::domain::{image, story, Invalid, Slug};

/// Something wrong with the files, pointing at where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: PathBuf,
    pub line: usize,
    pub problem: Problem,
}

/// What is wrong: a sentence about the folder's structure, or values that break the rules
/// the API applies (`field-<code>` in Fluent). Both are Fluent messages, so the CLI says them
/// in the terminal's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Said(Said),
    Invalid(Vec<Invalid>),
}

/// A Fluent message (`import-…`) and its variables, all text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Said {
    pub fn new(id: &'static str) -> Self {
        Self { id, args: Vec::new() }
    }

    pub fn with(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

/// The message id and its variables, for logs and tests; people get the Fluent text.
impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)?;
        for (name, value) in &self.args {
            write!(f, " {name}={value:?}")?;
        }
        Ok(())
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file.display(), self.line)?;
        match &self.problem {
            Problem::Said(said) => said.fmt(f),
            Problem::Invalid(list) => {
                let codes: Vec<String> = list.iter().map(|i| format!("{} ({})", i.field, i.code)).collect();
                f.write_str(&codes.join(", "))
            }
        }
    }
}

impl std::error::Error for ImportError {}

fn error(file: &Path, line: usize, said: Said) -> ImportError {
    ImportError { file: file.to_owned(), line, problem: Problem::Said(said) }
}

/// One `+++` front matter block and the Markdown after it.
#[derive(Debug)]
struct Document {
    file: PathBuf,
    /// 1-based line of the opening `+++`.
    line: usize,
    front: String,
    body: String,
}

impl Document {
    /// Where a refused value is: the line of its front-matter key (`section = …`), the first
    /// line of the Markdown for the body, else the document's opening `+++`.
    fn line_of(&self, field: &str) -> usize {
        let key = match field {
            "body" | "foreword" => {
                return self.line + self.front.lines().count() + 2;
            }
            "signature" => "signature_name",
            "credit" => "images",
            other => other,
        };
        self.front
            .lines()
            .position(|line| line.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('=')))
            .map_or(self.line, |at| self.line + at + 1)
    }

    /// The refusal of `invalid`, at the line of its first field.
    fn invalid(&self, invalid: Vec<Invalid>) -> ImportError {
        let line = invalid.first().map_or(self.line, |i| self.line_of(i.field));
        ImportError { file: self.file.clone(), line, problem: Problem::Invalid(invalid) }
    }
}

fn documents(file: &Path) -> Result<Vec<Document>, ImportError> {
    let text =
        std::fs::read_to_string(file).map_err(|e| error(file, 0, Said::new("import-unreadable").with("detail", e)))?;
    let lines: Vec<&str> = text.lines().collect();
    let mut docs = Vec::new();
    let mut at = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    if at == lines.len() {
        return Err(error(file, 1, Said::new("import-file-empty")));
    }
    while at < lines.len() {
        if lines[at].trim_end() != "+++" {
            return Err(error(file, at + 1, Said::new("import-front-matter-open")));
        }
        let start = at;
        let close = lines[at + 1..]
            .iter()
            .position(|l| l.trim_end() == "+++")
            .map(|i| at + 1 + i)
            .ok_or_else(|| error(file, start + 1, Said::new("import-front-matter-unclosed")))?;
        // The body runs to the next document: a `+++` line followed later by another `+++`.
        let mut end = close + 1;
        while end < lines.len() {
            if lines[end].trim_end() == "+++" && lines[end + 1..].iter().any(|l| l.trim_end() == "+++") {
                break;
            }
            end += 1;
        }
        docs.push(Document {
            file: file.to_owned(),
            line: start + 1,
            front: lines[start + 1..close].join("\n"),
            body: lines[close + 1..end].join("\n").trim().to_owned() + "\n",
        });
        at = end;
    }
    Ok(docs)
}

/// Parses front matter, turning TOML errors into the file's own line numbers.
fn front<'a, T: Deserialize<'a>>(doc: &'a Document) -> Result<T, ImportError> {
    toml::from_str(&doc.front).map_err(|e| {
        let line = e.span().map_or(0, |span| doc.front[..span.start].matches('\n').count() + 1);
        error(&doc.file, doc.line + line, Said::new("import-front-matter-invalid").with("detail", e.message()))
    })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoryFront {
    slug: String,
    locale: String,
    title: String,
    #[serde(default)]
    summary: String,
    link: Option<String>,
    section: Option<String>,
    edition: Option<String>,
    status: Option<String>,
    published_at: Option<String>,
    publish_in_hours: Option<i64>,
    author: Option<String>,
    reviewer: Option<String>,
    comment: Option<String>,
    #[serde(default)]
    images: Vec<ImageFront>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImageFront {
    file: String,
    credit: Option<String>,
    alt: String,
    #[serde(default)]
    caption: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EditionFront {
    number: i32,
    slug: String,
    locale: String,
    title: String,
    #[serde(default)]
    signature_name: String,
    #[serde(default)]
    signature_role: String,
    #[serde(default)]
    stories: Vec<String>,
    cover: Option<String>,
    cover_credit: Option<String>,
    #[serde(default)]
    cover_alt: String,
    published_at: Option<String>,
    /// The stories in ordered groups, instead of `stories` (SPEC §12).
    #[serde(default)]
    groups: Vec<GroupFront>,
}

/// One group of an edition's stories, as each locale's document repeats it with its own
/// heading and introduction.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFront {
    key: String,
    #[serde(default)]
    lettered: bool,
    #[serde(default)]
    heading: String,
    /// Markdown.
    #[serde(default)]
    intro: String,
    stories: Vec<String>,
}

/// An edition's group, the same in every locale's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPlan {
    pub key: String,
    pub lettered: bool,
    pub stories: Vec<String>,
}

/// The workflow state a story is imported in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportStatus {
    Draft,
    InReview,
    ChangesRequested,
    Approved,
    Published,
    Scheduled,
}

/// Where a value came from, for messages about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
}

impl Origin {
    pub fn error(&self, said: Said) -> ImportError {
        error(&self.file, self.line, said)
    }

    pub fn invalid(&self, invalid: Vec<Invalid>) -> ImportError {
        ImportError { file: self.file.clone(), line: self.line, problem: Problem::Invalid(invalid) }
    }
}

#[derive(Debug, Clone)]
pub struct ImagePlan {
    pub file: String,
    /// The credit this text gives the image, if it gives one: the image's credit in the
    /// text's locale.
    pub credit: Option<String>,
    pub alt: String,
    pub caption: String,
}

#[derive(Debug, Clone)]
pub struct TextPlan {
    pub title: String,
    pub summary: String,
    pub link: Option<String>,
    pub body: String,
    pub images: Vec<ImagePlan>,
}

#[derive(Debug, Clone)]
pub struct StoryPlan {
    pub slug: String,
    pub origin: Origin,
    pub section: Option<String>,
    pub edition: Option<String>,
    /// `None` means draft.
    pub status: Option<ImportStatus>,
    pub published_at: Option<String>,
    pub publish_in_hours: i64,
    pub author: Option<String>,
    pub reviewer: Option<String>,
    pub comment: Option<String>,
    /// By locale.
    pub texts: BTreeMap<String, TextPlan>,
}

#[derive(Debug, Clone)]
pub struct EditionTextPlan {
    pub title: String,
    pub foreword: String,
    pub signature_name: String,
    pub signature_role: String,
    pub cover_alt: String,
    pub groups: GroupTexts,
}

#[derive(Debug, Clone)]
pub struct EditionPlan {
    pub number: i32,
    pub slug: String,
    pub origin: Origin,
    /// In reading order (group after group when it has groups).
    pub stories: Vec<String>,
    pub groups: Option<Vec<GroupPlan>>,
    /// The cover's file.
    pub cover: Option<String>,
    /// The cover's credit by locale, where an edition text gives one.
    pub cover_credits: BTreeMap<String, String>,
    pub published_at: Option<String>,
    pub texts: BTreeMap<String, EditionTextPlan>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationPlan {
    #[serde(default)]
    pub website_url: String,
    #[serde(default)]
    pub social_account: String,
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub sender_address: String,
    #[serde(default)]
    pub texts: BTreeMap<String, PublicationTextPlan>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationTextPlan {
    pub newsletter_name: String,
    #[serde(default)]
    pub postal_address: String,
    #[serde(default)]
    pub funders_line: String,
    #[serde(default)]
    pub sender_name: String,
}

impl PublicationPlan {
    /// The API's rules for the same settings.
    fn check(&self) -> Result<(), Vec<Invalid>> {
        Publication {
            website_url: &self.website_url,
            social_account: &self.social_account,
            contact_email: &self.contact_email,
            sender_address: &self.sender_address,
            texts: self
                .texts
                .values()
                .map(|t| [t.newsletter_name.as_str(), &t.postal_address, &t.funders_line, &t.sender_name])
                .collect(),
        }
        .check()
    }
}

/// Everything a folder asks for, checked.
#[derive(Debug, Default)]
pub struct Plan {
    pub dir: PathBuf,
    pub publication: Option<PublicationPlan>,
    pub stories: Vec<StoryPlan>,
    pub editions: Vec<EditionPlan>,
}

/// Reads `dir`. `locales` are the configured locale codes.
pub fn read_plan(dir: &Path, locales: &[&str]) -> Result<Plan, ImportError> {
    if !dir.is_dir() {
        return Err(error(dir, 0, Said::new("import-not-a-folder")));
    }
    let mut plan = Plan { dir: dir.to_owned(), ..Default::default() };
    let publication = dir.join("publication.toml");
    if publication.exists() {
        let doc = Document {
            file: publication.clone(),
            line: 0,
            front: std::fs::read_to_string(&publication)
                .map_err(|e| error(&publication, 0, Said::new("import-unreadable").with("detail", e)))?,
            body: String::new(),
        };
        let publication: PublicationPlan = front(&doc)?;
        publication.check().map_err(|invalid| doc.invalid(invalid))?;
        plan.publication = Some(publication);
    }
    for doc in markdown_files(&dir.join("stories"))?
        .iter()
        .map(|f| documents(f))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
    {
        add_story(&mut plan, &doc, front(&doc)?, locales)?;
    }
    for doc in markdown_files(&dir.join("editions"))?
        .iter()
        .map(|f| documents(f))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
    {
        add_edition(&mut plan, &doc, front(&doc)?, locales)?;
    }
    check_references(&plan)?;
    Ok(plan)
}

fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, ImportError> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| error(dir, 0, Said::new("import-unreadable").with("detail", e)))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    Ok(files)
}

fn parse_status(raw: Option<&str>, origin: &Origin) -> Result<ImportStatus, ImportError> {
    Ok(match raw.unwrap_or("draft") {
        "draft" => ImportStatus::Draft,
        "in_review" => ImportStatus::InReview,
        "changes_requested" => ImportStatus::ChangesRequested,
        "approved" => ImportStatus::Approved,
        "published" => ImportStatus::Published,
        "scheduled" => ImportStatus::Scheduled,
        other => return Err(origin.error(Said::new("import-unknown-status").with("status", other))),
    })
}

/// Sets a shared field, refusing two different values for one story.
fn agree<T: PartialEq + fmt::Debug + Clone>(
    slot: &mut Option<T>,
    value: Option<T>,
    name: &str,
    origin: &Origin,
) -> Result<(), ImportError> {
    match (slot.as_ref(), value) {
        (Some(old), Some(new)) if *old != new => Err(origin.error(
            Said::new("import-disagree")
                .with("name", name)
                .with("here", format!("{new:?}"))
                .with("there", format!("{old:?}")),
        )),
        (None, Some(new)) => {
            *slot = Some(new);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn add_story(plan: &mut Plan, doc: &Document, front: StoryFront, locales: &[&str]) -> Result<(), ImportError> {
    let origin = Origin { file: doc.file.clone(), line: doc.line };
    if !locales.contains(&front.locale.as_str()) {
        return Err(origin.error(Said::new("import-unknown-locale").with("locale", &front.locale)));
    }
    let text = check_story(doc, &front)?;
    let section = front.section.as_deref().map(story::section).transpose().map_err(|i| doc.invalid(vec![i]))?;
    let status = front.status.as_deref().map(|s| parse_status(Some(s), &origin)).transpose()?;
    let index = match plan.stories.iter().position(|s| s.slug == front.slug) {
        Some(index) => index,
        None => {
            plan.stories.push(StoryPlan {
                slug: front.slug.clone(),
                origin: origin.clone(),
                section: None,
                edition: None,
                status: None,
                published_at: None,
                publish_in_hours: 24,
                author: None,
                reviewer: None,
                comment: None,
                texts: BTreeMap::new(),
            });
            plan.stories.len() - 1
        }
    };
    let story = &mut plan.stories[index];
    if story.texts.contains_key(&front.locale) {
        return Err(
            origin.error(Said::new("import-duplicate-text").with("slug", &front.slug).with("locale", &front.locale))
        );
    }
    agree(&mut story.section, section, "section", &origin)?;
    agree(&mut story.edition, front.edition, "edition", &origin)?;
    agree(&mut story.status, status, "status", &origin)?;
    agree(&mut story.published_at, front.published_at, "published_at", &origin)?;
    if let Some(hours) = front.publish_in_hours {
        story.publish_in_hours = hours;
    }
    agree(&mut story.author, front.author, "author", &origin)?;
    agree(&mut story.reviewer, front.reviewer, "reviewer", &origin)?;
    agree(&mut story.comment, front.comment, "comment", &origin)?;
    story.texts.insert(front.locale, text);
    Ok(())
}

/// The story document's slug and text, by the API's rules (`Slug::parse`,
/// `Snapshot::validate`, `image::credit`), normalised as the API would store them.
fn check_story(doc: &Document, front: &StoryFront) -> Result<TextPlan, ImportError> {
    let mut problems: Vec<Invalid> = Slug::parse(&front.slug).err().into_iter().collect();
    let mut credits = Vec::new();
    for image in &front.images {
        match image.credit.as_deref().map(image::credit).transpose() {
            Ok(credit) => credits.push(credit),
            Err(invalid) => problems.push(invalid),
        }
    }
    let snapshot = Snapshot {
        title: front.title.clone(),
        summary: front.summary.clone(),
        body: doc.body.clone(),
        link: front.link.clone(),
        // The uploads do not exist yet; `apply` puts in their ids. The rules do not look at them.
        images: front
            .images
            .iter()
            .map(|i| ImageRef { media_id: 0, alt: i.alt.clone(), caption: i.caption.clone() })
            .collect(),
    }
    .validate();
    let snapshot = match snapshot {
        Ok(snapshot) if problems.is_empty() => snapshot,
        Ok(_) => return Err(doc.invalid(problems)),
        Err(invalid) => {
            problems.extend(invalid);
            return Err(doc.invalid(problems));
        }
    };
    let images = front
        .images
        .iter()
        .zip(snapshot.images)
        .zip(credits)
        .map(|((i, checked), credit)| ImagePlan {
            file: i.file.clone(),
            credit,
            alt: checked.alt,
            caption: checked.caption,
        })
        .collect();
    Ok(TextPlan { title: snapshot.title, summary: snapshot.summary, link: snapshot.link, body: snapshot.body, images })
}

fn add_edition(plan: &mut Plan, doc: &Document, front: EditionFront, locales: &[&str]) -> Result<(), ImportError> {
    let origin = Origin { file: doc.file.clone(), line: doc.line };
    if !locales.contains(&front.locale.as_str()) {
        return Err(origin.error(Said::new("import-unknown-locale").with("locale", &front.locale)));
    }
    let mut problems: Vec<Invalid> = Slug::parse(&front.slug).err().into_iter().collect();
    problems.extend(edition::number(front.number).err());
    let cover_credit = front
        .cover_credit
        .as_deref()
        .map(image::credit)
        .transpose()
        .map_err(|invalid| problems.push(Invalid { field: "cover_credit", ..invalid }))
        .unwrap_or_default();
    let texts = EditionTexts {
        title: front.title,
        foreword: doc.body.clone(),
        signature_name: front.signature_name,
        signature_role: front.signature_role,
        cover_alt: front.cover_alt,
    }
    .validate()
    .map_err(|invalid| problems.extend(invalid))
    .ok();
    if !front.groups.is_empty() && !front.stories.is_empty() {
        problems.push(Invalid::new("groups", "groups-or-story-ids"));
    }
    let groups: Vec<GroupPlan> = front
        .groups
        .iter()
        .map(|g| GroupPlan { key: g.key.clone(), lettered: g.lettered, stories: g.stories.clone() })
        .collect();
    let keys: Vec<String> = groups.iter().map(|g| g.key.clone()).collect();
    let layout_keys: Vec<Group> =
        groups.iter().map(|g| Group { key: g.key.clone(), lettered: g.lettered, story_ids: Vec::new() }).collect();
    if let Err(invalid) = Layout::Grouped(layout_keys).check() {
        problems.extend(invalid);
    }
    let group_texts: GroupTexts =
        front.groups.into_iter().map(|g| (g.key, GroupText { heading: g.heading, intro: g.intro })).collect();
    let group_texts = groups::check_texts(group_texts, &keys).map_err(|invalid| problems.extend(invalid)).ok();
    let (Some(texts), Some(group_texts)) = (texts, group_texts) else {
        return Err(doc.invalid(problems));
    };
    if !problems.is_empty() {
        return Err(doc.invalid(problems));
    }
    let index = match plan.editions.iter().position(|e| e.slug == front.slug) {
        Some(index) => index,
        None => {
            plan.editions.push(EditionPlan {
                number: front.number,
                slug: front.slug.clone(),
                origin: origin.clone(),
                stories: Vec::new(),
                groups: None,
                cover: None,
                cover_credits: BTreeMap::new(),
                published_at: None,
                texts: BTreeMap::new(),
            });
            plan.editions.len() - 1
        }
    };
    let edition = &mut plan.editions[index];
    if edition.number != front.number {
        return Err(origin.error(Said::new("import-edition-number-differs")));
    }
    let stories = if groups.is_empty() {
        front.stories
    } else {
        agree(&mut edition.groups, Some(groups.clone()), "groups", &origin)?;
        groups.iter().flat_map(|g| g.stories.iter().cloned()).collect()
    };
    if !stories.is_empty() {
        let mut agreed = (!edition.stories.is_empty()).then(|| edition.stories.clone());
        agree(&mut agreed, Some(stories), "stories", &origin)?;
        edition.stories = agreed.unwrap_or_default();
    }
    agree(&mut edition.cover, front.cover, "cover", &origin)?;
    if let Some(credit) = cover_credit {
        edition.cover_credits.insert(front.locale.clone(), credit);
    }
    agree(&mut edition.published_at, front.published_at, "published_at", &origin)?;
    edition.texts.insert(
        front.locale,
        EditionTextPlan {
            title: texts.title,
            foreword: texts.foreword,
            signature_name: texts.signature_name,
            signature_role: texts.signature_role,
            cover_alt: texts.cover_alt,
            groups: group_texts,
        },
    );
    Ok(())
}

/// Stories named by editions exist, editions named by stories exist, image files exist.
fn check_references(plan: &Plan) -> Result<(), ImportError> {
    for edition in &plan.editions {
        for slug in &edition.stories {
            if !plan.stories.iter().any(|s| &s.slug == slug) {
                return Err(edition.origin.error(Said::new("import-unknown-story").with("slug", slug)));
            }
        }
        if let Some(file) = &edition.cover {
            check_image(plan, file, &edition.origin)?;
        }
    }
    for story in &plan.stories {
        if let Some(edition) = &story.edition {
            if !plan.editions.iter().any(|e| &e.slug == edition) {
                return Err(story.origin.error(Said::new("import-unknown-edition").with("edition", edition)));
            }
        }
        for text in story.texts.values() {
            for image in &text.images {
                check_image(plan, &image.file, &story.origin)?;
            }
        }
        if story.status == Some(ImportStatus::ChangesRequested) && story.comment.is_none() {
            return Err(story.origin.error(Said::new("import-comment-needed")));
        }
    }
    Ok(())
}

fn check_image(plan: &Plan, file: &str, origin: &Origin) -> Result<(), ImportError> {
    let path = plan.dir.join("images").join(file);
    if file.contains(['/', '\\']) || !path.is_file() {
        return Err(origin.error(Said::new("import-missing-image").with("file", file)));
    }
    Ok(())
}
