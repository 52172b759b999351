//! A small, forgiving RON tokenizer that finds where things are in a file.
//!
//! The parser gives positions for syntax errors only; validation needs the line and
//! column of a map key, a field or a string. The tokenizer never recurses and never
//! fails: on text that is not RON it still returns the tokens it could make out.

use super::finding::Position;

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Str(String),
    Ident(String),
    Punct(char),
    Other,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    position: Position,
    /// Number of brackets open before this token.
    depth: usize,
}

/// Positions of fields, map keys and strings in one RON text.
#[derive(Clone, Debug, Default)]
pub struct Locator {
    tokens: Vec<Token>,
}

struct Cursor<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    col: usize,
}

impl Cursor<'_> {
    fn position(&self) -> Position {
        Position {
            line: self.line,
            col: self.col,
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_line_comment(&mut self) {
        while let Some(c) = self.peek() {
            if c == '\n' {
                break;
            }
            self.bump();
        }
    }

    fn skip_block_comment(&mut self) {
        let mut nesting = 1_usize;
        let mut previous = '\0';
        while let Some(c) = self.bump() {
            if previous == '/' && c == '*' {
                nesting += 1;
                previous = '\0';
                continue;
            }
            if previous == '*' && c == '/' {
                nesting -= 1;
                if nesting == 0 {
                    return;
                }
                previous = '\0';
                continue;
            }
            previous = c;
        }
    }

    fn string(&mut self, quote: char) -> String {
        let mut value = String::new();
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    if let Some(escaped) = self.bump() {
                        value.push(match escaped {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            '0' => '\0',
                            other => other,
                        });
                    }
                }
                c if c == quote => break,
                c => value.push(c),
            }
        }
        value
    }

    fn raw_string(&mut self) -> String {
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        if self.peek() != Some('"') {
            return String::new();
        }
        self.bump();
        let mut value = String::new();
        while let Some(c) = self.bump() {
            if c == '"' {
                let mut closing = 0;
                while closing < hashes && self.peek() == Some('#') {
                    self.bump();
                    closing += 1;
                }
                if closing == hashes {
                    return value;
                }
                value.push('"');
                value.extend(std::iter::repeat_n('#', closing));
            } else {
                value.push(c);
            }
        }
        value
    }

    fn word(&mut self, first: char) -> String {
        let mut word = String::from(first);
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' || c == '.' || c == '+' || c == '-' {
                word.push(c);
                self.bump();
            } else {
                break;
            }
        }
        word
    }
}

impl Locator {
    /// Tokenizes `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut cursor = Cursor {
            chars: text.chars().peekable(),
            line: 1,
            col: 1,
        };
        let mut tokens = Vec::new();
        let mut depth = 0_usize;
        while let Some(c) = cursor.peek() {
            let position = cursor.position();
            if c.is_whitespace() {
                cursor.bump();
                continue;
            }
            cursor.bump();
            let kind = match c {
                '/' if cursor.peek() == Some('/') => {
                    cursor.skip_line_comment();
                    continue;
                }
                '/' if cursor.peek() == Some('*') => {
                    cursor.bump();
                    cursor.skip_block_comment();
                    continue;
                }
                '"' => Kind::Str(cursor.string('"')),
                '\'' => {
                    cursor.string('\'');
                    Kind::Other
                }
                'r' if matches!(cursor.peek(), Some('#' | '"')) => Kind::Str(cursor.raw_string()),
                'b' if cursor.peek() == Some('"') => {
                    cursor.bump();
                    Kind::Str(cursor.string('"'))
                }
                '(' | '[' | '{' => {
                    tokens.push(Token {
                        kind: Kind::Punct(c),
                        position,
                        depth,
                    });
                    depth += 1;
                    continue;
                }
                ')' | ']' | '}' => {
                    depth = depth.saturating_sub(1);
                    Kind::Punct(c)
                }
                ':' | ',' => Kind::Punct(c),
                c if c.is_alphabetic() || c == '_' => Kind::Ident(cursor.word(c)),
                c if c.is_ascii_digit() || c == '-' || c == '+' => {
                    cursor.word(c);
                    Kind::Other
                }
                _ => Kind::Other,
            };
            tokens.push(Token {
                kind,
                position,
                depth,
            });
        }
        Self { tokens }
    }

    fn followed_by_colon(&self, index: usize) -> bool {
        matches!(
            self.tokens.get(index + 1).map(|t| &t.kind),
            Some(Kind::Punct(':'))
        )
    }

    /// The position of field `name` of the top-level struct.
    #[must_use]
    pub fn top_field(&self, name: &str) -> Option<Position> {
        self.tokens
            .iter()
            .enumerate()
            .find(|(index, token)| {
                token.depth == 1
                    && token.kind == Kind::Ident(name.to_owned())
                    && self.followed_by_colon(*index)
            })
            .map(|(_, token)| token.position)
    }

    /// The names of the top-level struct's fields.
    #[must_use]
    pub fn top_fields(&self) -> Vec<&str> {
        self.tokens
            .iter()
            .enumerate()
            .filter(|(index, token)| token.depth == 1 && self.followed_by_colon(*index))
            .filter_map(|(_, token)| match &token.kind {
                Kind::Ident(name) => Some(name.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The position of the value of top-level field `name` (the token after the colon).
    #[must_use]
    pub fn top_field_value(&self, name: &str) -> Option<Position> {
        let index = self.tokens.iter().enumerate().position(|(index, token)| {
            token.depth == 1
                && token.kind == Kind::Ident(name.to_owned())
                && self.followed_by_colon(index)
        })?;
        self.tokens.get(index + 2).map(|t| t.position)
    }

    /// The position of the `occurrence`-th (0-based) map key or field name `key`
    /// (a string or identifier followed by a colon), at any depth.
    #[must_use]
    pub fn key(&self, key: &str, occurrence: usize) -> Option<Position> {
        self.tokens
            .iter()
            .enumerate()
            .filter(|(index, token)| {
                matches!(&token.kind, Kind::Str(s) | Kind::Ident(s) if s == key)
                    && self.followed_by_colon(*index)
            })
            .nth(occurrence)
            .map(|(_, token)| token.position)
    }

    /// The position of the `occurrence`-th (0-based) string literal equal to `value`.
    #[must_use]
    pub fn string(&self, value: &str, occurrence: usize) -> Option<Position> {
        self.tokens
            .iter()
            .filter(|token| matches!(&token.kind, Kind::Str(s) if s == value))
            .nth(occurrence)
            .map(|token| token.position)
    }

    /// True when the first token (after whitespace and comments) opens a struct.
    #[must_use]
    pub fn starts_with_struct(&self) -> bool {
        matches!(self.tokens.first().map(|t| &t.kind), Some(Kind::Punct('(')))
    }

    /// True when the text holds no token at all (empty, or only comments).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The position of the first token (the opening parenthesis of a well-formed file).
    #[must_use]
    pub fn first_position(&self) -> Option<Position> {
        self.tokens.first().map(|t| t.position)
    }

    /// True when the first token is the punctuation `c`.
    #[must_use]
    pub fn first_token_is(&self, c: char) -> bool {
        matches!(self.tokens.first().map(|t| &t.kind), Some(Kind::Punct(p)) if *p == c)
    }
}

#[cfg(test)]
mod tests {
    use super::Locator;
    use crate::validate::Position;

    const TEXT: &str = r#"// leading comment
(
    format: 2,
    provider: "P",
    answers: {
        "a.b": (answer: "x \" a.b", verdict: Meets), /* "a.b": */
        "a.b": (answer: r"raw a.b"),
    },
)"#;

    #[test]
    fn finds_top_fields_keys_and_strings() {
        let locator = Locator::new(TEXT);
        assert_eq!(
            locator.top_field("format"),
            Some(Position { line: 3, col: 5 })
        );
        assert_eq!(
            locator.top_field_value("format"),
            Some(Position { line: 3, col: 13 })
        );
        assert_eq!(locator.top_fields(), ["format", "provider", "answers"]);
        assert_eq!(locator.key("a.b", 0), Some(Position { line: 6, col: 9 }));
        assert_eq!(locator.key("a.b", 1), Some(Position { line: 7, col: 9 }));
        assert_eq!(locator.key("a.b", 2), None);
        assert_eq!(
            locator.key("verdict", 0),
            Some(Position { line: 6, col: 37 })
        );
        assert_eq!(locator.string("P", 0), Some(Position { line: 4, col: 15 }));
        assert!(locator.starts_with_struct());
        assert!(
            locator.top_field("verdict").is_none(),
            "not a top-level field"
        );
    }

    #[test]
    fn survives_garbage_and_deep_nesting() {
        let deep = "[".repeat(100_000);
        let locator = Locator::new(&deep);
        assert!(!locator.starts_with_struct());
        let garbage = "\"unterminated /* r### b' \u{202e}";
        let locator = Locator::new(garbage);
        assert!(locator.top_fields().is_empty());
        assert!(Locator::new("  // only a comment\n").is_empty());
    }
}
