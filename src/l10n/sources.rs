//! Where a locale's Fluent files come from: the files shipped in `locales/`, compiled into the
//! binary so it runs from any folder, and an optional folder on disk (`locales_dir`) whose
//! files replace the built-in files of the same name and may add whole locales.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::LoadError;

/// Every file under `locales/`, by locale and file name. A unit test checks that none is
/// missing: add a line here with each new `.ftl` file.
const BUILT_IN: &[(&str, &str, &str)] = &[
    ("en", "cli.ftl", include_str!("../../locales/en/cli.ftl")),
    ("en", "desk-editions.ftl", include_str!("../../locales/en/desk-editions.ftl")),
    ("en", "desk-library.ftl", include_str!("../../locales/en/desk-library.ftl")),
    ("en", "desk-people.ftl", include_str!("../../locales/en/desk-people.ftl")),
    ("en", "desk-stories.ftl", include_str!("../../locales/en/desk-stories.ftl")),
    ("en", "desk.ftl", include_str!("../../locales/en/desk.ftl")),
    ("en", "email.ftl", include_str!("../../locales/en/email.ftl")),
    ("en", "fields.ftl", include_str!("../../locales/en/fields.ftl")),
    ("en", "problems.ftl", include_str!("../../locales/en/problems.ftl")),
    ("en", "readers.ftl", include_str!("../../locales/en/readers.ftl")),
    ("en", "site.ftl", include_str!("../../locales/en/site.ftl")),
    ("ar", "cli.ftl", include_str!("../../locales/ar/cli.ftl")),
    ("ar", "desk-editions.ftl", include_str!("../../locales/ar/desk-editions.ftl")),
    ("ar", "desk-library.ftl", include_str!("../../locales/ar/desk-library.ftl")),
    ("ar", "desk-people.ftl", include_str!("../../locales/ar/desk-people.ftl")),
    ("ar", "desk-stories.ftl", include_str!("../../locales/ar/desk-stories.ftl")),
    ("ar", "desk.ftl", include_str!("../../locales/ar/desk.ftl")),
    ("ar", "email.ftl", include_str!("../../locales/ar/email.ftl")),
    ("ar", "fields.ftl", include_str!("../../locales/ar/fields.ftl")),
    ("ar", "problems.ftl", include_str!("../../locales/ar/problems.ftl")),
    ("ar", "readers.ftl", include_str!("../../locales/ar/readers.ftl")),
    ("ar", "site.ftl", include_str!("../../locales/ar/site.ftl")),
];

/// One Fluent file of a locale.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file's name (`cli.ftl`), which an override replaces by.
    pub name: String,
    /// Where it came from, for messages: `built-in en/cli.ftl` or the file's path.
    pub origin: PathBuf,
    pub text: Cow<'static, str>,
}

/// The locales built into the binary.
pub fn built_in_codes() -> Vec<&'static str> {
    let mut codes: Vec<&str> = BUILT_IN.iter().map(|(code, _, _)| *code).collect();
    codes.dedup();
    codes
}

/// The Fluent files of locale `code`, sorted by name: the built-in ones, each replaced by a
/// file of the same name in `dir/<code>/` when that folder exists, and that folder's other
/// `.ftl` files added. `dir` itself need not exist: then the built-in files alone count.
pub fn locale_files(dir: Option<&Path>, code: &str) -> Result<Vec<Source>, LoadError> {
    let mut files: Vec<Source> = BUILT_IN
        .iter()
        .filter(|(locale, _, _)| *locale == code)
        .map(|(locale, name, text)| Source {
            name: (*name).to_owned(),
            origin: PathBuf::from(format!("built-in {locale}/{name}")),
            text: Cow::Borrowed(*text),
        })
        .collect();
    let folder = dir.map(|dir| dir.join(code));
    if let Some(folder) = folder.as_deref().filter(|folder| folder.is_dir()) {
        for path in ftl_files(folder)? {
            let text =
                std::fs::read_to_string(&path).map_err(|source| LoadError::Read { path: path.clone(), source })?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let file = Source { name, origin: path, text: Cow::Owned(text) };
            match files.iter_mut().find(|built_in| built_in.name == file.name) {
                Some(built_in) => *built_in = file,
                None => files.push(file),
            }
        }
    }
    if files.is_empty() {
        let folder = folder.unwrap_or_else(|| PathBuf::from(code));
        return Err(LoadError::Empty { locale: code.to_owned(), folder });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// The `.ftl` files directly inside `folder`.
fn ftl_files(folder: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let entries = std::fs::read_dir(folder).map_err(|source| LoadError::Read { path: folder.to_owned(), source })?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|source| LoadError::Read { path: folder.to_owned(), source })?.path();
        if path.extension().is_some_and(|ext| ext == "ftl") && path.is_file() {
            files.push(path);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_under_locales_is_built_in() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut on_disk = Vec::new();
        for locale in std::fs::read_dir(&root).unwrap() {
            let locale = locale.unwrap().path();
            for file in std::fs::read_dir(&locale).unwrap() {
                let file = file.unwrap().path();
                let code = locale.file_name().unwrap().to_string_lossy().into_owned();
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                on_disk.push((code, name, std::fs::read_to_string(&file).unwrap()));
            }
        }
        on_disk.sort();
        let mut built_in: Vec<(String, String, String)> =
            BUILT_IN.iter().map(|(c, n, t)| (c.to_string(), n.to_string(), t.to_string())).collect();
        built_in.sort();
        let names = |list: &[(String, String, String)]| -> Vec<String> {
            list.iter().map(|(code, name, _)| format!("{code}/{name}")).collect()
        };
        assert_eq!(names(&built_in), names(&on_disk), "l10n::sources::BUILT_IN must list every file under locales/");
        for ((code, name, built), (_, _, disk)) in built_in.iter().zip(&on_disk) {
            assert!(built == disk, "{code}/{name}: the built-in text is not the file's (rebuild)");
        }
    }

    #[test]
    fn a_folder_replaces_files_by_name_and_adds_locales() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("en")).unwrap();
        std::fs::write(dir.path().join("en/cli.ftl"), "cli-error = Oops: { $message }\n").unwrap();
        std::fs::write(dir.path().join("en/extra.ftl"), "extra = more\n").unwrap();
        std::fs::create_dir_all(dir.path().join("xx")).unwrap();
        std::fs::write(dir.path().join("xx/all.ftl"), "extra = more\n").unwrap();

        let built_in = locale_files(None, "en").unwrap();
        let merged = locale_files(Some(dir.path()), "en").unwrap();
        assert_eq!(merged.len(), built_in.len() + 1);
        let cli = merged.iter().find(|f| f.name == "cli.ftl").unwrap();
        assert!(cli.text.starts_with("cli-error = Oops"));
        assert!(merged.iter().any(|f| f.name == "extra.ftl"));
        // The Arabic files stay built in: the folder has no ar/.
        assert_eq!(locale_files(Some(dir.path()), "ar").unwrap().len(), locale_files(None, "ar").unwrap().len());
        assert_eq!(locale_files(Some(dir.path()), "xx").unwrap().len(), 1);
        assert!(matches!(locale_files(None, "xx"), Err(LoadError::Empty { .. })));
        assert!(locale_files(Some(&dir.path().join("nowhere")), "en").is_ok());
    }
}
