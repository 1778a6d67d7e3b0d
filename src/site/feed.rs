//! The Atom feed of one locale: its most recently published stories. Pure: it renders
//! the entries a loader read.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{NaiveDateTime, TimeZone, Utc};

use super::cache::Rendered;
use super::paths::PagePath;
use super::view::FeedEntry;
use super::Site;
use crate::render::markdown::to_safe_html;

/// The feed of `locale`, named `name`.
pub(super) fn atom(site_: &Site, locale: &str, name: &str, stories: &[FeedEntry]) -> Rendered {
    let name = name.to_owned();
    let feed_url = site_.base.absolute(&PagePath::Feed(locale.to_owned()).path());
    let home_url = site_.base.absolute(&PagePath::Home(locale.to_owned()).path());
    let updated = stories.iter().filter_map(|s| s.published_at).max().unwrap_or_default();

    let entries = stories
        .iter()
        .map(|story| {
            let url = site_.base.absolute(&PagePath::Story(locale.to_owned(), story.slug.clone()).path());
            let published = fixed(story.published_at.unwrap_or(story.revised_at));
            let mut entry = Entry::default();
            entry.set_id(url.clone());
            entry.set_title(Text::plain(story.title.clone()));
            entry.set_updated(published);
            entry.set_published(Some(published));
            entry.set_links(vec![link(&url, "alternate", "text/html")]);
            if !story.summary.is_empty() {
                entry.set_summary(Some(Text::plain(story.summary.clone())));
            }
            let mut content = Content::default();
            content.set_content_type(Some("html".to_owned()));
            content.set_value(Some(to_safe_html(&story.body)));
            entry.set_content(Some(content));
            entry
        })
        .collect::<Vec<_>>();

    let mut feed = Feed::default();
    feed.set_id(feed_url.clone());
    feed.set_title(Text::plain(name.clone()));
    feed.set_lang(Some(locale.to_owned()));
    feed.set_updated(fixed(updated));
    feed.set_authors(vec![Person { name, ..Default::default() }]);
    feed.set_links(vec![link(&feed_url, "self", "application/atom+xml"), link(&home_url, "alternate", "text/html")]);
    feed.set_entries(entries);
    Rendered::new(feed.to_string().into_bytes(), "application/atom+xml; charset=utf-8")
}

fn link(href: &str, rel: &str, mime_type: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href.to_owned());
    link.set_rel(rel.to_owned());
    link.set_mime_type(Some(mime_type.to_owned()));
    link
}

fn fixed(at: NaiveDateTime) -> FixedDateTime {
    Utc.from_utc_datetime(&at).fixed_offset()
}
