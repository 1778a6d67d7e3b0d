//! Snapshot tests of the pages, in English and Arabic, rendered from view structs built
//! here: no database. The fixtures are shared with the email snapshots
//! (`delivery::render_tests`). Review a changed snapshot with `cargo insta review`.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::view::{
    ArchiveEntry, Content, Edition, EditionPart, EditionRef, EditionStory, EditionSummary, GroupRef, Image,
    ImageVariant, Publication, PublicationText, Story,
};
use super::{BaseUrl, PageCache, PagePath, Site};
use crate::l10n::LocaleSetting;
use crate::l10n::Localizer;
use crate::render::dates::DateFormats;
use crate::render::theme::Theme;

/// The site with the built-in theme and the shipped locales as configured by default
/// (Arabic with Arabic-Indic digits), under a base path.
pub(crate) fn site() -> Site {
    #[derive(serde::Deserialize)]
    struct Defaults {
        locales: Vec<LocaleSetting>,
        default_locale: String,
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let defaults: Defaults =
        toml::from_str(include_str!("../../config/default.toml")).expect("the default settings parse");
    let l10n = Arc::new(
        Localizer::load(&repo.join("locales"), &defaults.locales, &defaults.default_locale).expect("locales load"),
    );
    let dates = Arc::new(DateFormats::new(&defaults.locales));
    Site {
        theme: Theme::load(None, l10n.clone(), dates.clone()).expect("the built-in theme loads"),
        l10n,
        dates,
        base: BaseUrl::new("https://plains.example.org/bulletin"),
        forms: BaseUrl::new("https://plains.example.org/bulletin"),
        feed_entries: 20,
        cache: PageCache::new(0),
    }
}

pub(crate) fn publication() -> Publication {
    Publication {
        website_url: "https://plains.example.org/".into(),
        contact_email: "office@plains.example.org".into(),
        social_account: "@PlainsBulletin".into(),
        sender_address: "bulletin@plains.example.org".into(),
        texts: vec![
            PublicationText {
                locale: "en".into(),
                newsletter_name: "The Plains Bulletin".into(),
                postal_address: "14 Orchard Street, P.O. Box 2217, Marjan".into(),
                funders_line: "Made possible by the Aldercombe Trust.".into(),
                sender_name: "The Plains Bulletin".into(),
            },
            PublicationText {
                locale: "ar".into(),
                newsletter_name: "نشرة السهول".into(),
                postal_address: "١٤ شارع البساتين، ص.ب. ٢٢١٧، مرجان".into(),
                funders_line: "تصدر نشرة السهول بدعم من مؤسسة ألدركومب.".into(),
                sender_name: "نشرة السهول".into(),
            },
        ],
    }
}

/// A 1200×800 image with its 480, 600 and 960 variants (its own width came out no smaller
/// than the original, so the original stands in at 1200), credited in `locale`.
fn image(file_name: &str, alt: &str, caption: &str, locale: &str) -> Image {
    let stem = file_name.trim_end_matches(".png");
    Image {
        file_name: file_name.into(),
        width: 1200,
        height: 800,
        alt: alt.into(),
        caption: caption.into(),
        credit: if locale == "ar" { "يوسف نمر" } else { "Yousef Nimr" }.into(),
        variants: [480, 600, 960]
            .into_iter()
            .map(|width| ImageVariant { file_name: format!("{stem}-{width}.jpg"), width, height: width * 2 / 3 })
            .collect(),
    }
}

/// Edition 12 in `locale` ("en" or "ar"), with a cover and three stories in two groups: a
/// lettered programme part with an introduction (two stories, one with an image), then news.
pub(crate) fn edition(locale: &str) -> Edition {
    let ar = locale == "ar";
    let pick = |en: &str, ar_text: &str| if ar { ar_text.to_owned() } else { en.to_owned() };
    Edition {
        id: 3,
        number: 12,
        slug: "autumn-2026".into(),
        locale: locale.into(),
        published_on: NaiveDate::from_ymd_opt(2026, 10, 26),
        title: pick("Getting ready for winter, together", "نستعدّ للشتاء معاً"),
        foreword: pick(
            "Dear friends,\n\nAutumn is the season of **getting ready**. <script>alert(1)</script>",
            "أصدقاءنا الأعزاء،\n\nالخريف موسم **الاستعداد**. <script>alert(1)</script>",
        ),
        signature_name: pick("Layla Haddad", "ليلى حداد"),
        signature_role: pick("Head of Office", "رئيسة المكتب"),
        cover: Some(image("ab/cover.png", &pick("Olive trees at sunset", "أشجار زيتون عند الغروب"), "", locale)),
        parts: vec![
            EditionPart {
                key: Some("programme".into()),
                heading: pick("Our programme", "برنامجنا"),
                intro: pick("What we did this **autumn**.", "ما أنجزناه هذا **الخريف**."),
                stories: vec![
                    EditionStory {
                        slug: "olive-harvest-cooperative".into(),
                        section: pick("Livelihoods", "سبل العيش"),
                        title: pick("A first harvest for the cooperative", "أول محصول للتعاونية"),
                        summary: pick("Twenty women pressed their first olives.", "عصرت عشرون امرأة زيتونهن الأول."),
                        image: Some(image(
                            "cd/press.png",
                            &pick("The olive press", "معصرة الزيتون"),
                            &pick("At the press", "في المعصرة"),
                            locale,
                        )),
                        letter: Some(0),
                    },
                    EditionStory {
                        slug: "rainwater-tanks-schools".into(),
                        section: String::new(),
                        title: pick("Eight schools will catch the rain", "ثماني مدارس تجمع المطر"),
                        summary: String::new(),
                        image: None,
                        letter: Some(1),
                    },
                ],
            },
            EditionPart {
                key: Some("news".into()),
                heading: pick("News", "أخبار"),
                intro: String::new(),
                stories: vec![EditionStory {
                    slug: "new-office".into(),
                    section: String::new(),
                    title: pick("A new office in Dohuk", "مكتب جديد في دهوك"),
                    summary: String::new(),
                    image: None,
                    letter: None,
                }],
            },
        ],
        locales: vec!["en".into(), "ar".into()],
    }
}

fn story(locale: &str) -> Story {
    let ar = locale == "ar";
    let pick = |en: &str, ar_text: &str| if ar { ar_text.to_owned() } else { en.to_owned() };
    Story {
        slug: "olive-harvest-cooperative".into(),
        section: pick("Livelihoods", "سبل العيش"),
        locale: locale.into(),
        title: pick("A first harvest for the cooperative", "أول محصول للتعاونية"),
        summary: String::new(),
        body: pick(
            "## The press\n\nTwenty women pressed *their first* olives in [Kafr Sarwa](https://example.org).",
            "## المعصرة\n\nعصرت عشرون امرأة زيتونهن *الأول* في [كفر سروة](https://example.org).",
        ),
        link: Some("https://example.org/report".into()),
        images: vec![image(
            "cd/press.png",
            &pick("The olive press", "معصرة الزيتون"),
            &pick("At the press", "في المعصرة"),
            locale,
        )],
        published_on: NaiveDate::from_ymd_opt(2026, 10, 20).expect("a date"),
        locales: vec!["en".into(), "ar".into()],
        edition: Some(EditionRef {
            number: 12,
            slug: "autumn-2026".into(),
            title: Some(pick("Getting ready for winter, together", "نستعدّ للشتاء معاً")),
            group: Some(GroupRef { heading: pick("Our programme", "برنامجنا"), letter: Some(0) }),
        }),
    }
}

fn archive(locale: &str) -> Vec<ArchiveEntry> {
    let ar = locale == "ar";
    let entry = |number, slug: &str, en: &str, ar_title: &str, month, stories| ArchiveEntry {
        edition: EditionSummary {
            number,
            slug: slug.into(),
            title: if ar { ar_title.into() } else { en.into() },
            published_on: NaiveDate::from_ymd_opt(2026, month, 26),
        },
        stories,
    };
    vec![
        entry(12, "autumn-2026", "Getting ready for winter, together", "نستعدّ للشتاء معاً", 10, 5),
        entry(11, "summer-2026", "A summer of water", "صيف الماء", 7, 1),
    ]
}

fn render(page: PagePath, content: Content) -> String {
    let site = site();
    let rendered = site.render_content(&publication(), &page, &content).expect("the page renders");
    String::from_utf8(rendered.body.to_vec()).expect("pages are UTF-8")
}

#[test]
fn home_page() {
    for locale in ["en", "ar"] {
        let html = render(PagePath::Home(locale.into()), Content::Home(Some(edition(locale))));
        insta::assert_snapshot!(format!("home_{locale}"), html);
    }
}

#[test]
fn home_page_without_an_edition() {
    let html = render(PagePath::Home("ar".into()), Content::Home(None));
    insta::assert_snapshot!(html);
}

#[test]
fn edition_page() {
    for locale in ["en", "ar"] {
        let page = PagePath::Edition(locale.into(), "autumn-2026".into());
        let html = render(page, Content::Edition(edition(locale)));
        insta::assert_snapshot!(format!("edition_{locale}"), html);
    }
}

#[test]
fn story_page() {
    for locale in ["en", "ar"] {
        let page = PagePath::Story(locale.into(), "olive-harvest-cooperative".into());
        let html = render(page, Content::Story(story(locale)));
        insta::assert_snapshot!(format!("story_{locale}"), html);
    }
}

#[test]
fn archive_page() {
    for locale in ["en", "ar"] {
        let html = render(PagePath::Archive(locale.into()), Content::Archive(archive(locale)));
        insta::assert_snapshot!(format!("archive_{locale}"), html);
    }
}

#[test]
fn a_story_without_its_editions_title_in_its_locale_links_no_edition() {
    let mut lone = story("ar");
    if let Some(edition) = &mut lone.edition {
        edition.title = None;
    }
    let html = render(PagePath::Story("ar".into(), lone.slug.clone()), Content::Story(lone));
    assert!(!html.contains("/ar/editions/autumn-2026"), "no link to an edition without an Arabic text");
}
