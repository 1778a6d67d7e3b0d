//! The newsletter's own details: name, contacts, funders line, sender — per locale where
//! they are text.

use std::collections::BTreeMap;

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::{Admin, CurrentUser};
use crate::db::publication;
use crate::db::DbConn;
use crate::http::json::Json;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service;
use crate::service::publication::{LocaleTexts, PublicationInput};

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationSettings {
    #[serde(default)]
    pub website_url: String,
    /// E.g. `@office` or a profile URL.
    #[serde(default)]
    pub social_account: String,
    #[serde(default)]
    pub contact_email: String,
    /// The `From` address of emails.
    #[serde(default)]
    pub sender_address: String,
    /// Per locale code.
    #[serde(default)]
    pub texts: BTreeMap<String, PublicationTexts>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationTexts {
    pub newsletter_name: String,
    #[serde(default)]
    pub postal_address: String,
    /// The line naming the funders, shown in the footer.
    #[serde(default)]
    pub funders_line: String,
    /// Display name in the email `From` header.
    #[serde(default)]
    pub sender_name: String,
}

/// The publication's settings.
#[utoipa::path(
    get, path = "/api/v1/publication", tag = "publication", security(("bearer" = [])),
    responses(
        (status = 200, body = PublicationSettings),
    )
)]
pub async fn get_publication(_user: CurrentUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let settings = state.db.run(load).await?;
    Ok(HttpResponse::Ok().json(settings))
}

/// Replace the publication's settings (texts of locales not sent stay as they are).
#[utoipa::path(
    put, path = "/api/v1/publication", tag = "publication", security(("bearer" = ["admin"])),
    request_body = PublicationSettings,
    responses(
        (status = 200, body = PublicationSettings),
        (status = 404, description = "Unknown locale"),
        (status = 422, description = "Invalid fields"),
    )
)]
pub async fn put_publication(
    _admin: Admin,
    state: web::Data<AppState>,
    body: Json<PublicationSettings>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    if body.texts.keys().any(|locale| !state.l10n.is_supported(locale)) {
        return Err(ApiError::UnknownLocale);
    }
    let input = PublicationInput {
        website_url: body.website_url,
        social_account: body.social_account,
        contact_email: body.contact_email,
        sender_address: body.sender_address,
        texts: body
            .texts
            .into_iter()
            .map(|(locale, t)| LocaleTexts {
                locale,
                newsletter_name: t.newsletter_name,
                postal_address: t.postal_address,
                funders_line: t.funders_line,
                sender_name: t.sender_name,
            })
            .collect(),
    };
    let settings = state
        .db
        .run(move |conn| {
            service::publication::save(conn, input)?;
            load(conn)
        })
        .await?;
    Ok(HttpResponse::Ok().json(settings))
}

fn load(conn: &mut DbConn) -> Result<PublicationSettings, ApiError> {
    let contacts = publication::contacts(conn)?;
    let texts = publication::texts(conn)?
        .into_iter()
        .map(|t| {
            let texts = PublicationTexts {
                newsletter_name: t.newsletter_name,
                postal_address: t.postal_address,
                funders_line: t.funders_line,
                sender_name: t.sender_name,
            };
            (t.locale, texts)
        })
        .collect();
    Ok(PublicationSettings {
        website_url: contacts.website_url,
        social_account: contacts.social_account,
        contact_email: contacts.contact_email,
        sender_address: contacts.sender_address,
        texts,
    })
}
