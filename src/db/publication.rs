//! The newsletter's own details: contacts, and per-locale names and footer lines.

use diesel::prelude::*;

use super::schema::{publication, publication_texts};
use super::{now, DbConn};

#[derive(Debug, Clone, Default)]
pub struct Contacts {
    pub website_url: String,
    pub social_account: String,
    pub contact_email: String,
    pub sender_address: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = publication_texts)]
pub struct PublicationText {
    pub locale: String,
    pub newsletter_name: String,
    pub postal_address: String,
    pub funders_line: String,
    pub sender_name: String,
}

pub fn contacts(conn: &mut DbConn) -> QueryResult<Contacts> {
    let row: Option<(String, String, String, String)> = publication::table
        .find(1)
        .select((
            publication::website_url,
            publication::social_account,
            publication::contact_email,
            publication::sender_address,
        ))
        .first(conn)
        .optional()?;
    Ok(row
        .map(|(website_url, social_account, contact_email, sender_address)| Contacts {
            website_url,
            social_account,
            contact_email,
            sender_address,
        })
        .unwrap_or_default())
}

pub fn texts(conn: &mut DbConn) -> QueryResult<Vec<PublicationText>> {
    publication_texts::table.order(publication_texts::locale.asc()).select(PublicationText::as_select()).load(conn)
}

/// Replaces the contacts and the texts of the given locales.
pub fn save(conn: &mut DbConn, contacts: &Contacts, texts: &[PublicationText]) -> QueryResult<()> {
    // The row is replaced, so the desk's setting on it (`admins_need_totp`) is carried over.
    let admins_need_totp = super::totp::admins_need_totp(conn)?;
    diesel::delete(publication::table).execute(conn)?;
    diesel::insert_into(publication::table)
        .values((
            publication::id.eq(1),
            publication::website_url.eq(&contacts.website_url),
            publication::social_account.eq(&contacts.social_account),
            publication::contact_email.eq(&contacts.contact_email),
            publication::sender_address.eq(&contacts.sender_address),
            publication::updated_at.eq(now()),
            publication::admins_need_totp.eq(admins_need_totp),
        ))
        .execute(conn)?;
    for text in texts {
        diesel::delete(publication_texts::table.find(&text.locale)).execute(conn)?;
        diesel::insert_into(publication_texts::table)
            .values((
                publication_texts::locale.eq(&text.locale),
                publication_texts::newsletter_name.eq(&text.newsletter_name),
                publication_texts::postal_address.eq(&text.postal_address),
                publication_texts::funders_line.eq(&text.funders_line),
                publication_texts::sender_name.eq(&text.sender_name),
            ))
            .execute(conn)?;
    }
    Ok(())
}
