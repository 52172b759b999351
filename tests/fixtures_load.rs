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
fn viewing_never_modifies_the_files() {
    let q = Questionnaire::builtin();
    let paths = [
        fixture("comparison.ron"),
        fixture("alpha.ron"),
        fixture("beta.ron"),
    ];
    // Content and modification time of every file.
    let state = || -> Vec<(Vec<u8>, std::time::SystemTime)> {
        paths
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
    let workspace = Workspace::load(&paths, q, Date::today());
    let _ = workspace.ranking(q);
    let after = state();
    assert_eq!(before, after);
}
