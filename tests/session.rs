//! The meeting's state through the app's keys: Save as, then Ctrl+S and F5 keep what was
//! recorded; F5 keeps unsaved edits; Ctrl+Z and Ctrl+Shift+Z (Ctrl+Y) undo and redo every
//! kind of edit; each shortcut fires only with exactly its modifiers.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use provider_audit::app::{Command, ProviderAuditApp};
use provider_audit::compare::Edit;
use provider_audit::model::{Comparison, Decision, Flag, QuestionId};

use crate::util::{app_harness, meeting_folder, settle};

fn push(harness: &mut Harness<'static, ProviderAuditApp>, command: impl Into<Command>) {
    harness.state_mut().push(command);
    harness.run();
}

fn press(harness: &mut Harness<'static, ProviderAuditApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    settle(harness);
}

fn new_decision() -> Edit {
    Edit::Decide(Decision {
        provider: "Beta Hosting GmbH".to_owned(),
        rationale: "Cheaper, and the single site is accepted".to_owned(),
        decided_by: "ak".to_owned(),
        decided_on: "2026-12-03".to_owned(),
        ..Decision::default()
    })
}

fn follow_up() -> Edit {
    Edit::Annotate {
        provider: "Alpha Cloud AB".to_owned(),
        question: QuestionId::new("org.iso27001"),
        flag: Some(Flag::FollowUp),
        verdict: None,
        comment: "Send the certificate's scope".to_owned(),
        author: "ak".to_owned(),
        at: "2026-12-03T10:00:00Z".to_owned(),
    }
}

fn read(path: &std::path::Path) -> Comparison {
    Comparison::from_ron(&std::fs::read_to_string(path).expect("saved")).expect("parses")
}

#[test]
fn save_as_then_decide_save_reload_save_keeps_the_decision_and_the_flag() {
    let dir = meeting_folder();
    let original = dir.path().join("comparison.ron");
    let copy = dir.path().join("meeting2.comparison.ron");
    let mut harness = app_harness(vec![original.clone()], "ak");
    push(&mut harness, Command::SaveTo(copy.clone()));
    push(&mut harness, Command::Edit(new_decision()));
    push(&mut harness, Command::Edit(follow_up()));
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!harness.state().is_dirty());
    press(&mut harness, Modifiers::NONE, Key::F5);
    assert_eq!(
        harness
            .state()
            .model
            .session
            .comparison_path()
            .map(std::path::Path::to_path_buf),
        Some(copy.clone())
    );
    assert!(
        !harness.state().is_dirty(),
        "what was saved is what was reloaded"
    );
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let saved = read(&copy);
    assert_eq!(
        saved.decision.as_ref().map(|d| d.provider.as_str()),
        Some("Beta Hosting GmbH")
    );
    assert!(
        saved
            .annotation("Alpha Cloud AB", "org.iso27001")
            .is_some_and(|a| a.flag == Some(Flag::FollowUp))
    );
    assert_eq!(
        read(&original).decision.map(|d| d.provider),
        Some("Alpha Cloud AB".to_owned()),
        "the first file keeps its own decision"
    );
}

#[test]
fn reload_keeps_unsaved_edits() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    push(&mut harness, Command::Edit(follow_up()));
    press(&mut harness, Modifiers::NONE, Key::F5);
    let app = harness.state();
    assert!(app.is_dirty(), "still unsaved after F5");
    assert!(
        app.model
            .workspace()
            .comparison()
            .annotation("Alpha Cloud AB", "org.iso27001")
            .is_some_and(|a| a.flag == Some(Flag::FollowUp))
    );
}

#[test]
fn ctrl_z_and_ctrl_shift_z_undo_and_redo_every_kind_of_edit() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    let loaded = harness.state().model.workspace().comparison().clone();
    let edits = [
        Edit::SectionWeight("tech".into(), 2.5),
        Edit::MustHave(QuestionId::new("org.iso27001"), true),
        follow_up(),
        new_decision(),
    ];
    let mut states = vec![loaded.clone()];
    for edit in edits {
        push(&mut harness, Command::Edit(edit));
        states.push(harness.state().model.workspace().comparison().clone());
    }
    for state in states.iter().rev().skip(1) {
        press(&mut harness, Modifiers::COMMAND, Key::Z);
        assert_eq!(harness.state().model.workspace().comparison(), state);
    }
    assert!(
        !harness.state().is_dirty(),
        "undone back to the file's state"
    );
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(harness.state().model.workspace().comparison(), &states[1]);
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(harness.state().model.workspace().comparison(), &states[2]);
    let ranking_weight = harness.state().model.ranking()[0].sections[0].weight;
    assert!(ranking_weight > 0.0, "the ranking is derived after redo");
}

#[test]
fn every_shortcut_fires_its_own_command_and_only_with_its_modifiers() {
    let dir = meeting_folder();
    let path = dir.path().join("comparison.ron");
    let before = std::fs::read(&path).expect("read");
    let mut harness = app_harness(vec![path.clone()], "ak");
    push(
        &mut harness,
        Command::Edit(Edit::SectionWeight("tech".into(), 0.1)),
    );
    // Ctrl+Shift+S is Save as: the file the comparison came from is not written.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert!(harness.state().is_dirty());
    assert!(matches!(
        harness.state().modal_kind(),
        Some(provider_audit::app::modal::ModalKind::Path(
            provider_audit::app::modal::PathPurpose::SaveComparison,
            _
        ))
    ));
    // While a window asks, shortcuts wait; Escape closes it.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().modal.is_none());
    // Ctrl+Shift+E is the report, never the image.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    assert!(matches!(
        harness.state().modal_kind(),
        Some(provider_audit::app::modal::ModalKind::Path(
            provider_audit::app::modal::PathPurpose::Export(
                provider_audit::app::command::ExportKind::Report
            ),
            _
        ))
    ));
    // Ctrl+Shift+Z is Redo, not Undo: with nothing undone it changes nothing.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(
        (harness
            .state()
            .model
            .workspace()
            .comparison()
            .section_weight("tech")
            - 0.1)
            .abs()
            < 1e-9
    );
}
