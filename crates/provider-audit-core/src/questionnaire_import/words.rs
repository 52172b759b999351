//! Words of an item's text: what its id is made of, and the marks it carries (a scope tag
//! prefix such as `[For NFS]`, a condition such as "If not, ...", an inline follow-up).

use crate::model::Condition;

/// Words that say little about a question; left out of ids.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "any", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does",
    "e", "eg", "etc", "for", "from", "g", "has", "have", "how", "i", "ie", "if", "in", "is", "it",
    "its", "me", "my", "no", "not", "of", "offer", "on", "or", "our", "should", "so", "that",
    "the", "their", "them", "there", "these", "they", "this", "those", "to", "us", "use", "via",
    "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will", "with",
    "would", "yes", "you", "your",
];

/// The longest id segment made from words, in characters.
const MAX_SEGMENT: usize = 48;

/// The scope tags of a bracketed prefix (`[For NFS]` gives `nfs`, `[HIPAA only]` gives
/// `hipaa`); none when the text does not start with one. A link (`[text](url)`) is not a
/// prefix.
#[must_use]
pub fn scope_tags(text: &str) -> Vec<String> {
    let Some(rest) = text.strip_prefix('[') else {
        return Vec::new();
    };
    let Some(end) = rest.find(']') else {
        return Vec::new();
    };
    if rest[end + 1..].starts_with(['(', '[', ':']) {
        return Vec::new();
    }
    rest[..end]
        .split([',', ';'])
        .map(|part| {
            let words: Vec<String> = ascii_words(part)
                .into_iter()
                .filter(|w| w != "for" && w != "only")
                .collect();
            words.join("-")
        })
        .filter(|tag| !tag.is_empty())
        .collect()
}

/// The condition an item's wording opens with: "If yes, ..." or "If not, ...".
#[must_use]
pub fn condition(text: &str) -> Option<Condition> {
    let lower = text.trim_start().to_lowercase();
    if lower.starts_with("if yes") {
        Some(Condition::IfYes)
    } else if lower.starts_with("if not") || lower.starts_with("if no,") {
        Some(Condition::IfNot)
    } else {
        None
    }
}

/// An item that carries its follow-up inline ("...test? 1. Can you share...") split in
/// two: the question, and the follow-up.
#[must_use]
pub fn inline_follow_up(text: &str) -> Option<(&str, &str)> {
    let mut search = 0;
    while let Some(found) = text[search..].find("? ") {
        let question_end = search + found + 1;
        let rest = &text[question_end + 1..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0
            && let Some(follow_up) = rest[digits..].strip_prefix(". ")
            && !follow_up.trim().is_empty()
        {
            return Some((&text[..question_end], follow_up.trim()));
        }
        search = question_end;
    }
    None
}

/// The key words of `text` for an id: lowercase ASCII (other scripts transliterated), with
/// link targets, a scope prefix and stop words left out (unless there is nothing else).
#[must_use]
pub fn key_words(text: &str) -> Vec<String> {
    let without_links = strip_link_targets(text);
    let mut rest = without_links.as_str();
    if !scope_tags(rest).is_empty()
        && let Some(end) = rest.find(']')
    {
        rest = &rest[end + 1..];
    }
    let all = ascii_words(rest);
    let key: Vec<String> = all
        .iter()
        .filter(|word| !STOP_WORDS.contains(&word.as_str()))
        .cloned()
        .collect();
    // "If not, why not?" has only small words: they are all it has.
    if key.is_empty() { all } else { key }
}

/// An id segment from the first `count` of `words`, at most [`MAX_SEGMENT`] characters.
#[must_use]
pub fn segment(words: &[String], count: usize) -> String {
    let mut out = String::new();
    for word in words.iter().take(count) {
        let extra = usize::from(!out.is_empty()) + word.len();
        if !out.is_empty() && out.len() + extra > MAX_SEGMENT {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word.get(..MAX_SEGMENT).unwrap_or(word));
    }
    out
}

/// Lowercase ASCII words of `text`: other scripts are transliterated (so `Säkerhet` gives
/// `sakerhet` and Cyrillic or Chinese text gives readable Latin), then split on anything
/// that is not a letter or digit.
fn ascii_words(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `[text](target)` becomes `text` and inline HTML tags (`<b>`) go, so that a URL's or a
/// tag's words do not make the id.
fn strip_link_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let without_tags = strip_html_tags(text);
    let mut rest = without_tags.as_str();
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(close) = after.find(')') else {
            rest = after;
            break;
        };
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Text less anything between `<` and the next `>` that starts like a tag.
fn strip_html_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(close) if is_tag => {
                out.push_str(&rest[..open]);
                out.push(' ');
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{condition, inline_follow_up, key_words, scope_tags, segment};
    use crate::model::Condition;

    #[test]
    fn scope_prefixes_become_tags_and_links_do_not() {
        assert_eq!(scope_tags("[For NFS] How did you configure it?"), ["nfs"]);
        assert_eq!(scope_tags("[HIPAA only] Are you familiar?"), ["hipaa"]);
        assert!(scope_tags("[User ID Mapping](https://x) is?").is_empty());
        assert!(scope_tags("Plain?").is_empty());
    }

    #[test]
    fn conditions_and_inline_follow_ups_are_recognised() {
        assert_eq!(condition("If not, how?"), Some(Condition::IfNot));
        assert_eq!(condition("If yes, what?"), Some(Condition::IfYes));
        assert_eq!(condition("Is it?"), None);
        assert_eq!(
            inline_follow_up("When was the last test? 1. Can you share it?"),
            Some(("When was the last test?", "Can you share it?"))
        );
        assert_eq!(inline_follow_up("Is it 1. or 2.?"), None);
    }

    #[test]
    fn key_words_skip_links_prefixes_and_small_words() {
        let words = key_words("[For NFS] How did you configure [User ID Mapping](https://x.y/z)?");
        assert_eq!(segment(&words, 2), "configure-user");
        assert_eq!(
            segment(&key_words("Где находятся ваши центры?"), 2),
            "gde-nakhodiatsia"
        );
        assert_eq!(
            segment(&key_words("Where are your data centers located?"), 2),
            "data-centers"
        );
    }
}
