//! Every annotation and decision is signed: an edit that carries no name gets the user's
//! name; when the user has not given one yet, the app asks for it once (a small window) and
//! records the edit after. An empty author is never recorded.

use super::ProviderAuditApp;
use super::modal::{Modal, ModalKind};
use crate::compare::Edit;

/// The name window, while it is shown: the name typed and the edit waiting for it.
#[derive(Clone, Debug, PartialEq)]
pub struct NamePrompt {
    /// The name typed so far.
    pub name: String,
    /// The edit to record once the name is given.
    pub pending: Edit,
}

/// True when `edit` records who made it and no one is named.
fn unsigned(edit: &Edit) -> bool {
    match edit {
        Edit::Annotate { author, .. } => author.trim().is_empty(),
        Edit::Decide(decision) => decision.decided_by.trim().is_empty(),
        _ => false,
    }
}

/// `edit` signed by `name` where it names no one.
pub(super) fn signed(mut edit: Edit, name: &str) -> Edit {
    match &mut edit {
        Edit::Annotate { author, .. } if author.trim().is_empty() => name.clone_into(author),
        Edit::Decide(decision) if decision.decided_by.trim().is_empty() => {
            name.clone_into(&mut decision.decided_by);
        }
        _ => {}
    }
    edit
}

impl ProviderAuditApp {
    /// `edit` ready to record: signed with the user's name, or `None` when the name must
    /// be asked for first (the edit then waits in the name window).
    pub(super) fn sign(&mut self, edit: Edit) -> Option<Edit> {
        if !unsigned(&edit) {
            return Some(edit);
        }
        let name = self.prefs.author.trim().to_owned();
        if name.is_empty() {
            self.modal = Some(Modal::new(ModalKind::Name(NamePrompt {
                name: String::new(),
                pending: edit,
            })));
            return None;
        }
        Some(signed(edit, &name))
    }
}

#[cfg(test)]
mod tests {
    use super::{signed, unsigned};
    use crate::compare::Edit;
    use crate::model::{Decision, QuestionId};

    #[test]
    fn only_unsigned_annotations_and_decisions_are_signed() {
        let note = Edit::Annotate {
            provider: "P".to_owned(),
            question: QuestionId::new("a.b"),
            flag: None,
            verdict: None,
            comment: "c".to_owned(),
            author: " ".to_owned(),
            at: String::new(),
        };
        assert!(unsigned(&note));
        assert!(
            matches!(signed(note, "UX Tester"), Edit::Annotate { author, .. } if author == "UX Tester")
        );
        let decision = Edit::Decide(Decision::default());
        assert!(unsigned(&decision));
        assert!(
            matches!(signed(decision, "UX Tester"), Edit::Decide(d) if d.decided_by == "UX Tester")
        );
        let by_board = Edit::Decide(Decision {
            decided_by: "Board".to_owned(),
            ..Decision::default()
        });
        assert!(!unsigned(&by_board));
        assert!(!unsigned(&Edit::Undecide));
    }
}
