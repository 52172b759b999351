//! `provider-audit workbook` and `import`: the round trip with a provider through a
//! spreadsheet, never over an existing file, and bad inputs named with their exit code.

use provider_audit_core::model::{Audit, Verdict};

use crate::util::{fixture, run_in};

fn read(path: &std::path::Path) -> Audit {
    Audit::from_ron(&std::fs::read_to_string(path).expect("written")).expect("parses")
}

#[test]
fn a_workbook_prefilled_from_an_audit_imports_back_the_same_answers_unjudged() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("alpha.ron"), dir.path().join("alpha.ron")).expect("copy");
    let made = run_in(
        dir.path(),
        &[
            "workbook",
            "--from",
            "alpha.ron",
            "--sender",
            "Platform team",
            "-o",
            "alpha.xlsx",
        ],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let again = run_in(dir.path(), &["workbook", "-o", "alpha.xlsx"]);
    assert_eq!(again.code, 2, "never overwritten");
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);

    let imported = run_in(
        dir.path(),
        &["import", "alpha.xlsx", "-o", "alpha-2027.ron"],
    );
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert!(
        imported.stderr.contains("answers imported"),
        "{}",
        imported.stderr
    );
    let before = read(&dir.path().join("alpha.ron"));
    let after = read(&dir.path().join("alpha-2027.ron"));
    assert_eq!(
        after.provider, before.provider,
        "the workbook names its provider"
    );
    for (id, answer) in before.answers.iter().filter(|(_, a)| !a.answer.is_empty()) {
        let back = after.answer(id.as_str()).expect("imported");
        assert_eq!(back.answer, answer.answer, "{id}");
        assert_eq!(back.verdict, None, "the auditor judges {id}");
    }
    let text = std::fs::read_to_string(dir.path().join("alpha-2027.ron")).expect("read");
    assert!(
        text.starts_with("// Imported from alpha.xlsx"),
        "the log heads the file"
    );
    let check = run_in(dir.path(), &["check", "alpha-2027.ron"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let summary = run_in(
        dir.path(),
        &["summary", "--format", "json", "alpha-2027.ron"],
    );
    let json: serde_json::Value = serde_json::from_str(&summary.stdout).expect("JSON");
    assert!(json["providers"][0]["to_judge"].as_u64().expect("count") > 0);
}

#[test]
fn a_merge_keeps_the_verdicts_of_unchanged_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("alpha.ron"), dir.path().join("alpha.ron")).expect("copy");
    let before = read(&dir.path().join("alpha.ron"));
    let (kept, kept_answer) = before
        .answers
        .iter()
        .find(|(_, a)| a.verdict.is_some())
        .map(|(id, a)| (id.to_string(), a.answer.clone()))
        .expect("a judged answer");
    let csv = format!(
        "id,question,answer,evidence,comment\n{kept},,\"{}\",,\norg.iso27001,,Certified since 2020 now,,\n",
        kept_answer.replace('"', "\"\"")
    );
    std::fs::write(dir.path().join("update.csv"), csv).expect("write");
    let run = run_in(
        dir.path(),
        &[
            "import",
            "update.csv",
            "--merge",
            "alpha.ron",
            "-o",
            "merged.ron",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let merged = read(&dir.path().join("merged.ron"));
    assert_eq!(
        merged.answer(&kept).and_then(|a| a.verdict),
        before.answer(&kept).and_then(|a| a.verdict)
    );
    assert_eq!(merged.answer("org.iso27001").and_then(|a| a.verdict), None);
    assert_ne!(
        before.answer("org.iso27001").and_then(|a| a.verdict),
        None::<Verdict>,
        "the fixture had judged it"
    );
    assert!(
        run.stderr.contains("org.iso27001"),
        "the log names it: {}",
        run.stderr
    );
}

#[test]
fn bad_inputs_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.xlsx"), "not a workbook").expect("write");
    let run = run_in(
        dir.path(),
        &["import", "notes.xlsx", "--provider", "P", "-o", "p.ron"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("notes.xlsx: not a spreadsheet"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("p.ron").exists());
    std::fs::write(
        dir.path().join("a.csv"),
        "id,answer\ntech.az.locations,Three\n",
    )
    .expect("write");
    let run = run_in(dir.path(), &["import", "a.csv", "-o", "a.ron"]);
    assert_eq!(run.code, 2, "no provider named");
    assert!(run.stderr.contains("--provider"), "{}", run.stderr);
    assert!(!dir.path().join("a.ron").exists());
}

#[test]
fn a_workbook_of_another_questionnaire_needs_force_and_is_then_matched_by_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("mine.ron"),
        r#"(format: 1, id: "mine", title: "My audit", sections: [(id: "dc", title: "Sites",
            items: [(id: "dc.where", text: "Where are your  data centers located?")])])"#,
    )
    .expect("write");
    std::fs::write(
        dir.path().join("last.ron"),
        r#"(format: 1, questionnaire: "mine", provider: "P", answers: {"dc.where": (answer: "=Three sites", verdict: Meets)})"#,
    )
    .expect("write");
    let sent = run_in(
        dir.path(),
        &[
            "--questionnaire",
            "mine.ron",
            "workbook",
            "--from",
            "last.ron",
            "-o",
            "mine.xlsx",
        ],
    );
    assert_eq!(sent.code, 0, "{}", sent.stderr);
    let refused = run_in(dir.path(), &["import", "mine.xlsx", "-o", "p.ron"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("mine.xlsx: the workbook is of questionnaire `mine`"),
        "{}",
        refused.stderr
    );
    assert!(!dir.path().join("p.ron").exists());
    let forced = run_in(
        dir.path(),
        &["import", "mine.xlsx", "--force", "-o", "p.ron"],
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let audit = read(&dir.path().join("p.ron"));
    let answer = audit
        .answer("tech.az.locations")
        .expect("matched by its text");
    assert_eq!(answer.answer, "=Three sites");
    assert_eq!(answer.verdict, None);
}

#[test]
fn a_file_over_16_mib_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = std::fs::File::create(dir.path().join("big.xlsx")).expect("create");
    file.set_len(17 * 1024 * 1024).expect("size");
    let run = run_in(
        dir.path(),
        &["import", "big.xlsx", "--provider", "P", "-o", "p.ron"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("big.xlsx: cannot read: over the limit of 16 MiB"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("p.ron").exists());
}

#[test]
fn a_re_audit_of_another_questionnaire_finds_it_beside_the_audit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let samples = crate::util::root().join("sample_audits/platform-requirements");
    for name in ["nordlys.ron", "platform-requirements.questionnaire.ron"] {
        std::fs::copy(samples.join(name), dir.path().join(name)).expect("copy");
    }
    let sent = run_in(
        dir.path(),
        &["workbook", "--from", "nordlys.ron", "-o", "nordlys.xlsx"],
    );
    assert_eq!(sent.code, 0, "{}", sent.stderr);
    let back = run_in(
        dir.path(),
        &[
            "import",
            "nordlys.xlsx",
            "--merge",
            "nordlys.ron",
            "-o",
            "nordlys-again.ron",
        ],
    );
    assert_eq!(back.code, 0, "{}", back.stderr);
    let (before, after) = (
        read(&dir.path().join("nordlys.ron")),
        read(&dir.path().join("nordlys-again.ron")),
    );
    assert_eq!(after.questionnaire, "platform-requirements");
    assert!(!before.answers.is_empty());
    for (id, answer) in before.answers.iter() {
        let again = after.answer(id.as_str()).expect("kept");
        assert_eq!(
            (&again.answer, again.verdict),
            (&answer.answer, answer.verdict),
            "{id}: unchanged answers keep their verdict"
        );
    }
}
