//! Merging audits by meaning: the header fields one by one, answers by question id (answer,
//! verdict, provenance, evidence and note each a field), documents by item and file.

use super::three_way::{Conflicts, Fields, Sides, fields, keyed, set};
use crate::model::{Answer, AnswerMap, Audit, ConflictOn, EvidenceDocument, QuestionId};

fields!(Answer {
    answer,
    verdict,
    provenance,
    evidence,
    note,
    claim,
    ownership,
    customer_duties
});
fields!(EvidenceDocument {
    item,
    file,
    sha256,
    expires
});

/// One header field of an audit merged as one value.
fn header<T: Fields>(
    conflicts: &mut Conflicts,
    name: &str,
    [base, ours, theirs]: [&T; 3],
    sides: &Sides,
) -> T {
    conflicts
        .entry(
            &ConflictOn::Field(name.to_owned()),
            Some(base),
            Some(ours),
            Some(theirs),
            sides,
        )
        .unwrap_or_else(|| ours.clone())
}

/// Merges `ours` and `theirs`, both made from `base`; returns the merged audit (its
/// `conflicts` hold those left from earlier merges and the new ones) and the number of new
/// conflicts. A conflict names each side's auditor and audit date.
#[must_use]
pub fn merge_audits(base: &Audit, ours: &Audit, theirs: &Audit) -> (Audit, usize) {
    let sides = Sides {
        ours: (
            ours.auditor.clone(),
            ours.audited_on.clone().unwrap_or_default(),
        ),
        theirs: (
            theirs.auditor.clone(),
            theirs.audited_on.clone().unwrap_or_default(),
        ),
    };
    let mut conflicts = Conflicts::default();
    let c = &mut conflicts;
    let format = header(
        c,
        "format",
        [&base.format, &ours.format, &theirs.format],
        &sides,
    );
    let questionnaire = header(
        c,
        "questionnaire",
        [
            &base.questionnaire,
            &ours.questionnaire,
            &theirs.questionnaire,
        ],
        &sides,
    );
    let questionnaire_version = header(
        c,
        "questionnaire_version",
        [
            &base.questionnaire_version,
            &ours.questionnaire_version,
            &theirs.questionnaire_version,
        ],
        &sides,
    );
    let provider = header(
        c,
        "provider",
        [&base.provider, &ours.provider, &theirs.provider],
        &sides,
    );
    let audited_on = header(
        c,
        "audited_on",
        [&base.audited_on, &ours.audited_on, &theirs.audited_on],
        &sides,
    );
    let auditor = header(
        c,
        "auditor",
        [&base.auditor, &ours.auditor, &theirs.auditor],
        &sides,
    );
    let scope = header(
        c,
        "scope",
        [&base.scope, &ours.scope, &theirs.scope],
        &sides,
    );
    let answers = keyed(
        &base.answers.0,
        &ours.answers.0,
        &theirs.answers.0,
        |(id, _)| id.clone(),
        |id: &QuestionId, b, o, t| {
            c.entry(
                &ConflictOn::Answer(id.clone()),
                b.map(|e| &e.1),
                o.map(|e| &e.1),
                t.map(|e| &e.1),
                &sides,
            )
            .map(|answer| (id.clone(), answer))
        },
    );
    let documents = keyed(
        &base.documents,
        &ours.documents,
        &theirs.documents,
        |d| (d.item.clone(), d.file.clone()),
        |(item, file), b, o, t| {
            let on = ConflictOn::Document {
                item: item.clone(),
                file: file.clone(),
            };
            c.entry(&on, b, o, t, &sides)
        },
    );
    let new_conflicts = conflicts.0.len();
    let mut all_conflicts = set(&base.conflicts, &ours.conflicts, &theirs.conflicts);
    for conflict in conflicts.0 {
        if !all_conflicts.contains(&conflict) {
            all_conflicts.push(conflict);
        }
    }
    let merged = Audit {
        format,
        questionnaire,
        questionnaire_version,
        provider,
        audited_on,
        auditor,
        scope,
        answers: AnswerMap(answers),
        documents,
        conflicts: all_conflicts,
    };
    (merged, new_conflicts)
}
