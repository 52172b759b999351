//! A small, forgiving RON tokenizer that finds where things are in a file.
//!
//! The parser gives positions for syntax errors only; validation needs the line and
//! column of a map key, a field or a string. The tokenizer never recurses and never
//! fails: on text that is not RON it still returns the tokens it could make out. Keys and
//! strings are indexed, so that finding each of many answers stays linear overall.

use std::collections::HashMap;

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
    /// Map keys and field names (a string or identifier followed by a colon), each with its
    /// positions in file order.
    keys: HashMap<String, Vec<Position>>,
    /// String literals, each with its positions in file order.
    strings: HashMap<String, Vec<Position>>,
    /// Brackets still open at the end of the text.
    open_at_end: usize,
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
        // Bytes of a character written as `\x` escapes, until they make a whole one.
        let mut pending: Vec<u8> = Vec::new();
        while let Some(c) = self.bump() {
            if c != '\\' || self.peek() != Some('x') {
                pending.clear();
            }
            match c {
                '\\' => match self.bump() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some('r') => value.push('\r'),
                    Some('0') => value.push('\0'),
                    Some('u') => value.extend(self.unicode_escape()),
                    Some('x') => {
                        pending.extend(self.hex_digits(2).and_then(|n| u8::try_from(n).ok()));
                        match std::str::from_utf8(&pending) {
                            Ok(text) => {
                                value.push_str(text);
                                pending.clear();
                            }
                            Err(err) if err.error_len().is_some() || pending.len() >= 4 => {
                                pending.clear();
                            }
                            Err(_) => {}
                        }
                    }
                    Some(other) => value.push(other),
                    None => {}
                },
                c if c == quote => break,
                c => value.push(c),
            }
        }
        value
    }

    /// The character of a `\u{...}` escape, the `\u` already read.
    fn unicode_escape(&mut self) -> Option<char> {
        if self.peek() != Some('{') {
            return None;
        }
        self.bump();
        let mut code = 0_u32;
        let mut digits = 0;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(16)) {
            self.bump();
            digits += 1;
            if digits > 6 {
                return None;
            }
            code = code * 16 + digit;
        }
        if self.peek() != Some('}') || digits == 0 {
            return None;
        }
        self.bump();
        char::from_u32(code)
    }

    /// Up to `count` hex digits as a number.
    fn hex_digits(&mut self, count: usize) -> Option<u32> {
        let mut value = 0_u32;
        for _ in 0..count {
            let digit = self.peek().and_then(|c| c.to_digit(16))?;
            self.bump();
            value = value * 16 + digit;
        }
        Some(value)
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
        let mut keys: HashMap<String, Vec<Position>> = HashMap::new();
        let mut strings: HashMap<String, Vec<Position>> = HashMap::new();
        for (index, token) in tokens.iter().enumerate() {
            let followed_by_colon = matches!(
                tokens.get(index + 1).map(|t| &t.kind),
                Some(Kind::Punct(':'))
            );
            match &token.kind {
                Kind::Str(s) => {
                    strings.entry(s.clone()).or_default().push(token.position);
                    if followed_by_colon {
                        keys.entry(s.clone()).or_default().push(token.position);
                    }
                }
                Kind::Ident(s) if followed_by_colon => {
                    keys.entry(s.clone()).or_default().push(token.position);
                }
                _ => {}
            }
        }
        Self {
            tokens,
            keys,
            strings,
            open_at_end: depth,
        }
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

    /// The string value of top-level field `name` (`name: "value"`), as the tokenizer
    /// read it; `None` when the field is missing or its value is not a string.
    #[must_use]
    pub fn top_field_string(&self, name: &str) -> Option<&str> {
        let index = self.tokens.iter().enumerate().position(|(index, token)| {
            token.depth == 1
                && token.kind == Kind::Ident(name.to_owned())
                && self.followed_by_colon(index)
        })?;
        match &self.tokens.get(index + 2)?.kind {
            Kind::Str(value) => Some(value),
            _ => None,
        }
    }

    /// The position of the `occurrence`-th (0-based) map key or field name `key`
    /// (a string or identifier followed by a colon), at any depth.
    #[must_use]
    pub fn key(&self, key: &str, occurrence: usize) -> Option<Position> {
        self.keys.get(key)?.get(occurrence).copied()
    }

    /// The position of the `occurrence`-th (0-based) string literal equal to `value`.
    #[must_use]
    pub fn string(&self, value: &str, occurrence: usize) -> Option<Position> {
        self.strings.get(value)?.get(occurrence).copied()
    }

    /// The position of the `occurrence`-th (0-based) string literal equal to `value` that
    /// comes after `after` (to tell apart the same text in two places of a file).
    #[must_use]
    pub fn string_after(
        &self,
        value: &str,
        after: Option<Position>,
        occurrence: usize,
    ) -> Option<Position> {
        let positions = self.strings.get(value)?;
        let first = after.map_or(0, |after| positions.partition_point(|p| *p <= after));
        positions.get(first + occurrence).copied()
    }

    /// True when brackets opened in the text are not all closed at its end: the text
    /// was cut short.
    #[must_use]
    pub fn has_unclosed_brackets(&self) -> bool {
        self.open_at_end > 0
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
        assert_eq!(
            locator.string_after("a.b", Some(Position { line: 6, col: 9 }), 0),
            Some(Position { line: 7, col: 9 })
        );
        assert_eq!(locator.string_after("a.b", None, 1), locator.key("a.b", 1));
        assert!(!locator.has_unclosed_brackets());
        assert!(Locator::new("(a: [1, {").has_unclosed_brackets());
    }

    #[test]
    fn strings_are_unescaped_as_ron_reads_them() {
        let locator = Locator::new(r#"("a\u{2e}b": 1, x: "\x41\xc3\xa9\u{202e}", y: "\u{zz}\x4")"#);
        assert_eq!(locator.key("a.b", 0), Some(Position { line: 1, col: 2 }));
        assert_eq!(
            locator.string("A\u{e9}\u{202e}", 0),
            Some(Position { line: 1, col: 20 })
        );
        // Malformed escapes are read leniently, never a panic.
        assert!(locator.key("y", 0).is_some());
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
