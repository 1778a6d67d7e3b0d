//! The publication's own details (name, contacts, funders line, sender), checked by the
//! rules of `domain::publication` and stored trimmed. The API and `nashra import` both save
//! them through here.

use crate::db::publication::{self, Contacts, PublicationText};
use crate::db::{self, DbConn};
use crate::domain::publication::Publication;

use super::Error;

/// The settings as given; texts per locale code.
#[derive(Debug, Clone, Default)]
pub struct PublicationInput {
    pub website_url: String,
    pub social_account: String,
    pub contact_email: String,
    pub sender_address: String,
    pub texts: Vec<LocaleTexts>,
}

#[derive(Debug, Clone, Default)]
pub struct LocaleTexts {
    pub locale: String,
    pub newsletter_name: String,
    pub postal_address: String,
    pub funders_line: String,
    pub sender_name: String,
}

/// Checks and stores the settings; texts of locales not given stay as they are.
pub fn save(conn: &mut DbConn, input: PublicationInput) -> Result<(), Error> {
    Publication {
        website_url: &input.website_url,
        social_account: &input.social_account,
        contact_email: &input.contact_email,
        sender_address: &input.sender_address,
        texts: input
            .texts
            .iter()
            .map(|t| [t.newsletter_name.as_str(), &t.postal_address, &t.funders_line, &t.sender_name])
            .collect(),
    }
    .check()
    .map_err(Error::Invalid)?;
    let contacts = Contacts {
        website_url: input.website_url.trim().to_owned(),
        social_account: input.social_account.trim().to_owned(),
        contact_email: input.contact_email.trim().to_owned(),
        sender_address: input.sender_address.trim().to_owned(),
    };
    let texts: Vec<PublicationText> = input
        .texts
        .into_iter()
        .map(|t| PublicationText {
            locale: t.locale,
            newsletter_name: t.newsletter_name.trim().to_owned(),
            postal_address: t.postal_address.trim().to_owned(),
            funders_line: t.funders_line.trim().to_owned(),
            sender_name: t.sender_name.trim().to_owned(),
        })
        .collect();
    db::write_transaction(conn, |conn| publication::save(conn, &contacts, &texts))?;
    Ok(())
}
