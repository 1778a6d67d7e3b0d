//! nashra's integration tests, in one test binary (linking the crate once, not once per
//! area): each module is one area, and each test runs the real `nashra` binary through the
//! harness in `common` (on SQLite, and on PostgreSQL when configured). One area alone:
//! `cargo test --test api auth::`.

// Helpers and fixtures outside #[test] functions unwrap too: a failure there fails the test.
#![allow(clippy::unwrap_used)]

// Before the areas: they call `on_both_backends!` unqualified.
#[macro_use]
mod common;

mod anywhere;
mod auth;
mod bad_input;
mod browser;
mod cli;
mod cli_language;
mod cors;
mod desk;
mod desk_browser;
mod desk_edition_groups;
mod desk_editions;
mod desk_library;
mod desk_people;
mod desk_stories;
mod edition_groups;
mod edition_review;
mod editions;
mod email;
mod email_phone;
mod export_address;
mod faults;
mod hardening;
mod import;
mod locales;
mod mail_catcher;
mod media;
mod media_variants;
mod problems;
mod publication;
mod readers;
mod readers_browser;
mod readme;
mod scale;
mod scheduled_send;
mod security;
mod send_troubles;
mod site;
mod smtp_server;
mod subscriptions;
mod third_locale;
mod users;
mod workflow;
