//! `provider-audit check`: one line per finding with file, line and column, and the
//! exit codes of the specification, for every bad input.

use crate::util::{Run, fixture, root, run, run_in};

fn check_fixture(name: &str) -> Run {
    run_in(&root().join("tests/fixtures"), &["check", name])
}

fn assert_single_finding(name: &str, expected_line: &str, expected_code: i32) {
    let result = check_fixture(name);
    assert_eq!(
        result.stdout,
        format!("{expected_line}\n"),
        "stderr: {}",
        result.stderr
    );
    assert_eq!(result.code, expected_code, "exit code for {name}");
}

#[test]
fn valid_audits_pass_without_findings() {
    let result = check_fixture("alpha.ron");
    assert_eq!(result.stdout, "");
    assert_eq!(result.code, 0);
    assert!(
        result
            .stderr
            .contains("1 audit loaded, 0 errors, 0 warnings"),
        "{}",
        result.stderr
    );
}

#[test]
fn syntax_errors_name_line_and_column() {
    assert_single_finding(
        "syntax-error.ron",
        "syntax-error.ron:4:5: error: Expected comma",
        1,
    );
}

#[test]
fn unknown_verdicts_list_the_valid_ones() {
    assert_single_finding(
        "unknown-verdict.ron",
        "unknown-verdict.ron:5:62: error: Unexpected variant named `Good` in enum `Verdict`, \
         expected one of `Meets`, `Partial`, `Gap`, `NoAnswer`, or `NotApplicable` instead",
        1,
    );
}

#[test]
fn unknown_question_ids_warn_with_the_nearest_id() {
    assert_single_finding(
        "unknown-id.ron",
        "unknown-id.ron:5:9: warning: unknown question id `tech.iam.role-api` (not in questionnaire \
         `infrastructure-provider-audit`); did you mean `tech.iam.roles-api`?",
        0,
    );
}

#[test]
fn wrong_format_numbers_are_errors() {
    assert_single_finding(
        "wrong-format.ron",
        "wrong-format.ron:2:13: error: audit format 2 is not supported (expected 1)",
        1,
    );
}

#[test]
fn a_missing_provider_is_an_error() {
    assert_single_finding(
        "missing-provider.ron",
        "missing-provider.ron:1:1: error: missing provider name (`provider: \"...\"`)",
        1,
    );
}

#[test]
fn answers_to_headings_are_warnings() {
    assert_single_finding(
        "heading-answer.ron",
        "heading-answer.ron:5:9: warning: `tech.az` is a heading, not a question: its answer is not scored",
        0,
    );
}

#[test]
fn duplicate_keys_point_at_the_second_entry() {
    assert_single_finding(
        "duplicate-key.ron",
        "duplicate-key.ron:6:9: error: question `tech.az.locations` is answered more than once; keep one entry",
        1,
    );
}

#[test]
fn a_questionnaire_mismatch_is_an_error() {
    assert_single_finding(
        "questionnaire-mismatch.ron",
        "questionnaire-mismatch.ron:3:20: error: audit answers questionnaire `some-other-questionnaire`, \
         but the questionnaire in use is `infrastructure-provider-audit`",
        1,
    );
}

#[test]
fn the_same_provider_in_two_files_is_an_error_on_the_second() {
    let result = run_in(
        &root().join("tests/fixtures"),
        &["check", "alpha.ron", "duplicate-provider.ron"],
    );
    assert_eq!(
        result.stdout,
        "duplicate-provider.ron:3:15: error: provider `Alpha Cloud AB` is also audited in alpha.ron, \
         with the same `audited_on` date, 2026-10-14: give each audit of one provider its own date\n"
    );
    assert_eq!(result.code, 1);
}

#[test]
fn expired_missing_and_altered_documents_are_warnings() {
    let result = check_fixture("documents.ron");
    let lines: Vec<&str> = result.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "documents.ron:6:47: warning: document `evidence/cert.txt` does not match its recorded SHA-256 \
             (recorded 000000000000, file has 5106185dda4e)",
            "documents.ron:6:77: warning: document `evidence/cert.txt` expired on 2020-01-31",
            "documents.ron:7:40: warning: document `evidence/absent.pdf` cannot be read: No such file or \
             directory (os error 2) (looked for evidence/absent.pdf)",
        ]
    );
    assert_eq!(result.code, 0);
}

#[test]
fn missing_files_directories_and_empty_files_are_named() {
    let result = run_in(
        &root().join("tests/fixtures"),
        &[
            "check",
            "no-such-file.ron",
            "evidence",
            "empty.ron",
            "alpha.ron",
        ],
    );
    assert_eq!(
        result.stdout,
        "no-such-file.ron: error: no such file\n\
         evidence: error: is a directory, not a file\n\
         empty.ron: error: empty file: expected an audit or a comparison in RON, starting with `(`\n"
    );
    assert!(
        result.stderr.contains("1 audit loaded, 3 errors"),
        "the good file still loads: {}",
        result.stderr
    );
    assert_eq!(result.code, 1);
}

#[test]
fn non_utf8_text_names_the_first_bad_byte() {
    assert_single_finding(
        "latin1.ron",
        "latin1.ron:3:18: error: not UTF-8 text (invalid byte at offset 34); save the file as UTF-8",
        1,
    );
}

#[test]
fn json_and_yaml_are_recognised_as_not_ron() {
    assert_single_finding(
        "json-instead.ron",
        "json-instead.ron:1:1: error: Expected opening `(` for struct `Audit` (this looks like JSON; \
         audit and comparison files are RON, starting with `(`)",
        1,
    );
    assert_single_finding(
        "yaml-instead.ron",
        "yaml-instead.ron:1:1: error: Expected struct `Audit` but found `format` (expected a RON struct \
         starting with `(`)",
        1,
    );
}

#[test]
fn files_over_16_mib_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.ron");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(17 * 1024 * 1024).expect("grow");
    let result = run_in(dir.path(), &["check", "big.ron"]);
    assert_eq!(
        result.stdout,
        "big.ron: error: file is 17825792 bytes, over the limit of 16 MiB\n"
    );
    assert_eq!(result.code, 1);
}

#[test]
fn deep_nesting_and_random_bytes_never_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("deep.ron"), "(".repeat(100_000)).expect("write");
    std::fs::write(
        dir.path().join("deep-answers.ron"),
        format!(
            "(format: 1, provider: \"D\", answers: {{\"a\": {}}})",
            "[".repeat(100_000)
        ),
    )
    .expect("write");
    // Deterministic pseudo-random bytes (xorshift), valid UTF-8 or not.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..65_536)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    std::fs::write(dir.path().join("random.ron"), &bytes).expect("write");
    let ascii: Vec<u8> = bytes.iter().map(|b| b % 95 + 32).collect();
    std::fs::write(dir.path().join("random-ascii.ron"), &ascii).expect("write");
    let result = run_in(
        dir.path(),
        &[
            "check",
            "deep.ron",
            "deep-answers.ron",
            "random.ron",
            "random-ascii.ron",
        ],
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    let lines: Vec<&str> = result.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "one error per file: {lines:?}");
    for (line, name) in lines.iter().zip([
        "deep.ron",
        "deep-answers.ron",
        "random.ron",
        "random-ascii.ron",
    ]) {
        assert!(line.starts_with(&format!("{name}:")), "{line}");
        assert!(line.contains(": error: "), "{line}");
    }
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
}

#[test]
fn comparisons_are_checked_with_their_audits() {
    let result = check_fixture("comparison.ron");
    assert_eq!(result.stdout, "");
    assert!(
        result.stderr.contains("2 audits loaded"),
        "{}",
        result.stderr
    );
    assert_eq!(result.code, 0);
}

#[test]
fn comparison_drift_and_missing_audits_are_reported() {
    let result = check_fixture("comparison-drift.ron");
    let lines: Vec<&str> = result.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with(
        "comparison-drift.ron:4:16: error: audit `alpha.ron` changed since the comparison was saved \
         (recorded SHA-256 111111111111, now "
    ));
    assert!(lines[0].ends_with("): the decision was made on other evidence"));
    assert_eq!(
        lines[1],
        "comparison-drift.ron:5:16: error: audit `gone.ron` cannot be loaded: no such file"
    );
    assert_eq!(result.code, 1);
}

#[test]
fn comparison_weights_and_ids_are_validated() {
    let result = check_fixture("comparison-bad-weights.ron");
    assert_eq!(
        result.stdout,
        "comparison-bad-weights.ron:4:23: error: weight of section `legal` must be a number, 0 or more, not -1\n\
         comparison-bad-weights.ron:4:38: warning: unknown section `lgeal` in `section_weights`\n\
         comparison-bad-weights.ron:5:17: warning: unknown question id `legal.eu-jurisdiction.operaton` in \
         `must_have`; did you mean `legal.eu-jurisdiction.operation`?\n"
    );
    assert_eq!(result.code, 1);
}

#[test]
fn usage_errors_exit_with_2() {
    let result = run(&["check"]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("Usage"), "{}", result.stderr);
    let result = run(&["frobnicate", "--nope"]);
    assert_eq!(result.code, 2);
}

#[test]
fn the_samples_pass_check() {
    let samples: Vec<String> = std::fs::read_dir(root().join("sample_audits"))
        .expect("sample_audits exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .map(|path| path.display().to_string())
        .collect();
    assert!(samples.len() >= 2, "{samples:?}");
    let mut args = vec!["check"];
    args.extend(samples.iter().map(String::as_str));
    let result = run(&args);
    assert_eq!(result.stdout, "", "{}", result.stderr);
    assert_eq!(result.code, 0);
    let _ = fixture("alpha.ron");
}

#[test]
fn an_unescaped_quote_in_an_answer_is_named_as_the_likely_cause() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("quote.ron"),
        "(\n    format: 1,\n    questionnaire: \"provider-audit\",\n    provider: \"P\",\n    answers: {\n        \"org.iso27001\": (answer: \"He said \"yes\" to it\"),\n    },\n)\n",
    )
    .expect("write");
    let run = crate::util::run_in(dir.path(), &["check", "quote.ron"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("quote.ron:6:")
            && run.stdout.contains(
                "an unescaped `\"` inside a string? The string that opened at line 6, column 34"
            ),
        "{}",
        run.stdout
    );
}
