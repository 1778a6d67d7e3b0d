//! Editions: the list, creating one, picking and ordering its stories, its texts per language, the readiness checklist, publishing; and sending it: preview per language, test send, send, progress.

use actix_web::web;

/// This screen's routes, inside the `/desk` scope.
pub fn routes(_desk: &mut web::ServiceConfig) {}
