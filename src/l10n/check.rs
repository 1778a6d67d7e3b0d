//! The locale check: every locale must have the same messages (and attributes) as the default
//! locale, each using the same variables. Used by `nashra check-locales` and by the tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;
use fluent_syntax::parser;

use super::sources::locale_files;

/// One problem found, named by locale and message (`id` or `id.attribute`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Unreadable { locale: String, detail: String },
    Missing { locale: String, id: String },
    Extra { locale: String, id: String },
    VariablesDiffer { locale: String, id: String, expected: Vec<String>, found: Vec<String> },
}

/// Message keys (`id`, `id.attr`) of one locale, each with the variables it uses.
type Catalog = BTreeMap<String, BTreeSet<String>>;

/// Compares every locale in `codes` with `reference`, each as the program loads it: the
/// built-in files with those of `dir/<code>/` in their place or beside them.
pub fn check_locales(dir: &Path, codes: &[&str], reference: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut catalogs = BTreeMap::new();
    for code in codes {
        match read_catalog(dir, code) {
            Ok(catalog) => {
                catalogs.insert(code.to_string(), catalog);
            }
            Err(detail) => findings.push(Finding::Unreadable { locale: code.to_string(), detail }),
        }
    }
    let Some(expected) = catalogs.get(reference) else {
        return findings;
    };
    for (locale, catalog) in catalogs.iter().filter(|(code, _)| code.as_str() != reference) {
        for (id, expected_vars) in expected {
            match catalog.get(id) {
                None => findings.push(Finding::Missing { locale: locale.clone(), id: id.clone() }),
                Some(found) if found != expected_vars => findings.push(Finding::VariablesDiffer {
                    locale: locale.clone(),
                    id: id.clone(),
                    expected: expected_vars.iter().cloned().collect(),
                    found: found.iter().cloned().collect(),
                }),
                Some(_) => {}
            }
        }
        for id in catalog.keys().filter(|id| !expected.contains_key(*id)) {
            findings.push(Finding::Extra { locale: locale.clone(), id: id.clone() });
        }
    }
    findings
}

fn read_catalog(dir: &Path, code: &str) -> Result<Catalog, String> {
    let files = locale_files(Some(dir), code).map_err(|e| e.to_string())?;
    let mut catalog = Catalog::new();
    for file in &files {
        let resource = parser::parse(file.text.as_ref())
            .map_err(|(_, errors)| format!("{}: {errors:?}", file.origin.display()))?;
        for entry in resource.body {
            let (id, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_owned(), m.value, m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
                _ => continue,
            };
            if let Some(value) = value {
                catalog.insert(id.clone(), variables_of(&value));
            }
            for attribute in attributes {
                catalog.insert(format!("{id}.{}", attribute.id.name), variables_of(&attribute.value));
            }
        }
    }
    Ok(catalog)
}

fn variables_of(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    collect_pattern(pattern, &mut found);
    found
}

fn collect_pattern(pattern: &ast::Pattern<&str>, found: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_expression(expression, found);
        }
    }
}

fn collect_expression(expression: &ast::Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => collect_inline(inline, found),
        ast::Expression::Select { selector, variants } => {
            collect_inline(selector, found);
            for variant in variants {
                collect_pattern(&variant.value, found);
            }
        }
    }
}

fn collect_inline(inline: &ast::InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => collect_arguments(arguments, found),
        ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => collect_arguments(arguments, found),
        ast::InlineExpression::Placeable { expression } => collect_expression(expression, found),
        _ => {}
    }
}

fn collect_arguments(arguments: &ast::CallArguments<&str>, found: &mut BTreeSet<String>) {
    for positional in &arguments.positional {
        collect_inline(positional, found);
    }
    for named in &arguments.named {
        collect_inline(&named.value, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, locale: &str, body: &str) {
        std::fs::create_dir_all(dir.join(locale)).unwrap();
        std::fs::write(dir.join(locale).join("main.ftl"), body).unwrap();
    }

    #[test]
    fn the_shipped_locales_agree() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        assert_eq!(check_locales(&dir, &["en", "ar"], "en"), vec![]);
    }

    #[test]
    fn missing_extra_and_mismatched_messages_are_found() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "en",
            "hello = Hello { $name }\nbye = Bye\n    .title = Leaving\ncount = { PLURAL($n) ->\n   *[other] { $n } items\n}\n",
        );
        write(
            dir.path(),
            "ar",
            "hello = مرحبا { $user }\nbye = مع السلامة\ncount = { PLURAL($n) ->\n    [zero] لا شيء\n   *[other] { $n } عناصر\n}\nextra = زائد\n",
        );
        let findings = check_locales(dir.path(), &["en", "ar"], "en");
        assert_eq!(
            findings,
            vec![
                Finding::Missing { locale: "ar".into(), id: "bye.title".into() },
                Finding::VariablesDiffer {
                    locale: "ar".into(),
                    id: "hello".into(),
                    expected: vec!["name".into()],
                    found: vec!["user".into()],
                },
                Finding::Extra { locale: "ar".into(), id: "extra".into() },
            ]
        );
    }

    #[test]
    fn syntax_errors_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "en", "ok = fine\n");
        write(dir.path(), "ar", "broken = { $x\n");
        let findings = check_locales(dir.path(), &["en", "ar"], "en");
        assert!(matches!(&findings[..], [Finding::Unreadable { locale, .. }] if locale == "ar"));
    }
}
