//! The domain core is a crate of its own (`crates/provider-audit-core`): the compiler keeps
//! UI crates out of it. This test reads `Cargo.lock` and walks the core's dependency graph,
//! so that no later change can bring egui, eframe, winit or rfd in through another crate.

use std::collections::{BTreeMap, BTreeSet};

use crate::util::root;

const UI_CRATES: &[&str] = &["egui", "eframe", "winit", "rfd", "egui_plot", "egui-winit"];

/// Package name → the names of its dependencies, as `Cargo.lock` lists them.
fn lock_graph() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock is readable");
    let mut graph = BTreeMap::new();
    for block in text.split("[[package]]").skip(1) {
        let mut name = None;
        let mut dependencies = Vec::new();
        let mut in_dependencies = false;
        for line in block.lines() {
            let line = line.trim();
            if let Some(value) = line.strip_prefix("name = ") {
                name = Some(value.trim_matches('"').to_owned());
            } else if line.starts_with("dependencies = [") {
                in_dependencies = true;
            } else if in_dependencies && line == "]" {
                in_dependencies = false;
            } else if in_dependencies {
                // `"name"` or `"name version"` when several versions are locked.
                let entry = line.trim_end_matches(',').trim_matches('"');
                let dependency = entry.split(' ').next().unwrap_or(entry);
                dependencies.push(dependency.to_owned());
            }
        }
        if let Some(name) = name {
            graph
                .entry(name)
                .or_insert_with(Vec::new)
                .extend(dependencies);
        }
    }
    graph
}

fn reachable(graph: &BTreeMap<String, Vec<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_owned()];
    while let Some(name) = stack.pop() {
        if seen.insert(name.clone())
            && let Some(dependencies) = graph.get(&name)
        {
            stack.extend(dependencies.iter().cloned());
        }
    }
    seen
}

/// The UI crates in the dependency tree of `package`, after checking the tree was found.
fn ui_crates_under(graph: &BTreeMap<String, Vec<String>>, package: &str) -> Vec<&'static str> {
    let tree = reachable(graph, package);
    assert!(
        tree.contains("serde") && tree.len() > 10,
        "the dependencies of {package} were found: {tree:?}"
    );
    UI_CRATES
        .iter()
        .copied()
        .filter(|name| tree.contains(*name))
        .collect()
}

#[test]
fn the_core_and_the_command_line_have_no_ui_crate_in_their_dependency_trees() {
    let graph = lock_graph();
    for package in ["provider-audit-core", "provider-audit-cli"] {
        let offenders = ui_crates_under(&graph, package);
        assert!(
            offenders.is_empty(),
            "UI crates reach {package}: {offenders:?}"
        );
    }
    assert!(reachable(&graph, "provider-audit-cli").contains("provider-audit-core"));
    // The check can fail: the app's own tree has them.
    let app = reachable(&graph, "provider-audit");
    assert!(app.contains("eframe") && app.contains("provider-audit-core"));
}

#[test]
fn the_core_sources_sit_in_the_core_crate() {
    let core = root().join("crates/provider-audit-core/src");
    for module in [
        "model", "scoring", "compare", "validate", "export", "session",
    ] {
        assert!(
            core.join(module).is_dir() || core.join(format!("{module}.rs")).is_file(),
            "{module} is part of the core crate"
        );
    }
    for module in ["model", "scoring", "compare", "validate", "export"] {
        assert!(
            !root().join("src").join(module).exists(),
            "{module} is not duplicated in the app crate"
        );
    }
}
