//! The domain core must not depend on UI crates: the modules below are read and any
//! mention of egui, eframe or rfd in code fails the test.

use crate::util::root;

const CORE: &[&str] = &[
    "src/model",
    "src/compare",
    "src/synthetic.rs",
    "src/evidence.rs",
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

/// No surprises: nothing dials out and nothing is run from a file's content. No source
/// file uses networking or starts a process, and no HTTP client is a direct dependency.
#[test]
fn nothing_dials_out_or_runs_programs() {
    const NETWORK: &[&str] = &[
        "std::net",
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "ToSocketAddrs",
        "reqwest",
        "ureq",
        "hyper::",
        "libc::socket",
        "libc::connect",
    ];
    const PROCESSES: &[&str] = &[
        "process::Command",
        "os::unix::process",
        "libc::exec",
        "libc::fork",
        "libc::system",
        "libc::posix_spawn",
    ];
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    assert!(files.len() >= 20, "the sources were found: {files:?}");
    let mut offenders = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            // `use std::process::{Command, ...}` names the type without the path.
            let imports_command = code.contains("std::process::{") && code.contains("Command");
            if imports_command
                || NETWORK
                    .iter()
                    .chain(PROCESSES)
                    .any(|word| code.contains(word))
            {
                offenders.push(format!("{}:{}: {line}", file.display(), number + 1));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "network or process use in the program:\n{}",
        offenders.join("\n")
    );

    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let dependencies = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [dependencies] table");
    let http_clients = [
        "reqwest",
        "ureq",
        "hyper",
        "curl",
        "isahc",
        "surf",
        "attohttpc",
        "minreq",
    ];
    let named: Vec<&str> = dependencies
        .lines()
        .filter_map(|line| line.split('=').next())
        .map(str::trim)
        .filter(|name| http_clients.contains(name))
        .collect();
    assert!(
        named.is_empty(),
        "HTTP clients among the dependencies: {named:?}"
    );
}
