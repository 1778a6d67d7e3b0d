//! The subscribers, for admins: counts by language and state, a search by address with
//! filters, one page of the list, and the report of a CSV import.

use serde::Serialize;

use super::{local_time, LanguageOption, LocalTime, Pager};
use crate::db::subscribers::{self, Subscriber, SubscriberFilter, STATUSES};
use crate::db::DbConn;
use crate::service::subscribers::ImportReport;
use crate::service::Error;

/// Subscribers per page.
pub const PER_PAGE: i64 = 50;

/// What the list is asked for (the GET form's fields), already checked: an unknown language
/// or state is no filter.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Query {
    pub q: String,
    pub locale: String,
    pub status: String,
    pub page: i64,
}

impl Query {
    /// This query's address, on page `page`.
    pub fn href(&self, page: i64) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in [("q", &self.q), ("locale", &self.locale), ("status", &self.status)] {
            if !value.is_empty() {
                pairs.append_pair(key, value);
            }
        }
        if page > 1 {
            pairs.append_pair("page", &page.to_string());
        }
        match pairs.finish() {
            query if query.is_empty() => "/desk/subscribers".to_owned(),
            query => format!("/desk/subscribers?{query}"),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SubscribersPage {
    pub query: Query,
    /// The address of this very list, for forms to come back to.
    pub back: String,
    pub languages: Vec<LanguageOption>,
    pub statuses: &'static [&'static str],
    pub counts: Counts,
    pub items: Vec<SubscriberRow>,
    pub pager: Pager,
    pub import: Option<ImportView>,
}

/// Subscribers per language (rows) and state (columns), with totals.
#[derive(Debug, Serialize)]
pub struct Counts {
    pub rows: Vec<CountRow>,
    /// Per state, over every language.
    pub totals: Vec<i64>,
    pub total: i64,
}

#[derive(Debug, Serialize)]
pub struct CountRow {
    pub language: LanguageOption,
    /// Per state, in the order of `STATUSES`.
    pub cells: Vec<i64>,
    pub total: i64,
}

#[derive(Debug, Serialize)]
pub struct SubscriberRow {
    pub id: i64,
    pub email: String,
    pub locale: String,
    pub status: String,
    pub since: LocalTime,
}

/// A CSV import's outcome, or why the file was refused whole.
#[derive(Debug, Default, Serialize)]
pub struct ImportView {
    pub report: Option<ImportReport>,
    /// The sentence saying why nothing was imported.
    pub refused: Option<String>,
    /// The parser's own words about the file, if any (technical, English).
    pub reason: Option<String>,
}

/// The subscribers page for `query`; `languages` are the configured ones.
pub fn load(
    conn: &mut DbConn,
    query: Query,
    languages: Vec<LanguageOption>,
    time_zone: &str,
) -> Result<SubscribersPage, Error> {
    let filter = SubscriberFilter {
        status: Some(query.status.clone()).filter(|s| !s.is_empty()),
        locale: Some(query.locale.clone()).filter(|l| !l.is_empty()),
        // Addresses are stored in lower case (`EmailAddress`), and PostgreSQL's LIKE minds case.
        search: Some(query.q.trim().to_lowercase()).filter(|q| !q.is_empty()),
    };
    let (found, total) = subscribers::list(conn, &filter, PER_PAGE, (query.page - 1) * PER_PAGE)?;
    let counts = counts(subscribers::counts(conn)?, &languages);
    let items = found.into_iter().map(|s| row(s, time_zone)).collect();
    let pager = Pager::new(query.page, PER_PAGE, total, |n| query.href(n));
    Ok(SubscribersPage {
        back: query.href(query.page),
        query,
        languages,
        statuses: &STATUSES,
        counts,
        items,
        pager,
        import: None,
    })
}

fn row(s: Subscriber, time_zone: &str) -> SubscriberRow {
    SubscriberRow {
        id: s.id,
        email: s.email,
        locale: s.locale,
        status: s.status,
        since: local_time(s.created_at, time_zone),
    }
}

/// The table of counts: a row per configured language (and any other language subscribers
/// still have), a column per state.
fn counts(found: Vec<(String, String, i64)>, languages: &[LanguageOption]) -> Counts {
    let mut rows: Vec<CountRow> = languages
        .iter()
        .map(|language| CountRow { language: language.clone(), cells: vec![0; STATUSES.len()], total: 0 })
        .collect();
    let mut totals = vec![0; STATUSES.len()];
    let mut total = 0;
    for (locale, status, count) in found {
        let Some(column) = STATUSES.iter().position(|s| *s == status) else { continue };
        let at = match rows.iter().position(|r| r.language.code == locale) {
            Some(at) => at,
            None => {
                let language = LanguageOption { name: locale.clone(), code: locale, dir: "auto" };
                rows.push(CountRow { language, cells: vec![0; STATUSES.len()], total: 0 });
                rows.len() - 1
            }
        };
        rows[at].cells[column] += count;
        rows[at].total += count;
        totals[column] += count;
        total += count;
    }
    Counts { rows, totals, total }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_keeps_its_filters_in_its_address() {
        let query = Query { q: "a b@x".into(), locale: "ar".into(), status: String::new(), page: 1 };
        assert_eq!(query.href(1), "/desk/subscribers?q=a+b%40x&locale=ar");
        assert_eq!(query.href(3), "/desk/subscribers?q=a+b%40x&locale=ar&page=3");
        assert_eq!(Query::default().href(1), "/desk/subscribers");
    }

    #[test]
    fn counts_add_up_by_language_and_state() {
        let languages = vec![LanguageOption { code: "en".into(), name: "English".into(), dir: "ltr" }];
        let found = vec![
            ("en".into(), "confirmed".into(), 3),
            ("en".into(), "pending".into(), 1),
            ("fr".into(), "confirmed".into(), 2),
        ];
        let counts = counts(found, &languages);
        assert_eq!(counts.total, 6);
        assert_eq!(counts.rows.len(), 2);
        assert_eq!(counts.rows[0].total, 4);
        let confirmed = STATUSES.iter().position(|s| *s == "confirmed").expect("a state");
        assert_eq!(counts.totals[confirmed], 5);
    }
}
