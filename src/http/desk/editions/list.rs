//! `/desk/editions`: the list, and the form that creates an edition.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{langs, refusal};
use crate::desk::chrome::Section;
use crate::desk::editions::list::{self, Listing};
use crate::desk::editions::{time_zone, Lang};
use crate::domain::Role;
use crate::http::desk::page::{self, DeskError};
use crate::http::desk::session::{Desk, DeskForm};
use crate::http::state::AppState;
use crate::service::editions::NewEdition;
use crate::service::{self};

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    page: String,
}

/// The create form, as typed (or empty, every language required).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CreateForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    required_locales: Vec<String>,
    #[serde(skip_deserializing)]
    errors: BTreeMap<String, String>,
    #[serde(skip_deserializing)]
    detail: String,
}

#[derive(Serialize)]
struct ListView {
    listing: Listing,
    langs: Vec<Lang>,
    form: CreateForm,
}

pub async fn list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    desk: Desk,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, DeskError> {
    let page = query.page.trim().parse().unwrap_or(1);
    let langs = langs(&state);
    let form = CreateForm { required_locales: langs.iter().map(|l| l.code.clone()).collect(), ..CreateForm::default() };
    show(&req, &state, &desk, page, form, StatusCode::OK).await
}

async fn show(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    page: i64,
    form: CreateForm,
    status: StatusCode,
) -> Result<HttpResponse, DeskError> {
    let langs = langs(state);
    let (loaded_langs, zone) = (langs.clone(), time_zone(&desk.user.time_zone));
    let listing = state.db.run(move |conn| list::load(conn, &loaded_langs, zone, page)).await?;
    let chrome = page::chrome(req, state, Some(desk), Some(Section::Editions)).await?;
    page::html(state, status, &chrome, "editions", ListView { listing, langs, form })
}

/// `POST /desk/editions`: the same fields and checks as `POST /api/v1/editions`.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: DeskForm<CreateForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, mut form } = form;
    desk.require(Role::Editor)?;
    // Not a whole number: checked as 0, so the refusal is the API's own sentence for it.
    let number = form.number.trim().parse().unwrap_or(0);
    let result =
        match NewEdition::check(&state.l10n, number, form.slug.trim(), None, Some(form.required_locales.clone())) {
            Ok(new) => {
                let author = desk.user.id;
                state.db.run(move |conn| service::editions::create(conn, new, author)).await.map_err(DeskError::from)
            }
            Err(error) => Err(error.into()),
        };
    match result {
        Ok(id) => Ok(page::see_other(&state, &format!("/desk/editions/{id}"), "edition-created")),
        Err(error) => {
            let lang = page::chrome(&req, &state, Some(&desk), None).await?.lang;
            let refused = refusal(&state, &lang, req.path(), error)?;
            form.errors = refused.fields;
            // A conflict (number or slug taken) is about one field: say it there.
            match refused.code {
                "slug-taken" => form.errors.insert("slug".into(), refused.detail.clone()),
                "edition-number-taken" => form.errors.insert("number".into(), refused.detail.clone()),
                _ => None,
            };
            form.detail = refused.detail;
            show(&req, &state, &desk, 1, form, refused.status).await
        }
    }
}
