//! A composed email, personalised and addressed: the MIME message with the headers list
//! mail needs (SPEC §6).

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::Message;

use super::compose::{Composed, PersonalLinks};

/// The per-recipient part of a message.
pub struct Addressing<'a> {
    pub to: &'a str,
    /// Replace the composed message's personal links (unsubscribe or confirm, preferences).
    pub links: PersonalLinks<'a>,
    /// For editions: the one-click unsubscribe address (RFC 8058).
    pub unsubscribe: Option<&'a str>,
    /// Stable per (edition, subscriber), so a resend is recognisably the same message.
    pub message_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("invalid address {0}")]
    Address(String),
    #[error("cannot build the message: {0}")]
    Message(#[from] lettre::error::Error),
}

pub fn build(composed: &Composed, addressing: &Addressing) -> Result<Message, BuildError> {
    let from_address = composed.from_address.parse().map_err(|_| BuildError::Address(composed.from_address.clone()))?;
    let to = addressing.to.parse().map_err(|_| BuildError::Address(addressing.to.to_owned()))?;
    let mut builder = Message::builder()
        .from(Mailbox::new(Some(one_line(&composed.from_name)), from_address))
        .to(Mailbox::new(None, to))
        .subject(one_line(&composed.subject))
        .message_id(Some(addressing.message_id.clone()))
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Content-Language"), composed.locale.clone()));
    if let Some(unsubscribe) = addressing.unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Id"),
                format!("<newsletter.{}>", composed.host),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{unsubscribe}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    Ok(builder.multipart(composed.body(addressing.links))?)
}

/// Header text on one line: the subject and sender name come from editors' texts, and a
/// line break in one must not start a header of its own (`Bcc:`, say).
fn one_line(text: &str) -> String {
    text.split(char::is_control).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The message as an `.eml` file.
pub fn to_eml(message: &Message) -> Vec<u8> {
    message.formatted()
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn header_text_cannot_break_into_a_new_header() {
        assert_eq!(one_line("Spring\r\nBcc: victim@example.org"), "Spring Bcc: victim@example.org");
        assert_eq!(one_line("ربيع\n\t٢٠٢٦"), "ربيع ٢٠٢٦");
        assert_eq!(one_line("plain"), "plain");
    }
}
