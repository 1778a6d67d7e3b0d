//! Subscribers as an admin manages them: changing one's language or unsubscribing them, and
//! the CSV format of the subscriber list (import and export). What subscribers do
//! themselves is `service::subscriptions`.

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::subscribers::{self, Subscriber, SubscriberFilter, CONFIRMED, PENDING, UNSUBSCRIBED};
use crate::db::{self, deliveries, DbConn};
use crate::domain::{EmailAddress, Invalid};

use super::Error;

/// The outcome of a CSV import.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows that were not imported, each with its line number and why.
    pub errors: Vec<ImportError>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportError {
    pub line: u64,
    pub code: &'static str,
}

/// What an admin asks to change about a subscriber.
pub struct SubscriberChange {
    pub locale: Option<String>,
    /// Only `unsubscribed` may be set: subscribing takes the subscriber's own confirmation.
    pub status: Option<String>,
}

impl SubscriberChange {
    /// Checks both fields against the configured `locales`.
    pub fn check(&self, locales: &[&str]) -> Result<(), Error> {
        let mut problems = Vec::new();
        if self.locale.as_deref().is_some_and(|l| !locales.contains(&l)) {
            problems.push(Invalid::new("locale", "unknown-locale"));
        }
        if self.status.as_deref().is_some_and(|s| s != UNSUBSCRIBED) {
            problems.push(Invalid::new("status", "unknown-status"));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

/// Applies a checked change; returns the subscriber as it is now.
pub fn change(conn: &mut DbConn, id: i64, change: SubscriberChange) -> Result<Subscriber, Error> {
    db::write_transaction(conn, |conn| {
        subscribers::find(conn, id)?.ok_or(Error::NotFound)?;
        if let Some(locale) = &change.locale {
            subscribers::set_locale(conn, id, locale)?;
        }
        if change.status.is_some() {
            subscribers::set_status(conn, id, UNSUBSCRIBED)?;
        }
        subscribers::find(conn, id)?.ok_or(Error::Inconsistent("a subscriber just changed is missing"))
    })
}

/// Every subscriber as CSV: `email,locale,status,created_at,confirmed_at`.
pub fn export_csv(conn: &mut DbConn) -> Result<Vec<u8>, Error> {
    let (all, _) = subscribers::list(conn, &SubscriberFilter::default(), i64::MAX, 0)?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let stamp = |t: Option<chrono::NaiveDateTime>| t.map(|t| t.and_utc().to_rfc3339()).unwrap_or_default();
    let written = writer.write_record(["email", "locale", "status", "created_at", "confirmed_at"]).and_then(|()| {
        all.into_iter().try_for_each(|s| {
            writer.write_record([
                inert_cell(s.email),
                inert_cell(s.locale),
                s.status,
                stamp(Some(s.created_at)),
                stamp(s.confirmed_at),
            ])
        })
    });
    written.map_err(|e| Error::Storage(std::io::Error::other(e)))?;
    writer.into_inner().map_err(|e| Error::Storage(std::io::Error::other(e.to_string())))
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell`, with a `'` in front if a spreadsheet would otherwise run it as a formula.
fn inert_cell(cell: String) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Undoes [`inert_cell`], so that an exported file imports as it was.
fn from_inert_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// Imports subscribers from CSV with a header row naming `email` and `locale` (and optionally
/// `status`: `confirmed`, the default, or `pending`, which sends a confirmation). Existing
/// addresses get the new locale. Bad rows are reported by line; the good ones are imported.
pub fn import_csv(conn: &mut DbConn, bytes: &[u8], locales: &[String]) -> Result<ImportReport, Error> {
    // A file in a legacy encoding (a spreadsheet's Windows-1256, say) would otherwise fail row
    // by row wherever a name is in Arabic; better to refuse it whole and say why.
    if std::str::from_utf8(bytes).is_err() {
        return Err(Error::Unreadable("the file is not UTF-8 text; save it as CSV UTF-8".into()));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let headers = reader.headers().map_err(|e| Error::Unreadable(e.to_string()))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(email_at), Some(locale_at)) = (column("email"), column("locale")) else {
        return Err(Error::Unreadable("the first row must name the columns email and locale".into()));
    };
    let status_at = column("status");
    let mut report = ImportReport::default();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                report.errors.push(ImportError { line, code: "unreadable-row" });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let field = |at: usize| from_inert_cell(record.get(at).unwrap_or_default());
        let Ok(email) = EmailAddress::parse(field(email_at)) else {
            report.errors.push(ImportError { line, code: "invalid-email" });
            continue;
        };
        let locale = field(locale_at);
        if !locales.iter().any(|l| l == locale) {
            report.errors.push(ImportError { line, code: "unknown-locale" });
            continue;
        }
        let status = status_at.map(field).filter(|s| !s.is_empty()).unwrap_or(CONFIRMED);
        if status != CONFIRMED && status != PENDING {
            report.errors.push(ImportError { line, code: "unknown-status" });
            continue;
        }
        db::write_transaction(conn, |conn| -> Result<(), Error> {
            match subscribers::find_by_email(conn, email.as_str())? {
                Some(existing) if existing.locale == locale => report.unchanged += 1,
                Some(existing) => {
                    subscribers::set_locale(conn, existing.id, locale)?;
                    report.updated += 1;
                }
                None => {
                    let id = subscribers::insert(conn, email.as_str(), locale, status)?;
                    if status == PENDING {
                        deliveries::queue_confirmation(conn, id, locale)?;
                    }
                    report.created += 1;
                }
            }
            Ok(())
        })?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_made_inert_and_restored() {
        for formula in ["=cmd|'/c_calc'!a1@example.org", "+1", "-1", "@x", "\tx", "\rx"] {
            let inert = inert_cell(formula.to_owned());
            assert_eq!(inert, format!("'{formula}"));
            assert_eq!(from_inert_cell(&inert), formula);
        }
        assert_eq!(inert_cell("amal@example.org".into()), "amal@example.org");
        // A leading quote of the address's own is kept.
        assert_eq!(from_inert_cell("'amal'@example.org"), "'amal'@example.org");
    }
}
