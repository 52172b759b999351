//! The domain core must not depend on UI crates: the modules below are read and any
//! mention of egui, eframe or rfd in code fails the test.

use crate::util::root;

const CORE: &[&str] = &[
    "src/model",
    "src/compare",
    "src/synthetic.rs",
    "src/validate",
    "src/scoring",
    "src/export",
    "src/workspace.rs",
    "src/fsutil.rs",
    "src/palette.rs",
    "src/template.rs",
    "src/lib.rs",
];

fn rust_files(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)
            .expect("readable")
            .filter_map(Result::ok)
        {
            rust_files(&entry.path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn the_core_imports_no_ui_crate() {
    let mut files = Vec::new();
    for module in CORE {
        rust_files(&root().join(module), &mut files);
    }
    assert!(files.len() >= 10, "the core modules were found: {files:?}");
    let mut offenders = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if ["egui", "eframe", "rfd"].iter().any(|name| {
                code.contains(&format!("{name}::"))
                    || code.contains(&format!("use {name}"))
                    || code.contains(&format!("extern crate {name}"))
            }) {
                offenders.push(format!("{}:{}: {line}", file.display(), number + 1));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "UI crates in the core:\n{}",
        offenders.join("\n")
    );
}
