//! One table of commands: menus, the toolbar, tooltips and keyboard shortcuts all read it.
//!
//! [`UiCommand`] is the table: payload-free and iterable (`strum`), so every variant has its
//! text, tooltip and shortcut by an exhaustive `match` the compiler checks, and the tests
//! walk all of them (no two shortcuts clash, Cmd and Ctrl counted as one key on each
//! platform). Actions that carry data (open these files, apply this edit) are the other
//! variants of [`Command`]. A command can be disabled; menus then say why on hover.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};
use strum::IntoEnumIterator as _;

use crate::model::Verdict;

/// Where to go in the interview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The question before.
    Previous,
    /// The question after.
    Next,
    /// The next question without an answer.
    NextUnanswered,
    /// The next answer without a verdict.
    NextUnjudged,
}

/// A command of the table: a menu entry, a toolbar button or a shortcut, without data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum UiCommand {
    /// Start a new audit (asks for the provider and the file).
    NewAudit,
    /// Open audits or a comparison with the native file dialog.
    Open,
    /// Show the field to type a path (where no dialog is available).
    OpenPathField,
    /// Save the comparison (and the audit being edited).
    Save,
    /// Save the comparison to a new file.
    SaveAs,
    /// Export the comparison image (PNG or SVG).
    ExportImage,
    /// Export the text report (Markdown or CSV).
    ExportReport,
    /// Export the current section's questions x providers as an image.
    ExportSection,
    /// Export the meeting's record as one PDF.
    ExportPdf,
    /// Write the questionnaire as a workbook for a provider.
    SendWorkbook,
    /// Read a provider's answers into a new audit and judge them.
    ImportAnswers,
    /// Read every open file again from disk.
    Reload,
    /// Close every file (asks first when there is unsaved work).
    CloseAll,
    /// Close the window (asks first when there is unsaved work).
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Show the overview.
    ShowOverview,
    /// Show the section matrix.
    ShowMatrix,
    /// Show the gap charts.
    ShowCharts,
    /// Show the weights, must-haves, sensitivity and decision.
    ShowDecision,
    /// Show the interview.
    ShowInterview,
    /// Show the History view.
    ShowHistory,
    /// Show the shared-responsibility view.
    ShowResponsibility,
    /// The next section.
    NextSection,
    /// The previous section.
    PreviousSection,
    /// Put the keyboard focus in the search field.
    FocusSearch,
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
    /// Hide the question detail.
    HideDetail,
    /// Show or hide the notification panel.
    ToggleNotifications,
    /// Switch between light and dark.
    ToggleTheme,
    /// Open the folder of the file last exported.
    OpenExportFolder,
    /// Walk the answers that have text and no verdict, or stop.
    ToggleJudging,
    /// The question before, in the interview.
    PreviousQuestion,
    /// The question after.
    NextQuestion,
    /// The next question without an answer.
    NextUnanswered,
    /// The next answer without a verdict.
    NextUnjudged,
    /// Verdict Meets for the question shown in the interview.
    VerdictMeets,
    /// Verdict Partial.
    VerdictPartial,
    /// Verdict Gap.
    VerdictGap,
    /// Verdict No answer.
    VerdictNoAnswer,
    /// Verdict Not applicable.
    VerdictNotApplicable,
    /// No verdict yet.
    VerdictNone,
    /// Write the audit being edited to its file.
    SaveAudit,
    /// Write the audit being edited to another file.
    SaveAuditAs,
    /// Read the audit being edited again from its file, dropping unsaved answers.
    ReloadAudit,
    /// Close the audit being edited (saving it first).
    CloseAudit,
    /// Restore the autosaved work offered.
    RestoreRecovery,
    /// Discard the autosaved work offered.
    DiscardRecovery,
}

/// Something the user asks the app to do. Views send commands; the app applies them
/// between frames, where file dialogs and writes happen.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A command of the table.
    Ui(UiCommand),
    /// Load these files in addition to the open ones.
    OpenPaths(Vec<PathBuf>),
    /// Close one file (the others stay open).
    CloseFile(PathBuf),
    /// Show section number `0` in the matrix, scrolled to provider column `1`.
    OpenSection(usize, Option<usize>),
    /// Select the cell of item `0` (questionnaire index) and provider column `1`.
    Select(usize, usize),
    /// Open item `0` in its section's matrix with the detail, at provider column `1`.
    ShowQuestion(usize, usize),
    /// Apply an edit to the comparison.
    Edit(crate::compare::Edit),
    /// Record a decision for `provider` (its basis is taken by the session).
    Decide {
        /// The chosen provider.
        provider: String,
        /// Why.
        rationale: String,
        /// Who decided (the user's name when empty).
        decided_by: String,
    },
    /// The user's name, recorded with annotations and decisions.
    SetAuthor(String),
    /// Save the comparison to this file.
    SaveTo(PathBuf),
    /// Show the History view of this provider.
    ShowHistoryOf(String),
    /// Resolve a merge conflict kept in a file.
    ResolveConflict(super::conflicts::ResolveRequest),
    /// Stop typing a value for a merge conflict.
    CancelConflictEdit,
    /// Sign the decision on the basis in force.
    SignDecision {
        /// Who signs.
        name: String,
        /// In which role.
        role: String,
    },
    /// Open the audit of this provider in the interview, at this question when given.
    EditAudit(String, Option<usize>),
    /// Apply an edit to the audit being edited.
    AuditEdit(crate::interview::AuditEdit),
    /// Add this file as evidence (or a checklist document) of the question shown.
    AddEvidence(PathBuf),
    /// Set the verdict of the question shown in the interview.
    SetVerdict(Option<Verdict>),
    /// Move in the interview.
    InterviewStep(Step),
    /// Show this question in the interview.
    InterviewGoTo(usize),
    /// Write the audit being edited to this new file.
    SaveAuditTo(PathBuf),
    /// Export to this file.
    ExportTo(ExportKind, PathBuf),
    /// Ask for the earlier comparison to carry this provider's annotations over from.
    ChooseCarryOver(String),
    /// Carry this provider's annotations over from this earlier comparison.
    CarryOverFrom(String, PathBuf),
    /// Choose a file with the system's dialog for the field of the open window.
    ChooseFile {
        /// A file to write (a save dialog) rather than one to read.
        save: bool,
        /// Which field of the window receives it.
        field: FormField,
    },
    /// Run the action of the open window (its form is read then).
    SubmitModal,
    /// Close the open window.
    CloseModal,
    /// The answer to "save your changes?".
    Unsaved(UnsavedChoice),
    /// Write over the file the open window names (changed on disk, or already there),
    /// after the user confirmed.
    OverwriteChanged,
    /// Drop the comparison's unsaved edits and read its file again.
    ReloadDroppingEdits,
    /// Clear the messages of the notification panel.
    ClearMessages,
    /// Ask before running a command.
    Confirm(Box<Confirm>),
    /// Cancel the export or import running in the background.
    CancelJob,
}

/// A question asked before a command runs: the command runs only when the user confirms.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    /// The window's title, a question.
    pub title: String,
    /// What will happen.
    pub text: String,
    /// The button that confirms.
    pub action: String,
    /// What runs when confirmed.
    pub command: Command,
}

impl From<UiCommand> for Command {
    fn from(command: UiCommand) -> Self {
        Self::Ui(command)
    }
}

/// What is exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The comparison image.
    Image,
    /// The report.
    Report,
    /// The section shown in the matrix.
    Section,
    /// The meeting's record as PDF.
    Pdf,
}

/// A path field of a form window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormField {
    /// The file the form writes.
    Output,
    /// The file the form reads.
    Input,
}

/// The answer to "save your changes?" before they would be dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    /// Save, then go on.
    Save,
    /// Go on and drop the changes.
    Discard,
    /// Do nothing.
    Cancel,
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

/// What decides whether a command can run now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommandState {
    /// Some audit is loaded.
    pub has_audits: bool,
    /// An edit can be undone (of the audit in the interview, else of the comparison).
    pub can_undo: bool,
    /// An undone edit can be redone.
    pub can_redo: bool,
    /// An audit is open in the interview.
    pub editing: bool,
    /// The interview is the view shown.
    pub in_interview: bool,
    /// The matrix is the view shown.
    pub in_matrix: bool,
    /// Something was exported in this session.
    pub exported: bool,
    /// Autosaved work is offered.
    pub recovery_offered: bool,
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "reads as the table's `shortcut` column, which is optional"
)]
const fn key(modifiers: Modifiers, key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(modifiers, key))
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl UiCommand {
    /// Second shortcuts, as other applications have them.
    pub const ALTERNATE_SHORTCUTS: &'static [(UiCommand, KeyboardShortcut)] = &[(
        Self::Redo,
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
    )];

    /// Text, tooltip and shortcut.
    #[must_use]
    #[expect(clippy::too_many_lines, reason = "the table: one arm per command")]
    pub fn info(self) -> CommandInfo {
        let (text, tooltip, shortcut) = match self {
            Self::NewAudit => (
                "New audit…",
                "Start the audit of a provider: a blank file with every question",
                key(CTRL, Key::N),
            ),
            Self::Open => ("Open…", "Open audits or a comparison", key(CTRL, Key::O)),
            Self::OpenPathField => (
                "Open path…",
                "Type the path of a file to open",
                key(CTRL, Key::L),
            ),
            Self::Save => (
                "Save",
                "Save the comparison (and the answers of the audit being edited)",
                key(CTRL, Key::S),
            ),
            Self::SaveAs => (
                "Save as…",
                "Save the comparison to a new file",
                key(CTRL_SHIFT, Key::S),
            ),
            Self::ExportImage => (
                "Export image…",
                "The comparison image for the minutes (PNG or SVG)",
                key(CTRL, Key::E),
            ),
            Self::ExportReport => (
                "Export report…",
                "Scores, gaps, annotations and the decision as Markdown or CSV",
                key(CTRL_SHIFT, Key::E),
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
            Self::Reload => (
                "Reload",
                "Read every open file again from disk (unsaved edits are kept)",
                key(Modifiers::NONE, Key::F5),
            ),
            Self::CloseAll => (
                "Close all",
                "Close every open file (asks first when there is unsaved work)",
                None,
            ),
            Self::Quit => (
                "Quit",
                "Close the window (asks first when there is unsaved work)",
                key(CTRL, Key::Q),
            ),
            Self::Undo => (
                "Undo",
                "Undo the last change (answers in the interview; elsewhere weights, must-haves, annotations, the decision)",
                key(CTRL, Key::Z),
            ),
            Self::Redo => (
                "Redo",
                "Apply again the change last undone",
                key(CTRL_SHIFT, Key::Z),
            ),
            Self::ShowOverview => (
                "Overview",
                "Sections × providers heat map and the ranking",
                key(CTRL, Key::Num1),
            ),
            Self::ShowMatrix => (
                "Section matrix",
                "Questions × providers of one section",
                key(CTRL, Key::Num2),
            ),
            Self::ShowCharts => (
                "Gap charts",
                "Verdicts per provider and section scores",
                key(CTRL, Key::Num3),
            ),
            Self::ShowDecision => (
                "Decision",
                "Weights, must-haves, the ranking's sensitivity and the decision",
                key(CTRL, Key::Num4),
            ),
            Self::ShowInterview => (
                "Interview",
                "Fill in and judge one audit, one question at a time",
                key(CTRL, Key::Num5),
            ),
            Self::ShowHistory => (
                "History",
                "A provider's audits over time: scores per section and what changed",
                key(CTRL, Key::Num6),
            ),
            Self::ShowResponsibility => (
                "Responsibility",
                "Who carries each control, as each provider's CAIQ states it, and what you still own",
                key(CTRL, Key::Num7),
            ),
            Self::NextSection => (
                "Next section",
                "Show the next section",
                key(CTRL, Key::PageDown),
            ),
            Self::PreviousSection => (
                "Previous section",
                "Show the previous section",
                key(CTRL, Key::PageUp),
            ),
            Self::FocusSearch => (
                "Search…",
                "Search questions, answers and notes",
                key(CTRL, Key::F),
            ),
            Self::MoveUp => (
                "Up",
                "Select the question above",
                key(Modifiers::NONE, Key::ArrowUp),
            ),
            Self::MoveDown => (
                "Down",
                "Select the question below",
                key(Modifiers::NONE, Key::ArrowDown),
            ),
            Self::MoveLeft => (
                "Left",
                "Select the provider on the left",
                key(Modifiers::NONE, Key::ArrowLeft),
            ),
            Self::MoveRight => (
                "Right",
                "Select the provider on the right",
                key(Modifiers::NONE, Key::ArrowRight),
            ),
            Self::ShowDetail => (
                "Question detail",
                "Every provider's full answer to the selected question",
                key(Modifiers::NONE, Key::Enter),
            ),
            Self::HideDetail => (
                "Hide detail",
                "Close the question detail",
                key(Modifiers::NONE, Key::Escape),
            ),
            Self::ToggleNotifications => (
                "Notifications",
                "Show or hide the findings of the loaded files",
                key(CTRL_SHIFT, Key::N),
            ),
            Self::ToggleTheme => (
                "Light or dark",
                "Switch between the light and the dark theme",
                key(CTRL_SHIFT, Key::T),
            ),
            Self::OpenExportFolder => (
                "Open folder",
                "Show the exported file's folder in the file manager",
                None,
            ),
            Self::ToggleJudging => (
                "Judging mode",
                "Walk the answers that have text and no verdict, one key per verdict",
                key(Modifiers::ALT, Key::G),
            ),
            Self::PreviousQuestion => (
                "Previous question",
                "The question before",
                key(Modifiers::ALT, Key::P),
            ),
            Self::NextQuestion => (
                "Next question",
                "The question after",
                key(Modifiers::ALT, Key::N),
            ),
            Self::NextUnanswered => (
                "Next unanswered",
                "The next question without an answer",
                key(Modifiers::ALT, Key::U),
            ),
            Self::NextUnjudged => (
                "Next not judged",
                "The next answer without a verdict",
                key(Modifiers::ALT, Key::J),
            ),
            Self::VerdictMeets => verdict_info("Meets", Key::Num1),
            Self::VerdictPartial => verdict_info("Partial", Key::Num2),
            Self::VerdictGap => verdict_info("Gap", Key::Num3),
            Self::VerdictNoAnswer => verdict_info("No answer", Key::Num4),
            Self::VerdictNotApplicable => verdict_info("Not applicable", Key::Num5),
            Self::VerdictNone => verdict_info("Not judged", Key::Num0),
            Self::SaveAudit => ("Save audit", "Write the audit to its file", None),
            Self::SaveAuditAs => ("Save audit as…", "Write the audit to another file", None),
            Self::ReloadAudit => (
                "Reload audit",
                "Read the audit again from its file, dropping the unsaved answers",
                None,
            ),
            Self::CloseAudit => ("Close audit", "Save the audit and close it", None),
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
        };
        CommandInfo {
            text,
            tooltip,
            shortcut,
        }
    }

    /// The verdict a verdict command sets (`Some(None)` for "not judged").
    #[must_use]
    pub fn verdict(self) -> Option<Option<Verdict>> {
        match self {
            Self::VerdictMeets => Some(Some(Verdict::Meets)),
            Self::VerdictPartial => Some(Some(Verdict::Partial)),
            Self::VerdictGap => Some(Some(Verdict::Gap)),
            Self::VerdictNoAnswer => Some(Some(Verdict::NoAnswer)),
            Self::VerdictNotApplicable => Some(Some(Verdict::NotApplicable)),
            Self::VerdictNone => Some(None),
            _ => None,
        }
    }

    /// The command that sets `verdict`.
    #[must_use]
    pub fn for_verdict(verdict: Option<Verdict>) -> Self {
        match verdict {
            Some(Verdict::Meets) => Self::VerdictMeets,
            Some(Verdict::Partial) => Self::VerdictPartial,
            Some(Verdict::Gap) => Self::VerdictGap,
            Some(Verdict::NoAnswer) => Self::VerdictNoAnswer,
            Some(Verdict::NotApplicable) => Self::VerdictNotApplicable,
            None => Self::VerdictNone,
        }
    }

    /// The interview move of a step command.
    #[must_use]
    pub fn step(self) -> Option<Step> {
        match self {
            Self::PreviousQuestion => Some(Step::Previous),
            Self::NextQuestion => Some(Step::Next),
            Self::NextUnanswered => Some(Step::NextUnanswered),
            Self::NextUnjudged => Some(Step::NextUnjudged),
            _ => None,
        }
    }

    /// Why the command cannot run now, or `None` when it can.
    #[must_use]
    pub fn disabled_reason(self, state: &CommandState) -> Option<&'static str> {
        let needs_audits = "Open audits first";
        let needs_editor = "Open an audit in the interview first (Ctrl+5)";
        match self {
            Self::Undo if !state.can_undo => Some("Nothing to undo"),
            Self::Redo if !state.can_redo => Some("Nothing to redo"),
            Self::ExportImage
            | Self::ExportReport
            | Self::ExportSection
            | Self::ExportPdf
            | Self::CloseAll
            | Self::Reload
                if !state.has_audits =>
            {
                Some(needs_audits)
            }
            Self::SaveAudit | Self::SaveAuditAs | Self::ReloadAudit | Self::CloseAudit
                if !state.editing =>
            {
                Some(needs_editor)
            }
            Self::ToggleJudging
            | Self::PreviousQuestion
            | Self::NextQuestion
            | Self::NextUnanswered
            | Self::NextUnjudged
            | Self::VerdictMeets
            | Self::VerdictPartial
            | Self::VerdictGap
            | Self::VerdictNoAnswer
            | Self::VerdictNotApplicable
            | Self::VerdictNone
                if !(state.editing && state.in_interview) =>
            {
                Some(needs_editor)
            }
            Self::OpenExportFolder if !state.exported => Some("Nothing was exported yet"),
            Self::RestoreRecovery | Self::DiscardRecovery if !state.recovery_offered => {
                Some("No autosaved work is waiting")
            }
            _ => None,
        }
    }

    /// True for commands whose shortcut is a bare key that a text field or a focused widget
    /// also uses: they are not read while one has the focus.
    #[must_use]
    pub fn is_navigation(self) -> bool {
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
    pub fn yields_to_text_field(self) -> bool {
        self.is_navigation() || matches!(self, Self::Undo | Self::Redo)
    }

    /// Every shortcut of the command: its own and its alternates.
    #[must_use]
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        self.info()
            .shortcut
            .into_iter()
            .chain(
                Self::ALTERNATE_SHORTCUTS
                    .iter()
                    .filter(|(command, _)| *command == self)
                    .map(|(_, shortcut)| *shortcut),
            )
            .collect()
    }

    /// Every command of the table.
    pub fn all() -> impl Iterator<Item = Self> {
        Self::iter()
    }
}

type Info = (&'static str, &'static str, Option<KeyboardShortcut>);

/// A verdict key of the interview: Alt+1 to Alt+5, Alt+0 for not judged yet.
fn verdict_info(text: &'static str, number: Key) -> Info {
    (
        text,
        "The verdict of the answer shown in the interview",
        key(Modifiers::ALT, number),
    )
}

/// The text a key types, as the window system sends it with the key (Alt+1 types "1").
fn typed_by(key: Key) -> Option<&'static str> {
    let name = key.symbol_or_name();
    (name.chars().count() == 1).then_some(name)
}

/// Consumes the presses of exactly `shortcut` and says how many there were (Shift and Alt must match too, so that
/// Ctrl+Shift+S is never taken for Ctrl+S), and the text event the window system sends
/// with it, so that the key never types into a focused text field (Alt+1 must not add
/// "1" to the answer while it sets the verdict).
fn consume_exact(input: &mut egui::InputState, shortcut: KeyboardShortcut) -> usize {
    let typed = typed_by(shortcut.logical_key);
    let mut found = 0;
    let mut swallow_text = false;
    input.events.retain(|event| match event {
        egui::Event::Key {
            key,
            modifiers,
            pressed: true,
            ..
        } if *key == shortcut.logical_key && modifiers.matches_exact(shortcut.modifiers) => {
            found += 1;
            swallow_text = true;
            false
        }
        egui::Event::Key { .. } => {
            swallow_text = false;
            true
        }
        egui::Event::Text(text) if swallow_text => {
            // The text of the shortcut's own key (any case), sent right after it.
            swallow_text = false;
            let own = typed.is_some_and(|t| t.eq_ignore_ascii_case(text))
                || !shortcut.modifiers.is_none();
            !own
        }
        _ => true,
    });
    found
}

/// The commands whose shortcut was pressed this frame (consumed from the input, with the
/// text their keys typed). In the interview Undo and Redo are the audit's even while the
/// Answer field has the focus (every answer typed is an edit of the audit).
#[must_use]
pub fn pressed(ctx: &egui::Context, in_interview: bool) -> Vec<UiCommand> {
    let typing = ctx.text_edit_focused();
    // Arrows, Enter and Escape belong to a focused widget (slider, combo box) when there is one.
    let widget_focused = ctx.memory(|m| m.focused().is_some());
    // Escape closes an open menu or pop-up first; no command takes it from them.
    let popup_open = egui::Popup::is_any_open(ctx);
    let mut commands = Vec::new();
    ctx.input_mut(|input| {
        for command in UiCommand::all() {
            let bare = command
                .info()
                .shortcut
                .is_some_and(|s| s.modifiers.is_none());
            let own_undo = in_interview && matches!(command, UiCommand::Undo | UiCommand::Redo);
            if (typing && !own_undo && (command.yields_to_text_field() || bare))
                || (widget_focused && command.is_navigation())
            {
                continue;
            }
            let mut fired = 0;
            for shortcut in command.shortcuts() {
                if popup_open && shortcut.logical_key == Key::Escape {
                    continue;
                }
                fired += consume_exact(input, shortcut);
            }
            // Every press counts: forty quick presses of an arrow move forty cells.
            commands.extend(std::iter::repeat_n(command, fired));
        }
    });
    commands
}

#[cfg(test)]
mod tests {
    use egui::{Key, KeyboardShortcut, Modifiers};

    use super::{CommandState, UiCommand};

    /// The keys a shortcut is pressed with on a platform: the command modifier is Cmd on
    /// macOS and Ctrl elsewhere, so that a Ctrl shortcut and a Cmd shortcut clash there.
    fn on_platform(shortcut: KeyboardShortcut, mac: bool) -> (Key, bool, bool, bool, bool) {
        let m = shortcut.modifiers;
        let command = m.command || (mac && m.mac_cmd) || (!mac && m.ctrl);
        let ctrl = if mac { m.ctrl } else { command };
        (shortcut.logical_key, m.alt, m.shift, ctrl, mac && command)
    }

    #[test]
    fn no_two_commands_share_a_shortcut_on_any_platform() {
        for mac in [false, true] {
            let mut seen = Vec::new();
            for command in UiCommand::all() {
                for shortcut in command.shortcuts() {
                    let keys = on_platform(shortcut, mac);
                    assert!(
                        !seen.iter().any(|(k, _)| *k == keys),
                        "{command:?} shares {shortcut:?} with {:?} (mac: {mac})",
                        seen.iter().find(|(k, _)| *k == keys)
                    );
                    seen.push((keys, command));
                }
            }
            assert!(seen.len() >= 30, "the table has shortcuts");
        }
    }

    #[test]
    fn ctrl_and_cmd_are_one_key_when_checking_clashes() {
        let ctrl = KeyboardShortcut::new(Modifiers::CTRL, Key::S);
        let command = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        assert_eq!(on_platform(ctrl, false), on_platform(command, false));
        assert_ne!(on_platform(ctrl, true), on_platform(command, true));
    }

    fn input_with(events: Vec<egui::Event>) -> Vec<UiCommand> {
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            events,
            ..egui::RawInput::default()
        };
        let mut commands = Vec::new();
        let mut output = ctx.run_ui(input, |ui| commands = super::pressed(ui.ctx(), false));
        output.textures_delta.clear();
        commands
    }

    fn key_event(key: Key, mut modifiers: Modifiers) -> egui::Event {
        // The platform's command key is Ctrl here.
        if modifiers.command {
            modifiers.ctrl = true;
        }
        egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    fn press(shortcut: KeyboardShortcut) -> Vec<UiCommand> {
        input_with(vec![key_event(shortcut.logical_key, shortcut.modifiers)])
    }

    #[test]
    fn every_shortcut_fires_its_own_command_and_nothing_else() {
        let mut pressed_any = 0;
        for command in UiCommand::all() {
            for shortcut in command.shortcuts() {
                assert_eq!(press(shortcut), [command], "{shortcut:?}");
                pressed_any += 1;
            }
        }
        assert!(pressed_any >= 30, "the table's shortcuts were pressed");
    }

    #[test]
    fn an_extra_shift_or_alt_is_not_the_same_shortcut() {
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        assert_eq!(
            press(KeyboardShortcut::new(ctrl_shift, Key::S)),
            [UiCommand::SaveAs]
        );
        assert_eq!(
            press(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::ALT,
                Key::S
            )),
            []
        );
        assert_eq!(
            press(KeyboardShortcut::new(ctrl_shift, Key::E)),
            [UiCommand::ExportReport]
        );
    }

    #[test]
    fn quick_presses_are_each_counted() {
        let events = (0..40)
            .map(|_| key_event(Key::ArrowRight, Modifiers::NONE))
            .collect();
        assert_eq!(input_with(events).len(), 40);
    }

    #[test]
    fn a_shortcut_swallows_the_text_its_key_types() {
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            events: vec![
                egui::Event::Text("a".to_owned()),
                key_event(Key::Num1, Modifiers::ALT),
                egui::Event::Text("1".to_owned()),
                key_event(Key::N, Modifiers::ALT),
                egui::Event::Text("n".to_owned()),
                egui::Event::Text("b".to_owned()),
            ],
            ..egui::RawInput::default()
        };
        let mut left = Vec::new();
        let mut output = ctx.run_ui(input, |ui| {
            let commands = super::pressed(ui.ctx(), false);
            assert_eq!(
                commands,
                [UiCommand::NextQuestion, UiCommand::VerdictMeets],
                "both shortcuts fire"
            );
            left = ui.input(|i| {
                i.events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Text(t) => Some(t.clone()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            });
        });
        output.textures_delta.clear();
        assert_eq!(left, ["a", "b"], "only what the user typed is left");
    }

    #[test]
    fn menu_texts_are_sentence_case_without_trailing_period() {
        for command in UiCommand::all() {
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

    #[test]
    fn commands_say_why_they_are_disabled() {
        let nothing = CommandState::default();
        assert_eq!(
            UiCommand::Undo.disabled_reason(&nothing),
            Some("Nothing to undo")
        );
        assert!(UiCommand::VerdictMeets.disabled_reason(&nothing).is_some());
        let ready = CommandState {
            can_undo: true,
            has_audits: true,
            ..CommandState::default()
        };
        assert_eq!(UiCommand::Undo.disabled_reason(&ready), None);
        assert_eq!(UiCommand::ExportImage.disabled_reason(&ready), None);
        assert_eq!(UiCommand::Open.disabled_reason(&nothing), None);
    }
}
