//! Who is calling and what they may do: the signing secret, password hashing, access and
//! refresh tokens, login sessions and rate limits. The HTTP glue (the middleware and the
//! extractors that demand a signed-in user or a role) is `http::auth`.

pub mod csrf;
pub mod password;
pub mod rate_limit;
pub mod refresh;
pub mod secret;
pub mod session;
pub mod tokens;
pub mod totp;

pub use tokens::{Claims, TokenKeys};
