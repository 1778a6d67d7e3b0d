//! The product's own rules as plain types: valid values and who may do what. No I/O here, no
//! database and no HTTP; everything in this module can be tested with nothing but values.

pub mod account;
pub mod edition;
pub mod groups;
pub mod image;
pub mod publication;
pub mod revision;
pub mod role;
pub mod slug;
pub mod story;
pub mod workflow;

pub use account::{DisplayName, EmailAddress, NewPassword};
pub use role::{Role, RoleSet};
pub use slug::Slug;

/// Why a value was refused. `field-<code>` is a Fluent message, so the reason reaches the
/// client in its own language; `field` names the input it belongs to and `limit`, when set,
/// is the bound that was broken (the message's `$limit`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: &'static str,
    pub code: &'static str,
    pub limit: Option<u64>,
}

impl Invalid {
    pub fn new(field: &'static str, code: &'static str) -> Self {
        Self { field, code, limit: None }
    }

    pub fn with_limit(mut self, limit: usize) -> Self {
        self.limit = Some(limit as u64);
        self
    }
}
