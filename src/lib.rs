//! nashra: a newsroom backend for a newsletter published in English and Arabic.
//!
//! The modules follow what the product does: `domain` holds the rules (no I/O), `db` the
//! storage, `auth` identities and tokens, `l10n` everything the product says, `http` the
//! API, `cli` the command line. `app` wires them into a server.

pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod delivery;
pub mod desk;
pub mod domain;
pub mod http;
pub mod import;
pub mod l10n;
pub mod media;
pub mod render;
pub mod service;
pub mod site;
