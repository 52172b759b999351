//! The licence policy of `deny.toml`, checked without cargo-deny: every package that
//! `cargo metadata` lists for the workspace (all targets, dev and build dependencies included)
//! must carry a licence expression that the `[licenses] allow` list of `deny.toml` satisfies.
//!
//! CI runs this instead of compiling cargo-deny (see `scripts/deny.sh` for the real run).
//! Std and serde_json only; it must not depend on anything of the core's own code.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The strings of the `allow = [ ... ]` array in the `[licenses]` table of `deny.toml`.
/// A small reader for the one shape that file uses: one quoted licence per line, comments
/// starting with `#`.
fn allowed_licences(deny_toml: &str) -> Vec<String> {
    let mut in_licenses = false;
    let mut in_allow = false;
    let mut allowed = Vec::new();
    for line in deny_toml.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.starts_with('[') && !in_allow {
            in_licenses = line == "[licenses]";
            continue;
        }
        if in_licenses && line.starts_with("allow") && line.contains('[') {
            in_allow = true;
        }
        if in_allow {
            let mut rest = line;
            while let Some(start) = rest.find('"') {
                let after = &rest[start + 1..];
                let end = after.find('"').expect("a closing quote in deny.toml");
                allowed.push(after[..end].to_owned());
                rest = &after[end + 1..];
            }
            if line.contains(']') {
                break;
            }
        }
    }
    allowed
}

/// A licence expression: SPDX (`AND`, `OR`, `WITH`, parentheses) and the older `/` for OR,
/// as crates on crates.io write them.
#[derive(Debug)]
enum Expression {
    Licence(String),
    And(Box<Expression>, Box<Expression>),
    Or(Box<Expression>, Box<Expression>),
}

fn tokens(text: &str) -> Vec<String> {
    let spaced = text
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('/', " OR ");
    spaced.split_whitespace().map(str::to_owned).collect()
}

struct Parser {
    tokens: Vec<String>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(String::as_str)
    }

    fn next(&mut self) -> Result<String, String> {
        let token = self
            .tokens
            .get(self.at)
            .cloned()
            .ok_or_else(|| "unexpected end".to_owned())?;
        self.at += 1;
        Ok(token)
    }

    fn or(&mut self) -> Result<Expression, String> {
        let mut left = self.and()?;
        while self.peek() == Some("OR") {
            self.at += 1;
            left = Expression::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expression, String> {
        let mut left = self.with()?;
        while self.peek() == Some("AND") {
            self.at += 1;
            left = Expression::And(Box::new(left), Box::new(self.with()?));
        }
        Ok(left)
    }

    fn with(&mut self) -> Result<Expression, String> {
        let token = self.next()?;
        if token == "(" {
            let inner = self.or()?;
            if self.next()? != ")" {
                return Err("missing )".to_owned());
            }
            return Ok(inner);
        }
        if ["AND", "OR", "WITH", ")"].contains(&token.as_str()) {
            return Err(format!("unexpected {token}"));
        }
        if self.peek() == Some("WITH") {
            self.at += 1;
            let exception = self.next()?;
            return Ok(Expression::Licence(format!("{token} WITH {exception}")));
        }
        Ok(Expression::Licence(token))
    }
}

fn parse(text: &str) -> Result<Expression, String> {
    let mut parser = Parser {
        tokens: tokens(text),
        at: 0,
    };
    let expression = parser.or()?;
    if parser.at == parser.tokens.len() {
        Ok(expression)
    } else {
        Err(format!("trailing {:?}", &parser.tokens[parser.at..]))
    }
}

fn satisfied(expression: &Expression, allowed: &[String]) -> bool {
    match expression {
        Expression::Licence(name) => allowed.iter().any(|allow| allow == name),
        Expression::And(left, right) => satisfied(left, allowed) && satisfied(right, allowed),
        Expression::Or(left, right) => satisfied(left, allowed) || satisfied(right, allowed),
    }
}

#[test]
fn the_expression_reader_follows_spdx() {
    let allowed = vec![
        "MIT".to_owned(),
        "Apache-2.0 WITH LLVM-exception".to_owned(),
    ];
    let yes = |text: &str| satisfied(&parse(text).expect(text), &allowed);
    assert!(yes("MIT"));
    assert!(yes("MIT/Apache-2.0"));
    assert!(yes("GPL-3.0-only OR MIT"));
    assert!(!yes("GPL-3.0-only AND MIT"));
    assert!(yes(
        "(MIT OR GPL-3.0-only) AND Apache-2.0 WITH LLVM-exception"
    ));
    assert!(!yes("Apache-2.0"));
    assert!(!yes("(MIT OR Apache-2.0) AND Unicode-3.0"));
    assert!(parse("MIT OR").is_err());
    assert!(parse("(MIT").is_err());
}

#[test]
fn deny_toml_allows_apache_and_mit_and_no_gpl() {
    let text = std::fs::read_to_string(workspace_root().join("deny.toml")).expect("deny.toml");
    let allowed = allowed_licences(&text);
    for licence in ["Apache-2.0", "MIT", "BSD-3-Clause"] {
        assert!(
            allowed.iter().any(|a| a == licence),
            "{licence} in {allowed:?}"
        );
    }
    assert!(!allowed.iter().any(|a| a.contains("GPL")), "{allowed:?}");
}

#[test]
fn every_dependency_has_an_allowed_licence() {
    let root = workspace_root();
    let allowed = allowed_licences(
        &std::fs::read_to_string(root.join("deny.toml")).expect("deny.toml at the top level"),
    );
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let packages = metadata["packages"].as_array().expect("a package list");
    assert!(packages.len() > 100, "{} packages", packages.len());
    let mut refused = Vec::new();
    for package in packages {
        let name = format!("{} {}", package["name"], package["version"]);
        if package["source"].is_null() {
            continue; // our own crates, `[licenses.private] ignore = true`
        }
        match package["license"].as_str() {
            None => refused.push(format!("{name}: no licence expression")),
            Some(text) => match parse(text) {
                Err(err) => refused.push(format!("{name}: unreadable licence {text:?} ({err})")),
                Ok(expression) if !satisfied(&expression, &allowed) => {
                    refused.push(format!("{name}: {text}"));
                }
                Ok(_) => {}
            },
        }
    }
    assert!(
        refused.is_empty(),
        "licences not allowed by deny.toml:\n{}",
        refused.join("\n")
    );
}
