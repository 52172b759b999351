//! A diff as text for the terminal (`[-removed-]{+added+}` word changes, as `git diff
//! --word-diff` shows them) and as Markdown (~~removed~~ **added**): the same content,
//! grouped by section, worse first.

use std::fmt::Write as _;

use super::{AuditDiff, Change, ChangeClass, ChangeKind, Piece, word_diff};
use crate::labels::one_line;

/// How a diff is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Plain text for a terminal.
    Text,
    /// Markdown.
    Markdown,
}

fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

/// The word-level changes of an answer, marked in `style`, on one line.
#[must_use]
pub fn marked_words(old: &str, new: &str, style: Style) -> String {
    let mut out = String::new();
    for piece in word_diff(old, new) {
        let (text, before, after) = match &piece {
            Piece::Same(text) => (text, "", ""),
            Piece::Removed(text) => match style {
                Style::Text => (text, "[-", "-]"),
                Style::Markdown => (text, "~~", "~~"),
            },
            Piece::Added(text) => match style {
                Style::Text => (text, "{+", "+}"),
                Style::Markdown => (text, "**", "**"),
            },
        };
        // On one line: newlines and control characters become spaces, spacing is kept.
        let text = crate::labels::sanitize(text, crate::labels::Medium::Line, ' ');
        let text = match style {
            Style::Text => text,
            Style::Markdown => crate::labels::markdown_escape(&text),
        };
        if before.is_empty() || text.trim().is_empty() {
            out.push_str(&text);
        } else {
            // Markers go round the words, not the spaces beside them.
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            let _ = write!(out, "{lead}{before}{}{after}{trail}", text.trim());
        }
    }
    out
}

/// The word shown for a change: its kind, or its class where the class says more (a
/// Yes/No gone worse or better, ownership moved, reworded only).
fn class_word(change: &Change) -> &'static str {
    match change.class {
        ChangeClass::Ownership | ChangeClass::Wording => change.class.as_str(),
        ChangeClass::Regression | ChangeClass::Improvement if change.kind == ChangeKind::Answer => {
            change.class.as_str()
        }
        _ => change.kind.as_str(),
    }
}

/// The line that stands for the folded wording changes.
fn wording_line(diff: &AuditDiff) -> String {
    let listed = diff.changes.len() - diff.wording_changes;
    if listed == 0 {
        format!(
            "{}, no answer changed",
            crate::labels::plural(diff.wording_changes, "wording change")
        )
    } else {
        format!(
            "{} changes, and {} (spacing, quotes, dashes or capitals only) not listed",
            listed,
            crate::labels::plural(diff.wording_changes, "wording change")
        )
    }
}

fn change_line(change: &Change, style: Style) -> String {
    let question = match style {
        Style::Text => change.question.clone(),
        Style::Markdown => crate::labels::markdown_escape(&change.question),
    };
    let verdicts = change.verdicts();
    let head = match style {
        Style::Text => format!(
            "  {} {:<8} {} ({}): {verdicts}",
            change.direction.arrow(),
            class_word(change),
            change.id,
            question
        ),
        Style::Markdown => format!(
            "- {} **{}** `{}` {}: {verdicts}",
            change.direction.arrow(),
            class_word(change),
            change.id,
            question
        ),
    };
    let indent = match style {
        Style::Text => "      ",
        Style::Markdown => "  - ",
    };
    let mut out = head;
    if change.old_answer != change.new_answer && change.kind != ChangeKind::Evidence {
        let _ = write!(
            out,
            "\n{indent}{}",
            marked_words(&change.old_answer, &change.new_answer, style)
        );
    }
    for line in &change.evidence {
        let line = one_line(line);
        let line = match style {
            Style::Text => line,
            Style::Markdown => crate::labels::markdown_escape(&line),
        };
        let _ = write!(out, "\n{indent}{line}");
    }
    out
}

/// The whole diff in `style`, wording changes folded into one line.
#[must_use]
pub fn render(diff: &AuditDiff, style: Style) -> String {
    render_with(diff, style, false)
}

/// The whole diff in `style`; with `wording`, the wording changes are listed too.
#[must_use]
pub fn render_with(diff: &AuditDiff, style: Style, wording: bool) -> String {
    let mut out = String::new();
    let fold = !wording && diff.wording_changes > 0;
    let counted = if fold {
        wording_line(diff)
    } else {
        format!("{} changes", diff.changes.len())
    };
    let date = |d: &Option<String>| d.clone().unwrap_or_else(|| "undated".to_owned());
    let esc = |text: &str| crate::labels::markdown_escape(&one_line(text));
    let title = format!(
        "{}: {} ({}) → {} ({})",
        one_line(&diff.new.provider),
        date(&diff.old.audited_on),
        one_line(&diff.old.file),
        date(&diff.new.audited_on),
        one_line(&diff.new.file),
    );
    match style {
        Style::Text => {
            let _ = writeln!(out, "{title}");
            let _ = writeln!(
                out,
                "score {:.1} → {:.1}; {counted}",
                diff.old.score, diff.new.score,
            );
        }
        Style::Markdown => {
            let _ = writeln!(
                out,
                "## Changes since {}: {}\n",
                date(&diff.old.audited_on),
                esc(&diff.new.provider)
            );
            let _ = writeln!(
                out,
                "From {} ({}) to {} ({}).\n",
                date(&diff.old.audited_on),
                esc(&diff.old.file),
                date(&diff.new.audited_on),
                esc(&diff.new.file)
            );
            let _ = writeln!(
                out,
                "Score {:.1} → {:.1}; {counted}.",
                diff.old.score, diff.new.score,
            );
        }
    }
    if diff.renamed() {
        let _ = writeln!(
            out,
            "The provider's name changed: {} → {}.",
            one_line(&diff.old.provider),
            one_line(&diff.new.provider)
        );
    }
    for (number, scores) in diff.sections.iter().enumerate() {
        let changes: Vec<&Change> = diff
            .changes
            .iter()
            .filter(|c| c.section == number)
            .filter(|c| !fold || c.class != ChangeClass::Wording)
            .collect();
        if changes.is_empty() && scores.old_score == scores.new_score {
            continue;
        }
        let heading = format!(
            "{} {} → {}",
            match style {
                Style::Text => one_line(&scores.title),
                Style::Markdown => esc(&scores.title),
            },
            score(scores.old_score),
            score(scores.new_score)
        );
        match style {
            Style::Text => {
                let _ = writeln!(out, "\n{heading}");
            }
            Style::Markdown => {
                let _ = writeln!(out, "\n### {heading}\n");
            }
        }
        for change in changes {
            let _ = writeln!(out, "{}", change_line(change, style));
        }
    }
    if !diff.not_in_questionnaire.is_empty() {
        let list = diff.not_in_questionnaire.join(", ");
        let _ = match style {
            Style::Text => writeln!(out, "\nanswered, no longer in the questionnaire: {list}"),
            Style::Markdown => writeln!(out, "\nAnswered, no longer in the questionnaire: {list}."),
        };
    }
    out
}
