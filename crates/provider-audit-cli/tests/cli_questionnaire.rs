//! `provider-audit questionnaire`: Markdown and JSON listings of the built-in questionnaire.

use crate::util::run;

#[test]
fn json_lists_every_item_with_the_specified_keys() {
    let result = run(&["questionnaire", "--format", "json"]);
    assert_eq!(result.code, 0);
    let items: Vec<serde_json::Value> = serde_json::from_str(&result.stdout).expect("a JSON array");
    assert_eq!(items.len(), 142);
    let first = &items[1];
    assert_eq!(first["id"], "tech.az.locations");
    assert_eq!(first["section"], "tech");
    assert_eq!(first["parent"], "tech.az");
    assert_eq!(first["depth"], 1);
    assert_eq!(first["kind"], "question");
    assert_eq!(items[0]["kind"], "heading");
    let kinds: std::collections::BTreeSet<&str> =
        items.iter().filter_map(|i| i["kind"].as_str()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["document", "heading", "question"]
    );
    let baa = items
        .iter()
        .find(|i| i["id"] == "legal.baa.sign")
        .expect("present");
    let tags: Vec<&str> = baa["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(tags, ["managed-service", "hipaa"]);
}

#[test]
fn markdown_shows_ids_and_marks() {
    let result = run(&["questionnaire"]);
    assert_eq!(result.code, 0);
    assert!(
        result
            .stdout
            .starts_with("# Infrastructure Provider Audit\n")
    );
    assert!(
        result
            .stdout
            .contains("    1. Where are your data centers located? `tech.az.locations`\n")
    );
    assert!(
        result
            .stdout
            .contains("1. Availability Zones: `tech.az` _(heading)_\n")
    );
    assert!(
        result
            .stdout
            .contains("`tech.netsec.ntp.private-server` _(if-not)_")
    );
    assert!(
        result
            .stdout
            .contains("## Legal issues (`legal`)\n\nScope: managed-service\n")
    );
}

#[test]
fn a_custom_questionnaire_can_be_used() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("mine.ron"),
        r#"(format: 1, id: "mine", title: "My audit", sections: [(id: "ops", title: "Operations",
            items: [(id: "ops.backups", text: "How are backups tested?")])])"#,
    )
    .expect("write");
    std::fs::write(
        dir.path().join("audit.ron"),
        r#"(format: 1, questionnaire: "mine", provider: "P", answers: {"ops.backups": (answer: "Monthly.", verdict: Meets)})"#,
    )
    .expect("write");
    let result = crate::util::run_in(
        dir.path(),
        &["--questionnaire", "mine.ron", "summary", "audit.ron"],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stdout.contains("100.0"), "{}", result.stdout);
    let broken = crate::util::run_in(
        dir.path(),
        &["--questionnaire", "audit.ron", "questionnaire"],
    );
    assert_eq!(broken.code, 2);
    assert!(broken.stderr.contains("audit.ron:1:"), "{}", broken.stderr);
}
