//! Labels and formatting shared by the exports, the command line and the app.
//!
//! Text is cut only between grapheme clusters (what a reader sees as one character): an
//! emoji with a skin tone, a flag, a family joined with zero-width joiners or a letter
//! with combining accents is never split.

use unicode_segmentation::UnicodeSegmentation as _;

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

#[cfg(test)]
mod tests {
    use super::{ELLIPSIS, cut_points, ellipsize, prefix, short_hash};

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
}
