//! A finding: one problem in one file, with its position when there is one.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::labels;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file is used, but something deserves attention.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
}

impl Position {
    /// The position just after `prefix`, i.e. of the character that follows it.
    #[must_use]
    pub fn after(prefix: &str) -> Self {
        let line = prefix.matches('\n').count() + 1;
        let col = prefix
            .rsplit('\n')
            .next()
            .map_or(0, |last| last.chars().count())
            + 1;
        Self { line, col }
    }
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, for people.
    pub message: String,
}

impl Finding {
    /// An error in `path`.
    #[must_use]
    pub fn error(path: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            position,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning in `path`.
    #[must_use]
    pub fn warning(path: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            position,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    /// True for errors.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    /// `path:line:col: error: message`, or `path: error: message` without a position.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Control and text-direction characters from file content or file names never reach
        // the terminal raw: the finding stays on one line and reads in order.
        write!(f, "{}", labels::printable(&self.path.display().to_string()))?;
        if let Some(position) = self.position {
            write!(f, ":{}:{}", position.line, position.col)?;
        }
        write!(
            f,
            ": {}: {}",
            self.severity.as_str(),
            labels::printable(&self.message)
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Finding, Position};

    #[test]
    fn displays_as_path_line_col_severity_message() {
        let finding = Finding::error(
            Path::new("a.ron"),
            Some(Position { line: 3, col: 7 }),
            "bad",
        );
        assert_eq!(finding.to_string(), "a.ron:3:7: error: bad");
        let finding = Finding::warning(Path::new("b.ron"), None, "odd\u{1b}[31m");
        assert_eq!(finding.to_string(), "b.ron: warning: odd\u{fffd}[31m");
        let finding = Finding::error(Path::new("new\nline.ron"), None, "id `a\u{202e}b`");
        assert_eq!(
            finding.to_string(),
            "new\u{fffd}line.ron: error: id `a\u{fffd}b`"
        );
    }

    #[test]
    fn position_after_counts_lines_and_characters() {
        assert_eq!(Position::after(""), Position { line: 1, col: 1 });
        assert_eq!(Position::after("ab\ncdé"), Position { line: 2, col: 4 });
    }
}
