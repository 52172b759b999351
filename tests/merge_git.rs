//! The team's git round trip with the real binary and real git in temporary folders:
//! `git-setup`, two clones editing one comparison, `git pull` running the merge driver,
//! conflicts written into the file, `check`, `summary`, resolving, `sign` and `due`.

use std::path::{Path, PathBuf};
use std::process::Command;

use provider_audit::compare::{self, Edit};
use provider_audit::merge::Resolution;
use provider_audit::model::{Comparison, Flag, QuestionId};

use egui_kittest::kittest::Queryable as _;
use provider_audit::app::{Command as AppCommand, UiCommand};

use crate::util::{Run, app_harness, fixture, run_in, settle};

const COMPARISON: &str = "meeting.comparison.ron";

/// The folder of the binary, put first on PATH so that git finds the driver by name.
fn path_with_binary() -> String {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_provider-audit"));
    let folder = binary.parent().expect("folder").to_path_buf();
    let mut paths = vec![folder];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths)
        .expect("PATH")
        .to_string_lossy()
        .into_owned()
}

fn git(dir: &Path, args: &[&str]) -> Run {
    Command::new("git")
        .args(["-c", "user.name=Tester", "-c", "user.email=t@example.org"])
        .args(["-c", "init.defaultBranch=main", "-c", "pull.rebase=false"])
        .args(args)
        .current_dir(dir)
        .env("PATH", path_with_binary())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs")
        .into()
}

fn git_ok(dir: &Path, args: &[&str]) -> Run {
    let run = git(dir, args);
    assert_eq!(run.code, 0, "git {args:?}: {}{}", run.stdout, run.stderr);
    run
}

/// A bare origin with the meeting's comparison and audits, and two clones of it, each set
/// up with `git-setup` as the README says.
fn team() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().expect("temp dir");
    let origin = root.path().join("origin.git");
    std::fs::create_dir(&origin).expect("dir");
    git_ok(&origin, &["init", "--bare", "-b", "main"]);
    let first = root.path().join("security");
    git_ok(root.path(), &["clone", "origin.git", "security"]);
    std::fs::copy(fixture("comparison.ron"), first.join(COMPARISON)).expect("copy");
    for name in ["alpha.ron", "beta.ron"] {
        std::fs::copy(fixture(name), first.join(name)).expect("copy");
    }
    std::fs::create_dir(first.join("evidence")).expect("dir");
    std::fs::copy(
        fixture("evidence/cert.txt"),
        first.join("evidence/cert.txt"),
    )
    .expect("copy");
    let setup = run_in(&first, &["git-setup"]);
    assert_eq!(setup.code, 0, "{}{}", setup.stdout, setup.stderr);
    git_ok(&first, &["add", "."]);
    git_ok(&first, &["commit", "-m", "The meeting's files"]);
    git_ok(&first, &["push", "origin", "main"]);
    let second = root.path().join("platform");
    git_ok(root.path(), &["clone", "origin.git", "platform"]);
    let setup = run_in(&second, &["git-setup"]);
    assert_eq!(setup.code, 0, "{}{}", setup.stdout, setup.stderr);
    (root, first, second)
}

fn load(dir: &Path) -> Comparison {
    let text = std::fs::read_to_string(dir.join(COMPARISON)).expect("read");
    assert!(!text.contains("<<<<<<<"), "no conflict markers: {text}");
    Comparison::from_ron(&text).expect("the merged file reads")
}

fn edit(dir: &Path, edits: Vec<Edit>) {
    let comparison = edits.into_iter().fold(load(dir), compare::apply);
    compare::save(&dir.join(COMPARISON), &comparison).expect("saved");
    git_ok(dir, &["commit", "-am", "Annotated"]);
}

fn annotate(provider: &str, question: &str, comment: &str, author: &str) -> Edit {
    Edit::Annotate {
        provider: provider.to_owned(),
        question: QuestionId::new(question),
        flag: Some(Flag::FollowUp),
        verdict: None,
        comment: comment.to_owned(),
        author: author.to_owned(),
        at: "2026-12-01T10:00:00Z".to_owned(),
    }
}

fn check(dir: &Path) -> Run {
    run_in(dir, &["check", "--comparison", COMPARISON])
}

#[test]
fn two_clones_annotating_different_questions_merge_cleanly_with_both() {
    let (_root, security, platform) = team();
    edit(
        &security,
        vec![
            annotate(
                "Alpha Cloud AB",
                "legal.eu-jurisdiction.operation",
                "ask for the DPA",
                "ak",
            ),
            Edit::SectionWeight("legal".into(), 3.0),
        ],
    );
    git_ok(&security, &["push", "origin", "main"]);
    edit(
        &platform,
        vec![
            annotate(
                "Beta Hosting GmbH",
                "tech.az.api-presentation",
                "one API?",
                "ml",
            ),
            Edit::SectionWeight("tech".into(), 0.5),
        ],
    );
    let pull = git(&platform, &["pull", "origin", "main"]);
    assert_eq!(
        pull.code, 0,
        "a clean merge: {}{}",
        pull.stdout, pull.stderr
    );
    let merged = load(&platform);
    assert!(merged.conflicts.is_empty());
    assert!(
        merged
            .annotation("Alpha Cloud AB", "legal.eu-jurisdiction.operation")
            .is_some()
    );
    assert!(
        merged
            .annotation("Beta Hosting GmbH", "tech.az.api-presentation")
            .is_some()
    );
    assert!((merged.section_weight("legal") - 3.0).abs() < 1e-9);
    assert!((merged.section_weight("tech") - 0.5).abs() < 1e-9);
    assert_eq!(
        merged.annotations.len(),
        4,
        "the two of the fixture and one from each side"
    );
    let text = std::fs::read_to_string(platform.join(COMPARISON)).expect("read");
    assert!(
        text.starts_with("// provider-audit comparison"),
        "header kept: {text}"
    );
    assert_eq!(check(&platform).code, 0);
}

#[test]
fn the_same_annotation_changed_on_both_sides_is_one_conflict_until_resolved() {
    let (_root, security, platform) = team();
    let question = "org.iso27001";
    edit(
        &security,
        vec![annotate(
            "Alpha Cloud AB",
            question,
            "Gothenburg is out of scope",
            "ak",
        )],
    );
    git_ok(&security, &["push", "origin", "main"]);
    edit(
        &platform,
        vec![annotate(
            "Alpha Cloud AB",
            question,
            "Scope is fine for us",
            "ml",
        )],
    );
    let pull = git(&platform, &["pull", "origin", "main"]);
    assert_ne!(pull.code, 0, "git reports the conflict");
    let merged = load(&platform);
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.field, "comment");
    assert_eq!(
        (conflict.ours_by.as_str(), conflict.theirs_by.as_str()),
        ("ml", "ak")
    );
    let checked = check(&platform);
    assert_eq!(checked.code, 1, "{}{}", checked.stdout, checked.stderr);
    assert!(
        checked.stdout.contains("unresolved merge conflict"),
        "{}",
        checked.stdout
    );
    let summary = run_in(&platform, &["summary", "--comparison", COMPARISON]);
    assert!(
        summary.stdout.contains("merge conflict") && summary.stdout.contains(question),
        "{}",
        summary.stdout
    );
    // The app shows the conflict in its band; "Take theirs" and Save resolve it.
    let mut harness = app_harness(vec![platform.join(COMPARISON)], "ml");
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("1 conflict from a merge")
            .is_some(),
        "the band names the conflict"
    );
    assert!(
        harness
            .query_by_label_contains("Mine: \"Scope is fine for us\" (ml")
            .is_some()
    );
    harness.get_by_label("Take theirs").click();
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("conflict from a merge")
            .is_none(),
        "the band is gone once resolved: {:?} {:?}",
        harness.state().model.view().conflicts,
        harness.state().notices.list()
    );
    harness.state_mut().push(UiCommand::Save);
    settle(&mut harness);
    assert_eq!(
        load(&platform)
            .annotation("Alpha Cloud AB", question)
            .map(|a| a.comment.clone()),
        Some("Gothenburg is out of scope".to_owned())
    );
    assert_eq!(check(&platform).code, 0);
    git_ok(&platform, &["add", COMPARISON]);
    git_ok(&platform, &["commit", "-m", "Resolved"]);
}

#[test]
fn a_value_of_ones_own_resolves_a_conflict_and_a_value_that_does_not_fit_is_refused() {
    let (_root, security, platform) = team();
    let question = "org.iso27001";
    edit(
        &security,
        vec![annotate("Alpha Cloud AB", question, "Out of scope", "ak")],
    );
    git_ok(&security, &["push", "origin", "main"]);
    edit(
        &platform,
        vec![annotate("Alpha Cloud AB", question, "Fine", "ml")],
    );
    assert_ne!(git(&platform, &["pull", "origin", "main"]).code, 0);
    let mut harness = app_harness(vec![platform.join(COMPARISON)], "ml");
    settle(&mut harness);
    let path = harness.state().model.view().conflicts[0].path.clone();
    let request = |how| {
        AppCommand::ResolveConflict(provider_audit::app::conflicts::ResolveRequest {
            path: path.clone(),
            kind: provider_audit::view::InputKind::Comparison,
            index: 0,
            how,
        })
    };
    // Not RON text for a comment: said, and the conflict stays.
    harness
        .state_mut()
        .push(request(Resolution::Value(Some("not a string".to_owned()))));
    settle(&mut harness);
    assert_eq!(harness.state().model.view().conflicts.len(), 1);
    assert!(
        harness
            .state()
            .notices
            .list()
            .iter()
            .any(|n| n.is_problem && n.text.contains(COMPARISON)),
        "the refusal names the file"
    );
    harness.state_mut().push(request(Resolution::Value(Some(
        "\"In scope after all\"".to_owned(),
    ))));
    settle(&mut harness);
    assert!(harness.state().model.view().conflicts.is_empty());
    // Undo brings the conflict back, like any edit.
    harness.state_mut().push(UiCommand::Undo);
    settle(&mut harness);
    assert_eq!(harness.state().model.view().conflicts.len(), 1);
    harness.state_mut().push(UiCommand::Redo);
    harness.state_mut().push(UiCommand::Save);
    settle(&mut harness);
    assert_eq!(
        load(&platform)
            .annotation("Alpha Cloud AB", question)
            .map(|a| a.comment.clone()),
        Some("In scope after all".to_owned())
    );
}

#[test]
fn the_app_signs_the_decision_and_shows_the_sign_off_stale_once_a_weight_changes() {
    let (_root, security, _platform) = team();
    let mut harness = app_harness(vec![security.join(COMPARISON)], "A. Karlsson");
    settle(&mut harness);
    harness.state_mut().push(UiCommand::ShowDecision);
    settle(&mut harness);
    harness.get_by_label("Sign the decision").click();
    settle(&mut harness);
    assert!(
        harness.query_by_label_contains("✓ A. Karlsson").is_some(),
        "the sign-off is listed as current"
    );
    assert!(
        harness
            .query_by_label_contains("Signed by A. Karlsson")
            .is_some()
    );
    harness.state_mut().push(UiCommand::Save);
    settle(&mut harness);
    let summary = run_in(&security, &["summary", "--comparison", COMPARISON]);
    assert!(
        summary.stdout.contains("Signed by A. Karlsson"),
        "{}",
        summary.stdout
    );
    // The same person cannot sign the same basis twice: said, not recorded.
    harness.get_by_label("Sign the decision").click();
    settle(&mut harness);
    assert_eq!(load_in_app(&harness), 1);
    // A weight changed since makes the sign-off stale, with what changed.
    harness
        .state_mut()
        .push(AppCommand::Edit(Edit::SectionWeight("legal".into(), 5.0)));
    settle(&mut harness);
    assert!(
        harness.query_by_label_contains("⚠ A. Karlsson").is_some()
            && harness.query_by_label_contains("stale").is_some(),
        "the sign-off shows as stale"
    );
    // The overview's list of what is due says the same as `due`.
    harness.state_mut().push(UiCommand::Save);
    harness.state_mut().push(UiCommand::ShowOverview);
    settle(&mut harness);
    let due = run_in(&security, &["due", COMPARISON, "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&due.stdout).expect("json");
    for item in items.as_array().expect("a list") {
        let message = item["message"].as_str().expect("message");
        assert!(
            harness.query_by_label_contains(message).is_some(),
            "the overview lists {message:?}"
        );
    }
    assert!(
        harness
            .query_by_label_contains("sign-off to renew")
            .is_some(),
        "the stale sign-off is due"
    );
}

fn load_in_app(
    harness: &egui_kittest::Harness<'static, provider_audit::app::ProviderAuditApp>,
) -> usize {
    harness
        .state()
        .model
        .view()
        .sign_offs
        .as_ref()
        .map_or(0, |s| s.sign_offs.len())
}

#[test]
fn a_sign_off_on_each_side_keeps_both() {
    let (_root, security, platform) = team();
    let signed = run_in(
        &security,
        &[
            "sign",
            "--comparison",
            COMPARISON,
            "--name",
            "A. Karlsson",
            "--role",
            "security officer",
        ],
    );
    assert_eq!(signed.code, 0, "{}{}", signed.stdout, signed.stderr);
    git_ok(&security, &["commit", "-am", "Signed"]);
    git_ok(&security, &["push", "origin", "main"]);
    let signed = run_in(
        &platform,
        &["sign", "--comparison", COMPARISON, "--name", "M. Lind"],
    );
    assert_eq!(signed.code, 0, "{}{}", signed.stdout, signed.stderr);
    git_ok(&platform, &["commit", "-am", "Signed"]);
    let pull = git(&platform, &["pull", "origin", "main"]);
    assert_eq!(pull.code, 0, "{}{}", pull.stdout, pull.stderr);
    let merged = load(&platform);
    let names: Vec<&str> = merged.sign_offs.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["M. Lind", "A. Karlsson"]);
    assert_eq!(
        merged.sign_offs[0].basis_sha256,
        merged.sign_offs[1].basis_sha256
    );
    let summary = run_in(&platform, &["summary", "--comparison", COMPARISON]);
    assert!(
        summary.stdout.contains("Signed by M. Lind, A. Karlsson"),
        "{}",
        summary.stdout
    );
    // A weight changed since makes both stale, with what changed.
    edit(&platform, vec![Edit::SectionWeight("legal".into(), 5.0)]);
    let summary = run_in(&platform, &["summary", "--comparison", COMPARISON]);
    assert!(summary.stdout.contains("stale"), "{}", summary.stdout);
    let due = run_in(&platform, &["due", COMPARISON]);
    assert_eq!(due.code, 1, "{}{}", due.stdout, due.stderr);
    assert!(due.stdout.contains("sign-off to renew"), "{}", due.stdout);
}

#[test]
fn git_setup_twice_changes_nothing() {
    let (_root, security, _platform) = team();
    let attributes = std::fs::read(security.join(".gitattributes")).expect("written");
    let again = run_in(&security, &["git-setup"]);
    assert_eq!(again.code, 0);
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
    assert_eq!(
        std::fs::read(security.join(".gitattributes")).expect("read"),
        attributes
    );
    let driver = git_ok(&security, &["config", "merge.provider-audit.driver"]);
    assert_eq!(
        driver.stdout.trim(),
        "provider-audit merge %O %A %B --path %P"
    );
    let outside = tempfile::tempdir().expect("temp dir");
    assert_eq!(
        run_in(outside.path(), &["git-setup"]).code,
        2,
        "not a repository"
    );
}

#[test]
fn the_driver_given_garbage_exits_2_and_leaves_ours_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let comparison = std::fs::read_to_string(fixture("comparison.ron")).expect("read");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    };
    let base = write("base", &comparison);
    for (ours_text, theirs_text) in [
        ("<<<<<<< HEAD\n(format: 1\n=======\n", comparison.as_str()),
        (comparison.as_str(), "not RON at all {{{"),
        (
            comparison.as_str(),
            "(format: 1, provider: \"P\", answers: {})",
        ),
        ("\u{0}\u{1}binary", comparison.as_str()),
    ] {
        let ours = write("ours", ours_text);
        let theirs = write("theirs", theirs_text);
        let run = run_in(
            dir.path(),
            &["merge", &base, &ours, &theirs, "--path", COMPARISON],
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains(COMPARISON), "{}", run.stderr);
        assert_eq!(std::fs::read_to_string(&ours).expect("read"), ours_text);
    }
}

#[test]
fn due_lists_reaudits_and_exits_1_when_something_is_due() {
    let dir = crate::util::meeting_folder();
    let path = dir.path().join("comparison.ron");
    let mut comparison =
        Comparison::from_ron(&std::fs::read_to_string(&path).expect("read")).expect("parses");
    let nothing = run_in(dir.path(), &["due", "alpha.ron", "--within", "0d"]);
    assert_eq!(nothing.code, 0, "{}{}", nothing.stdout, nothing.stderr);
    assert!(
        nothing.stdout.starts_with("Nothing due"),
        "{}",
        nothing.stdout
    );
    comparison
        .reaudit_months_by_provider
        .insert("Alpha Cloud AB".to_owned(), 1);
    compare::save(&path, &comparison).expect("saved");
    let run = run_in(dir.path(), &["due", "comparison.ron", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let items: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let items = items.as_array().expect("a list");
    assert!(
        items.iter().any(|item| item["kind"] == "reaudit"
            && item["provider"] == "Alpha Cloud AB"
            && item["due_on"] == "2026-11-14"),
        "{items:?}"
    );
    assert!(
        items
            .iter()
            .any(|item| item["provider"] == "Beta Hosting GmbH"
                && item["kind"] == "reaudit"
                && item["due_on"].is_null()),
        "Beta's audit has no date: listed as due, without a date: {items:?}"
    );
}
