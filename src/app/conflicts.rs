//! The merge-conflict band: after a git merge that both sides changed the same field, the
//! conflicts kept in the files (never markers inside RON) are listed above every screen,
//! each with "Take mine", "Take theirs" and "Edit…" (a value of one's own). Resolving is an
//! edit of the comparison or of the audit, undone like any other; Save writes it.

use std::path::Path;

use super::command::Command;
use super::context::ViewCtx;
use super::theme;
use super::{ProviderAuditApp, View};
use crate::compare::Edit;
use crate::interview::AuditEdit;
use crate::merge::Resolution;
use crate::view::{ConflictView, InputKind};

/// Up to this many conflicts are listed without a scroll area.
const SHOWN_WHOLE: usize = 3;

/// The height of the band's list when it scrolls.
const LIST_HEIGHT: f32 = 260.0;

/// The band's own state: the conflict whose value is being typed.
#[derive(Debug, Default)]
pub struct ConflictBand {
    /// The conflict (file and index) and the value typed so far (RON text).
    pub editing: Option<(String, usize, String)>,
}

/// Which conflict to resolve, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveRequest {
    /// The file that keeps the conflict, as loaded.
    pub path: String,
    /// Comparison or audit.
    pub kind: InputKind,
    /// The conflict's index in that file's `conflicts`.
    pub index: usize,
    /// Take mine, take theirs, or a value.
    pub how: Resolution,
}

/// "ours" or "theirs" with who made the change and when, where the file says.
fn side(value: Option<&str>, by: &str, at: &str) -> String {
    let value = value.unwrap_or("(removed)");
    let at = crate::labels::when(at);
    let who = [by, at.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if who.is_empty() {
        value.to_owned()
    } else {
        format!("{value} ({who})")
    }
}

impl ConflictBand {
    /// The band, when a loaded file keeps merge conflicts.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let conflicts = &ctx.view().conflicts;
        if conflicts.is_empty() {
            return;
        }
        egui::Panel::top("conflicts")
            // As high as its content (up to the list's own limit), never a remembered size.
            .resizable(false)
            .frame(
                egui::Frame::new()
                    .fill(theme::color(ctx.palette.partial.lerp(ctx.palette.background, 0.6)))
                    .inner_margin(8.0),
            )
            .show(ui, |ui| {
                ui.strong(format!(
                    "⚠ {} from a merge: both sides changed the same field. Choose what stays, then save.",
                    crate::labels::plural(conflicts.len(), "conflict")
                ));
                // A few are listed whole; more scroll within a band of fixed height (a
                // panel's scroll area would otherwise keep the height of its first frame).
                if conflicts.len() <= SHOWN_WHOLE {
                    for conflict in conflicts {
                        self.conflict_ui(ui, ctx, conflict);
                    }
                } else {
                    egui::ScrollArea::vertical()
                        .id_salt("conflict-list")
                        .min_scrolled_height(LIST_HEIGHT)
                        .max_height(LIST_HEIGHT)
                        .show(ui, |ui| {
                            for conflict in conflicts {
                                self.conflict_ui(ui, ctx, conflict);
                            }
                        });
                }
            });
    }

    fn conflict_ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, view: &ConflictView) {
        let c = &view.conflict;
        let field = if c.field.is_empty() {
            String::new()
        } else {
            format!(", {}", c.field)
        };
        ui.separator();
        ui.label(
            egui::RichText::new(format!("{}: {}{field}", view.file, c.on.describe())).strong(),
        );
        ui.label(format!(
            "Mine: {}",
            side(c.ours.as_deref(), &c.ours_by, &c.ours_at)
        ));
        ui.label(format!(
            "Theirs: {}",
            side(c.theirs.as_deref(), &c.theirs_by, &c.theirs_at)
        ));
        let request = |how| {
            Command::ResolveConflict(ResolveRequest {
                path: view.path.clone(),
                kind: view.kind,
                index: view.index,
                how,
            })
        };
        let editing = self
            .editing
            .as_ref()
            .is_some_and(|(path, index, _)| *path == view.path && *index == view.index);
        ui.horizontal(|ui| {
            if ui.button("Take mine").clicked() {
                ctx.send(request(Resolution::Ours));
            }
            if ui.button("Take theirs").clicked() {
                ctx.send(request(Resolution::Theirs));
            }
            if !editing && ui.button("Edit…").clicked() {
                let start = c
                    .ours
                    .clone()
                    .or_else(|| c.theirs.clone())
                    .unwrap_or_default();
                self.editing = Some((view.path.clone(), view.index, start));
            }
        });
        if editing && let Some((_, _, text)) = self.editing.as_mut() {
            ui.horizontal(|ui| {
                let label = ui.label("Value (as the file writes it)");
                ui.add(
                    egui::TextEdit::singleline(text)
                        .desired_width(480.0)
                        .font(egui::TextStyle::Monospace),
                )
                .labelled_by(label.id);
                if ui.button("Use this value").clicked() {
                    ctx.send(request(Resolution::Value(Some(text.clone()))));
                }
                if ui.button("Cancel").clicked() {
                    ctx.send(Command::CancelConflictEdit);
                }
            });
        }
    }
}

impl ProviderAuditApp {
    /// Resolves one conflict: of the comparison as an edit of it, of an audit as an edit of
    /// that audit (opened for editing if it is not). A value that does not fit is said, and
    /// nothing changes.
    pub(super) fn resolve_conflict(&mut self, request: ResolveRequest) {
        let ResolveRequest {
            path,
            kind,
            index,
            how,
        } = request;
        let checked = match kind {
            InputKind::Comparison => {
                let mut probe = self.model.workspace().comparison().clone();
                crate::merge::resolve_comparison(&mut probe, index, how.clone())
            }
            InputKind::Audit => {
                let Some(provider) = self
                    .model
                    .workspace()
                    .audits
                    .iter()
                    .find(|a| a.path.display().to_string() == path)
                    .map(|a| a.audit.provider.clone())
                else {
                    return;
                };
                let editing = self
                    .model
                    .session
                    .editor()
                    .is_some_and(|e| e.path() == Path::new(&path));
                if !editing {
                    // Opening the audit for editing keeps the screen the user is on.
                    let view = self.prefs.view;
                    self.edit_audit(&provider);
                    self.prefs.view = view;
                }
                let Some(editor) = self.model.session.editor() else {
                    return;
                };
                let mut probe = editor.audit().clone();
                crate::merge::resolve_audit(&mut probe, index, how.clone())
            }
        };
        if let Err(error) = checked {
            self.prefs.show_notifications = true;
            self.notices.problem(format!("{path}: {error}"));
            return;
        }
        self.screens.conflicts.editing = None;
        match kind {
            InputKind::Comparison => self.model.edit(Edit::ResolveConflict { index, how }),
            InputKind::Audit => self.audit_edit(AuditEdit::ResolveConflict { index, how }),
        }
        if self.prefs.view == View::Interview {
            self.screens.interview.focus_answer = false;
        }
    }
}
