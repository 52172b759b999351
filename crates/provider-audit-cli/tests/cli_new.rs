//! `provider-audit new`: a blank audit that passes `check` and never overwrites a file.

use crate::util::run_in;

#[test]
fn a_blank_audit_passes_check_and_is_not_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let result = run_in(
        dir.path(),
        &["new", "--provider", "Example Cloud AB", "-o", "example.ron"],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    let text = std::fs::read_to_string(dir.path().join("example.ron")).expect("written");
    assert!(text.contains("provider: \"Example Cloud AB\""));
    assert!(text.contains(
        "        //     Where are your data centers located?\n        \"tech.az.locations\": (answer: \"\"),"
    ));
    assert!(
        text.contains("// Availability Zones:\n"),
        "headings are comments only"
    );
    assert!(!text.contains("\"tech.az\":"), "no entry for headings");
    let check = run_in(dir.path(), &["check", "example.ron"]);
    assert_eq!(check.stdout, "");
    assert_eq!(check.code, 0, "{}", check.stderr);

    let again = run_in(
        dir.path(),
        &["new", "--provider", "Other", "-o", "example.ron"],
    );
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("example.ron already exists"),
        "{}",
        again.stderr
    );
    let unchanged = std::fs::read_to_string(dir.path().join("example.ron")).expect("still there");
    assert_eq!(unchanged, text);
}

#[test]
fn a_blank_audit_scores_zero_with_every_question_not_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let result = run_in(dir.path(), &["new", "--provider", "Blank AB"]);
    assert_eq!(result.code, 0);
    std::fs::write(dir.path().join("blank.ron"), &result.stdout).expect("write");
    let summary = run_in(dir.path(), &["summary", "blank.ron", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&summary.stdout).expect("json");
    let provider = &json["providers"][0];
    assert_eq!(provider["score"], 0.0);
    // 128 questions + 5 documents = 133; the nfs and hipaa items (3) count only when
    // answered, and the 7 "if yes"/"if not" follow-ups only once their parent has a verdict.
    assert_eq!(provider["gaps_by_cause"]["not_asked"], 123);
}
