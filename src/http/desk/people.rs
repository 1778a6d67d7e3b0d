//! Users and roles (admins), and each person's own account: name, language, time zone, password and second factor (TOTP).

use actix_web::web;

/// This screen's routes, inside the `/desk` scope.
pub fn routes(_desk: &mut web::ServiceConfig) {}
