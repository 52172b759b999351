//! Tests of the PDF record over the five sample audits and the selection meeting's
//! comparison: pages, text (read back with poppler's `pdftotext`, installed by
//! `scripts/install-deps.sh`), fonts, metadata, PDF/A identification and determinism.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use super::render;
use crate::model::{Date, Questionnaire};
use crate::session::Session;

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_audits");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sample_audits")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

fn session(files: Vec<PathBuf>) -> Session {
    let questionnaire = Arc::new(Questionnaire::builtin().clone());
    // Any day: the record depends on the comparison's dates, not on this one.
    Session::open(
        questionnaire,
        files,
        Date::parse("2026-12-04").expect("date"),
    )
}

fn sample_pdf() -> (Session, Vec<u8>) {
    let session = session(samples());
    let bytes = render(session.view(), Questionnaire::builtin()).expect("the record renders");
    (session, bytes)
}

/// Runs a poppler tool on `pdf` and gives its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("record.pdf");
    std::fs::write(&path, pdf).expect("write");
    let output = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|err| {
            panic!("{tool} could not run ({err}): install poppler-utils (scripts/install-deps.sh)")
        });
    assert!(output.status.success(), "{tool} failed: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_samples_give_the_comparison_every_section_and_the_record() {
    let (session, pdf) = sample_pdf();
    let info = poppler("pdfinfo", &[], &pdf);
    // 1 comparison page; 9 section matrix pages (Technical on 3, Organizational on 2, Legal,
    // Collaboration, Environment and Evidence on 1 each); 3 pages of annotations; 4 of the
    // decision, its basis and the hashes.
    let pages: usize = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    assert_eq!(pages, 17, "{info}");
    let questionnaire = Questionnaire::builtin();
    let text = poppler("pdftotext", &[], &pdf);
    // Every page has text: a page break in pdftotext's output is a form feed.
    let page_texts: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let starts = |page: usize, text: &str| {
        assert!(
            page_texts[page - 1].trim_start().starts_with(text),
            "page {page} does not start with {text}: {}",
            page_texts[page - 1].chars().take(80).collect::<String>()
        );
    };
    starts(
        1,
        "Infrastructure Provider Audit: comparison of 5 providers",
    );
    starts(
        2,
        "Technical Capability Questionnaire: answers by provider (1 of 3)",
    );
    starts(
        4,
        "Technical Capability Questionnaire: answers by provider (3 of 3)",
    );
    starts(
        5,
        "Organizational capabilities: answers by provider (1 of 2)",
    );
    starts(10, "Evidence: answers by provider");
    starts(11, "Annotations");
    starts(12, "Annotations (continued)");
    starts(14, "Decision and evidence");
    assert_eq!(page_texts.len(), pages);
    let flat = words(&text);
    let view = session.view();
    for provider in &view.providers {
        assert!(flat.contains(&provider.name), "{} missing", provider.name);
    }
    for section in &questionnaire.sections {
        assert!(
            flat.contains(&words(&section.title)),
            "{} missing",
            section.title
        );
    }
    let decision = view
        .decision
        .as_ref()
        .expect("the samples record a decision");
    assert!(
        flat.contains(&words(&decision.rationale)),
        "the rationale is missing"
    );
    assert!(flat.contains(&decision.decided_by));
    for input in &view.inputs {
        assert_eq!(input.sha256.len(), 64);
        assert!(
            flat.contains(&input.sha256),
            "{} {} missing",
            input.name,
            input.sha256
        );
    }
    let mut documents = 0;
    for provider in &view.providers {
        for document in &provider.documents {
            let hash = document
                .sha256
                .as_deref()
                .expect("the sample documents are read");
            assert!(flat.contains(hash), "{} {hash} missing", document.file);
            documents += 1;
        }
    }
    assert!(documents > 10, "{documents} documents");
    // Comments are wrapped inside a table column: read in the order they are drawn.
    let raw = words(&poppler("pdftotext", &["-raw"], &pdf));
    for annotation in &view.annotations {
        if !annotation.comment.is_empty() {
            assert!(
                raw.contains(&words(&annotation.comment)),
                "{}",
                annotation.comment
            );
        }
    }
    // Every section continued on a further page says which part it is.
    assert!(flat.contains("answers by provider (2 of"), "{flat}");
}

#[test]
fn the_shipped_font_is_embedded_as_a_subset() {
    let (_, pdf) = sample_pdf();
    let fonts = poppler("pdffonts", &[], &pdf);
    let lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(lines.len(), 2, "{fonts}");
    for (line, face) in lines.iter().zip(["Inter-Regular", "Inter-SemiBold"]) {
        assert!(line.contains(face), "{fonts}");
        // emb sub uni: embedded, subset, with a Unicode map (text can be extracted).
        assert!(line.contains("yes yes yes"), "{fonts}");
    }
}

#[test]
fn the_metadata_come_from_the_decision_and_name_pdf_a_2b() {
    let (session, pdf) = sample_pdf();
    let decision = session.view().decision.clone().expect("decision");
    let info = poppler("pdfinfo", &["-isodates"], &pdf);
    assert!(
        info.contains(&format!("Author:          {}", decision.decided_by)),
        "{info}"
    );
    assert!(
        info.contains(&format!(
            "CreationDate:    {}T00:00:00",
            decision.decided_on
        )),
        "{info}"
    );
    assert!(
        info.contains("Title:           Infrastructure Provider Audit: the record"),
        "{info}"
    );
    assert!(
        info.contains("Subject:         Selection of an infrastructure provider: Nordlys"),
        "{info}"
    );
    let xmp = poppler("pdfinfo", &["-meta"], &pdf);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (_, first) = sample_pdf();
    let (_, second) = sample_pdf();
    assert!(first == second, "two renders differ");
    // And the day the files are read on does not matter.
    let questionnaire = Arc::new(Questionnaire::builtin().clone());
    let later = Session::open(
        questionnaire,
        samples(),
        Date::parse("2031-01-01").expect("date"),
    );
    let third = render(later.view(), Questionnaire::builtin()).expect("renders");
    assert!(first == third, "the record depends on the day");
}

#[test]
fn twenty_synthetic_providers_fit_and_hostile_names_print() {
    let dir = tempfile::tempdir().expect("temp dir");
    let questionnaire = Questionnaire::builtin();
    let mut files = Vec::new();
    let audits = crate::synthetic::audits(questionnaire, 20, 1);
    for (index, mut audit) in audits.into_iter().enumerate() {
        if index == 3 {
            // Characters the shipped font lacks are drawn as others, never as a missing glyph
            // (which PDF/A forbids).
            audit.provider = "雲 Cloud 👍 \u{202e}Kör\u{0007}".to_owned();
        }
        let path = dir.path().join(format!("p{index:02}.ron"));
        std::fs::write(&path, audit.to_ron().expect("ron")).expect("write");
        files.push(path);
    }
    let session = session(files);
    let pdf = render(session.view(), questionnaire).expect("renders");
    let text = words(&poppler("pdftotext", &[], &pdf));
    for provider in session
        .view()
        .providers
        .iter()
        .filter(|p| p.name.is_ascii())
    {
        assert!(text.contains(&provider.name), "{}", provider.name);
    }
}

#[test]
fn a_decision_that_no_longer_holds_says_why_and_keeps_the_one_it_replaced() {
    let mut session = session(samples());
    let view = session.view().clone();
    let audits = session
        .workspace()
        .audits
        .iter()
        .map(|loaded| crate::model::AuditRef {
            path: loaded.path.display().to_string(),
            sha256: Some(loaded.sha256.clone()),
        })
        .collect();
    let basis = crate::compare::basis(session.workspace().comparison(), &view.ranking, audits);
    session.edit(crate::compare::Edit::Decide(crate::model::Decision {
        provider: "Nordlys Cloud AB".to_owned(),
        rationale: "Taken again with its basis recorded.".to_owned(),
        decided_by: "The selection board".to_owned(),
        decided_on: "2026-12-01".to_owned(),
        basis: Some(basis),
    }));
    session.edit(crate::compare::Edit::SectionWeight(
        crate::model::SectionId::new("collab"),
        0.1,
    ));
    let pdf = render(session.view(), Questionnaire::builtin()).expect("renders");
    let text = words(&poppler("pdftotext", &[], &pdf));
    for expected in [
        "The basis recorded with the decision",
        "no longer matches what is shown",
        "Collaboration weight 1 → 0.1",
        "Superseded decisions, oldest first",
        "Taken again with its basis recorded.",
        // The superseded decision's author keeps the capitals of the name.
        "Nordlys Cloud AB: decided by C. Holm (Head of Platform)",
        "edits not saved",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    let info = poppler("pdfinfo", &["-isodates"], &pdf);
    assert!(
        info.contains("Author:          The selection board"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:    2026-12-01T00:00:00"),
        "{info}"
    );
}

#[test]
fn no_audit_is_an_error_not_a_panic() {
    let session = session(Vec::new());
    assert!(matches!(
        render(session.view(), Questionnaire::builtin()),
        Err(crate::export::ExportError::Empty)
    ));
}
