//! The language of a request, gathered from the places SPEC §4 lists.

use actix_web::http::header;
use actix_web::{web, HttpMessage, HttpRequest};
use serde::Deserialize;

use super::auth::UserLocale;
use crate::l10n::{LocaleChoice, Localizer};

#[derive(Deserialize)]
struct LangParam {
    lang: Option<String>,
}

/// The locale to answer `req` in. The signed-in user's preference counts once the
/// authentication extractor has run; before that the other sources decide.
pub fn request_locale<'l>(req: &HttpRequest, l10n: &'l Localizer) -> &'l str {
    let query = web::Query::<LangParam>::from_query(req.query_string()).ok().and_then(|q| q.0.lang);
    let user = req.extensions().get::<UserLocale>().map(|l| l.0.clone());
    let accept_language = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    l10n.negotiate(&LocaleChoice { query: query.as_deref(), path: req.path(), user: user.as_deref(), accept_language })
}
