//! Editions: writing them (`edit`) and publishing them (`publish`).

mod edit;
mod publish;

pub use edit::{create, put_text, record_edit, update, CheckedUpdate, EditionUpdate, NewEdition, Touched};
pub use publish::{adopt_unrevisioned, publish, readiness, NotReady};

/// Group texts as `edition_translations.group_texts` stores them.
pub use crate::domain::groups::{decode_texts as decode_group_texts, encode_texts as encode_group_texts};
