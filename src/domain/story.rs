//! A story's own fields (besides its slug and its per-locale texts, see `revision`).

use super::Invalid;

pub const MAX_SECTION_CHARS: usize = 100;

/// A programme section label (`a`, `Education`…): trimmed, at most `MAX_SECTION_CHARS`
/// characters, no control characters; empty means none.
pub fn section(raw: &str) -> Result<String, Invalid> {
    let section = raw.trim();
    if section.chars().count() > MAX_SECTION_CHARS || section.chars().any(char::is_control) {
        return Err(Invalid::new("section", "text-too-long").with_limit(MAX_SECTION_CHARS));
    }
    Ok(section.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_short_single_lines() {
        assert_eq!(section(" b ").unwrap(), "b");
        assert!(section(&"x".repeat(101)).is_err());
        assert!(section("a\nb").is_err());
    }
}
