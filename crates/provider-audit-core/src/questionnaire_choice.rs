//! Which questionnaire a set of files is read against: the one the audits name by id,
//! found among the files given or beside the audits (`*.questionnaire.ron` in an audit's
//! folder); the built-in one when they name it. Audits of different questionnaires cannot
//! be compared, and an audit whose questionnaire cannot be found is a clear error.
//!
//! Reads files but never writes; no UI.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::{BUILTIN_QUESTIONNAIRE_ID, Comparison, Questionnaire};
use crate::validate::{FileKind, Locator, classify_text, read_listed_source};

/// The ending of questionnaire files looked for beside the audits.
pub const QUESTIONNAIRE_SUFFIX: &str = ".questionnaire.ron";

/// The questionnaire chosen, and the file it came from (`None` for the built-in one).
#[derive(Clone, Debug)]
pub struct Chosen {
    /// The questionnaire.
    pub questionnaire: Questionnaire,
    /// Its file.
    pub path: Option<PathBuf>,
}

/// Why no questionnaire could be chosen.
#[derive(Debug, thiserror::Error)]
pub enum ChoiceError {
    /// The audits name a questionnaire that is nowhere to be found.
    #[error(
        "{audit}: answers questionnaire `{id}`, which was not found among the files named nor \
         beside the audit (looked in {looked}); name its file among the files"
    )]
    NotFound {
        /// The questionnaire id.
        id: String,
        /// The first audit naming it.
        audit: PathBuf,
        /// Where it was looked for.
        looked: String,
    },
    /// Audits of different questionnaires in one comparison.
    #[error("audits of different questionnaires cannot be compared: {0}")]
    Mixed(String),
}

fn builtin_id() -> String {
    BUILTIN_QUESTIONNAIRE_ID.to_owned()
}

/// Chooses the questionnaire for `paths` (audits, comparisons and questionnaire files).
/// Files that cannot be read or parsed are left to the loader to report.
///
/// # Errors
/// Audits of different questionnaires, or one whose questionnaire is not found.
pub fn choose(paths: &[PathBuf]) -> Result<Chosen, ChoiceError> {
    let mut named: Vec<(PathBuf, Questionnaire)> = Vec::new();
    // Questionnaire id -> the audits that answer it.
    let mut wanted: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    // The files are only peeked at (no hash, no check): read in parallel, an audit's top
    // first.
    let peeked = crate::parallel::map_in_order(paths, |path| {
        match audit_questionnaire_from_top(path, false) {
            Some(id) => Err(id),
            None => Ok(peek_file(path, false)),
        }
    });
    for (path, peeked) in paths.iter().zip(peeked) {
        let peeked = match peeked {
            Err(id) => {
                wanted.entry(id).or_default().push(path.clone());
                continue;
            }
            Ok(peeked) => peeked,
        };
        let Some((text, locator)) = peeked else {
            continue;
        };
        match classify_text(&locator) {
            FileKind::Questionnaire => {
                if let Ok(questionnaire) = Questionnaire::parse(&text) {
                    named.push((path.clone(), questionnaire));
                }
            }
            FileKind::Audit => peek(path, &locator, &mut wanted),
            FileKind::Comparison => {
                let Ok(comparison) = Comparison::from_ron(&text) else {
                    continue;
                };
                let base = path.parent().unwrap_or_else(|| Path::new(""));
                let listed: Vec<PathBuf> = comparison
                    .audits
                    .iter()
                    .map(|reference| base.join(&reference.path))
                    .collect();
                let audits =
                    crate::parallel::map_in_order(
                        &listed,
                        |path| match audit_questionnaire_from_top(path, true) {
                            Some(id) => Err(id),
                            None => Ok(peek_file(path, true)),
                        },
                    );
                for (audit_path, audit) in listed.iter().zip(audits) {
                    match audit {
                        Err(id) => wanted.entry(id).or_default().push(audit_path.clone()),
                        Ok(Some((_, locator))) => peek(audit_path, &locator, &mut wanted),
                        Ok(None) => {}
                    }
                }
            }
        }
    }
    if wanted.len() > 1 {
        let groups: Vec<String> = wanted
            .iter()
            .map(|(id, audits)| {
                let files: Vec<String> = audits.iter().map(|p| p.display().to_string()).collect();
                format!("`{id}` ({})", files.join(", "))
            })
            .collect();
        return Err(ChoiceError::Mixed(groups.join("; ")));
    }
    let Some((id, audits)) = wanted.into_iter().next() else {
        // No audit: a questionnaire named alone is the one in use (to list or check it).
        return Ok(match named.into_iter().next() {
            Some((path, questionnaire)) => Chosen {
                questionnaire,
                path: Some(path),
            },
            None => builtin(),
        });
    };
    if let Some((path, questionnaire)) = named.into_iter().find(|(_, q)| q.id == id) {
        return Ok(Chosen {
            questionnaire,
            path: Some(path),
        });
    }
    if id == BUILTIN_QUESTIONNAIRE_ID {
        return Ok(builtin());
    }
    let mut looked = Vec::new();
    for audit in &audits {
        let folder = audit.parent().unwrap_or_else(|| Path::new(""));
        let pattern = folder.join(format!("*{QUESTIONNAIRE_SUFFIX}"));
        let pattern = pattern.display().to_string();
        if looked.contains(&pattern) {
            continue;
        }
        looked.push(pattern);
        if let Some(found) = beside(folder, &id) {
            return Ok(found);
        }
    }
    Err(ChoiceError::NotFound {
        id,
        audit: audits.first().cloned().unwrap_or_default(),
        looked: looked.join(", "),
    })
}

fn builtin() -> Chosen {
    Chosen {
        questionnaire: Questionnaire::builtin().clone(),
        path: None,
    }
}

/// How much of a file is read first: an audit names its questionnaire near its top.
const PEEK_BYTES: usize = 8 * 1024;

/// The questionnaire id an audit names, read from the file's first [`PEEK_BYTES`] only:
/// `None` when they do not show that the file is an audit naming one (the whole file is
/// read then). The questionnaire choice reads every audit; most are far longer than this.
fn audit_questionnaire_from_top(path: &Path, listed: bool) -> Option<String> {
    use std::io::Read as _;
    if listed && !std::fs::metadata(path).is_ok_and(|metadata| metadata.is_file()) {
        return None;
    }
    let mut head = Vec::with_capacity(PEEK_BYTES);
    std::fs::File::open(path)
        .ok()?
        .take(PEEK_BYTES as u64)
        .read_to_end(&mut head)
        .ok()?;
    if head.len() < PEEK_BYTES {
        return None; // the whole file: read as usual
    }
    // The cut may fall inside a character: the valid part before it.
    let text = match std::str::from_utf8(&head) {
        Ok(text) => text,
        Err(err) => std::str::from_utf8(&head[..err.valid_up_to()]).ok()?,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return None;
    }
    let locator = Locator::new(text);
    if classify_text(&locator) != FileKind::Audit {
        return None;
    }
    locator.top_field_string_followed("questionnaire")
}

/// A file's text and tokens, or `None` when it cannot be read as text (the loader says
/// why); a file another file names (`listed`) only when it is a regular file.
fn peek_file(path: &Path, listed: bool) -> Option<(String, Locator)> {
    if listed && !std::fs::metadata(path).is_ok_and(|metadata| metadata.is_file()) {
        return None;
    }
    let text = crate::fsutil::read_utf8_bounded(path).ok()?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    // As `read_source` refuses them: text with a NUL, or without a token.
    if text.contains('\0') {
        return None;
    }
    let locator = Locator::new(&text);
    (!locator.is_empty()).then_some((text, locator))
}

fn peek(path: &Path, locator: &Locator, wanted: &mut BTreeMap<String, Vec<PathBuf>>) {
    // The tokens the reader made already: no second parse of the whole audit.
    let id = locator
        .top_field_string("questionnaire")
        .unwrap_or_else(builtin_id);
    wanted.entry(id).or_default().push(path.to_path_buf());
}

/// Every questionnaire with id `id` among the `*.questionnaire.ron` files of `folder` (the
/// working directory when it is empty), with its file; files that do not read are passed over.
#[must_use]
pub fn questionnaires_beside(folder: &Path, id: &str) -> Vec<(PathBuf, Questionnaire)> {
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.ends_with(QUESTIONNAIRE_SUFFIX))
        })
        .filter_map(|path| {
            let source = read_listed_source(&path).ok()?;
            let questionnaire = Questionnaire::parse(&source.text).ok()?;
            (questionnaire.id == id).then_some((path, questionnaire))
        })
        .collect()
}

/// The questionnaire with id `id` among the `*.questionnaire.ron` files of `folder`; of
/// several versions, the newest.
fn beside(folder: &Path, id: &str) -> Option<Chosen> {
    questionnaires_beside(folder, id)
        .into_iter()
        .max_by(|a, b| version_key(&a.1.version).cmp(&version_key(&b.1.version)))
        .map(|(path, questionnaire)| Chosen {
            questionnaire,
            path: Some(path),
        })
}

/// A version compared part by part, numbers as numbers (`1.10` after `1.9`).
fn version_key(version: &str) -> Vec<(u64, String)> {
    version
        .split(['.', '-'])
        .map(|part| (part.parse().unwrap_or(0), part.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{ChoiceError, choose};

    const MINE: &str = r#"(format: 1, id: "mine", version: "2", title: "Mine", sections: [(id: "ops",
        title: "Ops", items: [(id: "ops.backups", text: "Backups?")])])"#;

    fn write(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    #[test]
    fn the_questionnaire_is_found_beside_the_audit_or_among_the_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let audit = write(
            dir.path(),
            "a.ron",
            r#"(format: 1, questionnaire: "mine", provider: "P", answers: {})"#,
        );
        let err = choose(std::slice::from_ref(&audit)).expect_err("not there yet");
        assert!(matches!(err, ChoiceError::NotFound { .. }), "{err}");
        assert!(err.to_string().contains("`mine`"), "{err}");
        assert!(err.to_string().contains("*.questionnaire.ron"), "{err}");

        let elsewhere = tempfile::tempdir().expect("temp dir");
        let named = write(elsewhere.path(), "q.ron", MINE);
        let chosen = choose(&[audit.clone(), named.clone()]).expect("named");
        assert_eq!(chosen.path, Some(named));

        let beside = write(dir.path(), "mine.questionnaire.ron", MINE);
        let chosen = choose(std::slice::from_ref(&audit)).expect("beside");
        assert_eq!(chosen.path, Some(beside));
        assert_eq!(chosen.questionnaire.version, "2");
    }

    #[test]
    fn audits_of_different_questionnaires_are_refused_by_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mine = write(
            dir.path(),
            "a.ron",
            r#"(format: 1, questionnaire: "mine", provider: "P", answers: {})"#,
        );
        let builtin = write(
            dir.path(),
            "b.ron",
            r#"(format: 1, provider: "Q", answers: {})"#,
        );
        let err = choose(&[mine, builtin]).expect_err("mixed");
        let text = err.to_string();
        assert!(text.contains("a.ron") && text.contains("b.ron"), "{text}");
        assert!(text.contains("`infrastructure-provider-audit`"), "{text}");
    }

    #[test]
    fn a_comparison_brings_the_questionnaire_of_its_audits() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(
            dir.path(),
            "a.ron",
            r#"(format: 1, questionnaire: "mine", provider: "P", answers: {})"#,
        );
        let comparison = write(
            dir.path(),
            "c.comparison.ron",
            r#"(format: 1, audits: [(path: "a.ron")])"#,
        );
        let beside = write(dir.path(), "mine.questionnaire.ron", MINE);
        let chosen = choose(&[comparison]).expect("through the comparison");
        assert_eq!(chosen.path, Some(beside));
    }

    /// An audit longer than the first bytes read: its questionnaire is found at its top,
    /// or, when the top does not show it (a long comment first, or no field: the built-in
    /// one), in the whole file.
    #[test]
    fn a_long_audit_names_its_questionnaire_at_its_top_or_anywhere() {
        let dir = tempfile::tempdir().expect("temp dir");
        let answers = (0..400).fold(String::new(), |mut text, n| {
            text.push_str(&format!(
                "\"ops.q{n}\": (answer: \"An answer long enough to count\"),\n"
            ));
            text
        });
        let top = write(
            dir.path(),
            "top.ron",
            &format!(
                "(format: 1, questionnaire: \"mine\", provider: \"P\", answers: {{{answers}}})"
            ),
        );
        let comment = "// A long note before the audit.\n".repeat(400);
        let late = write(
            dir.path(),
            "late.ron",
            &format!(
                "{comment}(format: 1, provider: \"Q\", questionnaire: \"mine\", answers: {{}})"
            ),
        );
        let builtin = write(
            dir.path(),
            "builtin.ron",
            &format!("(format: 1, provider: \"R\", answers: {{{answers}}})"),
        );
        for path in [&top, &late, &builtin] {
            assert!(std::fs::metadata(path).expect("written").len() > 8 * 1024);
        }
        let beside = write(dir.path(), "mine.questionnaire.ron", MINE);
        let chosen = choose(&[top.clone(), late.clone()]).expect("both name mine");
        assert_eq!(chosen.path, Some(beside));
        let err = choose(&[top, builtin]).expect_err("mixed");
        assert!(
            err.to_string().contains("`infrastructure-provider-audit`"),
            "{err}"
        );
        let chosen = choose(&[late]).expect("found past the top");
        assert_eq!(chosen.questionnaire.id, "mine");
    }

    #[test]
    fn the_built_in_questionnaire_needs_no_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let audit = write(
            dir.path(),
            "b.ron",
            r#"(format: 1, provider: "Q", answers: {})"#,
        );
        let chosen = choose(&[audit]).expect("built in");
        assert_eq!(chosen.path, None);
        assert_eq!(chosen.questionnaire.items.len(), 142);
    }
}
