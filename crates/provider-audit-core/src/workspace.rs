//! Loading a set of files (audits and comparisons alike, told apart by content) into
//! one consistent view: the audits that loaded, the comparison that applies, and every
//! finding. One bad file never stops the others from loading. Questionnaire files among
//! them are checked, not loaded as audits.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use crate::labels::short_hash;
use crate::model::{Audit, Comparison, Date, Questionnaire};
use crate::scoring::{self, ProviderScore};
use crate::validate::{
    AuditContext, FileKind, Finding, Position, SourceFile, check_audit, check_comparison,
    check_questionnaire, classify, read_listed_source, read_source,
};

/// An audit that loaded without errors.
#[derive(Clone, Debug)]
pub struct LoadedAudit {
    /// The path it was loaded from.
    pub path: PathBuf,
    /// SHA-256 of the file as loaded, lowercase hex.
    pub sha256: String,
    /// The audit.
    pub audit: Audit,
}

/// The comparison that applies, with the file it came from.
#[derive(Clone, Debug)]
pub struct LoadedComparison {
    /// The comparison file.
    pub path: PathBuf,
    /// SHA-256 of the file as loaded.
    pub sha256: String,
    /// Its content.
    pub comparison: Comparison,
    /// Positions in the file, for findings about its content.
    pub locator: crate::validate::Locator,
    /// The file's leading comment block (meeting, attendees, why these weights), kept by
    /// every kind of save, Save as included.
    pub header: String,
}

/// An audit whose file no longer matches the hash the comparison recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    /// The audit path as written in the comparison.
    pub listed_path: String,
    /// What the comparison recorded.
    pub recorded: String,
    /// What the file has now; `None` when the file is gone or unreadable.
    pub current: Option<String>,
}

/// Audits, the comparison and every finding, loaded together.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// Audits that loaded, in the order given (a comparison's audits where it was named):
    /// one per provider, the one with the latest `audited_on`.
    pub audits: Vec<LoadedAudit>,
    /// Earlier audits of the providers of `audits` (re-audits), in the order loaded.
    pub history: Vec<LoadedAudit>,
    /// The comparison, if one was given.
    pub comparison: Option<LoadedComparison>,
    /// Every finding, file by file.
    pub findings: Vec<Finding>,
    /// Audits that changed since the comparison recorded them.
    pub drift: Vec<Drift>,
    /// An empty comparison, used when none was given.
    default_comparison: Comparison,
}

impl Workspace {
    /// Loads `paths` (audits and comparisons) against `questionnaire`, checking document
    /// expiry against `today`.
    #[must_use]
    pub fn load(paths: &[PathBuf], questionnaire: &Questionnaire, today: Date) -> Self {
        let mut loader = Loader {
            workspace: Self::default(),
            seen: HashSet::new(),
            questionnaire,
            context: AuditContext {
                questionnaire,
                today,
            },
        };
        // Files are read, parsed and checked in parallel, then added in the order given:
        // the result is the same as one by one.
        let mut named = HashSet::new();
        let unique: Vec<(PathBuf, &PathBuf)> = paths
            .iter()
            .map(|path| (identity(path), path))
            .filter(|(id, _)| named.insert(id.clone()))
            .collect();
        let context = loader.context;
        let read = crate::parallel::map_in_order(&unique, |(_, path)| {
            read_source(path).map(|source| Prepared::of(source, context))
        });
        for ((id, _), read) in unique.into_iter().zip(read) {
            if !loader.seen.insert(id) {
                continue;
            }
            match read {
                Ok(prepared) => loader.add_prepared(prepared),
                Err(finding) => loader.workspace.findings.push(finding),
            }
        }
        loader.workspace.check_comparison_references();
        loader.workspace
    }
}

/// A file read, and checked when it is an audit: the part of loading that needs no other
/// file, done in parallel.
struct Prepared {
    source: SourceFile,
    kind: FileKind,
    /// The checked audit and its findings, for an audit.
    checked: Option<(Option<Audit>, Vec<Finding>)>,
}

impl Prepared {
    fn of(source: SourceFile, context: AuditContext<'_>) -> Self {
        let kind = classify(&source);
        let checked = (kind == FileKind::Audit).then(|| check_audit(&source, context));
        Self {
            source,
            kind,
            checked,
        }
    }
}

/// Loads files one by one, in the order given, a comparison's audits right after it.
struct Loader<'q> {
    workspace: Workspace,
    seen: HashSet<PathBuf>,
    questionnaire: &'q Questionnaire,
    context: AuditContext<'q>,
}

impl Loader<'_> {
    fn add_prepared(&mut self, prepared: Prepared) {
        let Prepared {
            source,
            kind,
            checked,
        } = prepared;
        match kind {
            FileKind::Audit => {
                let (audit, findings) =
                    checked.unwrap_or_else(|| check_audit(&source, self.context));
                match audit {
                    Some(audit) => {
                        let before = self.workspace.findings.len();
                        if self.workspace.add_audit(source, audit) {
                            self.workspace.findings.splice(before..before, findings);
                        } else {
                            // The file is refused: its blocking error comes first, and the
                            // warnings about a file that is not loaded are left out.
                            self.workspace
                                .findings
                                .extend(findings.into_iter().filter(Finding::is_error));
                        }
                    }
                    None => self.workspace.findings.extend(findings),
                }
            }
            FileKind::Comparison => self.add_comparison(&source),
            // A questionnaire named among the files is checked; which questionnaire the
            // audits are read against is chosen before loading (see `questionnaire_files`).
            FileKind::Questionnaire => {
                let (questionnaire, findings) = check_questionnaire(&source);
                self.workspace.findings.extend(findings);
                if let Some(questionnaire) = questionnaire
                    && questionnaire.id != self.questionnaire.id
                {
                    self.workspace.findings.push(Finding::warning(
                        &source.path,
                        source.locator.top_field_value("id"),
                        format!(
                            "questionnaire `{}` is not the one in use (`{}`); it is checked, not used",
                            questionnaire.id, self.questionnaire.id
                        ),
                    ));
                }
            }
        }
    }

    fn add_comparison(&mut self, source: &SourceFile) {
        let workspace = &mut self.workspace;
        if let Some(existing) = &workspace.comparison {
            workspace.findings.push(Finding::error(
                &source.path,
                None,
                format!(
                    "only one comparison can be used at a time; {} is already loaded",
                    existing.path.display()
                ),
            ));
            return;
        }
        let (comparison, findings) = check_comparison(source, self.questionnaire);
        workspace.findings.extend(findings);
        let Some(comparison) = comparison else {
            return;
        };
        workspace.comparison = Some(LoadedComparison {
            path: source.path.clone(),
            sha256: source.sha256.clone(),
            comparison: comparison.clone(),
            locator: source.locator.clone(),
            header: crate::compare::leading_comments(&source.text).to_owned(),
        });
        let base = source.path.parent().unwrap_or_else(|| Path::new(""));
        let context = self.context;
        // The listed audits are read and checked in parallel, then added in the order listed.
        let read = crate::parallel::map_in_order(&comparison.audits, |reference| {
            read_listed_source(&base.join(&reference.path))
                .map(|audit_source| Prepared::of(audit_source, context))
        });
        let mut occurrences = std::collections::HashMap::new();
        for (reference, read) in comparison.audits.iter().zip(read) {
            let occurrence = occurrences
                .entry(reference.path.as_str())
                .or_insert(0_usize);
            let position = source.locator.string(&reference.path, *occurrence);
            *occurrence += 1;
            let path = base.join(&reference.path);
            let prepared = match read {
                Ok(prepared) => prepared,
                Err(finding) => {
                    self.workspace.findings.push(Finding::error(
                        &source.path,
                        position,
                        format!(
                            "audit `{}` cannot be loaded: {}",
                            reference.path, finding.message
                        ),
                    ));
                    if let Some(recorded) = &reference.sha256 {
                        self.workspace.drift.push(Drift {
                            listed_path: reference.path.clone(),
                            recorded: recorded.clone(),
                            current: None,
                        });
                    }
                    continue;
                }
            };
            let audit_source = &prepared.source;
            if let Some(recorded) = &reference.sha256
                && !recorded.trim().eq_ignore_ascii_case(&audit_source.sha256)
            {
                self.workspace.findings.push(Finding::error(
                    &source.path,
                    position,
                    format!(
                        "audit `{}` changed since the comparison was saved (recorded SHA-256 {}, now {}): \
                         the decision was made on other evidence",
                        reference.path,
                        short_hash(recorded),
                        short_hash(&audit_source.sha256)
                    ),
                ));
                self.workspace.drift.push(Drift {
                    listed_path: reference.path.clone(),
                    recorded: recorded.clone(),
                    current: Some(audit_source.sha256.clone()),
                });
            }
            if !self.seen.insert(identity(&path)) {
                continue;
            }
            if prepared.kind == FileKind::Comparison {
                self.workspace.findings.push(Finding::error(
                    &path,
                    None,
                    "a comparison listed as an audit of another comparison; ignored",
                ));
                continue;
            }
            self.add_prepared(prepared);
        }
    }
}

impl Workspace {
    /// Adds an audit (current, or history of its provider); `false` when it is refused.
    fn add_audit(&mut self, source: SourceFile, audit: Audit) -> bool {
        let date = |audit: &Audit| audit.audited_on.as_deref().and_then(Date::parse);
        let loaded = LoadedAudit {
            path: source.path,
            sha256: source.sha256,
            audit,
        };
        let Some(position) = self
            .audits
            .iter()
            .position(|first| first.audit.provider == loaded.audit.provider)
        else {
            self.audits.push(loaded);
            return true;
        };
        let first = &self.audits[position];
        match (date(&first.audit), date(&loaded.audit)) {
            (Some(earlier), Some(later)) if earlier < later => {
                let older = std::mem::replace(&mut self.audits[position], loaded);
                self.history.push(older);
                true
            }
            (Some(later), Some(earlier)) if earlier < later => {
                self.history.push(loaded);
                true
            }
            (first_date, _) => {
                let why = first_date.map_or_else(
                    || "without an `audited_on` date to tell which is current".to_owned(),
                    |day| format!("with the same `audited_on` date, {day}"),
                );
                self.findings.push(Finding::error(
                    &loaded.path,
                    source.locator.top_field_value("provider"),
                    format!(
                        "provider `{}` is also audited in {}, {why}: give each audit of one provider its own date",
                        loaded.audit.provider,
                        first.path.display()
                    ),
                ));
                false
            }
        }
    }

    /// For each provider with earlier audits: which audit is current and which are its
    /// history, one sentence each (the command line prints them, the app lists them).
    #[must_use]
    pub fn history_notices(&self) -> Vec<String> {
        self.audits
            .iter()
            .filter_map(|current| {
                let earlier = self.history_of(&current.audit.provider);
                if earlier.is_empty() {
                    return None;
                }
                let list: Vec<String> = earlier
                    .iter()
                    .map(|h| {
                        format!(
                            "{} ({})",
                            h.audit.audited_on.as_deref().unwrap_or("undated"),
                            h.path.display()
                        )
                    })
                    .collect();
                Some(format!(
                    "{}: the audit of {} ({}) is current; earlier audits, its history: {}",
                    current.audit.provider,
                    current.audit.audited_on.as_deref().unwrap_or("undated"),
                    current.path.display(),
                    list.join(", ")
                ))
            })
            .collect()
    }

    /// The earlier audits of `provider`, oldest first.
    #[must_use]
    pub fn history_of(&self, provider: &str) -> Vec<&LoadedAudit> {
        let mut earlier: Vec<&LoadedAudit> = self
            .history
            .iter()
            .filter(|h| h.audit.provider == provider)
            .collect();
        earlier.sort_by(|a, b| a.audit.audited_on.cmp(&b.audit.audited_on));
        earlier
    }

    fn check_comparison_references(&mut self) {
        let Some(loaded) = &self.comparison else {
            return;
        };
        let providers: HashSet<&str> = self
            .audits
            .iter()
            .map(|a| a.audit.provider.as_str())
            .collect();
        let locator = &loaded.locator;
        let mut findings = Vec::new();
        let mut reported = HashSet::new();
        for annotation in &loaded.comparison.annotations {
            if !providers.contains(annotation.provider.as_str())
                && reported.insert(annotation.provider.as_str())
            {
                findings.push(Finding::warning(
                    &loaded.path,
                    locator.string(&annotation.provider, 0),
                    format!(
                        "annotations name provider `{}`, which no loaded audit has",
                        annotation.provider
                    ),
                ));
            }
        }
        if let Some(decision) = &loaded.comparison.decision
            && !providers.contains(decision.provider.as_str())
        {
            let position: Option<Position> = locator.key("decision", 0);
            findings.push(Finding::warning(
                &loaded.path,
                position,
                format!(
                    "the decision names provider `{}`, which no loaded audit has",
                    decision.provider
                ),
            ));
        }
        self.findings.extend(findings);
        self.check_decision_basis();
    }

    /// The decision's basis records the audits it was made on: any that changed or is gone
    /// since is drift, reported once per file.
    fn check_decision_basis(&mut self) {
        let Some(loaded) = &self.comparison else {
            return;
        };
        let Some(basis) = loaded
            .comparison
            .decision
            .as_ref()
            .and_then(|d| d.basis.as_ref())
        else {
            return;
        };
        let base = loaded
            .path
            .parent()
            .unwrap_or_else(|| Path::new(""))
            .to_path_buf();
        let comparison_path = loaded.path.clone();
        let mut drift = Vec::new();
        let mut findings = Vec::new();
        for reference in &basis.audits {
            let Some(recorded) = &reference.sha256 else {
                continue;
            };
            if self.drift.iter().any(|d| d.listed_path == reference.path) {
                continue;
            }
            let path = base.join(&reference.path);
            // Only a regular file is hashed: a device or a pipe named in the file could be
            // read forever.
            let current = std::fs::metadata(&path)
                .is_ok_and(|metadata| metadata.is_file())
                .then(|| crate::fsutil::sha256_file(&path).ok())
                .flatten();
            if current
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(recorded.trim()))
            {
                continue;
            }
            findings.push(Finding::error(
                &comparison_path,
                None,
                format!(
                    "the decision was made on audit `{}` with SHA-256 {}, which {}",
                    reference.path,
                    short_hash(recorded),
                    current.as_ref().map_or_else(
                        || "is gone".to_owned(),
                        |c| format!("now has {}", short_hash(c))
                    )
                ),
            ));
            drift.push(Drift {
                listed_path: reference.path.clone(),
                recorded: recorded.clone(),
                current,
            });
        }
        self.findings.extend(findings);
        self.drift.extend(drift);
    }

    /// The comparison in force: the loaded one, or an empty one (all weights 1).
    #[must_use]
    pub fn comparison(&self) -> &Comparison {
        self.comparison
            .as_ref()
            .map_or(&self.default_comparison, |loaded| &loaded.comparison)
    }

    /// Replaces the comparison in force (the loaded one, or the empty default) after an
    /// edit; the files on disk are not touched.
    pub fn replace_comparison(&mut self, comparison: Comparison) {
        match &mut self.comparison {
            Some(loaded) => loaded.comparison = comparison,
            None => self.default_comparison = comparison,
        }
    }

    /// True when any finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
    }

    /// Scores and ranks the loaded audits with the comparison in force.
    #[must_use]
    pub fn ranking(&self, questionnaire: &Questionnaire) -> Vec<ProviderScore> {
        let audits: Vec<&Audit> = self.audits.iter().map(|a| &a.audit).collect();
        scoring::rank(questionnaire, &audits, self.comparison())
    }
}

/// The identity of a file for de-duplication: its canonical path when it exists.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
