//! `provider-audit diff` and re-audits: the samples' yearly review of Nordlys Cloud AB with
//! its exact change list, the loader taking the latest audit of a provider, and the
//! same-date error naming both files.

use crate::util::{root, run_in};

fn samples() -> std::path::PathBuf {
    root().join("sample_audits")
}

#[test]
fn the_samples_yearly_review_lists_exactly_what_changed() {
    let run = run_in(
        &samples(),
        &[
            "diff",
            "nordlys-2025.ron",
            "nordlys.ron",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["old"]["audited_on"], "2025-10-15");
    assert_eq!(json["new"]["audited_on"], "2026-10-14");
    let changes: Vec<(String, String, String)> = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().expect("id").to_owned(),
                c["kind"].as_str().expect("kind").to_owned(),
                c["direction"].as_str().expect("direction").to_owned(),
            )
        })
        .collect();
    let expected = [
        ("tech.iam.multi-project-user", "verdict", "better"),
        ("tech.storage.object.object-lock", "verdict", "better"),
        ("tech.network.dns", "verdict", "better"),
        (
            "legal.eu-jurisdiction.suppliers.web-assets",
            "verdict",
            "worse",
        ),
        ("evidence.terms", "evidence", "same"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect();
    assert_eq!(changes, expected);
    let web = &json["changes"][3];
    assert_eq!(
        (web["old_verdict"].as_str(), web["new_verdict"].as_str()),
        (Some("Meets"), Some("Gap"))
    );
    let sections = json["sections"].as_array().expect("sections");
    let legal = sections.iter().find(|s| s["id"] == "legal").expect("legal");
    assert!(legal["new_score"].as_f64() < legal["old_score"].as_f64());
}

#[test]
fn text_and_markdown_show_the_word_changes() {
    let text = run_in(&samples(), &["diff", "nordlys-2025.ron", "nordlys.ron"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout
            .contains("[-No-]{+Yes, Designate (OpenStack+} DNS"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("↓ verdict  legal.eu-jurisdiction.suppliers.web-assets")
    );
    let markdown = run_in(
        &samples(),
        &[
            "diff",
            "nordlys-2025.ron",
            "nordlys.ron",
            "--format",
            "markdown",
        ],
    );
    assert!(
        markdown
            .stdout
            .starts_with("## Changes since 2025-10-15: Nordlys Cloud AB\n"),
        "{}",
        markdown.stdout
    );
    assert!(
        markdown
            .stdout
            .contains("~~No~~**Yes, Designate (OpenStack** DNS")
    );
}

#[test]
fn the_report_of_the_samples_has_the_changes_since_last_year() {
    let mut args = vec![
        "report".to_owned(),
        "--format".to_owned(),
        "markdown".to_owned(),
    ];
    let mut files: Vec<String> = std::fs::read_dir(samples())
        .expect("samples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .map(|path| {
            path.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    args.extend(files);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = run_in(&samples(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("## Changes since 2025-10-15: Nordlys Cloud AB"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("nordlys-2025.ron"),
        "its hash is listed"
    );
}

#[test]
fn the_latest_audit_of_a_provider_is_current_whatever_the_order() {
    for order in [
        ["nordlys.ron", "nordlys-2025.ron"],
        ["nordlys-2025.ron", "nordlys.ron"],
    ] {
        let run = run_in(
            &samples(),
            &["summary", "--format", "json", order[0], order[1]],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        let providers = json["providers"].as_array().expect("providers");
        assert_eq!(providers.len(), 1, "one provider, its history aside");
        assert!(
            providers[0]["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("nordlys.ron")),
            "{}",
            providers[0]
        );
        let summary = run_in(&samples(), &["summary", order[0], order[1]]);
        assert!(
            summary.stderr.contains(
                "note: Nordlys Cloud AB: the audit of 2026-10-14 (nordlys.ron) is current; \
                 earlier audits, its history: 2025-10-15 (nordlys-2025.ron)"
            ),
            "{}",
            summary.stderr
        );
    }
}

#[test]
fn two_audits_of_one_provider_on_one_date_are_an_error_naming_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(samples().join("nordlys.ron")).expect("read");
    std::fs::write(dir.path().join("a.ron"), &text).expect("write");
    std::fs::write(dir.path().join("b.ron"), &text).expect("write");
    let run = run_in(dir.path(), &["check", "a.ron", "b.ron"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "b.ron:8:15: error: provider `Nordlys Cloud AB` is also audited in a.ron, with the same \
             `audited_on` date, 2026-10-14"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn diff_of_a_broken_file_exits_1_and_a_renamed_provider_warns() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("broken.ron"), "(format: 1, provider: ").expect("write");
    let text = std::fs::read_to_string(samples().join("nordlys.ron")).expect("read");
    std::fs::write(
        dir.path().join("renamed.ron"),
        text.replace("\"Nordlys Cloud AB\"", "\"Nordlys Cloud Holding AB\""),
    )
    .expect("write");
    std::fs::write(dir.path().join("nordlys.ron"), &text).expect("write");
    let broken = run_in(dir.path(), &["diff", "broken.ron", "nordlys.ron"]);
    assert_eq!(broken.code, 1, "{}", broken.stderr);
    assert!(broken.stderr.contains("broken.ron:"), "{}", broken.stderr);
    let renamed = run_in(dir.path(), &["diff", "nordlys.ron", "renamed.ron"]);
    assert_eq!(renamed.code, 0, "{}", renamed.stderr);
    assert!(
        renamed
            .stderr
            .contains("warning: the provider's name differs")
    );
    assert!(renamed.stdout.contains("0 changes"), "{}", renamed.stdout);
    let missing = run_in(dir.path(), &["diff", "nordlys.ron"]);
    assert_eq!(missing.code, 2);
}
