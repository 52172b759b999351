//! The library's loader over fixture files: the same results as the command line.

use provider_audit::model::{Date, Questionnaire};
use provider_audit::workspace::Workspace;

use crate::util::fixture;

#[test]
fn a_comparison_brings_its_audits_relative_to_itself() {
    let q = Questionnaire::builtin();
    let today = Date::parse("2026-11-30").expect("date");
    let workspace = Workspace::load(&[fixture("comparison.ron")], q, today);
    assert!(workspace.findings.is_empty(), "{:?}", workspace.findings);
    let providers: Vec<&str> = workspace
        .audits
        .iter()
        .map(|a| a.audit.provider.as_str())
        .collect();
    assert_eq!(providers, ["Alpha Cloud AB", "Beta Hosting GmbH"]);
    assert!(workspace.audits.iter().all(|a| a.sha256.len() == 64));
    let ranking = workspace.ranking(q);
    assert_eq!(ranking[0].provider, "Alpha Cloud AB");
    assert!(ranking[1].knocked_out());
}

#[test]
fn expiry_is_judged_against_the_given_date() {
    let q = Questionnaire::builtin();
    let before = Workspace::load(
        &[fixture("documents.ron")],
        q,
        Date::parse("2020-01-01").expect("date"),
    );
    assert!(
        !before
            .findings
            .iter()
            .any(|f| f.message.contains("expired"))
    );
    let after = Workspace::load(
        &[fixture("documents.ron")],
        q,
        Date::parse("2020-02-01").expect("date"),
    );
    assert!(
        after
            .findings
            .iter()
            .any(|f| f.message.contains("expired on 2020-01-31"))
    );
}

#[test]
fn drift_is_recorded_for_changed_and_missing_audits() {
    let q = Questionnaire::builtin();
    let workspace = Workspace::load(
        &[fixture("comparison-drift.ron")],
        q,
        Date::parse("2026-11-30").expect("date"),
    );
    let listed: Vec<(&str, bool)> = workspace
        .drift
        .iter()
        .map(|d| (d.listed_path.as_str(), d.current.is_some()))
        .collect();
    assert_eq!(listed, [("alpha.ron", true), ("gone.ron", false)]);
    assert_eq!(
        workspace.audits.len(),
        1,
        "the audit that exists still loads"
    );
}

#[test]
fn viewing_editing_and_saving_never_modify_the_audit_files() {
    use provider_audit::app::{Command, Prefs, ProviderAuditApp, View};
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["comparison.ron", "alpha.ron", "beta.ron"] {
        std::fs::copy(fixture(name), dir.path().join(name)).expect("copy");
    }
    let audits = [dir.path().join("alpha.ron"), dir.path().join("beta.ron")];
    // Content and modification time of every audit.
    let state = || -> Vec<(Vec<u8>, std::time::SystemTime)> {
        audits
            .iter()
            .map(|p| {
                (
                    std::fs::read(p).expect("read"),
                    std::fs::metadata(p)
                        .and_then(|m| m.modified())
                        .expect("mtime"),
                )
            })
            .collect()
    };
    let before = state();
    let app = ProviderAuditApp::new(Prefs::default(), vec![dir.path().join("comparison.ron")]);
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_ui_state(|ui, app: &mut ProviderAuditApp| app.show(ui), app);
    harness.run();
    assert_eq!(
        harness.state().model.provider_count(),
        2,
        "both audits loaded"
    );
    for view in [View::Overview, View::Matrix, View::Charts, View::Decision] {
        harness.state_mut().prefs.view = view;
        harness.run();
    }
    harness
        .state_mut()
        .push(Command::Edit(provider_audit::compare::Edit::SectionWeight(
            "legal".into(),
            3.0,
        )));
    harness.run();
    harness.state_mut().write_recovery();
    harness
        .state_mut()
        .push(provider_audit::app::UiCommand::Save);
    harness.run();
    harness
        .state_mut()
        .push(provider_audit::app::UiCommand::Reload);
    crate::util::settle(&mut harness);
    assert!(!harness.state().is_dirty(), "saved");
    // The recovery thread removes the recovery file of work now saved.
    harness.state().model.session.flush_recovery();
    assert_eq!(before, state(), "the audits are byte for byte as they were");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "alpha.ron",
            "beta.ron",
            "comparison.ron",
            "comparison.ron.bak"
        ],
        "only the comparison and its backup were written"
    );
    // The loader alone reads, and writes nothing either.
    let q = Questionnaire::builtin();
    let workspace = Workspace::load(&audits, q, Date::today());
    assert_eq!(workspace.audits.len(), 2);
    assert_eq!(before, state());
}
