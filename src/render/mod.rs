//! Turning content into what readers get: Markdown to safe HTML, dates in the reader's
//! calendar and digits, and the theme's templates. Shared by the web site and email; it renders
//! what it is given and never reads the database.

pub mod dates;
pub mod markdown;
pub mod theme;
