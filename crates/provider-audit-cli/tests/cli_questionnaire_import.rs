//! `provider-audit questionnaire import` and `questionnaire check`: a questionnaire of
//! one's own from Markdown, checked like any other file.

use crate::util::{root, run_in};

const PAGE: &str = "# Ops review\n\n## Backups\n\n1. Are backups tested?\n    1. If not, why not?\n1. [For NFS] Are exports squashed?\n\n## Papers\n\n- Contract\n- Insurance\n";

#[test]
fn import_writes_a_questionnaire_that_lists_and_checks_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("page.md"), PAGE).expect("write");
    let result = run_in(
        dir.path(),
        &[
            "questionnaire",
            "import",
            "page.md",
            "-o",
            "ops.questionnaire.ron",
            "--documents",
            "Papers",
            "--id",
            "ops-review",
        ],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("2 sections, 5 items"),
        "{}",
        result.stderr
    );
    let written =
        std::fs::read_to_string(dir.path().join("ops.questionnaire.ron")).expect("written");
    assert!(written.contains("never\n// after"), "{written}");
    assert!(
        written.contains("id: \"backups.backups-tested.if-not\""),
        "{written}"
    );

    let listed = run_in(
        dir.path(),
        &[
            "--questionnaire",
            "ops.questionnaire.ron",
            "questionnaire",
            "--format",
            "json",
        ],
    );
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let items: Vec<serde_json::Value> = serde_json::from_str(&listed.stdout).expect("JSON");
    assert_eq!(items.len(), 5);
    assert_eq!(items[1]["condition"], "if-not");
    assert_eq!(items[4]["kind"], "document");

    for command in [&["questionnaire", "check"][..], &["check"][..]] {
        let mut args = command.to_vec();
        args.push("ops.questionnaire.ron");
        let checked = run_in(dir.path(), &args);
        assert_eq!(
            checked.code, 0,
            "{args:?}: {}{}",
            checked.stdout, checked.stderr
        );
        assert_eq!(checked.stdout, "", "{args:?}");
    }

    let other = run_in(
        dir.path(),
        &["--questionnaire", "ops.questionnaire.ron", "questionnaire"],
    );
    assert!(
        other.stdout.starts_with("# Ops review\n\nVersion: 1\n"),
        "{}",
        other.stdout
    );
    let builtin = root().join("assets/provider-audit.questionnaire.ron");
    let mixed = run_in(
        dir.path(),
        &[
            "check",
            "ops.questionnaire.ron",
            builtin.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(mixed.code, 0, "{}", mixed.stderr);
    assert!(
        mixed.stdout.contains(
            "warning: questionnaire `infrastructure-provider-audit` is not the one in use (`ops-review`)"
        ),
        "{}",
        mixed.stdout
    );

    let again = run_in(
        dir.path(),
        &[
            "questionnaire",
            "import",
            "page.md",
            "-o",
            "ops.questionnaire.ron",
        ],
    );
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ops.questionnaire.ron")).expect("kept"),
        written,
        "never overwritten"
    );
}

#[test]
fn a_page_without_lists_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("prose.md"), "# Title\n\nOnly prose.\n").expect("write");
    let result = run_in(
        dir.path(),
        &["questionnaire", "import", "prose.md", "-o", "q.ron"],
    );
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("prose.md: no list items found"),
        "{}",
        result.stderr
    );
    assert!(!dir.path().join("q.ron").exists());
}

#[test]
fn check_reports_each_broken_rule_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bad.questionnaire.ron"),
        "(format: 1, id: \"bad\", title: \"Bad\", sections: [(id: \"s\", title: \"S\", items: [\n\
         (id: \"s.a\", text: \"A?\"),\n\
         (id: \"s.a\", text: \"\"),\n\
         (id: \"s.b\", condition: IfYes, tags: [\"gpu\"], text: \"B?\"),\n])])\n",
    )
    .expect("write");
    for command in [&["questionnaire", "check"][..], &["check"][..]] {
        let mut args = command.to_vec();
        args.push("bad.questionnaire.ron");
        let result = run_in(dir.path(), &args);
        assert_eq!(result.code, 1, "{args:?}: {}", result.stderr);
        let lines: Vec<&str> = result.stdout.lines().collect();
        assert_eq!(
            lines,
            [
                "bad.questionnaire.ron:3:6: error: item id `s.a` appears twice",
                "bad.questionnaire.ron:3:19: error: item `s.a` has an empty text",
                "bad.questionnaire.ron:4:6: error: item `s.b` has a condition but no parent to apply it to",
                "bad.questionnaire.ron:4:38: warning: unknown scope tag `gpu` (known: hipaa, managed-service, nfs); declare it in `scope_tags` if it is meant",
            ],
            "{args:?}"
        );
    }
    let missing = run_in(dir.path(), &["questionnaire", "check", "nowhere.ron"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stdout.starts_with("nowhere.ron: error:"),
        "{}",
        missing.stdout
    );
}

#[test]
fn the_upstream_page_imports_to_the_built_in_listing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = root().join("assets/upstream/provider-audit.md");
    let page = page.to_str().expect("UTF-8 path");
    let result = run_in(
        dir.path(),
        &[
            "questionnaire",
            "import",
            page,
            "-o",
            "upstream.questionnaire.ron",
            "--documents",
            "Evidence",
            "--section-tag",
            "Legal issues=managed-service",
            "--section-tag",
            "Collaboration=managed-service",
            "--section-tag",
            "Environment Management=managed-service",
        ],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    let listing = |args: &[&str]| -> Vec<serde_json::Value> {
        let run = run_in(dir.path(), args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str(&run.stdout).expect("JSON")
    };
    let ours = listing(&[
        "--questionnaire",
        "upstream.questionnaire.ron",
        "questionnaire",
        "--format",
        "json",
    ]);
    let builtin = listing(&["questionnaire", "--format", "json"]);
    assert_eq!(ours.len(), builtin.len());
    for (a, b) in ours.iter().zip(&builtin) {
        for key in ["depth", "kind", "text", "tags", "condition"] {
            assert_eq!(a[key], b[key], "{key} of {} / {}", a["id"], b["id"]);
        }
    }
}

#[test]
fn the_platform_requirements_sample_summarises_with_its_own_questionnaire() {
    let folder = root().join("sample_audits/platform-requirements");
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .expect("sample folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        4,
        "the questionnaire and three audits: {files:?}"
    );
    let mut args = vec!["summary", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let result = run_in(&root(), &args);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let summary: serde_json::Value = serde_json::from_str(&result.stdout).expect("JSON");
    assert_eq!(summary["providers"].as_array().map(Vec::len), Some(3));
    assert_eq!(summary["providers"][0]["name"], "Nordlys Cloud AB");

    // The audits alone: the questionnaire is found beside them.
    let audits: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|f| !f.ends_with(".questionnaire.ron"))
        .collect();
    let mut args = vec!["check"];
    args.extend(&audits);
    let checked = run_in(&root(), &args);
    assert_eq!(checked.code, 0, "{}{}", checked.stdout, checked.stderr);
    assert_eq!(checked.stdout, "");

    // The Markdown page imports to the committed questionnaire, comment and all.
    let dir = tempfile::tempdir().expect("temp dir");
    let page = folder.join("platform-requirements.md");
    let imported = run_in(
        dir.path(),
        &[
            "questionnaire",
            "import",
            page.to_str().expect("UTF-8"),
            "-o",
            "q.ron",
            "--id",
            "platform-requirements",
        ],
    );
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("q.ron")).expect("written"),
        std::fs::read_to_string(folder.join("platform-requirements.questionnaire.ron"))
            .expect("committed")
    );
}

#[test]
fn a_missing_or_mixed_questionnaire_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("mine.ron"),
        r#"(format: 1, questionnaire: "mine", provider: "P", answers: {})"#,
    )
    .expect("write");
    let result = run_in(dir.path(), &["summary", "mine.ron"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("answers questionnaire `mine`")
            && result.stderr.contains("*.questionnaire.ron"),
        "{}",
        result.stderr
    );
    let sample = root().join("sample_audits/nordlys.ron");
    let result = run_in(
        dir.path(),
        &["summary", "mine.ron", sample.to_str().expect("UTF-8")],
    );
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("different questionnaires")
            && result.stderr.contains("mine.ron")
            && result.stderr.contains("nordlys.ron"),
        "{}",
        result.stderr
    );
}
