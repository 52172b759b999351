//! Reading a user's file into memory, with a finding for every way that can fail, and
//! telling audits from comparisons by their content.

use std::path::Path;

use super::finding::{Finding, Position};
use super::locate::Locator;
use crate::fsutil::{self, ReadError};

/// A file's text, its hash and a locator over it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it.
    pub path: std::path::PathBuf,
    /// The file's text.
    pub text: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// Positions of things in the text.
    pub locator: Locator,
}

/// What a file holds, told from its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// One provider's audit.
    Audit,
    /// A comparison (it has an `audits` field).
    Comparison,
    /// A questionnaire (it has a `sections` field).
    Questionnaire,
}

impl SourceFile {
    /// A source file from text already in memory (an editor buffer, a test, a fuzzer),
    /// named `path` in findings.
    #[must_use]
    pub fn from_text(path: &Path, text: &str) -> Self {
        Self {
            path: path.to_path_buf(),
            text: text.to_owned(),
            sha256: fsutil::sha256_hex(text.as_bytes()),
            locator: Locator::new(text),
        }
    }
}

/// The byte order marks of UTF-16, little- and big-endian.
const UTF16_BOMS: [[u8; 2]; 2] = [[0xff, 0xfe], [0xfe, 0xff]];

/// Reads `path` as a source file. A UTF-8 byte order mark is skipped (the hash covers
/// the file's bytes as they are).
///
/// # Errors
/// One finding naming the file: it does not exist, is a directory, is over 16 MiB, is
/// not UTF-8 (UTF-16, binary, or with the line and column of the first bad byte), is
/// empty, or cannot be read.
pub fn read_source(path: &Path) -> Result<SourceFile, Finding> {
    let mut text = fsutil::read_utf8_bounded(path).map_err(|err| match err {
        ReadError::NotUtf8 {
            offset,
            valid_prefix,
        } => not_utf8_finding(path, offset, &valid_prefix),
        ReadError::Io(err) => Finding::error(path, None, format!("cannot be read: {err}")),
        other => Finding::error(path, None, other.to_string()),
    })?;
    // The hash covers the file's bytes as they are, a byte order mark included.
    let sha256 = fsutil::sha256_hex(text.as_bytes());
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if let Some(nul) = text.find('\0') {
        return Err(nul_finding(path, &text[..nul]));
    }
    let locator = Locator::new(&text);
    if locator.is_empty() {
        return Err(Finding::error(
            path,
            None,
            "empty file: expected an audit or a comparison in RON, starting with `(`",
        ));
    }
    Ok(SourceFile {
        path: path.to_path_buf(),
        sha256,
        text,
        locator,
    })
}

/// Reads a file that another file names (an audit listed in a comparison) as
/// [`read_source`] does, but opens only regular files: a name written in a file must not
/// make the program wait on a pipe or read a device.
///
/// # Errors
/// As [`read_source`], and a finding when the path is a device, pipe or socket.
pub fn read_listed_source(path: &Path) -> Result<SourceFile, Finding> {
    if let Ok(metadata) = std::fs::metadata(path)
        && !metadata.is_file()
        && !metadata.is_dir()
    {
        return Err(Finding::error(
            path,
            None,
            "a device, pipe or socket, not a file; it is not read",
        ));
    }
    read_source(path)
}

fn not_utf8_finding(path: &Path, offset: usize, valid_prefix: &str) -> Finding {
    let starts_with_utf16_bom = offset == 0 && {
        let mut head = [0_u8; 2];
        std::fs::File::open(path)
            .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut head))
            .is_ok()
            && UTF16_BOMS.contains(&head)
    };
    if starts_with_utf16_bom {
        return Finding::error(
            path,
            Some(Position { line: 1, col: 1 }),
            "UTF-16 text (it starts with a UTF-16 byte order mark), not UTF-8; save the file as UTF-8",
        );
    }
    let valid_prefix = valid_prefix
        .strip_prefix('\u{feff}')
        .unwrap_or(valid_prefix);
    if let Some(nul) = valid_prefix.find('\0') {
        return nul_finding(path, &valid_prefix[..nul]);
    }
    Finding::error(
        path,
        Some(Position::after(valid_prefix)),
        format!("not UTF-8 text (invalid byte at offset {offset}); save the file as UTF-8"),
    )
}

/// A NUL character after `before`: no text file has one, UTF-16 and binary files do.
fn nul_finding(path: &Path, before: &str) -> Finding {
    Finding::error(
        path,
        Some(Position::after(before)),
        "contains a NUL character: UTF-16 or binary, not UTF-8 text; save the file as UTF-8",
    )
}

/// Tells audits, comparisons and questionnaires apart: a comparison has a top-level
/// `audits` field, a questionnaire a `sections` field.
#[must_use]
pub fn classify(source: &SourceFile) -> FileKind {
    classify_text(&source.locator)
}

/// [`classify`] from the tokens alone.
#[must_use]
pub fn classify_text(locator: &Locator) -> FileKind {
    if locator.has_top_field("audits") {
        FileKind::Comparison
    } else if locator.has_top_field("sections") {
        FileKind::Questionnaire
    } else {
        FileKind::Audit
    }
}

/// Turns a parser error into a finding, with a hint when the file is plainly not RON.
#[must_use]
pub fn syntax_finding(source: &SourceFile, err: &ron::error::SpannedError) -> Finding {
    let position = Position {
        line: err.span.start.line.max(1),
        col: err.span.start.col.max(1),
    };
    let mut message = err.code.to_string();
    // The span of an error ends where the parser stopped: at the end of the text when the
    // file is cut short.
    let stopped_at = Position {
        line: err.span.end.line,
        col: err.span.end.col,
    };
    let end_of_text = Position::after(source.text.trim_end());
    match err.code {
        // "Unexpected end of RON" says it already.
        ron::Error::Eof => {}
        ron::Error::ExpectedStringEnd => {
            message.push_str(" (the string that starts here is not closed with `\"`)");
        }
        _ if stopped_at >= end_of_text && source.locator.has_unclosed_brackets() => {
            message.push_str(" at the end of the file (is the file cut short?)");
        }
        ron::Error::ExpectedIdentifier if char_at(&source.text, position) == Some('"') => {
            message.push_str(" (words such as `Meets` or `Managed` are written without quotes)");
        }
        _ => {
            if let Some(opened) = string_closed_early(&source.text, position) {
                message.push_str(&format!(
                    " (an unescaped `\"` inside a string? The string that opened at line {}, \
                     column {} ends just before; write `\\\"` for a quote inside text)",
                    opened.line, opened.col
                ));
            }
        }
    }
    if source.locator.first_token_is('{') {
        message.push_str(
            " (this looks like JSON; audit and comparison files are RON, starting with `(`)",
        );
    } else if !source.locator.starts_with_struct() {
        message.push_str(" (expected a RON struct starting with `(`)");
    }
    Finding::error(&source.path, Some(position), message)
}

/// When the parser stopped at `position` right after a string ended and on more text (as
/// in `"He said "yes" to it"`), the position where that string opened: the likely cause is
/// a `"` that was meant to be part of the text.
fn string_closed_early(text: &str, position: Position) -> Option<Position> {
    let at = char_at(text, position)?;
    if !(at.is_alphanumeric() || at == '"') {
        return None;
    }
    let line = text.split('\n').nth(position.line.checked_sub(1)?)?;
    let before: Vec<char> = line.chars().take(position.col.checked_sub(1)?).collect();
    let last = before.iter().rposition(|c| !c.is_whitespace())?;
    if before[last] != '"' {
        return None;
    }
    // Where the string that the quote at (line, last + 1) closes was opened.
    let mut opened = None;
    let mut in_string = false;
    let mut escaped = false;
    for (number, row) in text.split('\n').enumerate().take(position.line) {
        for (col, c) in row.chars().enumerate() {
            if number + 1 == position.line && col == last {
                return in_string.then_some(opened).flatten();
            }
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
            } else if c == '"' {
                in_string = true;
                opened = Some(Position {
                    line: number + 1,
                    col: col + 1,
                });
            } else if c == '/' && row[..].chars().nth(col + 1) == Some('/') {
                break;
            }
        }
    }
    None
}

/// The character at 1-based `position` (columns counted in characters, as the parser does).
fn char_at(text: &str, position: Position) -> Option<char> {
    text.split('\n')
        .nth(position.line.checked_sub(1)?)?
        .chars()
        .nth(position.col.checked_sub(1)?)
}

#[cfg(test)]
mod quote_tests {
    use super::{Position, string_closed_early};

    #[test]
    fn a_quote_inside_an_answer_is_named_with_where_its_string_opened() {
        let text =
            "(\n    answers: {\n        \"a.b\": (answer: \"He said \"yes\" to it\"),\n    },\n)";
        let err = ron::from_str::<ron::Value>(text).expect_err("a syntax error");
        let stopped = Position {
            line: err.span.start.line,
            col: err.span.start.col,
        };
        assert_eq!(stopped.line, 3, "{err}");
        // The answer's string opened at line 3, column 25.
        assert_eq!(
            string_closed_early(text, stopped),
            Some(Position { line: 3, col: 25 }),
            "{err}"
        );
        // Not after a string: no hint.
        let err = ron::from_str::<ron::Value>("(a: 1 b: 2)").expect_err("a syntax error");
        let stopped = Position {
            line: err.span.start.line,
            col: err.span.start.col,
        };
        assert_eq!(string_closed_early("(a: 1 b: 2)", stopped), None);
    }
}
