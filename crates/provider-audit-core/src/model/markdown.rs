//! The little Markdown the questionnaire's items use: inline links and code spans.
//! Split into segments for display; no HTML, nothing executed, links only as data.

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

/// Splits Markdown text into plain text, code spans and links.
#[must_use]
pub fn segments(markdown: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut text = String::new();
    let mut rest = markdown;
    while let Some(c) = rest.chars().next() {
        if c == '['
            && let Some((link_text, url, after)) = parse_link(rest)
        {
            flush(&mut text, &mut segments);
            segments.push(Segment::Link {
                text: link_text.to_owned(),
                url: url.to_owned(),
            });
            rest = after;
            continue;
        }
        if c == '`'
            && let Some(end) = rest[1..].find('`')
        {
            flush(&mut text, &mut segments);
            segments.push(Segment::Code(rest[1..=end].to_owned()));
            rest = &rest[end + 2..];
            continue;
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut text, &mut segments);
    segments
}

fn flush(text: &mut String, segments: &mut Vec<Segment>) {
    if !text.is_empty() {
        segments.push(Segment::Text(std::mem::take(text)));
    }
}

/// `[text](url)` at the start of `input`: the text, the url and what follows.
fn parse_link(input: &str) -> Option<(&str, &str, &str)> {
    let close = input.find("](")?;
    let text = &input[1..close];
    if text.contains('[') || text.contains('\n') {
        return None;
    }
    let after_paren = &input[close + 2..];
    let end = after_paren.find(')')?;
    let url = &after_paren[..end];
    if url.contains(char::is_whitespace) {
        return None;
    }
    Some((text, url, &after_paren[end + 1..]))
}

/// The text without Markdown: link texts kept, addresses and backticks dropped.
#[must_use]
pub fn plain_text(markdown: &str) -> String {
    segments(markdown)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) | Segment::Code(text) | Segment::Link { text, .. } => text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Segment, plain_text, segments};

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
