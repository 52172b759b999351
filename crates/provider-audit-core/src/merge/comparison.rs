//! Merging comparisons by meaning: audits by path, weights by section and question,
//! must-haves and required signers as sets, annotations by (provider, question) and field,
//! the decision as one value, superseded decisions and sign-offs append-only.

use indexmap::IndexMap;

use super::three_way::{Conflicts, Fields, Sides, ValueError, append_only, fields, keyed, set};
use crate::model::{Annotation, AuditRef, Comparison, ConflictOn};

fields!(AuditRef { path, sha256 });

/// Annotations merge their content field by field; who and when follow the latest change.
impl Fields for Annotation {
    const FIELDS: &'static [&'static str] = &["flag", "verdict", "comment"];

    fn field(&self, name: &str) -> String {
        use super::three_way::value_text as value;
        match name {
            "flag" => value(&self.flag),
            "verdict" => value(&self.verdict),
            "comment" => value(&self.comment),
            "author" => value(&self.author),
            "at" => value(&self.at),
            _ => String::new(),
        }
    }

    fn set_field(&mut self, name: &str, text: &str) -> Result<(), ValueError> {
        use super::three_way::parse;
        match name {
            "flag" => self.flag = parse(text)?,
            "verdict" => self.verdict = parse(text)?,
            "comment" => self.comment = parse(text)?,
            "author" => self.author = parse(text)?,
            "at" => self.at = parse(text)?,
            _ => {
                return Err(ValueError {
                    text: name.to_owned(),
                    message: "no such field".to_owned(),
                });
            }
        }
        Ok(())
    }

    fn who(&self) -> (String, String) {
        (self.author.clone(), self.at.clone())
    }

    fn merged_from(&mut self, ours: &Self, theirs: &Self) {
        let latest = if (&theirs.at, &theirs.author) > (&ours.at, &ours.author) {
            theirs
        } else {
            ours
        };
        self.author.clone_from(&latest.author);
        self.at.clone_from(&latest.at);
    }
}

fn map<K: Clone + Eq + std::hash::Hash, V: Fields>(
    conflicts: &mut Conflicts,
    on: impl Fn(&K) -> ConflictOn,
    base: &IndexMap<K, V>,
    ours: &IndexMap<K, V>,
    theirs: &IndexMap<K, V>,
) -> IndexMap<K, V> {
    let list = |m: &IndexMap<K, V>| -> Vec<(K, V)> {
        m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    };
    let sides = Sides::default();
    keyed(
        &list(base),
        &list(ours),
        &list(theirs),
        |(k, _)| k.clone(),
        |k, b, o, t| {
            conflicts
                .entry(
                    &on(k),
                    b.map(|e| &e.1),
                    o.map(|e| &e.1),
                    t.map(|e| &e.1),
                    &sides,
                )
                .map(|v| (k.clone(), v))
        },
    )
    .into_iter()
    .collect()
}

/// Merges `ours` and `theirs`, both made from `base`. Returns the merged comparison (its
/// `conflicts` hold those left from earlier merges and the new ones) and the number of new
/// conflicts.
#[must_use]
pub fn merge_comparisons(
    base: &Comparison,
    ours: &Comparison,
    theirs: &Comparison,
) -> (Comparison, usize) {
    let mut conflicts = Conflicts::default();
    let sides = Sides::default();
    let format = conflicts
        .entry(
            &ConflictOn::Field("format".to_owned()),
            Some(&base.format),
            Some(&ours.format),
            Some(&theirs.format),
            &sides,
        )
        .unwrap_or(ours.format);
    let audits = keyed(
        &base.audits,
        &ours.audits,
        &theirs.audits,
        |a| a.path.clone(),
        |path, b, o, t| conflicts.entry(&ConflictOn::AuditRef(path.clone()), b, o, t, &sides),
    );
    let section_weights = map(
        &mut conflicts,
        |k| ConflictOn::SectionWeight(k.clone()),
        &base.section_weights,
        &ours.section_weights,
        &theirs.section_weights,
    );
    let question_weights = map(
        &mut conflicts,
        |k| ConflictOn::QuestionWeight(k.clone()),
        &base.question_weights,
        &ours.question_weights,
        &theirs.question_weights,
    );
    let annotations = keyed(
        &base.annotations,
        &ours.annotations,
        &theirs.annotations,
        |a| (a.provider.clone(), a.question.clone()),
        |(provider, question), b, o, t| {
            let on = ConflictOn::Annotation {
                provider: provider.clone(),
                question: question.clone(),
            };
            conflicts.entry(&on, b, o, t, &sides)
        },
    );
    let decision = conflicts.entry(
        &ConflictOn::Decision,
        base.decision.as_ref(),
        ours.decision.as_ref(),
        theirs.decision.as_ref(),
        &sides,
    );
    let reaudit_months = conflicts
        .entry(
            &ConflictOn::Field("reaudit_months".to_owned()),
            Some(&base.reaudit_months),
            Some(&ours.reaudit_months),
            Some(&theirs.reaudit_months),
            &sides,
        )
        .unwrap_or(ours.reaudit_months);
    let reaudit_months_by_provider = map(
        &mut conflicts,
        |k: &String| ConflictOn::Reaudit(k.clone()),
        &base.reaudit_months_by_provider,
        &ours.reaudit_months_by_provider,
        &theirs.reaudit_months_by_provider,
    );
    let new_conflicts = conflicts.0.len();
    let mut all_conflicts = set(&base.conflicts, &ours.conflicts, &theirs.conflicts);
    for conflict in conflicts.0 {
        if !all_conflicts.contains(&conflict) {
            all_conflicts.push(conflict);
        }
    }
    let merged = Comparison {
        format,
        audits,
        section_weights,
        question_weights,
        must_have: set(&base.must_have, &ours.must_have, &theirs.must_have),
        annotations,
        decision,
        superseded: append_only(&ours.superseded, &theirs.superseded),
        required_signers: set(
            &base.required_signers,
            &ours.required_signers,
            &theirs.required_signers,
        ),
        sign_offs: append_only(&ours.sign_offs, &theirs.sign_offs),
        reaudit_months,
        reaudit_months_by_provider,
        conflicts: all_conflicts,
    };
    (merged, new_conflicts)
}
