//! Resolving a conflict kept in a file: take ours, take theirs, or a value of one's own
//! (RON text, as [`value_text`](super::value_text) writes it). The conflict entry goes
//! away and the entry holds the chosen value; a decision set aside goes among the
//! superseded ones, never lost.

use super::three_way::{Fields, ValueError, parse};
use crate::model::{Audit, Comparison, Conflict, ConflictOn};

/// How a conflict is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Keep our value ("take mine").
    Ours,
    /// Take their value ("take theirs").
    Theirs,
    /// A value of one's own, as RON text; `None` removes the entry.
    Value(Option<String>),
}

/// Why a conflict could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// No conflict at that index.
    #[error("there is no conflict number {index}")]
    NoSuchConflict {
        /// The index asked for.
        index: usize,
    },
    /// The value given does not fit the field.
    #[error(transparent)]
    Value(#[from] ValueError),
    /// The entry of a field conflict is gone from the file.
    #[error("{0} is no longer in the file")]
    EntryGone(String),
    /// The conflict is about something this kind of file does not have.
    #[error("{0} cannot be resolved in this file")]
    WrongFile(String),
}

fn chosen(conflict: &Conflict, how: Resolution) -> Option<String> {
    match how {
        Resolution::Ours => conflict.ours.clone(),
        Resolution::Theirs => conflict.theirs.clone(),
        Resolution::Value(value) => value,
    }
}

/// Sets field `field` (or the whole entry when empty) of the entry of `list` that `is_it`
/// finds; a whole entry `None` removes it, a whole entry not there is added.
fn set_in_list<T: Fields>(
    list: &mut Vec<T>,
    is_it: impl Fn(&T) -> bool,
    field: &str,
    value: Option<&str>,
    what: &str,
) -> Result<(), ResolveError> {
    let position = list.iter().rposition(&is_it);
    if field.is_empty() {
        match (value, position) {
            (None, _) => list.retain(|entry| !is_it(entry)),
            (Some(text), Some(i)) => list[i] = parse(text)?,
            (Some(text), None) => list.push(parse(text)?),
        }
        return Ok(());
    }
    let i = position.ok_or_else(|| ResolveError::EntryGone(what.to_owned()))?;
    list[i].set_field(field, value.unwrap_or("None"))?;
    Ok(())
}

fn set_in_map<K: std::hash::Hash + Eq, V: serde::de::DeserializeOwned>(
    map: &mut indexmap::IndexMap<K, V>,
    key: K,
    value: Option<&str>,
) -> Result<(), ResolveError> {
    match value {
        None => {
            map.shift_remove(&key);
        }
        Some(text) => {
            map.insert(key, parse(text)?);
        }
    }
    Ok(())
}

fn optional<T: serde::de::DeserializeOwned>(value: Option<&str>) -> Result<Option<T>, ValueError> {
    value.map(parse).transpose()
}

/// Conflict `index` of `conflicts`, the value `how` picks, and what the conflict is on.
fn picked(
    conflicts: &[crate::model::Conflict],
    index: usize,
    how: Resolution,
) -> Result<(crate::model::Conflict, Option<String>, String), ResolveError> {
    let conflict = conflicts
        .get(index)
        .cloned()
        .ok_or(ResolveError::NoSuchConflict { index })?;
    let value = chosen(&conflict, how);
    let what = conflict.on.describe();
    Ok((conflict, value, what))
}

/// Resolves conflict `index` of `comparison` as `how` says.
///
/// # Errors
/// No such conflict, a value that does not fit, or an entry gone; the comparison is then
/// unchanged.
pub fn resolve_comparison(
    comparison: &mut Comparison,
    index: usize,
    how: Resolution,
) -> Result<(), ResolveError> {
    let (conflict, value, what) = picked(&comparison.conflicts, index, how)?;
    let value = value.as_deref();
    let mut c = comparison.clone();
    match &conflict.on {
        ConflictOn::Field(name) => match name.as_str() {
            "format" => c.format = parse(value.unwrap_or("None"))?,
            "reaudit_months" => c.reaudit_months = parse(value.unwrap_or("None"))?,
            _ => return Err(ResolveError::WrongFile(what)),
        },
        ConflictOn::AuditRef(path) => {
            set_in_list(
                &mut c.audits,
                |a| &a.path == path,
                &conflict.field,
                value,
                &what,
            )?;
        }
        ConflictOn::SectionWeight(id) => set_in_map(&mut c.section_weights, id.clone(), value)?,
        ConflictOn::QuestionWeight(id) => {
            set_in_map(&mut c.question_weights, id.clone(), value)?;
        }
        ConflictOn::Reaudit(provider) => {
            set_in_map(&mut c.reaudit_months_by_provider, provider.clone(), value)?;
        }
        ConflictOn::Annotation { provider, question } => set_in_list(
            &mut c.annotations,
            |a| &a.provider == provider && &a.question == question,
            &conflict.field,
            value,
            &what,
        )?,
        ConflictOn::Decision => {
            let decision: Option<crate::model::Decision> = optional(value)?;
            // The decisions not chosen are kept among the superseded ones, never lost.
            for side in [&conflict.ours, &conflict.theirs] {
                let set_aside: Option<crate::model::Decision> = optional(side.as_deref())?;
                if let Some(set_aside) = set_aside
                    && Some(&set_aside) != decision.as_ref()
                    && !c.superseded.contains(&set_aside)
                {
                    c.superseded.push(set_aside);
                }
            }
            c.decision = decision;
        }
        ConflictOn::Answer(_) | ConflictOn::Document { .. } => {
            return Err(ResolveError::WrongFile(what));
        }
    }
    c.conflicts.remove(index);
    *comparison = c;
    Ok(())
}

/// Resolves conflict `index` of `audit` as `how` says.
///
/// # Errors
/// No such conflict, a value that does not fit, or an entry gone; the audit is then
/// unchanged.
pub fn resolve_audit(audit: &mut Audit, index: usize, how: Resolution) -> Result<(), ResolveError> {
    let (conflict, value, what) = picked(&audit.conflicts, index, how)?;
    let value = value.as_deref();
    let mut a = audit.clone();
    let none = value.unwrap_or("None");
    match &conflict.on {
        ConflictOn::Field(name) => match name.as_str() {
            "format" => a.format = parse(none)?,
            "questionnaire" => a.questionnaire = parse(none)?,
            "questionnaire_version" => a.questionnaire_version = parse(none)?,
            "provider" => a.provider = parse(none)?,
            "audited_on" => a.audited_on = parse(none)?,
            "auditor" => a.auditor = parse(none)?,
            "scope" => a.scope = parse(none)?,
            _ => return Err(ResolveError::WrongFile(what)),
        },
        ConflictOn::Answer(id) => {
            let answers = &mut a.answers.0;
            let position = answers.iter().rposition(|(key, _)| key == id);
            match (conflict.field.as_str(), value, position) {
                ("", None, _) => answers.retain(|(key, _)| key != id),
                ("", Some(text), Some(i)) => answers[i].1 = parse(text)?,
                ("", Some(text), None) => answers.push((id.clone(), parse(text)?)),
                (_, _, None) => return Err(ResolveError::EntryGone(what)),
                (field, _, Some(i)) => answers[i].1.set_field(field, none)?,
            }
        }
        ConflictOn::Document { item, file } => set_in_list(
            &mut a.documents,
            |d| &d.item == item && &d.file == file,
            &conflict.field,
            value,
            &what,
        )?,
        _ => return Err(ResolveError::WrongFile(what)),
    }
    a.conflicts.remove(index);
    *audit = a;
    Ok(())
}
