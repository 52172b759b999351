//! Re-audits in the app, driven with `egui_kittest`: last year's audit of Nordlys Cloud AB
//! opened beside this year's becomes its history; the History view lists what changed and
//! the section matrix marks the cells whose verdict changed.

use egui_kittest::kittest::Queryable as _;
use provider_audit::app::{UiCommand, View};

use crate::util::{app_harness, root, settle};

fn nordlys_over_two_years() -> egui_kittest::Harness<'static, provider_audit::app::ProviderAuditApp>
{
    let samples = root().join("sample_audits");
    let mut harness = app_harness(
        vec![
            samples.join("nordlys.ron"),
            samples.join("nordlys-2025.ron"),
            samples.join("eisenwald.ron"),
        ],
        "ak",
    );
    settle(&mut harness);
    harness
}

#[test]
fn the_history_view_lists_what_changed_since_last_year() {
    let mut harness = nordlys_over_two_years();
    let app = harness.state();
    assert_eq!(
        app.model.provider_count(),
        2,
        "last year's audit is history, not a column"
    );
    assert!(
        harness.query_by_label("History: 1 earlier audit").is_some(),
        "the overview offers the history"
    );
    harness.get_by_label("History: 1 earlier audit").click();
    harness.run();
    assert_eq!(harness.state().view(), View::History);
    assert!(
        harness
            .query_by_label_contains("Changes since 2025-10-15")
            .is_some()
    );
    for question in [
        "Can one single user be given access to multiple projects?",
        "Do you offer DNS as a Service? Which API?",
        "Even the web fonts and analytics code on your front-page?",
    ] {
        assert!(
            harness.query_by_label(question).is_some(),
            "{question} is listed"
        );
    }
    // A change opens its question in the section matrix.
    harness
        .get_by_label("Do you offer DNS as a Service? Which API?")
        .click();
    harness.run();
    assert_eq!(harness.state().view(), View::Matrix);
}

#[test]
fn the_matrix_marks_verdicts_that_changed_since_the_previous_audit() {
    let mut harness = nordlys_over_two_years();
    harness.state_mut().push(UiCommand::ShowMatrix);
    harness.run();
    assert!(
        harness
            .query_by_label(
                "Nordlys Cloud AB · tech.iam.multi-project-user: meets · better since the previous audit"
            )
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Nordlys Cloud AB · tech.az.locations: meets")
            .is_some(),
        "unchanged verdicts carry no marker"
    );
}

#[test]
fn without_an_earlier_audit_the_history_view_says_how_to_get_one() {
    let samples = root().join("sample_audits");
    let mut harness = app_harness(vec![samples.join("nordlys.ron")], "ak");
    settle(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num6);
    harness.run();
    assert_eq!(
        harness.state().view(),
        View::History,
        "Ctrl+6 shows the History view"
    );
    assert!(
        harness
            .query_by_label_contains("No provider has more than one audit open")
            .is_some()
    );
}

#[test]
fn last_years_annotations_carry_over_where_the_answer_did_not_change_and_undo_in_one_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let earlier = dir.path().join("review-2025.comparison.ron");
    std::fs::write(
        &earlier,
        r#"(format: 1, audits: [], annotations: [
            (provider: "Nordlys Cloud AB", question: "tech.az.locations", flag: Some(FollowUp), comment: "Visit sto3 next time", author: "ak", at: "2025-11-20T10:00:00Z"),
            (provider: "Nordlys Cloud AB", question: "tech.network.dns", flag: Some(Weak), comment: "No DNS service", author: "ak", at: "2025-11-20T10:01:00Z"),
        ])"#,
    )
    .expect("write");
    let mut harness = nordlys_over_two_years();
    harness.state_mut().push(UiCommand::ShowHistory);
    harness.run();
    harness
        .state_mut()
        .carry_over_from("Nordlys Cloud AB", &earlier);
    harness.run();
    let comparison = harness.state().model.session.comparison().clone();
    let carried = comparison
        .annotation("Nordlys Cloud AB", "tech.az.locations")
        .expect("the unchanged answer's annotation is carried over");
    assert_eq!(carried.comment, "Visit sto3 next time");
    assert!(
        comparison
            .annotation("Nordlys Cloud AB", "tech.network.dns")
            .is_none(),
        "the answer about DNS changed: its old annotation does not apply"
    );
    harness.state_mut().push(UiCommand::Undo);
    harness.run();
    assert!(
        harness
            .state()
            .model
            .session
            .comparison()
            .annotations
            .is_empty(),
        "one undo takes the carried annotations back"
    );
}
