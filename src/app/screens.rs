//! The one registry of screens: [`SCREENS`] lists each screen once with the command that
//! shows it, and that list drives the toolbar, the View menu, the shortcuts and the
//! dispatch. Adding a screen is one struct with a `ui(&mut self, ui, ctx)` and one entry.

use super::charts::ChartsView;
use super::command::UiCommand;
use super::context::ViewCtx;
use super::decision::DecisionView;
use super::history::HistoryView;
use super::interview::InterviewView;
use super::matrix::MatrixView;
use super::overview::OverviewView;
use super::prefs::View;
use super::responsibility::ResponsibilityView;

/// One screen of the central panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    /// Which screen.
    pub view: View,
    /// The command that shows it (its text is the toolbar's, its shortcut Ctrl+number).
    pub command: UiCommand,
}

/// Every screen, in the order of the toolbar.
pub const SCREENS: [Screen; 7] = [
    Screen {
        view: View::Overview,
        command: UiCommand::ShowOverview,
    },
    Screen {
        view: View::Matrix,
        command: UiCommand::ShowMatrix,
    },
    Screen {
        view: View::Charts,
        command: UiCommand::ShowCharts,
    },
    Screen {
        view: View::Decision,
        command: UiCommand::ShowDecision,
    },
    Screen {
        view: View::Interview,
        command: UiCommand::ShowInterview,
    },
    Screen {
        view: View::History,
        command: UiCommand::ShowHistory,
    },
    Screen {
        view: View::Responsibility,
        command: UiCommand::ShowResponsibility,
    },
];

/// The screen `command` shows, if it shows one.
#[must_use]
pub fn shown_by(command: UiCommand) -> Option<View> {
    SCREENS
        .iter()
        .find(|screen| screen.command == command)
        .map(|screen| screen.view)
}

/// The screens with their own state.
#[derive(Debug, Default)]
pub struct Screens {
    /// The overview.
    pub overview: OverviewView,
    /// The section matrix with the question detail.
    pub matrix: MatrixView,
    /// The gap charts.
    pub charts: ChartsView,
    /// Weights, sensitivity and the decision.
    pub decision: DecisionView,
    /// Filling in and judging one audit.
    pub interview: InterviewView,
    /// A provider's audits over time.
    pub history: HistoryView,
    /// The shared-responsibility split.
    pub responsibility: ResponsibilityView,
    /// The band of merge conflicts above every screen.
    pub conflicts: super::conflicts::ConflictBand,
}

impl Screens {
    /// Draws screen `view`.
    pub fn ui(&mut self, view: View, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        match view {
            View::Overview => self.overview.ui(ui, ctx),
            View::Matrix => self.matrix.ui(ui, ctx),
            View::Charts => self.charts.ui(ui, ctx),
            View::Decision => self.decision.ui(ui, ctx),
            View::Interview => self.interview.ui(ui, ctx),
            View::History => self.history.ui(ui, ctx),
            View::Responsibility => self.responsibility.ui(ui, ctx),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{SCREENS, shown_by};

    #[test]
    fn every_screen_has_its_own_command_with_a_shortcut() {
        for (index, screen) in SCREENS.iter().enumerate() {
            assert_eq!(shown_by(screen.command), Some(screen.view));
            assert!(screen.command.info().shortcut.is_some(), "{screen:?}");
            assert!(
                SCREENS[..index]
                    .iter()
                    .all(|other| other.view != screen.view),
                "{screen:?} is listed once"
            );
        }
    }
}
