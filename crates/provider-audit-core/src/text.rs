//! The Markdown of questionnaire items (and of people's notes) for the screen and every
//! export, read by one parser (pulldown-cmark): [`segments`] for display with links and
//! code spans, [`plain`] the one Markdown-to-text function (the report, the CSV, the
//! images, the PDF, the workbook and the screen's plain labels all use it, so they show
//! the same words). No HTML is rendered, nothing executed, links only as data.
//!
//! Below the view, the exports and the app; depends on `labels` only.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A piece of an item's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Plain text.
    Text(String),
    /// A code span (`` `root_squash` ``), without its backticks.
    Code(String),
    /// A link: its text and its address.
    Link {
        /// The link text.
        text: String,
        /// The address, shown before it is ever opened.
        url: String,
    },
}

/// Splits Markdown text into plain text, code spans and links; emphasis marks are dropped,
/// line and paragraph breaks become spaces.
#[must_use]
pub fn segments(markdown: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut text = String::new();
    // Inside a link: its address and its text so far.
    let mut link: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                flush(&mut text, &mut segments);
                link = Some((dest_url.into_string(), String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, text)) = link.take() {
                    segments.push(Segment::Link { text, url });
                }
            }
            Event::Code(code) => match &mut link {
                Some((_, text)) => text.push_str(&code),
                None => {
                    flush(&mut text, &mut segments);
                    segments.push(Segment::Code(code.into_string()));
                }
            },
            Event::Text(words) | Event::Html(words) | Event::InlineHtml(words) => match &mut link {
                Some((_, text)) => text.push_str(&words),
                None => text.push_str(&words),
            },
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => match &mut link {
                Some((_, text)) => text.push(' '),
                None => text.push(' '),
            },
            _ => {}
        }
    }
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    flush(&mut text, &mut segments);
    segments
}

fn flush(text: &mut String, segments: &mut Vec<Segment>) {
    if !text.is_empty() {
        segments.push(Segment::Text(std::mem::take(text)));
    }
}

/// The text without Markdown, on one line: link texts kept, addresses, backticks and
/// emphasis marks dropped, breaks and runs of spaces made one space, characters unsafe
/// on a line (controls, bidirectional overrides) replaced (see [`crate::labels::one_line`]).
#[must_use]
pub fn plain(markdown: &str) -> String {
    let text: String = segments(markdown)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) | Segment::Code(text) | Segment::Link { text, .. } => text,
        })
        .collect();
    crate::labels::one_line(&text)
}

#[cfg(test)]
mod tests {
    use super::{Segment, plain as plain_text, segments};

    #[test]
    fn links_and_code_spans_are_split_out() {
        let text =
            "Do these images have [NTP enabled](https://example.org/ntp) with `root_squash`?";
        assert_eq!(
            segments(text),
            [
                Segment::Text("Do these images have ".to_owned()),
                Segment::Link {
                    text: "NTP enabled".to_owned(),
                    url: "https://example.org/ntp".to_owned()
                },
                Segment::Text(" with ".to_owned()),
                Segment::Code("root_squash".to_owned()),
                Segment::Text("?".to_owned()),
            ]
        );
        assert_eq!(
            plain_text(text),
            "Do these images have NTP enabled with root_squash?"
        );
    }

    #[test]
    fn emphasis_and_breaks_give_the_words_on_one_line() {
        assert_eq!(
            plain_text(
                "Is **all** data _encrypted_ at rest?\nSee [the policy](https://x.example)."
            ),
            "Is all data encrypted at rest? See the policy."
        );
        assert_eq!(
            plain_text("2 * 3 and snake_case_name"),
            "2 * 3 and snake_case_name"
        );
    }

    #[test]
    fn markdown_becomes_plain_text() {
        assert_eq!(
            plain_text("Do you offer **IAM** via `Keystone`? See [the docs](https://x.y/z)."),
            "Do you offer IAM via Keystone? See the docs."
        );
        assert_eq!(plain_text("__init__ and [unclosed"), "init and [unclosed");
    }

    #[test]
    fn brackets_that_are_not_links_stay_text() {
        assert_eq!(
            plain_text("[For NFS] How did you configure it?"),
            "[For NFS] How did you configure it?"
        );
        assert_eq!(
            plain_text("unclosed `tick and [bracket"),
            "unclosed `tick and [bracket"
        );
    }
}
