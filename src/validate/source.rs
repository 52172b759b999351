//! Reading a user's file into memory, with a finding for every way that can fail, and
//! telling audits from comparisons by their content.

use std::path::Path;

use sha2::{Digest, Sha256};

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
}

/// SHA-256 of `bytes` as lowercase hex.
#[must_use]
pub fn hash_hex(bytes: &[u8]) -> String {
    fsutil::hex(&Sha256::digest(bytes))
}

/// Reads `path` as a source file.
///
/// # Errors
/// One finding naming the file: it does not exist, is a directory, is over 16 MiB, is
/// not UTF-8 (with the line and column of the first bad byte), is empty, or cannot be read.
pub fn read_source(path: &Path) -> Result<SourceFile, Finding> {
    let (text, bytes) = fsutil::read_text_bounded(path).map_err(|err| match err {
        ReadError::NotUtf8 {
            offset,
            valid_prefix,
        } => Finding::error(
            path,
            Some(Position::after(&valid_prefix)),
            format!("not UTF-8 text (invalid byte at offset {offset}); save the file as UTF-8"),
        ),
        other => Finding::error(path, None, other.to_string()),
    })?;
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
        sha256: hash_hex(&bytes),
        text,
        locator,
    })
}

/// Tells an audit from a comparison: a comparison has a top-level `audits` field.
#[must_use]
pub fn classify(source: &SourceFile) -> FileKind {
    if source.locator.top_field("audits").is_some() {
        FileKind::Comparison
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
    if source.locator.first_token_is('{') {
        message.push_str(
            " (this looks like JSON; audit and comparison files are RON, starting with `(`)",
        );
    } else if !source.locator.starts_with_struct() {
        message.push_str(" (expected a RON struct starting with `(`)");
    }
    Finding::error(&source.path, Some(position), message)
}
