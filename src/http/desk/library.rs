//! The media library (upload, list, texts per language, where each image is used) and the subscribers (search, counts, CSV import and export).

use actix_web::web;

/// This screen's routes, inside the `/desk` scope.
pub fn routes(_desk: &mut web::ServiceConfig) {}
