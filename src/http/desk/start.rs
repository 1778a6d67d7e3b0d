//! `/desk/`: what waits for the signed-in person.

use actix_web::{web, HttpRequest, HttpResponse};

use super::page::{self, DeskError};
use super::session::Desk;
use crate::desk::chrome::Section;
use crate::desk::start;
use crate::http::state::AppState;

pub async fn start_page(req: HttpRequest, state: web::Data<AppState>, desk: Desk) -> Result<HttpResponse, DeskError> {
    let rules = state.rules.clone();
    let user = desk.user.clone();
    let view = state.db.run(move |conn| start::load(conn, &rules, &user)).await?;
    page::show(&req, &state, &desk, Section::Start, "start", view).await
}
