//! Body parts encoded for transfer once per composed message, rather than once per
//! subscriber.
//!
//! One subscriber's message differs from the next only in the personal link, and in an
//! edition that link sits in the footer. So a part is encoded up to the last line boundary
//! before its first link once, when the message is composed, and each message encodes only
//! what follows. Encoding the whole personalised text for every message took over a third of
//! the CPU time of a send (docs/performance.md). The result is byte for byte what the encoders give for the
//! whole text; the tests hold it to that.

use email_encoding::body::Encoding;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, SinglePart};

/// One body part (text or HTML) of a composed message.
#[derive(Debug, Clone)]
pub struct EncodedPart {
    content_type: ContentType,
    encoding: ContentTransferEncoding,
    /// The encoding of the text before `tail`; ends where a line of the encoding ends.
    head: Vec<u8>,
    /// The rest of the text, not yet encoded: CRLF line ends, personal link marks in place.
    tail: String,
}

impl EncodedPart {
    /// Prepares `text`, in which each of `marks` stands wherever a personal link goes.
    pub fn new(content_type: ContentType, text: &str, marks: &[&str]) -> Self {
        let text = crlf_line_ends(text);
        let first_link = marks.iter().filter_map(|mark| text.find(mark)).min();
        let encoding = choose(&text, first_link.is_some());
        let split = match first_link {
            Some(at) => line_boundary_before(&text, at, encoding),
            None => text.len(),
        };
        let head = encode(&text[..split], encoding);
        Self { content_type, encoding, head, tail: text[split..].to_owned() }
    }

    /// The part with each `(mark, link)`'s link wherever its mark stood.
    pub fn with_links(&self, links: &[(&str, &str)]) -> SinglePart {
        let tail = links.iter().fold(self.tail.clone(), |tail, (mark, link)| tail.replace(mark, link));
        let tail = encode(&tail, self.encoding);
        let mut body = Vec::with_capacity(self.head.len() + 2 + tail.len());
        body.extend_from_slice(&self.head);
        // base64 ends every line but the last with CRLF; the head's last line now has a
        // successor.
        if self.encoding == ContentTransferEncoding::Base64 && !self.head.is_empty() && !tail.is_empty() {
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(&tail);
        SinglePart::builder().header(self.content_type.clone()).body(Body::dangerous_pre_encoded(body, self.encoding))
    }
}

/// The transfer encoding for a whole part: what lettre would pick (7bit, quoted-printable or
/// base64), except that text largely outside ASCII (Arabic, say) goes as base64. Lettre
/// would pick quoted-printable, which spells each such byte as three characters and makes
/// the Arabic edition three times its size. A part with a personal link is never 7bit: the
/// link may make its line too long for that.
fn choose(text: &str, has_link: bool) -> ContentTransferEncoding {
    let non_ascii = text.bytes().filter(|b| !b.is_ascii()).count();
    if non_ascii * 10 > text.len() {
        return ContentTransferEncoding::Base64;
    }
    match Encoding::choose(text, false) {
        Encoding::SevenBit if !has_link => ContentTransferEncoding::SevenBit,
        Encoding::SevenBit | Encoding::QuotedPrintable => ContentTransferEncoding::QuotedPrintable,
        // 8bit is never chosen without SMTPUTF8 support, which is not asked for.
        Encoding::EightBit | Encoding::Base64 => ContentTransferEncoding::Base64,
    }
}

/// Where the encoding of `text[..at]` can stop and that of the rest begin without changing
/// the result: after a line break for quoted-printable (its lines are encoded one by one),
/// after a whole encoded line (57 bytes) for base64, anywhere for 7bit.
fn line_boundary_before(text: &str, at: usize, encoding: ContentTransferEncoding) -> usize {
    match encoding {
        ContentTransferEncoding::Base64 => {
            // Both halves are text, so the split must also fall between characters; 0 does.
            let mut split = at - at % BASE64_LINE_BYTES;
            while !text.is_char_boundary(split) {
                split -= BASE64_LINE_BYTES;
            }
            split
        }
        ContentTransferEncoding::QuotedPrintable => text[..at].rfind("\r\n").map_or(0, |crlf| crlf + 2),
        _ => at,
    }
}

/// The bytes one 76-character line of base64 carries.
const BASE64_LINE_BYTES: usize = 57;

fn encode(text: &str, encoding: ContentTransferEncoding) -> Vec<u8> {
    match encoding {
        ContentTransferEncoding::QuotedPrintable => quoted_printable::encode(text),
        ContentTransferEncoding::Base64 => {
            let mut out = String::with_capacity(email_encoding::body::base64::encoded_len(text.len()));
            email_encoding::body::base64::encode(text.as_bytes(), &mut out).expect("writing to a String cannot fail");
            out.into_bytes()
        }
        _ => text.as_bytes().to_vec(),
    }
}

/// `text` with every line ending in CRLF, as a message body must.
fn crlf_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = "https://link.invalid/personal";

    /// The part as lettre formats it when it encodes the whole personalised text.
    fn whole(text: &str, link: &str, encoding: ContentTransferEncoding) -> String {
        let part =
            SinglePart::builder().header(ContentType::TEXT_PLAIN).header(encoding).body(text.replace(MARK, link));
        String::from_utf8(part.formatted()).unwrap()
    }

    fn assert_same_as_whole(text: &str, expected: ContentTransferEncoding) {
        let part = EncodedPart::new(ContentType::TEXT_PLAIN, text, &[MARK]);
        assert_eq!(part.encoding, expected, "encoding chosen for {text:?}");
        for link in ["https://example.org/unsubscribe?token=a.b.c", "https://x.example/u?t=ab=cd&e=f ."] {
            let ours = String::from_utf8(part.with_links(&[(MARK, link)]).formatted()).unwrap();
            assert_eq!(ours, whole(text, link, expected), "{expected:?} for {text:?} with {link:?}");
        }
    }

    fn lines(words: &str, count: usize) -> String {
        (0..count).map(|i| format!("{i} {words}\n")).collect()
    }

    #[test]
    fn quoted_printable_matches_encoding_the_whole_text() {
        let english = lines("a line with an = sign, trailing space \t and a long tail that goes well past the seventy-six characters of a quoted-printable line", 40);
        assert_same_as_whole(
            &format!("{english}Unsubscribe: {MARK}\n— the end\n"),
            ContentTransferEncoding::QuotedPrintable,
        );
        assert_same_as_whole(&format!("{MARK} first\n{english}"), ContentTransferEncoding::QuotedPrintable);
        assert_same_as_whole(&format!("{english}{MARK} twice {MARK}"), ContentTransferEncoding::QuotedPrintable);
        // ASCII with short lines is 7bit without a link, quoted-printable with one.
        assert_same_as_whole(&format!("short\n{MARK}\n"), ContentTransferEncoding::QuotedPrintable);
        assert_eq!(
            EncodedPart::new(ContentType::TEXT_PLAIN, "short\nlines\n", &[MARK]).encoding,
            ContentTransferEncoding::SevenBit
        );
    }

    #[test]
    fn base64_matches_encoding_the_whole_text() {
        let arabic = lines("نشرة إخبارية باللغة العربية مع رابط في آخرها", 40);
        assert_same_as_whole(&format!("{arabic}إلغاء الاشتراك: {MARK}\nشكرا\n"), ContentTransferEncoding::Base64);
        assert_same_as_whole(&format!("{MARK}{arabic}"), ContentTransferEncoding::Base64);
        // The mark at each offset within a base64 line, and a text ending right at the mark.
        for pad in 0..BASE64_LINE_BYTES {
            let text = format!("{}{}{MARK}", "é".repeat(30), "x".repeat(pad));
            assert_same_as_whole(&text, ContentTransferEncoding::Base64);
        }
    }

    #[test]
    fn only_the_tail_after_the_first_link_is_left_to_encode() {
        let arabic = lines("نشرة إخبارية باللغة العربية", 200);
        let part = EncodedPart::new(ContentType::TEXT_HTML, &format!("{arabic}<a href=\"{MARK}\">x</a>\n"), &[MARK]);
        assert!(part.tail.len() < BASE64_LINE_BYTES + 60, "tail of {} bytes", part.tail.len());
        assert!(part.head.len() > arabic.len(), "the head holds the encoded text before the link");
    }

    #[test]
    fn the_head_ends_before_whichever_mark_comes_first() {
        const OTHER: &str = "https://link.invalid/other";
        let arabic = lines("نشرة إخبارية باللغة العربية", 50);
        let text = format!("{arabic}<a href=\"{OTHER}\">p</a> <a href=\"{MARK}\">u</a>\n");
        let part = EncodedPart::new(ContentType::TEXT_HTML, &text, &[MARK, OTHER]);
        assert!(part.tail.contains(OTHER) && part.tail.contains(MARK));
        let links = [(MARK, "https://example.org/u?t=1.a"), (OTHER, "https://example.org/p?t=1.b")];
        let ours = String::from_utf8(part.with_links(&links).formatted()).unwrap();
        let whole_text = text.replace(MARK, links[0].1).replace(OTHER, links[1].1);
        let expected = SinglePart::builder()
            .header(ContentType::TEXT_HTML)
            .header(ContentTransferEncoding::Base64)
            .body(whole_text);
        assert_eq!(ours, String::from_utf8(expected.formatted()).unwrap());
    }

    #[test]
    fn bare_line_feeds_become_crlf() {
        assert_eq!(crlf_line_ends("a\nb\r\nc\n"), "a\r\nb\r\nc\r\n");
    }
}
