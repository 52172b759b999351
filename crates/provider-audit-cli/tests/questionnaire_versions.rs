//! An audit answered against an earlier version of its questionnaire loads against the
//! newer one: replaced ids read as the new ids, answers to removed questions are kept and
//! listed, new questions count as not asked; the audit file is never rewritten.

use crate::util::run_in;

const VERSION_2: &str = r#"(
    format: 1,
    id: "ops-review",
    version: "2",
    title: "Ops review",
    sections: [(id: "ops", title: "Operations", items: [
        (id: "ops.restore-tested", replaces: ["ops.backups"], text: "Are restores tested?"),
        (id: "ops.on-call", text: "Is there an on-call rota?"),
        (id: "ops.runbooks", text: "Are runbooks kept current?"),
    ])],
)
"#;

const AUDIT_OF_VERSION_1: &str = r#"(
    format: 1,
    questionnaire: "ops-review",
    questionnaire_version: "1",
    provider: "Example Cloud AB",
    answers: {
        "ops.backups": (answer: "Monthly restore drills.", verdict: Meets),
        "ops.tapes": (answer: "Tapes kept off site.", verdict: Meets),
        "ops.on-call": (answer: "Yes, 24/7.", verdict: Meets),
    },
)
"#;

#[test]
fn an_audit_of_an_earlier_version_loads_with_notices() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ops.questionnaire.ron"), VERSION_2).expect("write");
    std::fs::write(dir.path().join("example.ron"), AUDIT_OF_VERSION_1).expect("write");

    let checked = run_in(dir.path(), &["check", "example.ron"]);
    assert_eq!(
        checked.code, 0,
        "warnings only: {}{}",
        checked.stdout, checked.stderr
    );
    let lines: Vec<&str> = checked.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "example.ron:4:28: warning: audit answers version 1 of questionnaire `ops-review`; \
             version 2 is in use: replaced questions read as their new ids, new questions count \
             as not asked",
            "example.ron:7:9: warning: `ops.backups` was replaced by `ops.restore-tested`: its \
             answer is read as the answer to `ops.restore-tested`",
            "example.ron:8:9: warning: `ops.tapes` was answered in version 1, no longer asked; \
             the answer is kept, not scored",
        ]
    );

    // Two of three questions met: the replaced one counts, the new one is not asked.
    let summary = run_in(dir.path(), &["summary", "--format", "json", "example.ron"]);
    assert_eq!(summary.code, 0, "{}", summary.stderr);
    let json: serde_json::Value = serde_json::from_str(&summary.stdout).expect("JSON");
    let score = json["providers"][0]["score"].as_f64().expect("a score");
    assert!((score - 200.0 / 3.0).abs() < 0.1, "{score}");

    assert_eq!(
        std::fs::read_to_string(dir.path().join("example.ron")).expect("kept"),
        AUDIT_OF_VERSION_1,
        "the audit file is not rewritten"
    );
}

#[test]
fn questionnaire_check_refuses_replacing_a_live_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bad.questionnaire.ron"),
        VERSION_2.replace(
            r#"replaces: ["ops.backups"]"#,
            r#"replaces: ["ops.on-call"]"#,
        ),
    )
    .expect("write");
    let result = run_in(
        dir.path(),
        &["questionnaire", "check", "bad.questionnaire.ron"],
    );
    assert_eq!(result.code, 1);
    assert_eq!(
        result.stdout,
        "bad.questionnaire.ron:7:47: error: `ops.restore-tested` replaces `ops.on-call`, which \
         is still an item of this version\n"
    );
}
