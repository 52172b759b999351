//! A hostile corpus: every file is checked by the real binary and loaded by the app's
//! loader, each time beside a good audit. Each must give clear one-line findings naming the
//! file (with line:col where there is one), exit code 1 for errors and 0 for warnings only,
//! never a panic or a hang, and the good audit must still load.
//!
//! Small files live in `tests/fixtures/hostile/`; big, binary or special ones (devices,
//! pipes, symbolic links, odd names) are made here in a temporary directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use provider_audit::app::Model;
use provider_audit::model::Questionnaire;
use tempfile::TempDir;

use crate::util::{Run, fixture};

/// The provider of the good audit loaded beside every hostile file.
const GOOD_PROVIDER: &str = "Alpha Cloud AB";

/// No case may take longer than this, in the binary or in the app's loader.
const TIME_LIMIT: Duration = Duration::from_mins(1);

fn good() -> PathBuf {
    fixture("alpha.ron")
}

fn hostile() -> PathBuf {
    fixture("hostile")
}

fn temp_dir() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// What a file name looks like in a finding: control characters replaced.
fn shown(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// `provider-audit check` on `files`, killed (and the test failed) if it outlives
/// [`TIME_LIMIT`].
fn check(dir: &Path, files: &[PathBuf]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_provider-audit"))
        .arg("check")
        .args(files)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Read the pipes on threads so that a large output cannot block the child.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).expect("read stdout");
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut bytes).expect("read stderr");
        bytes
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            child.kill().ok();
            child.wait().ok();
            panic!("`check {files:?}` did not finish in {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.join().expect("stdout thread")).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().expect("stderr thread")).into_owned(),
    }
}

/// What the app's loader made of some files.
struct Loaded {
    /// Every finding as displayed.
    findings: Vec<String>,
    /// The providers of the audits that loaded, in order.
    providers: Vec<String>,
}

/// Loads `files` with the app's loader on a thread, failing the test if it outlives
/// [`TIME_LIMIT`] or panics.
fn app_load(files: &[PathBuf]) -> Loaded {
    let owned = files.to_vec();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let files = owned;
        let questionnaire = Arc::new(Questionnaire::builtin().clone());
        let model = Model::load(questionnaire, files.clone());
        sender
            .send(Loaded {
                findings: model
                    .workspace()
                    .findings
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
                providers: model
                    .workspace()
                    .audits
                    .iter()
                    .map(|loaded| loaded.audit.provider.clone())
                    .collect(),
            })
            .ok();
    });
    match receiver.recv_timeout(TIME_LIMIT) {
        Ok(loaded) => loaded,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("the app's loader hangs on {files:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("the app's loader panicked on {files:?}")
        }
    }
}

fn summary(audits: usize, errors: usize, warnings: usize) -> String {
    let plural = |count: usize| if count == 1 { "" } else { "s" };
    format!(
        "{audits} audit{} loaded, {errors} error{}, {warnings} warning{}",
        plural(audits),
        plural(errors),
        plural(warnings)
    )
}

/// Checks `name` in `dir` beside the good audit, with the binary and with the app's loader:
/// the findings are exactly `expected`, written relative to `dir` (each line starts with the
/// file's name; `{dir}` elsewhere stands for the directory). `audits` is how many audits
/// load, the good one first.
fn assert_case_loading(dir: &Path, name: &str, expected: &[&str], audits: usize) {
    let dir_text = dir.display().to_string();
    let expected: Vec<String> = expected
        .iter()
        .map(|line| format!("{dir_text}/{}", line.replace("{dir}", &dir_text)))
        .collect();
    let errors = expected
        .iter()
        .filter(|line| line.contains(": error: "))
        .count();
    let warnings = expected.len() - errors;
    let files = [good(), dir.join(name)];

    let run = check(dir, &files);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines, expected, "{name}: stderr: {}", run.stderr);
    assert_eq!(run.code, i32::from(errors > 0), "exit code for {name}");
    assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    assert!(
        run.stderr.contains(&summary(audits, errors, warnings)),
        "{name}: the good audit still loads: {}",
        run.stderr
    );

    let loaded = app_load(&files);
    assert_eq!(loaded.findings, expected, "{name} in the app");
    assert_eq!(
        loaded.providers.len(),
        audits,
        "{name}: {:?}",
        loaded.providers
    );
    assert_eq!(
        loaded.providers.first().map(String::as_str),
        Some(GOOD_PROVIDER),
        "{name}: the good audit loads in the app"
    );
}

/// As [`assert_case_loading`], the hostile audit loading when it has warnings only.
fn assert_case(dir: &Path, name: &str, expected: &[&str]) {
    let has_errors = expected.iter().any(|line| line.contains(": error: "));
    assert_case_loading(dir, name, expected, if has_errors { 1 } else { 2 });
}

/// For generated files whose exact message comes from the parser: one error line naming
/// the file with a position, whose message passes `clear`.
fn assert_one_error(dir: &Path, name: &str, clear: impl Fn(&str) -> bool) -> String {
    let prefix = format!("{}/{}:", dir.display(), shown(name));
    let files = [good(), dir.join(name)];
    let run = check(dir, &files);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{name}: one finding: {lines:?}");
    let line = lines[0];
    let rest = line
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{name}: the finding names the file: {line}"));
    let (position, message) = rest
        .split_once(": error: ")
        .unwrap_or_else(|| panic!("{name}: an error: {line}"));
    let mut numbers = position.split(':');
    assert!(
        numbers.next().is_some_and(|n| n.parse::<usize>().is_ok())
            && numbers.next().is_some_and(|n| n.parse::<usize>().is_ok())
            && numbers.next().is_none(),
        "{name}: line:col in {line}"
    );
    assert!(clear(message), "{name}: unclear message: {line}");
    assert_eq!(run.code, 1, "{name}");
    assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    assert!(run.stderr.contains(&summary(1, 1, 0)), "{}", run.stderr);

    let loaded = app_load(&files);
    assert_eq!(loaded.findings, [line], "{name} in the app");
    assert_eq!(loaded.providers, [GOOD_PROVIDER], "{name} in the app");
    message.to_owned()
}

#[test]
fn empty_and_comment_only_files() {
    for name in ["empty.ron", "comment-only.ron"] {
        assert_case(
            &hostile(),
            name,
            &[&format!(
                "{name}: error: empty file: expected an audit or a comparison in RON, starting with `(`"
            )],
        );
    }
}

#[test]
fn truncated_at_every_structural_point() {
    let text = std::fs::read_to_string(good()).expect("the good audit");
    let dir = temp_dir();
    let mut cuts = 0;
    for (offset, c) in text.char_indices() {
        if !"([{,:\"".contains(c) {
            continue;
        }
        cuts += 1;
        let end = offset + c.len_utf8();
        let name = format!("cut-{end:04}.ron");
        let cut = &text[..end];
        std::fs::write(dir.path().join(&name), cut).expect("write");
        let only_a_comment = cut.lines().all(|line| line.starts_with("//"));
        if only_a_comment {
            assert_case(
                dir.path(),
                &name,
                &[&format!(
                    "{name}: error: empty file: expected an audit or a comparison in RON, starting with `(`"
                )],
            );
            continue;
        }
        assert_one_error(dir.path(), &name, |message| {
            message == "Unexpected end of RON"
                || message.ends_with(" at the end of the file (is the file cut short?)")
                || message.ends_with(" (the string that starts here is not closed with `\"`)")
        });
    }
    assert!(cuts > 80, "every structural point of the audit: {cuts}");
}

#[test]
fn wrong_enum_words() {
    let dir = hostile();
    assert_case(
        &dir,
        "wrong-scope.ron",
        &[
            "wrong-scope.ron:4:12: error: Unexpected variant named `Hosted` in enum `Scope`, \
           expected either `Managed` or `SelfManaged` instead",
        ],
    );
    assert_case(
        &dir,
        "wrong-provenance.ron",
        &[
            "wrong-provenance.ron:5:81: error: Unexpected variant named `Trusted` in enum `Provenance`, \
             expected one of `Stated`, `Evidenced`, `Verified`, or `SelfAssessed` instead",
        ],
    );
    assert_case(
        &dir,
        "lowercase-verdict.ron",
        &[
            "lowercase-verdict.ron:5:62: error: Unexpected variant named `meets` in enum `Verdict`, \
             expected one of `Meets`, `Partial`, `Gap`, `NoAnswer`, or `NotApplicable` instead",
        ],
    );
    assert_case(
        &dir,
        "verdict-as-string.ron",
        &[
            "verdict-as-string.ron:5:62: error: Expected identifier (words such as `Meets` or `Managed` \
             are written without quotes)",
        ],
    );
    assert_case(
        &dir,
        "unknown-field.ron",
        &[
            "unknown-field.ron:5:31: error: Unexpected field named `answr` in `Answer`, expected one of \
             `answer`, `verdict`, `provenance`, `evidence`, `note`, `claim`, `ownership`, or \
             `customer_duties` instead",
        ],
    );
}

#[test]
fn unknown_ids_are_warnings() {
    assert_case(
        &hostile(),
        "unknown-ids.ron",
        &[
            "unknown-ids.ron:5:9: warning: unknown question id `tech.az.location` (not in questionnaire \
             `infrastructure-provider-audit`); did you mean `tech.az.locations`?",
            "unknown-ids.ron:6:9: warning: unknown question id `made.up.question` (not in questionnaire \
             `infrastructure-provider-audit`)",
            "unknown-ids.ron:7:9: warning: unknown question id `` (not in questionnaire \
             `infrastructure-provider-audit`)",
            "unknown-ids.ron:9:24: warning: document for unknown item `evidence.nothing-like-this`",
            "unknown-ids.ron:9:60: warning: document `absent.pdf` cannot be read: No such file or directory \
             (os error 2) (looked for {dir}/absent.pdf)",
        ],
    );
}

#[test]
fn wrong_format_numbers() {
    let dir = hostile();
    for (name, line) in [
        (
            "format-0.ron",
            "format-0.ron:2:13: error: audit format 0 is not supported (expected 1)",
        ),
        (
            "format-2.ron",
            "format-2.ron:2:13: error: audit format 2 is not supported (expected 1)",
        ),
        (
            "format-negative.ron",
            "format-negative.ron:2:14: error: Integer is out of bounds",
        ),
        (
            "format-huge.ron",
            "format-huge.ron:2:13: error: Integer is out of bounds",
        ),
        (
            "format-string.ron",
            "format-string.ron:2:12: error: Expected integer",
        ),
        (
            "format-float.ron",
            "format-float.ron:2:14: error: Expected comma",
        ),
        (
            "format-missing.ron",
            "format-missing.ron:1:1: error: missing field `format` (expected `format: 1`)",
        ),
    ] {
        assert_case(&dir, name, &[line]);
    }
}

#[test]
fn nesting_100_000_deep() {
    let dir = temp_dir();
    let deep = 100_000;
    let cases = [
        (
            "parens.ron",
            "(".repeat(deep),
            "parens.ron:1:2: error: Expected identifier",
        ),
        (
            "brackets.ron",
            format!("{}{}", "[".repeat(deep), "]".repeat(deep)),
            "brackets.ron:1:1: error: Expected opening `(` for struct `Audit` (expected a RON struct \
             starting with `(`)",
        ),
        (
            "in-answers.ron",
            format!(
                "(format: 1, provider: \"Deep\", answers: {{\"tech.az.locations\": {}}})",
                "[".repeat(deep)
            ),
            "in-answers.ron:1:62: error: Expected opening `(` for struct `Answer`",
        ),
        (
            "in-answer.ron",
            format!(
                "(format: 1, provider: \"Deep\", answers: {{\"tech.az.locations\": (answer: {})}})",
                "{".repeat(deep)
            ),
            "in-answer.ron:1:70: error: Expected string",
        ),
        (
            "unknown-field.ron",
            format!(
                "(format: 1, provider: \"Deep\", answers: {{}}, extra: {}{})",
                "(".repeat(deep),
                ")".repeat(deep)
            ),
            "unknown-field.ron:1:44: error: Unexpected field named `extra` in `Audit`, expected one of \
             `format`, `questionnaire`, `questionnaire_version`, `provider`, `audited_on`, `auditor`, \
             `scope`, `answers`, `documents`, or `conflicts` instead",
        ),
        (
            "comments.ron",
            format!(
                "(format: 1, {} provider: \"Deep\", answers: {{}})",
                "/*".repeat(deep)
            ),
            "comments.ron:1:200013: error: Unclosed block comment at the end of the file (is the file cut short?)",
        ),
    ];
    for (name, text, line) in cases {
        std::fs::write(dir.path().join(name), text).expect("write");
        assert_case(dir.path(), name, &[line]);
    }
}

/// Deterministic pseudo-random bytes (xorshift).
fn random_bytes(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn random_bytes_and_random_text() {
    let dir = temp_dir();
    for seed in 1..=8_u64 {
        let bytes = random_bytes(65_536, seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let name = format!("random-{seed}.bin");
        std::fs::write(dir.path().join(&name), &bytes).expect("write");
        assert_one_error(dir.path(), &name, |message| {
            message.contains("save the file as UTF-8")
        });
        // The same bytes as printable ASCII, and as arbitrary characters: valid UTF-8.
        let ascii: Vec<u8> = bytes.iter().map(|b| b % 95 + 32).collect();
        let name = format!("random-ascii-{seed}.ron");
        std::fs::write(dir.path().join(&name), &ascii).expect("write");
        assert_one_error(dir.path(), &name, |message| !message.is_empty());
        let chars: String = bytes
            .chunks_exact(3)
            .filter_map(|c| char::from_u32(u32::from_le_bytes([c[0], c[1], c[2] % 17, 0])))
            .filter(|c| *c != '\0')
            .collect();
        let name = format!("random-unicode-{seed}.ron");
        std::fs::write(dir.path().join(&name), chars).expect("write");
        assert_one_error(dir.path(), &name, |message| !message.is_empty());
    }
}

#[test]
fn latin1_and_utf16_text() {
    let dir = temp_dir();
    let text = "(\n    format: 1,\n    provider: \"Björn Hosting\",\n    answers: {},\n)\n";
    let latin1: Vec<u8> = text.chars().map(|c| c as u8).collect();
    std::fs::write(dir.path().join("latin1.ron"), latin1).expect("write");
    assert_case(
        dir.path(),
        "latin1.ron",
        &[
            "latin1.ron:3:18: error: not UTF-8 text (invalid byte at offset 34); save the file as UTF-8",
        ],
    );
    let utf16 = |big_endian: bool, bom: bool| -> Vec<u8> {
        let units = (bom.then_some(0xfeff))
            .into_iter()
            .chain(text.encode_utf16());
        units
            .flat_map(|unit| {
                if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect()
    };
    for (name, big_endian) in [("utf16-le.ron", false), ("utf16-be.ron", true)] {
        std::fs::write(dir.path().join(name), utf16(big_endian, true)).expect("write");
        assert_case(
            dir.path(),
            name,
            &[&format!(
                "{name}:1:1: error: UTF-16 text (it starts with a UTF-16 byte order mark), not UTF-8; \
                 save the file as UTF-8"
            )],
        );
    }
    std::fs::write(dir.path().join("utf16-no-bom.ron"), utf16(false, false)).expect("write");
    assert_case(
        dir.path(),
        "utf16-no-bom.ron",
        &[
            "utf16-no-bom.ron:1:2: error: contains a NUL character: UTF-16 or binary, not UTF-8 text; \
           save the file as UTF-8",
        ],
    );
    // A UTF-8 byte order mark, as some editors write, is fine.
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend(text.as_bytes());
    std::fs::write(dir.path().join("utf8-bom.ron"), bom).expect("write");
    assert_case(dir.path(), "utf8-bom.ron", &[]);
}

#[test]
fn json_and_yaml_instead_of_ron() {
    assert_case(
        &hostile(),
        "json-instead.json",
        &[
            "json-instead.json:1:1: error: Expected opening `(` for struct `Audit` (this looks like JSON; \
           audit and comparison files are RON, starting with `(`)",
        ],
    );
    assert_case(
        &hostile(),
        "yaml-instead.yaml",
        &[
            "yaml-instead.yaml:1:1: error: Expected struct `Audit` but found `format` (expected a RON \
           struct starting with `(`)",
        ],
    );
}

#[test]
fn a_40_mib_file() {
    let dir = temp_dir();
    let file = std::fs::File::create(dir.path().join("huge.ron")).expect("create");
    file.set_len(40 * 1024 * 1024).expect("sparse");
    assert_case(
        dir.path(),
        "huge.ron",
        &["huge.ron: error: file is 41943040 bytes, over the limit of 16 MiB"],
    );
}

#[cfg(unix)]
#[test]
fn a_directory_and_a_symlink_loop() {
    let dir = temp_dir();
    std::fs::create_dir(dir.path().join("folder.ron")).expect("mkdir");
    assert_case(
        dir.path(),
        "folder.ron",
        &["folder.ron: error: is a directory, not a file"],
    );
    std::os::unix::fs::symlink("b.ron", dir.path().join("a.ron")).expect("symlink");
    std::os::unix::fs::symlink("a.ron", dir.path().join("b.ron")).expect("symlink");
    assert_case(
        dir.path(),
        "a.ron",
        &["a.ron: error: cannot be read: Too many levels of symbolic links (os error 40)"],
    );
}

#[test]
fn duplicate_keys_fields_and_providers() {
    let dir = hostile();
    assert_case(
        &dir,
        "duplicate-answer.ron",
        &[
            "duplicate-answer.ron:7:9: error: question `tech.az.locations` is answered more than once; \
           keep one entry",
        ],
    );
    assert_case(
        &dir,
        "duplicate-field.ron",
        &["duplicate-field.ron:4:5: error: Unexpected duplicate field named `provider` in `Audit`"],
    );
    let good = good();
    assert_case(
        &dir,
        "duplicate-provider.ron",
        &[&format!(
            "duplicate-provider.ron:4:15: error: provider `Alpha Cloud AB` is also audited in {}, \
             with the same `audited_on` date, 2026-10-14: give each audit of one provider its own date",
            good.display()
        )],
    );
}

#[test]
fn an_answer_of_1_mib_and_an_id_of_1_mib() {
    let dir = temp_dir();
    let long = "x".repeat(1 << 20);
    std::fs::write(
        dir.path().join("long-answer.ron"),
        format!(
            "(format: 1, provider: \"Long\", answers: {{\"tech.az.locations\": (answer: \"{long}\", \
             verdict: Meets)}})"
        ),
    )
    .expect("write");
    assert_case(dir.path(), "long-answer.ron", &[]);
    std::fs::write(
        dir.path().join("long-id.ron"),
        format!("(format: 1, provider: \"Long\", answers: {{\"{long}\": (verdict: Meets)}})"),
    )
    .expect("write");
    let started = Instant::now();
    assert_case(
        dir.path(),
        "long-id.ron",
        &[&format!(
            "long-id.ron:1:41: warning: unknown question id `{}…` (not in questionnaire \
             `infrastructure-provider-audit`)",
            "x".repeat(120)
        )],
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "a long id is not compared letter by letter with every id: {:?}",
        started.elapsed()
    );
}

#[test]
fn ten_thousand_answers() {
    let dir = temp_dir();
    let mut text = String::from("(\n    format: 1,\n    provider: \"Many\",\n    answers: {\n");
    for number in 0..10_000 {
        text.push_str(&format!(
            "        \"extra.q{number}\": (answer: \"a\", verdict: Meets),\n"
        ));
    }
    text.push_str("    },\n)\n");
    std::fs::write(dir.path().join("many.ron"), text).expect("write");
    let expected: Vec<String> = (0..10_000)
        .map(|number| {
            format!(
                "many.ron:{}:9: warning: unknown question id `extra.q{number}` (not in questionnaire \
                 `infrastructure-provider-audit`)",
                number + 5
            )
        })
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let started = Instant::now();
    assert_case(dir.path(), "many.ron", &expected);
    // Finding each answer's position used to scan the whole file: minutes, not seconds.
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "10 000 answers are checked in linear time: {:?}",
        started.elapsed()
    );
}

#[test]
fn control_and_direction_characters_are_never_printed_raw() {
    let dir = hostile();
    for name in ["provider-control.ron", "provider-rtl.ron"] {
        assert_case(
            &dir,
            name,
            &[&format!(
                "{name}:3:15: warning: provider name contains control or text-direction characters; \
                 they are shown as \u{fffd}"
            )],
        );
    }
    assert_case(
        &dir,
        "id-rtl.ron",
        &[
            "id-rtl.ron:5:9: warning: unknown question id `tech.az.\u{fffd}snoitacol` (not in \
           questionnaire `infrastructure-provider-audit`); did you mean `tech.az.locations`?",
        ],
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_with_control_characters_stays_on_one_line() {
    let dir = temp_dir();
    let name = "new\nline\u{1b}[2J\u{202e}.ron";
    std::fs::write(dir.path().join(name), "nonsense").expect("write");
    let files = [good(), dir.path().join(name)];
    let run = check(dir.path(), &files);
    assert_eq!(
        run.stdout,
        format!(
            "{}/new\u{fffd}line\u{fffd}[2J\u{fffd}.ron:1:1: error: Expected struct `Audit` but found \
             `nonsense` (expected a RON struct starting with `(`)\n",
            dir.path().display()
        )
    );
    assert_eq!(run.code, 1);
    let loaded = app_load(&files);
    assert_eq!(loaded.findings, [run.stdout.trim_end()]);
    assert_eq!(loaded.providers, [GOOD_PROVIDER]);
}

#[test]
fn escaped_strings_keep_their_positions() {
    assert_case(
        &hostile(),
        "escaped-strings.ron",
        &[
            "escaped-strings.ron:5:71: warning: evidence file `evidence/absent.pdf` not found (looked for \
             {dir}/evidence/absent.pdf)",
            "escaped-strings.ron:6:9: warning: unknown question id `tech.az.nowhere` (not in \
             questionnaire `infrastructure-provider-audit`); did you mean `tech.iam.offered`?",
        ],
    );
}

#[test]
fn evidence_outside_the_audits_folder_is_a_warning_and_is_not_read() {
    let outside = |line: usize, col: usize, what: &str, path: &str, kind: &str| {
        format!(
            "evidence-outside.ron:{line}:{col}: warning: {what} `{path}` is outside the audit's folder; \
             it is not read (keep {kind} beside the audit, with a relative path)"
        )
    };
    let expected = [
        outside(8, 24, "evidence file", "../alpha.ron", "evidence"),
        outside(8, 40, "evidence file", "/etc/passwd", "evidence"),
        outside(8, 55, "evidence file", "evidence/../../up.pdf", "evidence"),
        outside(8, 80, "evidence file", "C:\\Windows\\win.ini", "evidence"),
        outside(12, 47, "document", "/etc/shadow", "documents"),
        outside(13, 47, "document", "../../Cargo.toml", "documents"),
    ];
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_case(&hostile(), "evidence-outside.ron", &expected);
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_named_in_files_are_never_read() {
    let dir = temp_dir();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.pdf")).expect("symlink");
    let fifo = dir.path().join("pipe.pdf");
    let made_fifo = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|status| status.success());
    std::fs::write(
        dir.path().join("devices.ron"),
        "(\n    format: 1,\n    provider: \"Devices AB\",\n    answers: {\n        \
         \"tech.az.locations\": (verdict: Meets, evidence: [\"zero.pdf\", \"pipe.pdf\"]),\n    },\n    \
         documents: [\n        (item: \"evidence.certificates\", file: \"zero.pdf\"),\n        \
         (item: \"evidence.terms\", file: \"pipe.pdf\"),\n    ],\n)\n",
    )
    .expect("write");
    let pipe_evidence = if made_fifo {
        "devices.ron:5:70: warning: evidence file `pipe.pdf` is a device, pipe or socket, not a file \
         (looked for {dir}/pipe.pdf)"
    } else {
        "devices.ron:5:70: warning: evidence file `pipe.pdf` not found (looked for {dir}/pipe.pdf)"
    };
    let pipe_document = if made_fifo {
        "devices.ron:9:40: warning: document `pipe.pdf` is a device, pipe or socket, not a file \
         (looked for {dir}/pipe.pdf)"
    } else {
        "devices.ron:9:40: warning: document `pipe.pdf` cannot be read: No such file or directory \
         (os error 2) (looked for {dir}/pipe.pdf)"
    };
    assert_case(
        dir.path(),
        "devices.ron",
        &[
            "devices.ron:5:58: warning: evidence file `zero.pdf` is a device, pipe or socket, not a file \
             (looked for {dir}/zero.pdf)",
            pipe_evidence,
            "devices.ron:8:47: warning: document `zero.pdf` is a device, pipe or socket, not a file \
             (looked for {dir}/zero.pdf)",
            pipe_document,
        ],
    );
    // A decision based on "audits" that are a device and a pipe.
    std::fs::write(
        dir.path().join("basis.ron"),
        format!(
            "(format: 1, audits: [], decision: (provider: \"{GOOD_PROVIDER}\", basis: (audits: [\
             (path: \"zero.pdf\", sha256: \"00\"), (path: \"pipe.pdf\", sha256: \"00\")])))"
        ),
    )
    .expect("write");
    assert_case_loading(
        dir.path(),
        "basis.ron",
        &[
            "basis.ron: error: the decision was made on audit `zero.pdf` with SHA-256 00, which is gone",
            "basis.ron: error: the decision was made on audit `pipe.pdf` with SHA-256 00, which is gone",
        ],
        1,
    );
    // A comparison listing a device, a pipe and a directory as audits.
    std::fs::copy(good(), dir.path().join("alpha.ron")).expect("copy");
    std::fs::write(
        dir.path().join("listing.ron"),
        "(format: 1, audits: [(path: \"zero.pdf\"), (path: \"pipe.pdf\"), (path: \".\")])",
    )
    .expect("write");
    let pipe_audit = if made_fifo {
        "listing.ron:1:49: error: audit `pipe.pdf` cannot be loaded: a device, pipe or socket, not a \
         file; it is not read"
    } else {
        "listing.ron:1:49: error: audit `pipe.pdf` cannot be loaded: no such file"
    };
    assert_case(
        dir.path(),
        "listing.ron",
        &[
            "listing.ron:1:29: error: audit `zero.pdf` cannot be loaded: a device, pipe or socket, not a \
             file; it is not read",
            pipe_audit,
            "listing.ron:1:69: error: audit `.` cannot be loaded: is a directory, not a file",
        ],
    );
}

#[test]
fn hostile_comparisons() {
    assert_case(
        &hostile(),
        "comparison-devices.ron",
        &[
            "comparison-devices.ron:4:21: error: audit `/dev/zero` cannot be loaded: a device, pipe or \
             socket, not a file; it is not read",
            "comparison-devices.ron:4:42: error: audit `.` cannot be loaded: is a directory, not a file",
        ],
    );
    assert_case_loading(
        &hostile(),
        "comparison-weights.ron",
        &[
            "comparison-weights.ron:4:23: error: weight of section `legal` must be a number, 0 or \
             more, not NaN",
            "comparison-weights.ron:4:37: error: weight of section `tech` must be a number, 0 or more, \
             not inf",
            "comparison-weights.ron:5:24: error: weight of question `org.iso27001` must be a number, \
             0 or more, not -inf",
        ],
        1,
    );
    // 10 000 annotations on known questions: no finding, and in linear time.
    let dir = temp_dir();
    let ids: Vec<&str> = Questionnaire::builtin()
        .items
        .iter()
        .map(|item| item.id.as_str())
        .collect();
    let mut text = String::from("(format: 1, audits: [], annotations: [\n");
    for number in 0..10_000 {
        text.push_str(&format!(
            "    (provider: \"{GOOD_PROVIDER}\", question: \"{}\", flag: Weak, comment: \"{number}\"),\n",
            ids[number % ids.len()]
        ));
    }
    text.push_str("])\n");
    std::fs::write(dir.path().join("annotations.ron"), text).expect("write");
    let started = Instant::now();
    assert_case_loading(dir.path(), "annotations.ron", &[], 1);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "10 000 annotations are checked in linear time: {:?}",
        started.elapsed()
    );
}
