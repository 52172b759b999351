//! The meeting's defects seen in a real window, each driven here with `egui_kittest`: names
//! that are recorded whole and never empty, the unsaved marker and the status line, the
//! annotation editor following a flag set from the matrix, knock-outs that open their
//! question, and notifications that put failed files and errors first.

use egui::Role;
use egui::accesskit::Toggled;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use provider_audit::app::{Command, ProviderAuditApp, UiCommand, View};
use provider_audit::compare::Edit;
use provider_audit::model::{Flag, QuestionId};

use crate::util::{app_harness, meeting_folder, settle};

fn push(harness: &mut Harness<'static, ProviderAuditApp>, command: impl Into<Command>) {
    harness.state_mut().push(command);
    harness.run();
}

#[test]
fn a_name_typed_letter_by_letter_is_recorded_whole_with_the_decision() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "");
    push(&mut harness, UiCommand::ShowDecision);
    let field = "Your name, recorded with annotations and the decision:";
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .click();
    harness.run();
    for letter in "UX Tester".chars() {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(&letter.to_string());
        harness.run();
    }
    assert_eq!(harness.state().prefs.author, "UX Tester");
    harness.get_by_label("Provider").click();
    harness.run();
    // Beta is knocked out in the fixture: it is marked, and a reason is asked for.
    harness
        .get_by_role_and_label(Role::Button, "Beta Hosting GmbH (knocked out)")
        .click();
    harness.run();
    type_into(
        &mut harness,
        "Rationale",
        "Cheaper; the single site is accepted",
    );
    assert!(
        harness
            .get_by_label("Replace the decision…")
            .accesskit_node()
            .is_disabled(),
        "no decision for a knocked-out provider without a reason"
    );
    type_into(
        &mut harness,
        "This provider is knocked out by a must-have: why is it chosen anyway?",
        "EU operation is contractually guaranteed",
    );
    // The fixture has a decision for Alpha: replacing it is asked first.
    harness.get_by_label("Replace the decision…").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .model
            .workspace()
            .comparison()
            .decision
            .as_ref()
            .map(|d| d.provider.as_str()),
        Some("Alpha Cloud AB"),
        "nothing replaced before the answer"
    );
    harness.get_by_label("Replace").click();
    harness.run();
    let comparison = harness.state().model.workspace().comparison().clone();
    let decision = comparison.decision.expect("decided");
    assert_eq!(decision.provider, "Beta Hosting GmbH");
    assert_eq!(
        decision.decided_by, "UX Tester",
        "the whole name, not its first letter"
    );
    assert!(
        decision.rationale.contains(
            "Chosen although knocked out by a must-have: EU operation is contractually guaranteed"
        ),
        "{}",
        decision.rationale
    );
    let earlier: Vec<&str> = comparison
        .superseded
        .iter()
        .map(|d| d.provider.as_str())
        .collect();
    assert_eq!(earlier, ["Alpha Cloud AB"], "the replaced decision is kept");
    assert!(
        harness.query_by_label("Earlier decisions (1)").is_some(),
        "and shown in the decision view"
    );
}

/// Clicks the multi-line text field labelled `label` and types `text` into it.
pub(crate) fn type_into(harness: &mut Harness<'static, ProviderAuditApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, label)
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, label)
        .type_text(text);
    harness.run();
}

#[test]
fn an_annotation_without_a_name_asks_for_one_and_is_never_recorded_unsigned() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "");
    let before = harness.state().model.workspace().comparison().clone();
    let edit = provider_audit::app::annotate::annotation_edit(
        &harness.state().prefs.author,
        "Alpha Cloud AB",
        &QuestionId::new("org.iso27001"),
        Some(Flag::FollowUp),
        None,
        "Ask for the scope".to_owned(),
    );
    push(&mut harness, Command::Edit(edit));
    assert!(
        matches!(
            harness.state().modal_kind(),
            Some(provider_audit::app::modal::ModalKind::Name(_))
        ),
        "the name is asked for"
    );
    assert_eq!(
        harness.state().model.workspace().comparison(),
        &before,
        "nothing recorded without a name"
    );
    let input = harness.get_by_role(Role::TextInput);
    input.type_text("A. Karlsson");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Sign").click();
    harness.run();
    let comparison = harness.state().model.workspace().comparison().clone();
    let note = comparison
        .annotation("Alpha Cloud AB", "org.iso27001")
        .expect("recorded after the name was given");
    assert_eq!(note.author, "A. Karlsson");
    assert_eq!(harness.state().prefs.author, "A. Karlsson", "asked once");
}

#[test]
fn a_flag_set_from_the_matrix_shows_in_the_question_detail_at_once() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    let item = harness
        .state()
        .model
        .questionnaire
        .position("org.iso27001")
        .expect("question");
    let column = harness
        .state()
        .model
        .ranking()
        .iter()
        .position(|s| s.provider == "Alpha Cloud AB")
        .expect("ranked");
    push(&mut harness, Command::ShowQuestion(item, column));
    assert_eq!(harness.state().view(), View::Matrix);
    assert_eq!(
        harness.get_by_label("No flag").accesskit_node().toggled(),
        Some(Toggled::False),
        "the fixture flags this answer Weak"
    );
    // What the matrix cell's context menu does: flag for a follow-up.
    push(
        &mut harness,
        Command::Edit(Edit::Annotate {
            provider: "Alpha Cloud AB".to_owned(),
            question: QuestionId::new("org.iso27001"),
            flag: Some(Flag::FollowUp),
            verdict: None,
            comment: String::new(),
            author: "ak".to_owned(),
            at: "2026-12-03T10:00:00Z".to_owned(),
        }),
    );
    harness.run();
    assert_eq!(
        harness.get_by_label("Follow-up").accesskit_node().toggled(),
        Some(Toggled::True)
    );
    assert_eq!(
        harness.get_by_label("Weak").accesskit_node().toggled(),
        Some(Toggled::False)
    );
}

#[test]
fn a_knock_out_names_its_question_and_opens_it() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    // Beta is knocked out by legal.eu-jurisdiction.operation in the fixture.
    let question = harness
        .state()
        .model
        .questionnaire
        .item("legal.eu-jurisdiction.operation")
        .map(|i| provider_audit::model::markdown::plain_text(&i.text))
        .expect("question");
    let link = provider_audit::labels::one_line(&question);
    harness.get_by_role_and_label(Role::Link, &link).click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.view(), View::Matrix);
    let selection = app.selection().expect("the question is selected");
    assert_eq!(
        app.model.questionnaire.items[selection.item].id.as_str(),
        "legal.eu-jurisdiction.operation"
    );
    assert_eq!(
        app.model.provider_name(selection.column),
        "Beta Hosting GmbH"
    );
}

#[test]
fn the_toolbar_says_unsaved_and_the_status_line_confirms_a_save() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    harness.state_mut().prefs.show_notifications = false;
    push(
        &mut harness,
        Command::Edit(Edit::SectionWeight("legal".into(), 3.0)),
    );
    assert!(harness.query_by_label("● unsaved changes").is_some());
    push(&mut harness, UiCommand::Save);
    assert!(harness.query_by_label("● unsaved changes").is_none());
    let saved = format!("Saved {}", dir.path().join("comparison.ron").display());
    assert!(
        harness.query_by_label(&saved).is_some(),
        "the status line says so with the notification panel hidden"
    );
}

#[test]
fn a_failed_file_is_listed_as_failed_with_its_error_first_and_can_be_closed() {
    let dir = meeting_folder();
    // A second audit of Alpha: refused, with an error that comes before any warning.
    let text = std::fs::read_to_string(dir.path().join("alpha.ron"))
        .expect("read")
        .replace("// A small, valid audit.", "// The same provider again.");
    std::fs::write(dir.path().join("alpha-again.ron"), text).expect("write");
    let again = dir.path().join("alpha-again.ron");
    let mut harness = app_harness(vec![dir.path().join("alpha.ron"), again.clone()], "ak");
    let failed = format!("Failed to load {} (1 error)", again.display());
    assert!(
        harness.query_by_label(&failed).is_some(),
        "listed as failed"
    );
    let shown: Vec<provider_audit::validate::Finding> = harness
        .state()
        .model
        .findings_errors_first()
        .into_iter()
        .cloned()
        .collect();
    let first = &shown[0];
    assert!(
        first.is_error() && first.message.contains("is also audited in"),
        "{first}"
    );
    assert!(
        shown.iter().all(|f| f.path != again || f.is_error()),
        "no warnings about a file that was not loaded: {shown:?}"
    );
    let (errors, warnings) = harness.state().finding_counts();
    assert_eq!((errors, errors + warnings), (1, shown.len()));
    harness.get_by_label("Clear messages").click();
    harness.run();
    assert_eq!(
        harness.state().finding_counts(),
        (0, 0),
        "the counts follow"
    );
    // One "Close file" per file, failed files first.
    harness
        .get_all_by_role_and_label(Role::Button, "Close file")
        .next()
        .expect("a button per file")
        .click();
    settle(&mut harness);
    let paths = harness.state().model.session.paths().to_vec();
    assert_eq!(
        paths,
        [dir.path().join("alpha.ron")],
        "the failed file is closed"
    );
    assert_eq!(harness.state().model.provider_count(), 1);
}
