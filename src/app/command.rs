//! One table of commands: menus, tooltips and keyboard shortcuts all read it, and a
//! test proves that no two shortcuts clash.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::interview::Step;
use crate::model::Verdict;

/// Something the user asks the app to do. Views push commands; the app applies them at
/// the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open audits or a comparison with the native file dialog.
    Open,
    /// Show the field to type a path (where no dialog is available).
    OpenPathField,
    /// Load these files in addition to the open ones.
    OpenPaths(Vec<std::path::PathBuf>),
    /// Close every file.
    CloseAll,
    /// Close one file (the others stay open).
    CloseFile(std::path::PathBuf),
    /// Close the window (asking first when there is unsaved work).
    Quit,
    /// Open the folder of the file last exported in the system's file manager.
    OpenExportFolder,
    /// Read every open file again from disk.
    Reload,
    /// Show the overview.
    ShowOverview,
    /// Show the section matrix.
    ShowMatrix,
    /// Show the gap charts.
    ShowCharts,
    /// Show section number `0` in the matrix, scrolled to provider column `1`.
    OpenSection(usize, Option<usize>),
    /// The next section.
    NextSection,
    /// The previous section.
    PreviousSection,
    /// Put the keyboard focus in the search field.
    FocusSearch,
    /// Select the cell of item `0` (questionnaire index) and provider column `1`.
    Select(usize, usize),
    /// Move the selection up.
    MoveUp,
    /// Move the selection down.
    MoveDown,
    /// Move the selection left.
    MoveLeft,
    /// Move the selection right.
    MoveRight,
    /// Show the selected question's detail.
    ShowDetail,
    /// Open item `0` (questionnaire index) in its section's matrix with the detail, at
    /// provider column `1`.
    ShowQuestion(usize, usize),
    /// Hide the question detail.
    HideDetail,
    /// Switch between light and dark.
    ToggleTheme,
    /// Show or hide the notification panel.
    ToggleNotifications,
    /// Show the weights, must-haves, sensitivity and decision.
    ShowDecision,
    /// Apply an edit to the comparison.
    Edit(crate::compare::Edit),
    /// Save the comparison (Save as… when it has no file yet).
    Save,
    /// Save the comparison to a new file.
    SaveAs,
    /// Save the comparison to this file.
    SaveTo(std::path::PathBuf),
    /// Restore the autosaved work offered at start.
    RestoreRecovery,
    /// Discard the autosaved work offered at start.
    DiscardRecovery,
    /// Close the window even with unsaved work.
    QuitWithoutSaving,
    /// Export the comparison image (PNG or SVG).
    ExportImage,
    /// Export the text report (Markdown or CSV).
    ExportReport,
    /// Export the current section's questions x providers as an image.
    ExportSection,
    /// Export the meeting's record as one PDF.
    ExportPdf,
    /// Show the interview: fill in and judge one audit.
    ShowInterview,
    /// Show the History view (of this provider, when one is given).
    ShowHistory(Option<String>),
    /// Open the audit of this provider in the interview view.
    EditAudit(String),
    /// Start a new audit (asks for the provider and the file).
    NewAudit,
    /// Write the questionnaire as a workbook for a provider (asks for the file).
    SendWorkbook,
    /// Read a provider's answers into a new audit and judge them.
    ImportAnswers,
    /// Apply an edit to the audit being edited.
    AuditEdit(crate::interview::AuditEdit),
    /// Set the verdict of the question shown in the interview.
    SetVerdict(Option<crate::model::Verdict>),
    /// Move in the interview.
    InterviewStep(super::interview::Step),
    /// Walk the answers that have text and no verdict, or stop.
    ToggleJudging,
    /// Write the audit being edited to its file.
    SaveAudit,
    /// Write the audit being edited to another file.
    SaveAuditAs,
    /// Write the audit being edited to this new file.
    SaveAuditTo(std::path::PathBuf),
    /// Read the audit being edited again from its file, dropping unsaved answers.
    ReloadAudit,
    /// Close the audit being edited (saving it first).
    CloseAudit,
    /// Undo the last edit of the comparison.
    Undo,
    /// Redo the last undone edit.
    Redo,
}

/// What menus and tooltips show for a command.
#[derive(Clone, Copy, Debug)]
pub struct CommandInfo {
    /// Menu text (sentence case, "…" when more input follows).
    pub text: &'static str,
    /// Tooltip.
    pub tooltip: &'static str,
    /// Keyboard shortcut, if any.
    pub shortcut: Option<KeyboardShortcut>,
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "reads as the table's `shortcut` column, which is optional"
)]
const fn shortcut(modifiers: Modifiers, key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(modifiers, key))
}

impl Command {
    /// Commands that have a fixed entry in the table (menus, shortcuts).
    pub const TABLE: &'static [Command] = &[
        Self::Open,
        Self::OpenPathField,
        Self::CloseAll,
        Self::Reload,
        Self::ShowOverview,
        Self::ShowMatrix,
        Self::ShowCharts,
        Self::NextSection,
        Self::PreviousSection,
        Self::FocusSearch,
        Self::MoveUp,
        Self::MoveDown,
        Self::MoveLeft,
        Self::MoveRight,
        Self::ShowDetail,
        Self::HideDetail,
        Self::ToggleTheme,
        Self::ToggleNotifications,
        Self::ShowDecision,
        Self::Save,
        Self::SaveAs,
        Self::ExportImage,
        Self::ExportReport,
        Self::ExportSection,
        Self::ExportPdf,
        Self::Undo,
        Self::Redo,
        Self::Quit,
        Self::ShowInterview,
        Self::ShowHistory(None),
        Self::NewAudit,
        Self::SendWorkbook,
        Self::ImportAnswers,
        Self::ToggleJudging,
        Self::InterviewStep(Step::Previous),
        Self::InterviewStep(Step::Next),
        Self::InterviewStep(Step::NextUnanswered),
        Self::InterviewStep(Step::NextUnjudged),
        Self::SetVerdict(Some(Verdict::Meets)),
        Self::SetVerdict(Some(Verdict::Partial)),
        Self::SetVerdict(Some(Verdict::Gap)),
        Self::SetVerdict(Some(Verdict::NoAnswer)),
        Self::SetVerdict(Some(Verdict::NotApplicable)),
        Self::SetVerdict(None),
    ];

    /// Second shortcuts for a command of the table, as other applications have them.
    pub const ALTERNATE_SHORTCUTS: &'static [(Command, KeyboardShortcut)] = &[(
        Self::Redo,
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
    )];

    /// Text, tooltip and shortcut.
    #[must_use]
    pub fn info(&self) -> CommandInfo {
        let (text, tooltip, shortcut) = match self {
            Self::Open => (
                "Open…",
                "Open audits or a comparison",
                shortcut(Modifiers::COMMAND, Key::O),
            ),
            Self::OpenPathField => (
                "Open path…",
                "Type the path of a file to open",
                shortcut(Modifiers::COMMAND, Key::L),
            ),
            Self::OpenPaths(_) => ("Open files", "Open these files", None),
            Self::CloseAll => ("Close all", "Close every open file", None),
            Self::CloseFile(_) => ("Close file", "Close this file; the others stay open", None),
            Self::Quit => (
                "Quit",
                "Close the window (asks first when there is unsaved work)",
                shortcut(Modifiers::COMMAND, Key::Q),
            ),
            Self::OpenExportFolder => (
                "Open folder",
                "Show the exported file's folder in the file manager",
                None,
            ),
            Self::Reload => (
                "Reload",
                "Read every open file again from disk",
                shortcut(Modifiers::NONE, Key::F5),
            ),
            Self::ShowOverview => (
                "Overview",
                "Sections × providers heat map and the ranking",
                shortcut(Modifiers::COMMAND, Key::Num1),
            ),
            Self::ShowMatrix => (
                "Section matrix",
                "Questions × providers of one section",
                shortcut(Modifiers::COMMAND, Key::Num2),
            ),
            Self::ShowCharts => (
                "Gap charts",
                "Verdicts per provider and section scores",
                shortcut(Modifiers::COMMAND, Key::Num3),
            ),
            Self::OpenSection(..) => ("Open section", "Show this section's matrix", None),
            Self::NextSection => (
                "Next section",
                "Show the next section",
                shortcut(Modifiers::COMMAND, Key::PageDown),
            ),
            Self::PreviousSection => (
                "Previous section",
                "Show the previous section",
                shortcut(Modifiers::COMMAND, Key::PageUp),
            ),
            Self::FocusSearch => (
                "Search…",
                "Search questions, answers and notes",
                shortcut(Modifiers::COMMAND, Key::F),
            ),
            Self::Select(..) => ("Select", "Select this answer", None),
            Self::ShowQuestion(..) => ("Open question", "Open this question's detail", None),
            Self::MoveUp => (
                "Up",
                "Select the question above",
                shortcut(Modifiers::NONE, Key::ArrowUp),
            ),
            Self::MoveDown => (
                "Down",
                "Select the question below",
                shortcut(Modifiers::NONE, Key::ArrowDown),
            ),
            Self::MoveLeft => (
                "Left",
                "Select the provider on the left",
                shortcut(Modifiers::NONE, Key::ArrowLeft),
            ),
            Self::MoveRight => (
                "Right",
                "Select the provider on the right",
                shortcut(Modifiers::NONE, Key::ArrowRight),
            ),
            Self::ShowDetail => (
                "Question detail",
                "Every provider's full answer to the selected question",
                shortcut(Modifiers::NONE, Key::Enter),
            ),
            Self::HideDetail => (
                "Hide detail",
                "Close the question detail",
                shortcut(Modifiers::NONE, Key::Escape),
            ),
            Self::ToggleTheme => (
                "Light or dark",
                "Switch between the light and the dark theme",
                shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::T),
            ),
            Self::ToggleNotifications => (
                "Notifications",
                "Show or hide the findings of the loaded files",
                shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::N),
            ),
            Self::ShowDecision => (
                "Decision",
                "Weights, must-haves, the ranking's sensitivity and the decision",
                shortcut(Modifiers::COMMAND, Key::Num4),
            ),
            Self::Edit(_) => ("Edit", "Change the comparison", None),
            Self::Save => (
                "Save",
                "Save the comparison (audits are never written)",
                shortcut(Modifiers::COMMAND, Key::S),
            ),
            Self::SaveAs => (
                "Save as…",
                "Save the comparison to a new file",
                shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
            ),
            Self::SaveTo(_) => ("Save to", "Save the comparison to this file", None),
            Self::RestoreRecovery => (
                "Restore unsaved work",
                "Load the autosaved comparison",
                None,
            ),
            Self::DiscardRecovery => (
                "Discard unsaved work",
                "Delete the autosaved comparison",
                None,
            ),
            Self::QuitWithoutSaving => (
                "Quit without saving",
                "Close the window and lose the unsaved changes",
                None,
            ),
            Self::ExportImage => (
                "Export image…",
                "The comparison image for the minutes (PNG or SVG)",
                shortcut(Modifiers::COMMAND, Key::E),
            ),
            Self::ExportSection => (
                "Export section image…",
                "The section shown in the matrix, questions × providers (PNG or SVG)",
                None,
            ),
            Self::ExportPdf => (
                "Export PDF…",
                "The meeting's record for the evidence folder: comparison, section matrices, annotations, decision and hashes (PDF/A)",
                None,
            ),
            Self::ExportReport => (
                "Export report…",
                "Scores, gaps, annotations and the decision as Markdown or CSV",
                shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::E),
            ),
            Self::ShowInterview => (
                "Interview",
                "Fill in and judge one audit, one question at a time",
                shortcut(Modifiers::COMMAND, Key::Num5),
            ),
            Self::ShowHistory(_) => (
                "History",
                "A provider's audits over time: scores per section and what changed",
                shortcut(Modifiers::COMMAND, Key::Num6),
            ),
            Self::EditAudit(_) => ("Edit audit", "Fill in or judge this audit", None),
            Self::NewAudit => (
                "New audit…",
                "Start the audit of a provider: a blank file with every question",
                shortcut(Modifiers::COMMAND, Key::N),
            ),
            Self::SendWorkbook => (
                "Send questionnaire as workbook…",
                "The questionnaire as a spreadsheet the provider fills in (xlsx)",
                None,
            ),
            Self::ImportAnswers => (
                "Import answers…",
                "A provider's filled-in workbook or CSV becomes an audit to judge",
                None,
            ),
            Self::AuditEdit(_) => ("Edit answer", "Change the audit", None),
            Self::SetVerdict(verdict) => verdict_info(*verdict),
            Self::InterviewStep(step) => step_info(*step),
            Self::ToggleJudging => (
                "Judging mode",
                "Walk the answers that have text and no verdict, one key per verdict",
                shortcut(Modifiers::ALT, Key::G),
            ),
            Self::SaveAudit => ("Save audit", "Write the audit to its file", None),
            Self::SaveAuditAs => ("Save audit as…", "Write the audit to another file", None),
            Self::SaveAuditTo(_) => ("Save audit to", "Write the audit to this file", None),
            Self::ReloadAudit => (
                "Reload audit",
                "Read the audit again from its file, dropping the unsaved answers",
                None,
            ),
            Self::CloseAudit => ("Close audit", "Save the audit and close it", None),
            Self::Undo => (
                "Undo",
                "Undo the last change to weights, must-haves, annotations or the decision",
                shortcut(Modifiers::COMMAND, Key::Z),
            ),
            Self::Redo => (
                "Redo",
                "Apply again the change last undone",
                shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
            ),
        };
        CommandInfo {
            text,
            tooltip,
            shortcut,
        }
    }

    /// True for commands whose shortcut is a bare key that a text field also uses; they
    /// are not read while a text field has the focus.
    #[must_use]
    pub fn is_navigation(&self) -> bool {
        matches!(
            self,
            Self::MoveUp
                | Self::MoveDown
                | Self::MoveLeft
                | Self::MoveRight
                | Self::ShowDetail
                | Self::HideDetail
        )
    }

    /// True for commands a focused text field has a meaning of its own for (its own undo
    /// and redo): they are not read while a text field has the focus.
    #[must_use]
    pub fn yields_to_text_field(&self) -> bool {
        self.is_navigation() || matches!(self, Self::Undo | Self::Redo)
    }

    /// Every shortcut of the command: its own and its alternates.
    #[must_use]
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        self.info()
            .shortcut
            .into_iter()
            .chain(
                Self::ALTERNATE_SHORTCUTS
                    .iter()
                    .filter(|(command, _)| command == self)
                    .map(|(_, shortcut)| *shortcut),
            )
            .collect()
    }
}

type Info = (&'static str, &'static str, Option<KeyboardShortcut>);

/// A verdict key of the interview: Alt+1 to Alt+5, Alt+0 for not judged yet.
fn verdict_info(verdict: Option<Verdict>) -> Info {
    let (text, key) = match verdict {
        Some(Verdict::Meets) => ("Meets", Key::Num1),
        Some(Verdict::Partial) => ("Partial", Key::Num2),
        Some(Verdict::Gap) => ("Gap", Key::Num3),
        Some(Verdict::NoAnswer) => ("No answer", Key::Num4),
        Some(Verdict::NotApplicable) => ("Not applicable", Key::Num5),
        None => ("Not judged", Key::Num0),
    };
    (
        text,
        "The verdict of the answer shown in the interview",
        shortcut(Modifiers::ALT, key),
    )
}

/// The moves of the interview.
fn step_info(step: Step) -> Info {
    match step {
        Step::Previous => (
            "Previous question",
            "The question before",
            shortcut(Modifiers::ALT, Key::P),
        ),
        Step::Next => (
            "Next question",
            "The question after",
            shortcut(Modifiers::ALT, Key::N),
        ),
        Step::NextUnanswered => (
            "Next unanswered",
            "The next question without an answer",
            shortcut(Modifiers::ALT, Key::U),
        ),
        Step::NextUnjudged => (
            "Next not judged",
            "The next answer without a verdict",
            shortcut(Modifiers::ALT, Key::J),
        ),
    }
}

/// Consumes a press of exactly `shortcut`: the same key with exactly its modifiers (Shift
/// and Alt must match too, so that Ctrl+Shift+S is never taken for Ctrl+S).
fn consume_exact(input: &mut egui::InputState, shortcut: KeyboardShortcut) -> bool {
    let mut found = false;
    input.events.retain(|event| {
        let is_match = matches!(
            event,
            egui::Event::Key { key, modifiers, pressed: true, .. }
                if *key == shortcut.logical_key && modifiers.matches_exact(shortcut.modifiers)
        );
        found |= is_match;
        !is_match
    });
    found
}

/// The commands whose shortcut was pressed this frame (consumed from the input).
#[must_use]
pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
    let typing = ctx.text_edit_focused();
    // Arrows, Enter and Escape belong to a focused widget (slider, combo box) when there is one.
    let widget_focused = ctx.memory(|m| m.focused().is_some());
    let mut commands = Vec::new();
    ctx.input_mut(|input| {
        for command in Command::TABLE {
            let bare = command
                .info()
                .shortcut
                .is_some_and(|s| s.modifiers.is_none());
            if (typing && (command.yields_to_text_field() || bare))
                || (widget_focused && command.is_navigation())
            {
                continue;
            }
            let mut fired = false;
            for shortcut in command.shortcuts() {
                fired |= consume_exact(input, shortcut);
            }
            if fired {
                commands.push(command.clone());
            }
        }
    });
    commands
}

#[cfg(test)]
mod tests {
    use super::Command;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for command in Command::TABLE {
            for shortcut in command.shortcuts() {
                assert!(
                    !seen.iter().any(|(s, _)| *s == shortcut),
                    "{command:?} shares {shortcut:?} with {:?}",
                    seen.iter().find(|(s, _)| *s == shortcut)
                );
                seen.push((shortcut, command.clone()));
            }
        }
        assert!(seen.len() >= 15, "the table has shortcuts");
    }

    /// Presses `shortcut` in a frame of a bare context and returns what `pressed` read.
    fn press(shortcut: egui::KeyboardShortcut) -> Vec<Command> {
        let ctx = egui::Context::default();
        let mut modifiers = shortcut.modifiers;
        // The platform's command key is Ctrl here.
        if modifiers.command {
            modifiers.ctrl = true;
        }
        let input = egui::RawInput {
            events: vec![egui::Event::Key {
                key: shortcut.logical_key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers,
            }],
            ..egui::RawInput::default()
        };
        let mut commands = Vec::new();
        let mut output = ctx.run_ui(input, |ui| commands = super::pressed(ui.ctx()));
        output.textures_delta.clear();
        commands
    }

    #[test]
    fn every_shortcut_fires_its_own_command_and_nothing_else() {
        let mut pressed_any = 0;
        for command in Command::TABLE {
            for shortcut in command.shortcuts() {
                assert_eq!(
                    press(shortcut),
                    std::slice::from_ref(command),
                    "{shortcut:?}"
                );
                pressed_any += 1;
            }
        }
        assert!(pressed_any >= 20, "the table's shortcuts were pressed");
    }

    #[test]
    fn an_extra_shift_or_alt_is_not_the_same_shortcut() {
        use egui::{Key, KeyboardShortcut, Modifiers};

        // Ctrl+Shift+S is Save as, never Save; Ctrl+Alt+S is nothing.
        assert_eq!(
            press(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S
            )),
            [Command::SaveAs]
        );
        assert_eq!(
            press(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::ALT,
                Key::S
            )),
            []
        );
        assert_eq!(
            press(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::E
            )),
            [Command::ExportReport]
        );
    }

    #[test]
    fn menu_texts_are_sentence_case_without_trailing_period() {
        for command in Command::TABLE {
            let info = command.info();
            assert!(!info.text.ends_with('.'), "{}", info.text);
            assert!(
                info.text.chars().next().is_some_and(char::is_uppercase),
                "{}",
                info.text
            );
            assert!(!info.tooltip.is_empty());
        }
    }
}
