//! Markdown to HTML, and that HTML through a sanitiser: the one place story and foreword
//! text becomes markup. Whoever wrote the Markdown, no script, event handler, `javascript:`
//! or `data:` URL, style or embedded object survives, and no image from another site: in an
//! email a remote image is a tracking pixel, on a page the CSP would block it anyway.
//! Pictures belong in a story's images, which carry credits and captions.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{html, Event, Options, Parser};

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            .link_rel(Some("noopener noreferrer"))
            // Direction and language are how mixed Arabic/English text is marked up.
            .add_generic_attributes(["dir", "lang"])
            .rm_tags(["img"])
            .add_tags(["img"])
            .add_tag_attributes("img", ["src", "alt", "width", "height", "loading"])
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("img", "src") if !is_own_media(value) => None,
                _ => Some(value.into()),
            });
        builder
    })
}

/// An image path on this site (`/media/…`), not a URL that reaches elsewhere.
fn is_own_media(src: &str) -> bool {
    src.starts_with("/media/") && !src.starts_with("//") && !src.contains("..")
}

/// Deeper structure than this (lists in lists in quotes…) is flattened: no newsletter needs
/// it, and the HTML parser behind the sanitiser slows down quadratically with depth.
const MAX_DEPTH: usize = 48;
/// Raw HTML tags beyond this many are shown as text, for the same reason.
const MAX_RAW_HTML_TAGS: usize = 1_000;

/// Safe HTML for a Markdown text.
pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut depth = 0_usize;
    let mut raw_tags = 0_usize;
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Start(tag) => {
            depth += 1;
            (depth <= MAX_DEPTH).then_some(Event::Start(tag))
        }
        Event::End(tag) => {
            depth = depth.saturating_sub(1);
            (depth < MAX_DEPTH).then_some(Event::End(tag))
        }
        Event::Html(raw) | Event::InlineHtml(raw) if raw_tags + raw.matches('<').count() > MAX_RAW_HTML_TAGS => {
            raw_tags = MAX_RAW_HTML_TAGS;
            Some(Event::Text(raw))
        }
        Event::Html(raw) => {
            raw_tags += raw.matches('<').count();
            Some(Event::Html(raw))
        }
        Event::InlineHtml(raw) => {
            raw_tags += raw.matches('<').count();
            Some(Event::InlineHtml(raw))
        }
        other => Some(other),
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut unsafe_html, events);
    sanitizer().clean(&unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        let html = to_safe_html("# Title\n\nSome **bold** and a [link](https://example.org).");
        assert!(html.contains("<h1>Title</h1>"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(html.contains(r#"<a href="https://example.org" rel="noopener noreferrer">link</a>"#));
    }

    #[test]
    fn images_from_other_sites_lose_their_source() {
        let html = to_safe_html(
            "![pixel](https://tracker.example/p.gif) <img src=\"http://tracker.example/q.gif\" alt=\"q\"> \
             <img src=\"//tracker.example/r.gif\"> ![ours](/media/1.png)",
        );
        assert!(!html.contains("tracker.example"), "{html}");
        assert!(html.contains(r#"src="/media/1.png""#), "{html}");
    }

    #[test]
    fn direction_marks_survive() {
        let html = to_safe_html(r#"<p dir="ltr" lang="en">UNHCR</p> <span dir="rtl">نص</span>"#);
        assert!(html.contains(r#"dir="ltr""#) && html.contains(r#"lang="en""#) && html.contains(r#"dir="rtl""#));
    }
}

/// Hostile input: everything here must come out inert, and quickly.
#[cfg(test)]
mod hostile {
    use super::to_safe_html;

    const CORPUS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<svg onload=alert(1)><circle r=10 /></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<p style=\"background:url(javascript:alert(1))\">styled</p>",
        "<a href=x onclick=alert(1) onmouseover=alert(1)>x</a>",
        "<form action=javascript:alert(1)><input type=submit></form>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<div><p><b>unclosed <i>tags <a href='",
        "</p></div></body></html><script>alert(1)</script>",
        "<!--<script>alert(1)//-->",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "`<script>` in code is text",
    ];

    fn assert_inert(html: &str, input: &str) {
        let lower = html.to_lowercase();
        for forbidden in [
            "<script",
            "javascript:",
            "onerror",
            "onload",
            "onclick",
            "onmouseover",
            "ontoggle",
            "data:",
            "<iframe",
            "<svg",
            "<object",
            "<embed",
            "<style",
            "style=",
            "<form",
            "<meta",
            "<base",
        ] {
            assert!(!lower.contains(forbidden), "{forbidden:?} survived {input:?}: {html}");
        }
    }

    #[test]
    fn the_corpus_comes_out_inert() {
        for input in CORPUS {
            assert_inert(&to_safe_html(input), input);
        }
        // Code spans keep the text, escaped.
        assert!(to_safe_html("`<script>` in code is text").contains("&lt;script&gt;"));
    }

    #[test]
    fn deep_nesting_and_huge_input_render() {
        let lists: String = (0..1_000).map(|depth| format!("{}- item\n", "  ".repeat(depth))).collect();
        assert_inert(&to_safe_html(&lists), "nested lists");
        let quotes = ">".repeat(20_000) + " deep";
        let html = to_safe_html(&quotes);
        assert!(html.contains("deep"));
        assert!(html.matches("<blockquote>").count() <= super::MAX_DEPTH, "structure is flattened past the limit");
        let tags = "<div>".repeat(50_000) + "x";
        assert_inert(&to_safe_html(&tags), "nested divs");
        let huge = "Paragraph with **bold** and [a link](https://example.org) <script>x</script>.\n\n".repeat(40_000);
        let html = to_safe_html(&huge);
        assert_inert(&html, "huge");
        assert!(html.len() > huge.len() / 2);
    }
}
