//! Stories: the language-independent part (slug, section, place in an edition).

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::expression::SqlLiteral;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};

use super::schema::{stories, story_revisions, story_translations};
use super::{now, DbConn, MultiBackend};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = stories)]
pub struct Story {
    pub id: i64,
    pub slug: String,
    pub section: String,
    pub edition_id: Option<i64>,
    pub position: Option<i32>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Its group in its edition, when the edition arranges its stories in groups.
    pub group_key: Option<String>,
}

pub fn insert(conn: &mut DbConn, slug: &str, section: &str, created_by: i64) -> QueryResult<i64> {
    let at = now();
    diesel::insert_into(stories::table)
        .values((
            stories::slug.eq(slug),
            stories::section.eq(section),
            stories::created_by.eq(created_by),
            stories::created_at.eq(at),
            stories::updated_at.eq(at),
        ))
        .returning(stories::id)
        .get_result(conn)
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Story>> {
    stories::table.find(id).select(Story::as_select()).first(conn).optional()
}

pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<Story>> {
    stories::table.filter(stories::slug.eq(slug)).select(Story::as_select()).first(conn).optional()
}

pub fn update(conn: &mut DbConn, id: i64, slug: Option<&str>, section: Option<&str>) -> QueryResult<()> {
    if let Some(slug) = slug {
        diesel::update(stories::table.find(id)).set(stories::slug.eq(slug)).execute(conn)?;
    }
    if let Some(section) = section {
        diesel::update(stories::table.find(id)).set(stories::section.eq(section)).execute(conn)?;
    }
    touch(conn, id)
}

/// Marks a story as changed, so lists sorted by activity show it first.
pub fn touch(conn: &mut DbConn, id: i64) -> QueryResult<()> {
    diesel::update(stories::table.find(id)).set(stories::updated_at.eq(now())).execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConn, id: i64) -> QueryResult<usize> {
    diesel::delete(stories::table.find(id)).execute(conn)
}

/// The stories of an edition, in order.
pub fn in_edition(conn: &mut DbConn, edition_id: i64) -> QueryResult<Vec<Story>> {
    stories::table
        .filter(stories::edition_id.eq(edition_id))
        .order((stories::position.asc(), stories::id.asc()))
        .select(Story::as_select())
        .load(conn)
}

/// Filters for the editors' story list; all optional, combined with AND.
#[derive(Debug, Default, Clone)]
pub struct StoryFilter {
    /// With `locale`: that locale's translation has this status; without: any translation.
    pub status: Option<String>,
    /// Stories that have a translation in this locale.
    pub locale: Option<String>,
    pub edition_id: Option<i64>,
    /// Stories with a revision written by this user.
    pub author_id: Option<i64>,
    /// Stories with a translation in review that this reviewer may judge.
    pub awaiting_review: Option<AwaitingReview>,
    /// Only these ids (computed elsewhere, e.g. the scheduled ones).
    pub only_ids: Option<Vec<i64>>,
    /// Stories with a translation (in `locale` when set) older than its source.
    pub outdated: Option<Outdated>,
    /// Stories in this section.
    pub section: Option<String>,
    /// Case-insensitive substring of the latest revision's title in any language.
    pub q: Option<String>,
}

diesel::define_sql_function! {
    /// SQL `lower()`, for case-insensitive search on both backends.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// `stories.id` behind a unary plus, for the filters that are lists of stories (status,
/// language, author, review, outdated). The plus keeps the planner from reading stories in
/// the list's order, which would mean fetching every story in it and sorting them all for a
/// page of fifty; instead it reads stories newest first from their index, checks each against
/// the list, and stops at the page's end (at 10,000 stories, the desk's "published" list went
/// from 12.3 to 9.6 ms on one connection). A title search, whose few matches should lead,
/// keeps the plain column.
fn checked_id() -> SqlLiteral<BigInt> {
    sql::<BigInt>("+stories.id")
}

fn is_sqlite(conn: &DbConn) -> bool {
    matches!(conn, DbConn::Sqlite(_))
}

/// Stories whose latest title in some language contains `q`, in any case, asked of each
/// backend's substring index: SQLite's FTS5 trigram table `story_title_search` (a quoted
/// phrase, in which nothing is an operator), PostgreSQL's pg_trgm index, which serves `LIKE`
/// itself. Trigrams need three characters: a shorter search reads every title, which is still
/// right. Written as SQL because diesel has no `MATCH`; the text is bound, never spliced.
fn titled(sqlite: bool, q: &str) -> Box<dyn BoxableExpression<stories::table, MultiBackend, SqlType = Bool>> {
    let q = q.trim().to_lowercase();
    let (before, text, after) = if sqlite && q.chars().count() >= 3 {
        (
            "stories.id IN (SELECT story_id FROM story_translations WHERE id IN \
             (SELECT rowid FROM story_title_search WHERE story_title_search MATCH ",
            format!("\"{}\"", q.replace('"', "\"\"")),
            "))",
        )
    } else {
        (
            "stories.id IN (SELECT story_id FROM story_translations WHERE search_title LIKE ",
            contains_pattern(&q),
            " ESCAPE '\\')",
        )
    };
    Box::new(sql::<Bool>(before).bind::<Text, _>(text).sql(after))
}

/// `text` as a `LIKE` pattern matching it anywhere, its wildcards escaped with `\`.
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Which translations count as outdated: those (in `locale`, or any but the source) that
/// were not made from the latest revision of the story's `source_locale` translation. The
/// same rule as `service::outdated::is_outdated`, asked of the database so that a list at
/// 10,000 stories does not load every translation to apply it.
#[derive(Debug, Clone)]
pub struct Outdated {
    pub source_locale: String,
    pub locale: Option<String>,
}

/// Whose review a translation in review is waiting for.
#[derive(Debug, Clone, Copy)]
pub enum AwaitingReview {
    /// Self-approval is allowed: any reviewer's.
    Anyone,
    /// Anyone's but the author of its latest revision, here this user.
    NotWrittenBy(i64),
}

/// One page of stories, most recently changed first, and the total matching.
pub fn list(conn: &mut DbConn, filter: &StoryFilter, limit: i64, offset: i64) -> QueryResult<(Vec<Story>, i64)> {
    let searched = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let sqlite = is_sqlite(conn);
    let query = || {
        let mut query = stories::table.into_boxed();
        let translations = story_translations::table;
        query = match (filter.status.clone(), filter.locale.clone()) {
            (Some(status), Some(locale)) => query.filter(
                checked_id().eq_any(
                    translations
                        .filter(story_translations::status.eq(status))
                        .filter(story_translations::locale.eq(locale))
                        .select(story_translations::story_id),
                ),
            ),
            (Some(status), None) => query.filter(checked_id().eq_any(
                translations.filter(story_translations::status.eq(status)).select(story_translations::story_id),
            )),
            (None, Some(locale)) => query.filter(checked_id().eq_any(
                translations.filter(story_translations::locale.eq(locale)).select(story_translations::story_id),
            )),
            (None, None) => query,
        };
        if let Some(edition_id) = filter.edition_id {
            query = query.filter(stories::edition_id.eq(edition_id));
        }
        if let Some(author_id) = filter.author_id {
            let written = story_revisions::table
                .inner_join(story_translations::table)
                .filter(story_revisions::author_id.eq(author_id))
                .select(story_translations::story_id);
            query = query.filter(checked_id().eq_any(written));
        }
        let in_review = || story_translations::table.filter(story_translations::status.eq("in_review"));
        match filter.awaiting_review {
            Some(AwaitingReview::Anyone) => {
                query = query.filter(checked_id().eq_any(in_review().select(story_translations::story_id)));
            }
            Some(AwaitingReview::NotWrittenBy(reviewer)) => {
                let waiting = in_review()
                    .inner_join(
                        story_revisions::table.on(story_revisions::id.eq(story_translations::latest_revision_id)),
                    )
                    .filter(story_revisions::author_id.ne(reviewer).or(story_revisions::author_id.is_null()))
                    .select(story_translations::story_id);
                query = query.filter(checked_id().eq_any(waiting));
            }
            None => {}
        }
        if let Some(ids) = &filter.only_ids {
            query = query.filter(stories::id.eq_any(ids.clone()));
        }
        if let Some(rule) = &filter.outdated {
            let source = diesel::alias!(story_translations as source);
            let stale = story_translations::table
                .inner_join(
                    source.on(source
                        .field(story_translations::story_id)
                        .eq(story_translations::story_id)
                        .and(source.field(story_translations::locale).eq(rule.source_locale.clone()))),
                )
                .filter(story_translations::locale.ne(rule.source_locale.clone()))
                .filter(
                    story_translations::source_revision_id.is_null().or(story_translations::source_revision_id
                        .ne(source.field(story_translations::latest_revision_id).nullable())),
                )
                .select(story_translations::story_id);
            query = match &rule.locale {
                Some(locale) => {
                    query.filter(checked_id().eq_any(stale.filter(story_translations::locale.eq(locale.clone()))))
                }
                None => query.filter(checked_id().eq_any(stale)),
            };
        }
        if let Some(section) = &filter.section {
            query = query.filter(stories::section.eq(section.clone()));
        }
        if let Some(q) = searched {
            // IN, not EXISTS: the few titles that match drive the query.
            query = query.filter(titled(sqlite, q));
        }
        query
    };
    let newest_first = (stories::updated_at.desc(), stories::id.desc());
    if searched.is_some() {
        // A search reads every title once: the matching ids, in order, give both the total
        // and the page, instead of a count and a page that would each read them again.
        let ids: Vec<i64> = query().order(newest_first).select(stories::id).load(conn)?;
        let total = ids.len() as i64;
        let wanted: Vec<i64> = ids.into_iter().skip(offset.max(0) as usize).take(limit.max(0) as usize).collect();
        let mut page = stories::table.filter(stories::id.eq_any(&wanted)).select(Story::as_select()).load(conn)?;
        page.sort_by_key(|story: &Story| wanted.iter().position(|id| *id == story.id));
        return Ok((page, total));
    }
    let total = query().count().get_result(conn)?;
    let page = query().order(newest_first).limit(limit).offset(offset).select(Story::as_select()).load(conn)?;
    Ok((page, total))
}

/// Stories in no edition, most recently changed first: what an edition's "add stories"
/// picker offers. `search` (may be empty) matches the slug or the latest title of any
/// translation, case-insensitively for ASCII.
pub fn outside_editions(conn: &mut DbConn, search: &str, limit: i64) -> QueryResult<Vec<Story>> {
    let mut query = stories::table.filter(stories::edition_id.is_null()).into_boxed();
    let search = search.trim();
    if !search.is_empty() {
        let by_slug = lower(stories::slug).like(contains_pattern(search)).escape('\\');
        query = query.filter(by_slug.or(titled(is_sqlite(conn), search)));
    }
    query.order((stories::updated_at.desc(), stories::id.desc())).limit(limit).select(Story::as_select()).load(conn)
}
