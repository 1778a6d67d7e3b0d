//! Reading what an email shows and rendering it: the site's loaders (`site::load`) fill the
//! view structs, then `compose` renders them. The only part of composing that touches the
//! database.

use super::compose::{self, Composed};
use super::DeliveryError;
use crate::db::{published, DbConn};
use crate::site::{load, Lookups, Site};

/// The published edition `edition_id` as an email in `locale`, from its live revision;
/// `None` if it is unpublished or has no live text in that locale.
pub fn edition_email(
    site: &Site,
    conn: &mut DbConn,
    default_from: &str,
    edition_id: i64,
    locale: &str,
) -> Result<Option<Composed>, DeliveryError> {
    let lookups = Lookups::default();
    let Some(edition) = load::edition_by_id(conn, &lookups, edition_id, locale)? else { return Ok(None) };
    compose::edition_email(site, lookups.publication(conn)?, &edition, default_from).map(Some)
}

/// [`edition_email`] for the published edition with this slug (for previews and benchmarks).
pub fn edition_email_by_slug(
    site: &Site,
    conn: &mut DbConn,
    default_from: &str,
    slug: &str,
    locale: &str,
) -> Result<Option<Composed>, DeliveryError> {
    let Some(edition) = published::published_edition(conn, slug)? else { return Ok(None) };
    edition_email(site, conn, default_from, edition.id, locale)
}

/// The request to confirm a subscription in `locale`.
pub fn confirmation_email(
    site: &Site,
    conn: &mut DbConn,
    default_from: &str,
    locale: &str,
) -> Result<Composed, DeliveryError> {
    compose::confirmation_email(site, &load::publication_of(conn)?, locale, default_from)
}
