//! Who is calling and what they may do: password hashing, access and refresh tokens, login
//! rate limits, and the extractors handlers use to demand a signed-in user or a role.

pub mod extract;
pub mod password;
pub mod rate_limit;
pub mod refresh;
pub mod secret;
pub mod session;
pub mod tokens;

pub use extract::{authenticate, Admin, CurrentUser, Editor, Require, Reviewer};
pub use tokens::{Claims, TokenKeys};
