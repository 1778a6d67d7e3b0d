//! Snapshot tests of the emails, in English and Arabic, composed from view structs built in
//! the site's fixtures (`site::render_tests`): no database. Each snapshot holds the headers
//! a subscriber sees, then the body with an example personal link.

use super::compose::{confirmation_email, edition_email, Composed, PersonalLinks};
use crate::site::render_tests::{edition, publication, site};

const LINKS: PersonalLinks = PersonalLinks {
    link: "https://plains.example.org/bulletin/unsubscribe?token=example",
    preferences: "https://plains.example.org/bulletin/preferences?token=example",
};

fn headers(composed: &Composed) -> String {
    format!(
        "Subject: {}\nFrom: {} <{}>\nContent-Language: {}\n",
        composed.subject, composed.from_name, composed.from_address, composed.locale
    )
}

#[test]
fn edition_email_html_and_text() {
    let site = site();
    for locale in ["en", "ar"] {
        let composed = edition_email(&site, &publication(), &edition(locale), "default@example.org").expect("composes");
        insta::assert_snapshot!(
            format!("edition_{locale}_html"),
            format!("{}\n{}", headers(&composed), composed.html(LINKS))
        );
        insta::assert_snapshot!(
            format!("edition_{locale}_text"),
            format!("{}\n{}", headers(&composed), composed.text(LINKS))
        );
    }
}

#[test]
fn confirmation_email_html_and_text() {
    let site = site();
    for locale in ["en", "ar"] {
        let composed = confirmation_email(&site, &publication(), locale, "default@example.org").expect("composes");
        let link = PersonalLinks {
            link: "https://plains.example.org/bulletin/subscribe/confirm?token=example",
            preferences: "",
        };
        insta::assert_snapshot!(
            format!("confirm_{locale}_html"),
            format!("{}\n{}", headers(&composed), composed.html(link))
        );
        insta::assert_snapshot!(
            format!("confirm_{locale}_text"),
            format!("{}\n{}", headers(&composed), composed.text(link))
        );
    }
}

#[test]
fn without_a_sender_the_default_address_and_the_default_name_are_used() {
    let site = site();
    let composed = confirmation_email(&site, &Default::default(), "ar", "default@example.org").expect("composes");
    assert_eq!(composed.from_address, "default@example.org");
    assert_eq!(composed.from_name, site.l10n.plain("ar", "site-default-name", &crate::l10n::Args::new()));
}
