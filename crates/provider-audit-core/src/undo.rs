//! The edit history of a document (a comparison, an audit): a base (as read from its file)
//! and the edits applied on it, with a cursor for undo and redo, and the point at which it
//! was last saved. Every edit is a pure function ([`Editable::apply`]), so any state of the
//! history is the base with the first `cursor` edits applied.
//!
//! Below every document and editor (the session, the comparison's edits, the interview):
//! it depends on none of them, only on the [`Editable`] trait they implement.

/// A document whose edits are pure functions.
pub trait Editable: Clone + Default {
    /// One change to the document.
    type Edit: Clone;
    /// The document with `edit` applied.
    #[must_use]
    fn apply(self, edit: Self::Edit) -> Self;
    /// True when `next` replaces `last` as one undo step (a slider being dragged, a word
    /// being typed).
    fn merges(last: &Self::Edit, next: &Self::Edit) -> bool;
}

/// Undo, redo and the saved point of a document's edits.
#[derive(Clone, Debug)]
pub struct History<D: Editable> {
    base: D,
    edits: Vec<D::Edit>,
    /// How many of `edits` are applied.
    cursor: usize,
    /// The cursor at the last load or save; `None` when that state is no longer in the
    /// history (undone past and replaced by other edits).
    saved_at: Option<usize>,
    /// `base` with the first `cursor` edits applied.
    current: D,
    /// The state last loaded or saved (what the file holds, as far as this history knows).
    saved: D,
}

impl<D: Editable> History<D> {
    /// A history with nothing to undo, saved as it is.
    #[must_use]
    pub fn new(base: D) -> Self {
        Self {
            current: base.clone(),
            saved: base.clone(),
            base,
            edits: Vec::new(),
            cursor: 0,
            saved_at: Some(0),
        }
    }

    /// The document with every applied edit.
    #[must_use]
    pub fn current(&self) -> &D {
        &self.current
    }

    /// True when the current state is not the one last loaded or saved.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.cursor)
    }

    /// True when there is an edit to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.cursor > 0
    }

    /// True when there is an undone edit to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        self.cursor < self.edits.len()
    }

    /// Applies `edit`; the edits undone before it can no longer be redone. A weight set
    /// again right after it was set (a slider being dragged) replaces that edit, so that
    /// one undo takes the whole drag back.
    pub fn apply(&mut self, edit: D::Edit) {
        self.edits.truncate(self.cursor);
        if self.saved_at.is_some_and(|saved| saved > self.cursor) {
            self.saved_at = None;
        }
        let saved_here = self.saved_at == Some(self.cursor);
        if !saved_here
            && let Some(last) = self.edits.last_mut()
            && D::merges(last, &edit)
        {
            self.current = std::mem::take(&mut self.current).apply(edit.clone());
            *last = edit;
            return;
        }
        self.current = std::mem::take(&mut self.current).apply(edit.clone());
        self.edits.push(edit);
        self.cursor += 1;
    }

    /// Undoes the last applied edit; `false` when there is none.
    pub fn undo(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        self.cursor -= 1;
        self.current = self.replay(self.cursor);
        true
    }

    /// Applies again the last undone edit; `false` when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(edit) = self.edits.get(self.cursor).cloned() else {
            return false;
        };
        self.current = std::mem::take(&mut self.current).apply(edit);
        self.cursor += 1;
        true
    }

    /// The current state is what the file now holds.
    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.cursor);
        self.saved = self.current.clone();
    }

    /// The state last loaded or saved.
    #[must_use]
    pub fn saved(&self) -> &D {
        &self.saved
    }

    /// Drops every unsaved edit (the user chose to discard them): the document is back at
    /// its saved state, with nothing to undo.
    pub fn discard_unsaved(&mut self) {
        *self = Self::new(self.saved.clone());
    }

    /// The file changed on disk: `base` is its new content. The edits not saved yet are
    /// applied again on it (and stay unsaved and undoable); the saved ones are in `base`.
    pub fn rebase(&mut self, base: D) {
        let unsaved_from = self.saved_at.unwrap_or(0).min(self.cursor);
        let unsaved: Vec<D::Edit> = self.edits[unsaved_from..self.cursor].to_vec();
        *self = Self::new(base);
        for edit in unsaved {
            self.apply(edit);
        }
    }

    /// The edits applied and not saved yet, oldest first.
    #[must_use]
    pub fn unsaved_edits(&self) -> &[D::Edit] {
        match self.saved_at {
            Some(saved) if saved <= self.cursor => &self.edits[saved..self.cursor],
            _ => &self.edits[..self.cursor],
        }
    }

    fn replay(&self, count: usize) -> D {
        self.edits[..count]
            .iter()
            .cloned()
            .fold(self.base.clone(), D::apply)
    }
}
