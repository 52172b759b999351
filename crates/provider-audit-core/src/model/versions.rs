//! An audit answered against an earlier version of its questionnaire, read against the
//! version in use: an answer to a replaced id reads as the new item's answer; an answer to
//! an item no longer asked is kept as it is; new items are simply not asked. Only the audit
//! in memory changes: nothing here touches its file.

use super::audit::Audit;
use super::questionnaire::Questionnaire;

/// The version the audit says it answered, when it differs from the questionnaire's.
#[must_use]
pub fn earlier_version<'a>(audit: &'a Audit, questionnaire: &Questionnaire) -> Option<&'a str> {
    audit
        .questionnaire_version
        .as_deref()
        .filter(|version| *version != questionnaire.version)
}

/// Re-keys the answers to replaced ids as answers to the items that replace them (unless
/// those are answered too, in which case their own answer stands); returns how many.
pub fn read_against(audit: &mut Audit, questionnaire: &Questionnaire) -> usize {
    // Most audits answer the version in use: nothing is replaced, nothing is allocated.
    let replaced: Vec<(usize, &super::ids::QuestionId)> = audit
        .answers
        .iter()
        .enumerate()
        .filter_map(|(index, (id, _))| {
            questionnaire
                .replaced_by(id.as_str())
                .map(|item| (index, &item.id))
        })
        .collect();
    if replaced.is_empty() {
        return 0;
    }
    let answered: crate::hash::HashSet<&str> =
        audit.answers.iter().map(|(id, _)| id.as_str()).collect();
    let renames: Vec<(usize, super::ids::QuestionId)> = replaced
        .into_iter()
        .filter(|(_, new)| !answered.contains(new.as_str()))
        .map(|(index, new)| (index, new.clone()))
        .collect();
    for (index, new) in &renames {
        audit.answers.0[*index].0 = new.clone();
    }
    renames.len()
}

#[cfg(test)]
mod tests {
    use super::{earlier_version, read_against};
    use crate::model::{Audit, Questionnaire};

    #[test]
    fn replaced_ids_read_as_their_new_ids_and_removed_ones_stay() {
        let q = Questionnaire::parse(
            r#"(format: 1, id: "q", version: "2", title: "Q", sections: [(id: "a", title: "A",
            items: [(id: "a.new", replaces: ["a.old"], text: "New?"), (id: "a.kept", text: "Kept?"),
            (id: "a.added", text: "Added?")])])"#,
        )
        .expect("valid");
        let mut audit = Audit::from_ron(
            r#"(format: 1, questionnaire: "q", questionnaire_version: "1", provider: "P", answers: {
            "a.old": (answer: "Yes", verdict: Meets), "a.gone": (answer: "No", verdict: Gap),
            "a.kept": (answer: "Yes", verdict: Meets)})"#,
        )
        .expect("parses");
        assert_eq!(earlier_version(&audit, &q), Some("1"));
        assert_eq!(read_against(&mut audit, &q), 1);
        let ids: Vec<&str> = audit.answers.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["a.new", "a.gone", "a.kept"]);
    }
}
