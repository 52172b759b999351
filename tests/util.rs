//! Helpers to run the real `provider-audit` binary and to find fixture files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate's root directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// What a run of the binary gave.
pub struct Run {
    /// Exit code (`-1` when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Runs the binary with `args` in directory `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_provider-audit"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the binary runs")
        .into()
}

/// Runs the binary with `args` in the crate's root.
pub fn run(args: &[&str]) -> Run {
    run_in(&root(), args)
}

/// Frames go on until the files being read in the background are installed.
pub fn settle(harness: &mut egui_kittest::Harness<'static, provider_audit::app::ProviderAuditApp>) {
    harness.step();
    let started = std::time::Instant::now();
    while harness.state().is_loading() && started.elapsed() < std::time::Duration::from_secs(20) {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!harness.state().is_loading(), "loading finished");
    harness.run();
}

/// A temporary copy of the comparison fixture and its two audits.
pub fn meeting_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["comparison.ron", "alpha.ron", "beta.ron"] {
        std::fs::copy(fixture(name), dir.path().join(name)).expect("copy");
    }
    std::fs::create_dir(dir.path().join("evidence")).expect("dir");
    std::fs::copy(
        fixture("evidence/cert.txt"),
        dir.path().join("evidence/cert.txt"),
    )
    .expect("copy");
    dir
}

/// The app on `paths` at 1600x1000, the user named `author`, after its first frames.
pub fn app_harness(
    paths: Vec<PathBuf>,
    author: &str,
) -> egui_kittest::Harness<'static, provider_audit::app::ProviderAuditApp> {
    use provider_audit::app::{Prefs, ProviderAuditApp};
    let prefs = Prefs {
        author: author.to_owned(),
        ..Prefs::default()
    };
    let app = ProviderAuditApp::new(prefs, paths);
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut ProviderAuditApp| app.show(ui), app);
    harness.run();
    harness
}

/// The meeting's sample files: every `*.ron` of `sample_audits/` (the audits, last year's
/// audit of Nordlys and the comparison), sorted.
pub fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("sample_audits"))
        .expect("samples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// File → Import answers… with `source` read as `provider`'s answers into the new audit
/// `path`, as a user fills the window and presses Import.
pub fn import_answers(
    harness: &mut egui_kittest::Harness<'static, provider_audit::app::ProviderAuditApp>,
    source: &Path,
    provider: &str,
    path: &Path,
) {
    use egui_kittest::kittest::Queryable as _;
    use provider_audit::app::modal::{Modal, ModalKind};
    harness
        .state_mut()
        .push(provider_audit::app::UiCommand::ImportAnswers);
    harness.run();
    let Some(Modal {
        kind: ModalKind::ImportAnswers(form),
        ..
    }) = harness.state_mut().modal.as_mut()
    else {
        panic!("the Import answers window is shown");
    };
    form.source = source.display().to_string();
    provider.clone_into(&mut form.provider);
    form.path = path.display().to_string();
    harness.run();
    harness.get_by_label("Import").click();
    settle(harness);
}

/// The text content of every `<text>` element of an SVG, unescaped.
pub fn svg_texts(svg: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        rest = &rest[start..];
        let open_end = rest.find('>').expect("tag ends") + 1;
        let close = rest.find("</text>").expect("text closes");
        let text = rest[open_end..close]
            .trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        texts.push(text);
        rest = &rest[close..];
    }
    texts
}
