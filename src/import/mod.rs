//! `nashra import DIR`: stories and editions from Markdown files with TOML front matter
//! (format in docs/import.md). Reading and checking (`parse`) is separate from writing
//! (`apply`), so a malformed folder is refused before anything is written.

pub mod apply;
pub mod parse;

pub use apply::{apply, ImportFailure, ImportReport};
pub use parse::{read_plan, ImportError};
