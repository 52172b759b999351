//! `provider-audit import caiq`: a made-up CAIQ-shaped workbook read into an audit and the
//! questionnaire it answers, found by the usual discovery; the shared-responsibility JSON;
//! `import` of a CAIQ refused with a pointer to `import caiq`; the classified `diff`.

use provider_audit::caiq::sample::{SampleRow, SampleWorkbook, made_up_rows};
use provider_audit::model::{Audit, Claim, Ownership};

use crate::util::run_in;

fn workbook(dir: &std::path::Path, name: &str, rows: Vec<SampleRow>) {
    let bytes = SampleWorkbook::new("4.0.3", rows)
        .to_bytes()
        .expect("workbook written");
    std::fs::write(dir.join(name), bytes).expect("write");
}

#[test]
fn a_caiq_imports_with_its_questionnaire_and_loads_with_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    workbook(dir.path(), "Nimbus_Hollow.xlsx", made_up_rows(4, 3, 2, 3));
    let run = run_in(
        dir.path(),
        &["import", "caiq", "Nimbus_Hollow.xlsx", "-o", "nimbus.ron"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("provider: Nimbus Hollow (from the file name; give another with --provider)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("wrote csa-caiq-4.0.3.questionnaire.ron"),
        "{}",
        run.stderr
    );
    let audit =
        Audit::from_ron(&std::fs::read_to_string(dir.path().join("nimbus.ron")).expect("read"))
            .expect("parses");
    assert_eq!(audit.provider, "Nimbus Hollow");
    assert_eq!(audit.questionnaire, "csa-caiq");
    assert!(audit.answers.iter().all(|(_, a)| a.verdict.is_none()));
    assert!(
        audit
            .answers
            .iter()
            .any(|(_, a)| a.claim() == Some(Claim::Yes))
    );
    assert!(
        audit
            .answers
            .iter()
            .any(|(_, a)| a.ownership == Some(Ownership::SharedCspCsc))
    );

    // A second provider of the same CAIQ version: the questionnaire is there already.
    workbook(dir.path(), "quill.xlsx", made_up_rows(4, 3, 2, 8));
    let run = run_in(
        dir.path(),
        &[
            "import",
            "caiq",
            "quill.xlsx",
            "-o",
            "quill.ron",
            "--provider",
            "Quillfeather",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("is there already"), "{}", run.stderr);
    assert!(!run.stderr.contains("from the file name"), "{}", run.stderr);

    // Never over an existing audit; nothing else written then.
    let again = run_in(
        dir.path(),
        &["import", "caiq", "quill.xlsx", "-o", "quill.ron"],
    );
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);

    let summary = run_in(
        dir.path(),
        &["summary", "nimbus.ron", "quill.ron", "--format", "json"],
    );
    assert_eq!(summary.code, 0, "{}", summary.stderr);
    let json: serde_json::Value = serde_json::from_str(&summary.stdout).expect("json");
    assert_eq!(json["questionnaire"], "csa-caiq");
    let counts = &json["ownership"]["Quillfeather"]["kcu"];
    let total: u64 = ["csp", "shared", "third_party", "customer", "blank"]
        .iter()
        .map(|key| counts[key].as_u64().expect("a count"))
        .sum();
    assert_eq!(total, 6, "3 controls × 2 questions in the domain: {counts}");
    let check = run_in(dir.path(), &["check", "nimbus.ron"]);
    assert!(!check.stdout.contains("error"), "{}", check.stdout);
}

#[test]
fn bad_caiq_inputs_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut not_caiq = SampleWorkbook::new("4.0.3", made_up_rows(1, 1, 2, 1));
    not_caiq.headers = vec!["ID".into(), "Question".into(), "Answer".into()];
    std::fs::write(
        dir.path().join("other.xlsx"),
        not_caiq.to_bytes().expect("bytes"),
    )
    .expect("write");
    let run = run_in(dir.path(), &["import", "caiq", "other.xlsx", "-o", "o.ron"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("not a CAIQ v4 workbook"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\"Question ID\""), "{}", run.stderr);

    let mut rows = made_up_rows(1, 1, 2, 1);
    rows[1].id.clone_from(&rows[0].id);
    workbook(dir.path(), "dup.xlsx", rows);
    let run = run_in(dir.path(), &["import", "caiq", "dup.xlsx", "-o", "o.ron"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("appears twice"), "{}", run.stderr);
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ron"))
        .collect();
    assert!(written.is_empty(), "nothing written: {written:?}");
}

#[test]
fn import_of_a_caiq_without_caiq_is_refused_and_points_to_import_caiq() {
    let dir = tempfile::tempdir().expect("temp dir");
    workbook(dir.path(), "provider.xlsx", made_up_rows(2, 2, 2, 4));
    let run = run_in(
        dir.path(),
        &["import", "provider.xlsx", "-o", "p.ron", "--provider", "P"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no question id of questionnaire `infrastructure-provider-audit` found"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("import caiq"), "{}", run.stderr);
    assert!(!dir.path().join("p.ron").exists(), "nothing written");
}

#[test]
fn two_caiq_versions_differing_only_in_wording_diff_in_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = made_up_rows(2, 2, 2, 6);
    let mut reworded = rows.clone();
    for row in &mut reworded {
        row.description = row.description.replace(' ', "  ").replace("Our", "our");
    }
    workbook(dir.path(), "v1.xlsx", rows);
    std::fs::create_dir(dir.path().join("old")).expect("dir");
    workbook(&dir.path().join("old"), "v0.xlsx", reworded);
    for (input, output) in [("v1.xlsx", "new.ron"), ("old/v0.xlsx", "old/old.ron")] {
        let run = run_in(
            dir.path(),
            &["import", "caiq", input, "-o", output, "--provider", "P"],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let text = run_in(dir.path(), &["diff", "old/old.ron", "new.ron"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout.contains("wording changes, no answer changed"),
        "{}",
        text.stdout
    );
    assert_eq!(
        text.stdout.lines().filter(|l| !l.trim().is_empty()).count(),
        2,
        "{}",
        text.stdout
    );
    let json = run_in(
        dir.path(),
        &["diff", "old/old.ron", "new.ron", "--format", "json"],
    );
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let changes = value["changes"].as_array().expect("changes");
    assert!(!changes.is_empty());
    assert!(
        changes.iter().all(|c| c["class"] == "wording"),
        "{}",
        json.stdout
    );
}
