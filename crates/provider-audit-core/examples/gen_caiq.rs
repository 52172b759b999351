//! Writes the CAIQ samples of `sample_audits/caiq/`: three made-up providers' CAIQ-shaped
//! workbooks (made-up questions in four made-up domains, never CSA's text), the audits and
//! the questionnaire their import gives (the same core functions as `provider-audit import
//! caiq`, dated 2026-12-01 so the files do not change from run to run), one provider's
//! earlier CAIQ in `2025/` (reworded only, for `diff`), and a comparison of the three.
//!
//! `cargo run -p provider-audit-core --example gen_caiq -- [--out sample_audits/caiq]`
//! `cargo run -p provider-audit-core --example gen_caiq -- --bench FILE.xlsx` writes a
//! made-up CAIQ of 283 questions (the size of CAIQ v4.1), for timing the import.

#![allow(clippy::print_stdout, reason = "a generator: it says what it wrote")]

use std::path::{Path, PathBuf};

use provider_audit_core::caiq::{self, sample};
use provider_audit_core::interview::AuditEdit;
use provider_audit_core::model::{Date, QuestionId, Verdict};
use provider_audit_core::session::Editable as _;

struct Provider {
    file: &'static str,
    name: &'static str,
    seed: u64,
    accept: bool,
}

const PROVIDERS: [Provider; 3] = [
    Provider {
        file: "nimbus-hollow",
        name: "Nimbus Hollow Cloud (fictional)",
        seed: 3,
        accept: true,
    },
    Provider {
        file: "quillfeather",
        name: "Quillfeather Hosting (fictional)",
        seed: 8,
        accept: false,
    },
    Provider {
        file: "brassworks",
        name: "Brassworks Compute (fictional)",
        seed: 21,
        accept: true,
    },
];

/// The comment lines at the top of a file's text (the import log).
fn leading_comments(text: &str) -> String {
    let mut header = String::new();
    for line in text.lines().take_while(|line| line.starts_with("//")) {
        header.push_str(line);
        header.push('\n');
    }
    header
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes)?;
    println!("wrote {}", path.display());
    Ok(())
}

fn main() -> Result<()> {
    let mut out = PathBuf::from("sample_audits/caiq");
    let mut bench = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--out" => out = PathBuf::from(value),
            "--bench" => bench = Some(PathBuf::from(value)),
            other => {
                return Err(
                    format!("unknown option {other}; use [--out DIR] or --bench FILE").into(),
                );
            }
        }
    }
    if let Some(path) = bench {
        let mut rows = sample::made_up_rows(17, 6, 3, 5);
        rows.truncate(283);
        return write(&path, &sample::SampleWorkbook::new("4.1", rows).to_bytes()?);
    }
    std::fs::create_dir_all(out.join("2025"))?;
    let today = Date::parse("2026-12-01").ok_or("date")?;
    for (index, provider) in PROVIDERS.iter().enumerate() {
        let mut rows = sample::made_up_rows(4, 3, 2, provider.seed);
        let mut workbook = sample::SampleWorkbook::new("4.0.3", rows.clone());
        if index == 1 {
            // Another provider's layout: a column of their own in front, a hidden one.
            workbook.headers.insert(0, "Reviewer".to_owned());
            workbook.hidden = vec![0];
            if let Some(row) = workbook.rows.get_mut(2) {
                "Partially".clone_into(&mut row.answer);
            }
        }
        let path = out.join(format!("{}.xlsx", provider.file));
        write(&path, &workbook.to_bytes()?)?;
        let read = caiq::read(&path)?;
        let imported = caiq::import(&read, &path, provider.name, today)?;
        let mut audit = imported.audit.clone();
        let mut header = leading_comments(&imported.audit_text);
        if provider.accept {
            audit = audit.apply(AuditEdit::AcceptSelfAssessment);
            header.push_str("// Judging: the provider's self-assessment accepted for every answer (Yes → Meets,\n// No → Gap, NA → Not applicable), then one verdict set by the auditor.\n");
            audit = audit.apply(AuditEdit::Verdict(
                QuestionId::new("agk-01.1"),
                Some(Verdict::Partial),
            ));
            audit = audit.apply(AuditEdit::Provenance(
                QuestionId::new("agk-01.1"),
                provider_audit_core::model::Provenance::Stated,
            ));
        }
        let text =
            provider_audit_core::template::audit_text(&imported.questionnaire, &audit, &header);
        write(&out.join(format!("{}.ron", provider.file)), text.as_bytes())?;
        if index == 0 {
            let text = format!(
                "// Sample data: every question below is made up; none is CSA's.\n{}",
                imported.questionnaire_text
            );
            write(&out.join(&imported.questionnaire_name), text.as_bytes())?;
            // The same provider a year earlier: the same answers, reworded only.
            for row in &mut rows {
                row.description = row
                    .description
                    .replace("operations team", "operations  team");
                if let Some(first) = row.description.get(..1) {
                    row.description = format!("{}{}", first.to_lowercase(), &row.description[1..]);
                }
            }
            let earlier = sample::SampleWorkbook::new("4.0.3", rows);
            let path = out.join("2025").join(format!("{}.xlsx", provider.file));
            write(&path, &earlier.to_bytes()?)?;
            let read = caiq::read(&path)?;
            let old_day = Date::parse("2025-11-20").ok_or("date")?;
            let imported = caiq::import(&read, &path, provider.name, old_day)?;
            let mut audit = imported.audit.apply(AuditEdit::AcceptSelfAssessment);
            audit = audit.apply(AuditEdit::Verdict(
                QuestionId::new("agk-01.1"),
                Some(Verdict::Partial),
            ));
            audit = audit.apply(AuditEdit::Provenance(
                QuestionId::new("agk-01.1"),
                provider_audit_core::model::Provenance::Stated,
            ));
            let text = provider_audit_core::template::audit_text(
                &imported.questionnaire,
                &audit,
                &leading_comments(&imported.audit_text),
            );
            write(
                &out.join("2025").join(format!("{}.ron", provider.file)),
                text.as_bytes(),
            )?;
        }
    }
    let comparison = "\
// Comparison of three made-up providers' CAIQs (sample data: every name and question is
// invented). Key custody counts double; the badge register question (kcu-02.1) is a must-have.
(
    format: 1,
    audits: [
        (path: \"nimbus-hollow.ron\"),
        (path: \"quillfeather.ron\"),
        (path: \"brassworks.ron\"),
    ],
    section_weights: {
        \"kcu\": 2.0,
    },
    must_have: [
        \"kcu-02.1\",
    ],
)
";
    write(&out.join("caiq.comparison.ron"), comparison.as_bytes())?;
    Ok(())
}
