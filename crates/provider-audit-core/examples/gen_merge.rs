//! Writes the three versions of a comparison a merge benchmark reads: `base.comparison.ron`,
//! `ours.comparison.ron` and `theirs.comparison.ron`, with 5 providers x every question of
//! the built-in questionnaire annotated (142 each, headings included), each side changing other annotations and
//! weights, and 40 annotations' comments changed on both sides (40 conflicts):
//!
//! `cargo run --release -p provider-audit-core --example gen_merge -- --out /tmp/merge [--conflicts 40]`

use std::path::PathBuf;

use provider_audit_core::compare::{Edit, apply, to_text};
use provider_audit_core::fsutil;
use provider_audit_core::model::{Comparison, Flag, Questionnaire};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = PathBuf::from("synthetic_merge");
    let mut conflicts = 40_usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--out" => out = PathBuf::from(value),
            "--conflicts" => conflicts = value.parse()?,
            other => {
                return Err(
                    format!("unknown option {other}; use --out DIR [--conflicts N]").into(),
                );
            }
        }
    }
    let questionnaire = Questionnaire::builtin();
    // Every item (142 in the built-in questionnaire, headings included), as issue 25 sizes it.
    let questions: Vec<_> = questionnaire
        .items
        .iter()
        .map(|item| item.id.clone())
        .collect();
    let annotate = |provider: usize, question: usize, comment: &str, author: &str| Edit::Annotate {
        provider: format!("Provider {provider} Cloud AB"),
        question: questions[question].clone(),
        flag: Some(if question.is_multiple_of(3) {
            Flag::FollowUp
        } else {
            Flag::Weak
        }),
        verdict: None,
        comment: comment.to_owned(),
        author: author.to_owned(),
        at: "2026-12-01T10:00:00Z".to_owned(),
    };
    let mut base = Comparison {
        format: Some(1),
        ..Comparison::default()
    };
    for provider in 1..=5 {
        for question in 0..questions.len() {
            base = apply(
                base,
                annotate(
                    provider,
                    question,
                    &format!("Base note on answer {question}"),
                    "ak",
                ),
            );
        }
    }
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for n in 0..conflicts {
        let (provider, question) = (n % 5 + 1, n / 5);
        ours = apply(
            ours,
            annotate(provider, question, "Ours says the answer is weak", "ml"),
        );
        theirs = apply(
            theirs,
            annotate(provider, question, "Theirs says the answer is fine", "ch"),
        );
    }
    for n in 0..100 {
        let (provider, question) = (n % 5 + 1, 40 + n / 5);
        ours = apply(
            ours,
            annotate(provider, question, "Only ours changed this", "ml"),
        );
        theirs = apply(
            theirs,
            annotate(provider, question + 30, "Only theirs changed this", "ch"),
        );
    }
    for (i, section) in questionnaire.sections.iter().enumerate() {
        let weight = if i.is_multiple_of(2) { 2.0 } else { 0.5 };
        if i.is_multiple_of(2) {
            ours = apply(ours, Edit::SectionWeight(section.id.clone(), weight));
        } else {
            theirs = apply(theirs, Edit::SectionWeight(section.id.clone(), weight));
        }
    }
    std::fs::create_dir_all(&out)?;
    for (name, comparison) in [("base", &base), ("ours", &ours), ("theirs", &theirs)] {
        let path = out.join(format!("{name}.comparison.ron"));
        fsutil::write_atomic(&path, to_text(comparison, "")?.as_bytes())?;
    }
    eprintln!(
        "wrote 3 comparisons of {} annotations to {}",
        base.annotations.len(),
        out.display()
    );
    Ok(())
}
