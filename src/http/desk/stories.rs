//! Stories: the list with filters and search, the side-by-side editor, preview, save conflicts, outdated translations, workflow buttons, the timeline, revisions and their comparison.

use actix_web::web;

/// This screen's routes, inside the `/desk` scope.
pub fn routes(_desk: &mut web::ServiceConfig) {}
