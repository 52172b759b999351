//! A small, forgiving RON tokenizer that finds where things are in a file.
//!
//! The parser gives positions for syntax errors only; validation needs the line and
//! column of a map key, a field or a string. The tokenizer never recurses and never
//! fails: on text that is not RON it still returns the tokens it could make out.
//!
//! It is cheap on purpose, because every file loaded is tokenized (to tell audits from
//! comparisons) although a clean file needs no position at all: tokens are byte ranges
//! (no string is copied or unescaped), and lines and columns, unescaped strings and the
//! index of keys and strings are worked out only when a finding first asks for a
//! position. The index stays linear overall, so placing each of many findings is cheap.
//! Depends on nothing but `std` and `foldhash`.

use std::sync::OnceLock;

use super::finding::Position;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// A string literal; its content is `content` of the token.
    Str(StrForm),
    /// A word; the token's text.
    Ident,
    Punct(u8),
    Other,
}

/// How a string literal's content becomes its value.
#[derive(Clone, Copy, Debug, PartialEq)]
enum StrForm {
    /// No escape: the content is the value.
    Verbatim,
    /// Escapes to read, up to the closing `"`.
    Escaped,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    /// Byte offset of the token's first character.
    at: usize,
    /// Byte range of an identifier's text or a string's content.
    content: (usize, usize),
    /// Number of brackets open before this token.
    depth: usize,
}

/// Map keys and field names (a string or identifier followed by a colon) and string
/// literals, each with the byte offsets of its occurrences in file order.
#[derive(Clone, Debug, Default)]
struct Index {
    keys: crate::hash::HashMap<String, Vec<usize>>,
    strings: crate::hash::HashMap<String, Vec<usize>>,
}

/// Positions of fields, map keys and strings in one RON text.
#[derive(Clone, Debug, Default)]
pub struct Locator {
    text: Box<str>,
    tokens: Vec<Token>,
    /// Brackets still open at the end of the text.
    open_at_end: usize,
    /// Byte offsets of the starts of lines, made on the first position asked for.
    line_starts: OnceLock<Vec<usize>>,
    /// Keys and strings, made on the first key or string looked for.
    index: OnceLock<Index>,
}

/// Reads a text from a byte offset; characters are taken whole (offsets stay on
/// character boundaries).
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        let byte = *self.text.as_bytes().get(self.at)?;
        if byte.is_ascii() {
            Some(char::from(byte))
        } else {
            self.text[self.at..].chars().next()
        }
    }

    fn peek_byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    fn skip_line_comment(&mut self) {
        let rest = &self.text.as_bytes()[self.at..];
        self.at += rest.iter().position(|b| *b == b'\n').unwrap_or(rest.len());
    }

    fn skip_block_comment(&mut self) {
        let bytes = self.text.as_bytes();
        let mut nesting = 1_usize;
        let mut previous = 0_u8;
        while let Some(&byte) = bytes.get(self.at) {
            self.at += 1;
            if previous == b'/' && byte == b'*' {
                nesting += 1;
                previous = 0;
                continue;
            }
            if previous == b'*' && byte == b'/' {
                nesting -= 1;
                if nesting == 0 {
                    return;
                }
                previous = 0;
                continue;
            }
            previous = byte;
        }
        // Multi-byte characters never hold `/` or `*` bytes: the offset is on a boundary.
    }

    /// Skips a quoted literal's content and its closing quote; the content's end and
    /// whether it holds an escape.
    fn skip_string(&mut self, quote: u8) -> (usize, bool) {
        let bytes = self.text.as_bytes();
        let mut escaped = false;
        while let Some(&byte) = bytes.get(self.at) {
            if byte == quote {
                let end = self.at;
                self.at += 1;
                return (end, escaped);
            }
            if byte == b'\\' {
                escaped = true;
                self.at += 1;
                // The escaped character, whole.
                self.bump();
                continue;
            }
            self.at += 1;
        }
        (self.at, escaped)
    }

    /// Reads an escaped string's value up to the closing `quote`, as RON does.
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

    /// Skips a raw string (`r` already read); its content's range, empty when no `"`
    /// follows the hashes.
    fn skip_raw_string(&mut self) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        let mut hashes = 0;
        while self.peek_byte() == Some(b'#') {
            self.at += 1;
            hashes += 1;
        }
        if self.peek_byte() != Some(b'"') {
            return (self.at, self.at);
        }
        self.at += 1;
        let start = self.at;
        while let Some(&byte) = bytes.get(self.at) {
            self.at += 1;
            if byte == b'"' {
                let end = self.at - 1;
                let mut closing = 0;
                while closing < hashes && self.peek_byte() == Some(b'#') {
                    self.at += 1;
                    closing += 1;
                }
                if closing == hashes {
                    return (start, end);
                }
            }
        }
        (start, self.at)
    }

    fn word(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' || c == '.' || c == '+' || c == '-' {
                self.at += c.len_utf8();
            } else {
                break;
            }
        }
    }
}

impl Locator {
    /// Tokenizes `text`: the tokens of the top level and its fields (depth 0 and 1) at
    /// once, enough to tell the kind of file and find a top-level field; every token only
    /// when a key or string inside is looked for (a position for a finding).
    #[must_use]
    pub fn new(text: &str) -> Self {
        Self::tokenize(text, 1)
    }

    /// Tokenizes `text`, keeping the tokens up to depth `keep`.
    fn tokenize(text: &str, keep: usize) -> Self {
        let mut cursor = Cursor { text, at: 0 };
        let mut tokens = Vec::new();
        let mut depth = 0_usize;
        while let Some(c) = cursor.peek() {
            let at = cursor.at;
            if c.is_ascii_whitespace() || (!c.is_ascii() && c.is_whitespace()) {
                cursor.at += c.len_utf8();
                continue;
            }
            cursor.at += c.len_utf8();
            let mut content = (at, at);
            let kind = match c {
                '/' if cursor.peek_byte() == Some(b'/') => {
                    cursor.skip_line_comment();
                    continue;
                }
                '/' if cursor.peek_byte() == Some(b'*') => {
                    cursor.at += 1;
                    cursor.skip_block_comment();
                    continue;
                }
                '"' => {
                    let start = cursor.at;
                    let (end, escaped) = cursor.skip_string(b'"');
                    content = (start, end);
                    Kind::Str(if escaped {
                        StrForm::Escaped
                    } else {
                        StrForm::Verbatim
                    })
                }
                '\'' => {
                    cursor.skip_string(b'\'');
                    Kind::Other
                }
                'r' if matches!(cursor.peek_byte(), Some(b'#' | b'"')) => {
                    content = cursor.skip_raw_string();
                    Kind::Str(StrForm::Verbatim)
                }
                'b' if cursor.peek_byte() == Some(b'"') => {
                    cursor.at += 1;
                    let start = cursor.at;
                    let (end, escaped) = cursor.skip_string(b'"');
                    content = (start, end);
                    Kind::Str(if escaped {
                        StrForm::Escaped
                    } else {
                        StrForm::Verbatim
                    })
                }
                '(' | '[' | '{' => {
                    if depth <= keep {
                        tokens.push(Token {
                            kind: Kind::Punct(c as u8),
                            at,
                            content,
                            depth,
                        });
                    }
                    depth += 1;
                    continue;
                }
                ')' | ']' | '}' => {
                    depth = depth.saturating_sub(1);
                    Kind::Punct(c as u8)
                }
                ':' | ',' => Kind::Punct(c as u8),
                c if c.is_alphabetic() || c == '_' => {
                    cursor.word();
                    content = (at, cursor.at);
                    Kind::Ident
                }
                c if c.is_ascii_digit() || c == '-' || c == '+' => {
                    cursor.word();
                    Kind::Other
                }
                _ => Kind::Other,
            };
            if depth <= keep {
                tokens.push(Token {
                    kind,
                    at,
                    content,
                    depth,
                });
            }
        }
        Self {
            text: text.into(),
            tokens,
            open_at_end: depth,
            line_starts: OnceLock::new(),
            index: OnceLock::new(),
        }
    }

    /// The text of an identifier token.
    fn ident(&self, token: &Token) -> Option<&str> {
        (token.kind == Kind::Ident).then(|| &self.text[token.content.0..token.content.1])
    }

    /// The value of a string token, unescaped as RON reads it.
    fn string_value(&self, token: &Token) -> Option<std::borrow::Cow<'_, str>> {
        let (start, end) = token.content;
        match token.kind {
            Kind::Str(StrForm::Verbatim) => Some(self.text[start..end].into()),
            Kind::Str(StrForm::Escaped) => {
                let mut cursor = Cursor {
                    text: &self.text,
                    at: start,
                };
                Some(cursor.string('"').into())
            }
            _ => None,
        }
    }

    fn followed_by_colon(&self, index: usize) -> bool {
        matches!(
            self.tokens.get(index + 1).map(|t| t.kind),
            Some(Kind::Punct(b':'))
        )
    }

    /// The index of the top-level field `name` (`name:` at depth 1).
    fn top_field_index(&self, name: &str) -> Option<usize> {
        self.tokens.iter().enumerate().position(|(index, token)| {
            token.depth == 1 && self.ident(token) == Some(name) && self.followed_by_colon(index)
        })
    }

    /// The line and column of byte offset `at`.
    fn position(&self, at: usize) -> Position {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text
                        .bytes()
                        .enumerate()
                        .filter(|(_, b)| *b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect()
        });
        let line = starts.partition_point(|start| *start <= at);
        let start = starts[line - 1];
        Position {
            line,
            col: self.text[start..at].chars().count() + 1,
        }
    }

    /// The byte offset of `position` (the end of its line when the column is past it).
    fn offset(&self, position: Position) -> usize {
        self.position(0); // the line starts
        let starts = self.line_starts.get().map_or(&[][..], Vec::as_slice);
        let Some(&start) = starts.get(position.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line = &self.text[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        start
            + line
                .char_indices()
                .nth(position.col.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i)
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            // Every token, at every depth: made only now, when a finding needs a position
            // inside the file (a clean file never does).
            let all = Self::tokenize(&self.text, usize::MAX).tokens;
            let mut index = Index::default();
            for (i, token) in all.iter().enumerate() {
                let followed_by_colon =
                    matches!(all.get(i + 1).map(|t| t.kind), Some(Kind::Punct(b':')));
                if let Some(value) = self.string_value(token) {
                    if followed_by_colon {
                        index
                            .keys
                            .entry(value.clone().into_owned())
                            .or_default()
                            .push(token.at);
                    }
                    index
                        .strings
                        .entry(value.into_owned())
                        .or_default()
                        .push(token.at);
                } else if followed_by_colon && let Some(name) = self.ident(token) {
                    index
                        .keys
                        .entry(name.to_owned())
                        .or_default()
                        .push(token.at);
                }
            }
            index
        })
    }

    /// The position of field `name` of the top-level struct.
    #[must_use]
    pub fn top_field(&self, name: &str) -> Option<Position> {
        let index = self.top_field_index(name)?;
        Some(self.position(self.tokens[index].at))
    }

    /// True when the top-level struct has a field `name` (no position worked out).
    #[must_use]
    pub fn has_top_field(&self, name: &str) -> bool {
        self.top_field_index(name).is_some()
    }

    /// The names of the top-level struct's fields.
    #[must_use]
    pub fn top_fields(&self) -> Vec<&str> {
        self.tokens
            .iter()
            .enumerate()
            .filter(|(index, token)| token.depth == 1 && self.followed_by_colon(*index))
            .filter_map(|(_, token)| self.ident(token))
            .collect()
    }

    /// The position of the value of top-level field `name` (the token after the colon).
    #[must_use]
    pub fn top_field_value(&self, name: &str) -> Option<Position> {
        let index = self.top_field_index(name)?;
        self.tokens.get(index + 2).map(|t| self.position(t.at))
    }

    /// As [`Locator::top_field_string`], only when another token follows the value: in a
    /// text cut short (the first bytes of a file), a value that runs to the cut may be cut.
    #[must_use]
    pub fn top_field_string_followed(&self, name: &str) -> Option<String> {
        let index = self.top_field_index(name)?;
        self.tokens.get(index + 3)?;
        self.top_field_string(name)
    }

    /// The string value of top-level field `name` (`name: "value"`), as the tokenizer
    /// read it; `None` when the field is missing or its value is not a string.
    #[must_use]
    pub fn top_field_string(&self, name: &str) -> Option<String> {
        let index = self.top_field_index(name)?;
        self.string_value(self.tokens.get(index + 2)?)
            .map(std::borrow::Cow::into_owned)
    }

    /// The position of the `occurrence`-th (0-based) map key or field name `key`
    /// (a string or identifier followed by a colon), at any depth.
    #[must_use]
    pub fn key(&self, key: &str, occurrence: usize) -> Option<Position> {
        let at = *self.index().keys.get(key)?.get(occurrence)?;
        Some(self.position(at))
    }

    /// The position of the `occurrence`-th (0-based) string literal equal to `value`.
    #[must_use]
    pub fn string(&self, value: &str, occurrence: usize) -> Option<Position> {
        let at = *self.index().strings.get(value)?.get(occurrence)?;
        Some(self.position(at))
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
        let offsets = self.index().strings.get(value)?;
        let first = after.map_or(0, |after| {
            let after = self.offset(after);
            offsets.partition_point(|at| *at <= after)
        });
        offsets.get(first + occurrence).map(|at| self.position(*at))
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
        self.first_token_is('(')
    }

    /// True when the text holds no token at all (empty, or only comments).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The position of the first token (the opening parenthesis of a well-formed file).
    #[must_use]
    pub fn first_position(&self) -> Option<Position> {
        self.tokens.first().map(|t| self.position(t.at))
    }

    /// True when the first token is the punctuation `c`.
    #[must_use]
    pub fn first_token_is(&self, c: char) -> bool {
        matches!(self.tokens.first().map(|t| t.kind), Some(Kind::Punct(p)) if char::from(p) == c)
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
