//! Sign-offs in the Decision view: who signed the decision, on which basis (a sign-off made
//! before an audit or a weight changed shows as stale, with what changed), who still has to
//! sign, and the form to sign on the basis in force. The core checks and records; this
//! draws and sends commands.

use super::command::Command;
use super::context::ViewCtx;
use super::theme;
use super::{ProviderAuditApp, View};
use crate::compare::Edit;
use crate::model::Date;

/// The sign-off form's own state.
#[derive(Debug, Default)]
pub struct SignOffForm {
    /// The signer's name as typed; the user's name when `None`.
    pub name: Option<String>,
    /// The signer's role.
    pub role: String,
    /// The required signers as typed (comma-separated); the comparison's when `None`.
    pub required: Option<String>,
}

impl SignOffForm {
    /// The sign-offs, the required signers and the form; nothing without a decision or a
    /// sign-off.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let view = ctx.view();
        let Some(status) = &view.sign_offs else {
            return;
        };
        let palette = ctx.palette;
        ui.add_space(8.0);
        ui.strong("Sign-offs");
        let colour = if status.signed {
            palette.meets
        } else {
            palette.partial
        };
        ui.colored_label(theme::color(colour), status.headline());
        for sign_off in &status.sign_offs {
            let (mark, colour) = if sign_off.current {
                ("✓", palette.text)
            } else {
                ("⚠", palette.knocked_out)
            };
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!("{mark} {}", sign_off.describe()))
                        .color(theme::color(colour)),
                )
                .wrap(),
            );
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Required signers");
            let typed = self
                .required
                .get_or_insert_with(|| status.required.join(", "));
            ui.add(
                egui::TextEdit::singleline(typed)
                    .hint_text("names, separated by commas")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
            let names: Vec<String> = typed
                .split(',')
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect();
            if ui
                .add_enabled(names != status.required, egui::Button::new("Set"))
                .clicked()
            {
                ctx.send(Command::Edit(Edit::RequiredSigners(names)));
                self.required = None;
            }
        });
        if view.decision.is_none() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Sign as");
            let name = self.name.get_or_insert_with(|| ctx.prefs.author.clone());
            ui.add(egui::TextEdit::singleline(name).desired_width(180.0))
                .labelled_by(label.id);
            let label = ui.label("Role");
            ui.add(
                egui::TextEdit::singleline(&mut self.role)
                    .hint_text("e.g. security officer")
                    .desired_width(180.0),
            )
            .labelled_by(label.id);
            let ready = !name.trim().is_empty();
            let button = ui
                .add_enabled(ready, egui::Button::new("Sign the decision"))
                .on_hover_text(
                    "Records your name, role, today's date and the SHA-256 of the decision's \
                     basis: if an audit or a weight changes later, this sign-off shows as stale",
                )
                .on_disabled_hover_text("Type the name to sign with");
            if button.clicked() {
                ctx.send(Command::SignDecision {
                    name: name.trim().to_owned(),
                    role: self.role.trim().to_owned(),
                });
            }
        });
    }
}

impl ProviderAuditApp {
    /// Signs the decision on the basis in force, or says why it cannot be signed.
    pub(super) fn sign_decision(&mut self, name: &str, role: &str) {
        match self.model.session.sign_off(name, role, Date::today()) {
            Ok(sign_off) => {
                self.model.edit(Edit::SignOff(sign_off));
                self.notices
                    .info(format!("{name} signed the decision (save to keep it)"));
            }
            Err(error) => {
                self.prefs.show_notifications = true;
                self.notices.problem(format!("Not signed: {error}"));
            }
        }
        self.prefs.view = View::Decision;
    }
}
