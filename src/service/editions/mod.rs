//! Editions: writing them (`edit`) and publishing them (`publish`).

mod edit;
mod publish;

pub use edit::{
    create, decode_group_texts, encode_group_texts, put_text, record_edit, update, CheckedUpdate, EditionUpdate,
    NewEdition, Touched,
};
pub use publish::{adopt_unrevisioned, publish, readiness, NotReady};
