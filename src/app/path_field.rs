//! The window that asks for a path where no native file dialog exists: one for Open, Save
//! as and Export. The field has the focus when it opens, Enter submits, Escape or Cancel
//! closes it, and an error from the last try stays shown under the field.

/// What the user did with the path window this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathFieldOutcome {
    /// Nothing yet: keep showing it.
    Open,
    /// The path typed, submitted with Enter or the button.
    Submitted(String),
    /// Closed without a path.
    Cancelled,
}

/// The state of a path window: the text typed and the error of the last try.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathField {
    /// The text in the field.
    pub text: String,
    /// Why the last try failed, shown under the field.
    pub error: Option<String>,
}

impl PathField {
    /// A field holding `text`.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            error: None,
        }
    }

    /// Draws the window titled `title` with `prompt` above the field and `action` on the
    /// submit button.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        title: &str,
        prompt: &str,
        action: &str,
    ) -> PathFieldOutcome {
        let mut open = true;
        let mut outcome = PathFieldOutcome::Open;
        dialog_window(title, &mut open).show(ctx, |ui| {
            let label = ui.label(prompt);
            let response = ui
                .add(egui::TextEdit::singleline(&mut self.text).desired_width(560.0))
                .labelled_by(label.id);
            if !response.has_focus() && !response.lost_focus() {
                response.request_focus();
            }
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.horizontal(|ui| {
                if (ui.button(action).clicked() || enter) && !self.text.trim().is_empty() {
                    outcome = PathFieldOutcome::Submitted(self.text.trim().to_owned());
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    outcome = PathFieldOutcome::Cancelled;
                }
            });
        });
        if !open {
            return PathFieldOutcome::Cancelled;
        }
        outcome
    }
}

/// The app's small dialog windows: fixed size, under the toolbar, closed with their ×.
pub(super) fn dialog_window<'open>(title: &str, open: &'open mut bool) -> egui::Window<'open> {
    egui::Window::new(title.to_owned())
        .open(open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
}
