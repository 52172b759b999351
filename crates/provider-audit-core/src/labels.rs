//! Labels and formatting shared by the exports, the command line and the app: counted
//! nouns, weights, flag and status words, text cut between grapheme clusters, and the one
//! sanitiser for text from users' files.
//!
//! Text is cut only between grapheme clusters (what a reader sees as one character): an
//! emoji with a skin tone, a flag, a family joined with zero-width joiners or a letter
//! with combining accents is never split.
//!
//! Text from users' files (provider names, comments, file names) never reaches a terminal,
//! a report or an image with control characters or text-direction controls: a provider
//! name with U+202E would otherwise print its findings backwards. [`sanitize`] is the one
//! place that decides which characters those are.

use unicode_segmentation::UnicodeSegmentation as _;

use crate::model::Flag;
use crate::scoring::CellStatus;

/// The ellipsis that marks shortened text.
pub const ELLIPSIS: &str = "…";

/// How many characters of a hash are shown to people.
const SHORT_HASH: usize = 12;

/// The longest beginning of `text` with at most `max` grapheme clusters.
#[must_use]
pub fn prefix(text: &str, max: usize) -> &str {
    match text.grapheme_indices(true).nth(max) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// `text` whole when it has at most `max` grapheme clusters, else its first `max`
/// followed by "…" (spaces before the ellipsis dropped).
#[must_use]
pub fn ellipsize(text: &str, max: usize) -> String {
    let kept = prefix(text, max);
    if kept.len() == text.len() {
        text.to_owned()
    } else {
        format!("{}{ELLIPSIS}", kept.trim_end())
    }
}

/// The byte offsets inside `text` where it may be cut: every boundary between two grapheme
/// clusters, in order, without 0 and the end.
pub fn cut_points(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.grapheme_indices(true)
        .map(|(index, _)| index)
        .filter(|&index| index > 0)
}

/// The first 12 characters of a hash, as shown to people.
#[must_use]
pub fn short_hash(hash: &str) -> String {
    prefix(hash.trim(), SHORT_HASH).to_owned()
}

/// `count` and `noun`, the noun with an `s` unless the count is 1: "1 gap", "2 gaps".
#[must_use]
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// `count` and the form of a phrase whose plural is not made with a final `s`:
/// `counted(2, "risk accepted", "risks accepted")` is "2 risks accepted".
#[must_use]
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// A weight as people write it: 2, 1.5, 0.25 (two decimals at most, no trailing zeros).
#[must_use]
pub fn weight(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A flag in words: "weak", "follow-up", "accepted risk".
#[must_use]
pub fn flag_label(flag: Flag) -> &'static str {
    match flag {
        Flag::Weak => "weak",
        Flag::FollowUp => "follow-up",
        Flag::Accepted => "accepted risk",
    }
}

/// A flag in words with a capital, as a heading of the note it marks: "Weak",
/// "Follow-up", "Accepted risk".
#[must_use]
pub fn flag_title(flag: Option<Flag>) -> &'static str {
    match flag {
        None => "Annotation",
        Some(Flag::Weak) => "Weak",
        Some(Flag::FollowUp) => "Follow-up",
        Some(Flag::Accepted) => "Accepted risk",
    }
}

/// A recorded time (RFC 3339, `2026-12-06T21:08:05Z`) as people read it:
/// `2026-12-06 21:08 UTC`; anything else as it is.
#[must_use]
pub fn when(at: &str) -> String {
    match at.parse::<jiff::Timestamp>() {
        Ok(time) => time.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => at.to_owned(),
    }
}

/// A flag as the one letter drawn on a cell: W, F, A.
#[must_use]
pub fn flag_letter(flag: Flag) -> &'static str {
    match flag {
        Flag::Weak => "W",
        Flag::FollowUp => "F",
        Flag::Accepted => "A",
    }
}

/// What a cell says in words: the verdict ("meets", "no answer"), "not asked", or "out of
/// scope" (headings included).
#[must_use]
pub fn status_label(status: CellStatus) -> &'static str {
    match status {
        CellStatus::Rated(verdict) => verdict.label(),
        CellStatus::NotAsked => "not asked",
        CellStatus::OutOfScope | CellStatus::Heading => "out of scope",
    }
}

/// Where sanitised text goes, and so which control characters it may keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Medium {
    /// One line: a terminal line, a table cell, a line drawn on an image. No control
    /// character is kept.
    Line,
    /// Several lines: line feeds and tabs are kept, every other control character is not
    /// (a carriage return could overwrite a line on a terminal).
    Lines,
}

/// Characters that reorder text on screen: the Arabic letter mark, the left-to-right and
/// right-to-left marks, embeddings and overrides (U+202A to U+202E) and isolates (U+2066
/// to U+2069).
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` must not reach `medium` as it is: a C0 or C1 control character (or DEL)
/// that the medium does not allow, or a text-direction control.
#[must_use]
pub fn is_unsafe(c: char, medium: Medium) -> bool {
    let allowed = medium == Medium::Lines && matches!(c, '\n' | '\t');
    (c.is_control() && !allowed) || is_bidi_control(c)
}

/// `text` with every character that is unsafe in `medium` ([`is_unsafe`]) replaced by
/// `replacement`.
#[must_use]
pub fn sanitize(text: &str, medium: Medium, replacement: char) -> String {
    text.chars()
        .map(|c| if is_unsafe(c, medium) { replacement } else { c })
        .collect()
}

/// `text` made safe for one line of a terminal: unsafe characters are shown as U+FFFD,
/// so the reader sees that something was there.
#[must_use]
pub fn printable(text: &str) -> String {
    sanitize(text, Medium::Line, '\u{fffd}')
}

/// `text` made fit for one line of a report or an image: unsafe characters and line breaks
/// become spaces, runs of spaces one, and no space is left at either end.
#[must_use]
pub fn one_line(text: &str) -> String {
    let clean = sanitize(text, Medium::Line, ' ');
    let words: Vec<&str> = clean.split_whitespace().collect();
    words.join(" ")
}

/// `text` with every character Markdown could read as markup escaped (and `&` as an entity),
/// spacing kept: text from users' files shows as written.
#[must_use]
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '{' | '}'
            | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{
        ELLIPSIS, Medium, counted, cut_points, ellipsize, flag_label, flag_letter, is_unsafe,
        one_line, plural, prefix, printable, sanitize, short_hash, status_label, weight,
    };
    use crate::model::{Flag, Verdict};
    use crate::scoring::CellStatus;

    /// Every text-direction control the sanitiser must catch.
    const BIDI: [char; 12] = [
        '\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}',
        '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ];

    /// Strings a naive cut would break: combining accents, a skin tone, flags, a family
    /// joined with zero-width joiners, a keycap.
    const HARD: [&str; 6] = [
        "e\u{301}e\u{301}e\u{301}",
        "👍🏽👍🏽👍🏽",
        "🇸🇪🇳🇴🇫🇮",
        "👩\u{200d}👩\u{200d}👧👩\u{200d}👩\u{200d}👧",
        "1\u{fe0f}\u{20e3}2\u{fe0f}\u{20e3}",
        "Ärlig Molntja\u{308}nst",
    ];

    #[test]
    fn prefixes_keep_whole_grapheme_clusters() {
        assert_eq!(prefix("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}e\u{301}");
        assert_eq!(prefix("👍🏽👍🏽👍🏽", 1), "👍🏽");
        assert_eq!(prefix("🇸🇪🇳🇴🇫🇮", 2), "🇸🇪🇳🇴");
        assert_eq!(
            prefix("👩\u{200d}👩\u{200d}👧👩\u{200d}👩\u{200d}👧", 1),
            "👩\u{200d}👩\u{200d}👧"
        );
        assert_eq!(prefix("Nordlys", 0), "");
        assert_eq!(prefix("Nordlys", 100), "Nordlys");
    }

    #[test]
    fn every_prefix_of_a_hard_string_ends_between_clusters() {
        for text in HARD {
            let boundaries: Vec<usize> = cut_points(text).collect();
            for max in 0..12 {
                let kept = prefix(text, max);
                assert!(
                    kept.is_empty() || kept.len() == text.len() || boundaries.contains(&kept.len()),
                    "{text:?} cut at {max}: {kept:?}"
                );
            }
        }
    }

    #[test]
    fn recorded_times_read_as_dates_and_flags_as_words() {
        assert_eq!(super::when("2026-12-06T21:08:05Z"), "2026-12-06 21:08 UTC");
        assert_eq!(super::when("yesterday"), "yesterday");
        assert_eq!(super::flag_title(Some(Flag::FollowUp)), "Follow-up");
        assert_eq!(super::flag_title(None), "Annotation");
    }

    #[test]
    fn ellipsized_text_is_marked_and_never_split() {
        assert_eq!(ellipsize("Nordlys", 7), "Nordlys");
        assert_eq!(ellipsize("Nordlys Cloud", 8), format!("Nordlys{ELLIPSIS}"));
        assert_eq!(ellipsize("👍🏽👍🏽👍🏽", 2), format!("👍🏽👍🏽{ELLIPSIS}"));
        assert_eq!(ellipsize("🇸🇪🇳🇴🇫🇮", 1), format!("🇸🇪{ELLIPSIS}"));
        assert_eq!(
            ellipsize("Molntja\u{308}nst", 7),
            format!("Molntja\u{308}{ELLIPSIS}")
        );
    }

    #[test]
    fn cut_points_are_between_clusters() {
        assert_eq!(cut_points("ab").collect::<Vec<_>>(), [1]);
        assert_eq!(cut_points("e\u{301}x").collect::<Vec<_>>(), [3]);
        assert_eq!(cut_points("🇸🇪🇳🇴").collect::<Vec<_>>(), [8]);
        assert_eq!(cut_points("").count(), 0);
    }

    #[test]
    fn short_hashes_are_twelve_characters() {
        assert_eq!(
            short_hash(" 95b362914c3561f0ebc5caad6a38d596 "),
            "95b362914c35"
        );
        assert_eq!(short_hash("abc"), "abc");
        assert_eq!(short_hash("👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽"), "👍🏽".repeat(12));
    }

    #[test]
    fn counts_take_the_plural_that_fits() {
        assert_eq!(plural(0, "gap"), "0 gaps");
        assert_eq!(plural(1, "gap"), "1 gap");
        assert_eq!(plural(2, "follow-up"), "2 follow-ups");
        assert_eq!(
            counted(1, "risk accepted", "risks accepted"),
            "1 risk accepted"
        );
        assert_eq!(
            counted(3, "risk accepted", "risks accepted"),
            "3 risks accepted"
        );
    }

    #[test]
    fn weights_print_as_people_write_them() {
        assert_eq!(weight(2.0), "2");
        assert_eq!(weight(1.5), "1.5");
        assert_eq!(weight(0.25), "0.25");
        assert_eq!(weight(10.0), "10");
        assert_eq!(weight(0.0), "0");
        assert_eq!(weight(1.0 / 3.0), "0.33");
    }

    #[test]
    fn flags_and_statuses_have_words_and_letters() {
        assert_eq!(flag_label(Flag::Accepted), "accepted risk");
        assert_eq!(flag_letter(Flag::FollowUp), "F");
        assert_eq!(
            status_label(CellStatus::Rated(Verdict::NoAnswer)),
            "no answer"
        );
        assert_eq!(status_label(CellStatus::NotAsked), "not asked");
        assert_eq!(status_label(CellStatus::Heading), "out of scope");
    }

    #[test]
    fn every_control_and_direction_character_is_caught() {
        let c0 = (0u32..0x20).chain([0x7f]);
        let c1 = 0x80u32..0xa0;
        for c in c0.chain(c1).filter_map(char::from_u32).chain(BIDI) {
            assert!(is_unsafe(c, Medium::Line), "{:#x}", u32::from(c));
            let lines_allow = matches!(c, '\n' | '\t');
            assert_eq!(
                is_unsafe(c, Medium::Lines),
                !lines_allow,
                "{:#x}",
                u32::from(c)
            );
        }
        for c in [
            'a', ' ', 'é', '\u{301}', '\u{200d}', '\u{fe0f}', '🇸', '\u{fffd}', 'ـ',
        ] {
            assert!(!is_unsafe(c, Medium::Line), "{:#x}", u32::from(c));
        }
    }

    #[test]
    fn sanitised_text_keeps_what_the_medium_allows() {
        assert_eq!(
            printable("odd\u{1b}[31m name\u{202e}cba\u{200f}"),
            "odd\u{fffd}[31m name\u{fffd}cba\u{fffd}"
        );
        assert_eq!(
            printable("new\nline\r\u{85}"),
            "new\u{fffd}line\u{fffd}\u{fffd}"
        );
        assert_eq!(
            sanitize("a\tb\nc\rd\u{2066}e", Medium::Lines, '?'),
            "a\tb\nc?d?e"
        );
        assert_eq!(
            sanitize("👍🏽 🇸🇪 e\u{301}", Medium::Line, '?'),
            "👍🏽 🇸🇪 e\u{301}"
        );
    }

    #[test]
    fn user_text_is_made_one_line() {
        assert_eq!(
            one_line("  Nordlys\nCloud\u{202e} AB\t "),
            "Nordlys Cloud AB"
        );
        assert_eq!(one_line("a\u{0}b"), "a b");
        assert_eq!(one_line("\u{61c}\u{200e}x\u{2069}"), "x");
        assert_eq!(one_line(""), "");
    }
}
