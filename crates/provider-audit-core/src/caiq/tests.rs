use std::path::Path;

use super::sample::{SampleRow, SampleWorkbook, made_up_rows, standard_headers};
use super::{CaiqError, CaiqNote, import, read_bytes};
use crate::model::{Claim, Date, ItemKind, Ownership};

fn row(id: &str, answer: &str, ownership: &str) -> SampleRow {
    let control = id.rsplit_once('.').map_or(id, |(c, _)| c).to_owned();
    let domain = id.split('-').next().unwrap_or_default().to_owned();
    SampleRow {
        id: id.to_owned(),
        question: format!("Made-up question {id}?"),
        answer: answer.to_owned(),
        ownership: ownership.to_owned(),
        description: format!("Made-up description of {id}"),
        customer_duties: String::new(),
        control_title: format!("Title of {control}"),
        control_id: control,
        domain: format!("Domain {domain}"),
        answer_formula: false,
    }
}

fn small() -> Vec<SampleRow> {
    vec![
        row("K&C-01.1", "Yes", "CSP-owned"),
        row("K&C-01.2", "No", "Shared CSP and CSC"),
        row("K&C-02.1", "NA", "CSC-owned"),
        row("AGK-01.1", "", ""),
        row("AGK-01.2", "yes", "3rd-party outsourced"),
    ]
}

fn bytes(workbook: &SampleWorkbook) -> Vec<u8> {
    workbook.to_bytes().expect("workbook written")
}

#[test]
fn merged_control_and_domain_cells_are_carried_down_and_the_notice_row_skipped() {
    let caiq = read_bytes(bytes(&SampleWorkbook::new("4.0.3", small())), "p.xlsx").expect("read");
    assert_eq!(caiq.version, "4.0.3");
    assert_eq!(caiq.sheet, "CAIQv4.0.3");
    assert_eq!(caiq.rows.len(), 5);
    let second = &caiq.rows[1];
    assert_eq!(second.control_id, "K&C-01");
    assert_eq!(second.control_title, "Title of K&C-01");
    assert_eq!(second.domain, "Domain K&C");
    assert_eq!(caiq.rows[2].control_title, "Title of K&C-02");
    assert_eq!(caiq.rows[4].domain, "Domain AGK");
    assert_eq!(caiq.rows[4].answer, "Yes", "yes is read as Yes");
    assert_eq!(caiq.rows[0].row, 3, "questions start on row 3");
    assert!(
        caiq.notes
            .iter()
            .any(|n| matches!(n, CaiqNote::NotAQuestion { place, .. } if place == "CAIQv4.0.3!A8")),
        "{:?}",
        caiq.notes
    );
}

#[test]
fn reordered_and_hidden_columns_are_found_by_their_header_text() {
    let mut workbook = SampleWorkbook::new("4.1", small());
    let mut headers = standard_headers();
    headers.reverse();
    for header in &mut headers {
        if header == "CSP CAIQ Answer" {
            "  csp   CAIQ answer ".clone_into(header);
        }
    }
    headers.insert(0, "Internal reviewer".to_owned());
    workbook.headers = headers;
    workbook.hidden = vec![0, 2];
    workbook.merged = false;
    let caiq = read_bytes(bytes(&workbook), "p.xlsx").expect("read");
    assert_eq!(caiq.version, "4.1");
    assert_eq!(caiq.rows.len(), 5);
    assert_eq!(caiq.rows[1].answer, "No");
    assert_eq!(caiq.rows[1].ownership, "Shared CSP and CSC");
    assert_eq!(caiq.rows[1].description, "Made-up description of K&C-01.2");
    assert_eq!(caiq.rows[1].question, "Made-up question K&C-01.2?");
}

#[test]
fn the_questionnaire_groups_questions_under_controls_and_the_audit_judges_nothing() {
    let mut rows = small();
    rows[1].customer_duties = "Rotate your own keys.".to_owned();
    let caiq = read_bytes(bytes(&SampleWorkbook::new("4.0.3", rows)), "p.xlsx").expect("read");
    let today = Date::parse("2026-12-06").expect("date");
    let imported = import(
        &caiq,
        Path::new("dir/Example Cloud.xlsx"),
        "Example Cloud",
        today,
    )
    .expect("imported");
    let q = &imported.questionnaire;
    assert_eq!(q.id, "csa-caiq");
    assert_eq!(q.version, "4.0.3");
    assert_eq!(
        imported.questionnaire_name,
        "csa-caiq-4.0.3.questionnaire.ron"
    );
    assert_eq!(q.sections.len(), 2);
    assert_eq!(q.sections[0].id.as_str(), "kc");
    assert_eq!(q.sections[0].title, "Domain K&C");
    assert_eq!(q.sections[0].label, "K&C");
    let heading = q.item("kc-01").expect("control heading");
    assert_eq!(heading.kind, ItemKind::Heading);
    assert_eq!(heading.text, "K&C-01: Title of K&C-01");
    let question = q.item("kc-01.2").expect("question");
    assert_eq!(question.parent, q.position("kc-01"));
    // The written questionnaire reads back as the same.
    let back = crate::model::Questionnaire::parse(&imported.questionnaire_text).expect("parses");
    assert_eq!(back.items, q.items);
    let audit = &imported.audit;
    assert_eq!(audit.questionnaire, "csa-caiq");
    assert_eq!(audit.questionnaire_version.as_deref(), Some("4.0.3"));
    let answer = audit.answer("kc-01.2").expect("answered");
    assert_eq!(answer.claim(), Some(Claim::No));
    assert_eq!(answer.ownership, Some(Ownership::SharedCspCsc));
    assert_eq!(answer.answer, "Made-up description of K&C-01.2");
    assert_eq!(answer.customer_duties, "Rotate your own keys.");
    assert!(audit.answers.iter().all(|(_, a)| a.verdict.is_none()));
    // The audit file reads back equal, and validates against the questionnaire.
    let read_back = crate::model::Audit::from_ron(&imported.audit_text).expect("parses");
    assert_eq!(&read_back, audit);
    assert!(
        imported
            .audit_text
            .starts_with("// Imported from Example Cloud.xlsx (CSA CAIQ) on 2026-12-06.\n")
    );
    assert!(
        imported.log[1].contains("1 yes") || imported.log[1].contains("2 yes"),
        "{:?}",
        imported.log
    );
}

#[test]
fn answers_outside_yes_no_na_are_kept_as_text_and_flagged_blanks_are_blank() {
    let mut rows = small();
    rows[0].answer = "Partially".to_owned();
    rows[1].ownership = "Mostly ours".to_owned();
    let caiq = read_bytes(bytes(&SampleWorkbook::new("4.0.3", rows)), "p.xlsx").expect("read");
    assert_eq!(caiq.rows[0].answer, "Partially");
    assert!(caiq.notes.contains(&CaiqNote::OtherAnswer {
        place: "CAIQv4.0.3!C3".to_owned(),
        value: "Partially".to_owned()
    }));
    assert!(
        caiq.notes
            .iter()
            .any(|n| matches!(n, CaiqNote::OtherOwnership { value, .. } if value == "Mostly ours"))
    );
    let imported = import(
        &caiq,
        Path::new("p.xlsx"),
        "P",
        Date::parse("2026-12-06").expect("date"),
    )
    .expect("ok");
    let answer = imported.audit.answer("kc-01.1").expect("kept");
    assert_eq!(answer.claim, "Partially");
    assert_eq!(answer.claim(), None);
    assert_eq!(
        imported.audit.answer("kc-01.2").and_then(|a| a.ownership),
        None
    );
    assert_eq!(
        imported.audit.answer("agk-01.1").map(|a| a.claim.as_str()),
        Some("")
    );
    assert!(
        imported
            .log
            .iter()
            .any(|l| l.contains("`Partially` is not Yes, No or NA"))
    );
}

#[test]
fn duplicate_question_ids_are_refused_with_both_places() {
    let mut rows = small();
    rows[3].id = "K&C-01.2".to_owned();
    let err =
        read_bytes(bytes(&SampleWorkbook::new("4.0.3", rows)), "p.xlsx").expect_err("refused");
    assert!(
        matches!(&err, CaiqError::Duplicate { id, first, second, .. }
        if id == "K&C-01.2" && first == "CAIQv4.0.3!A4" && second == "CAIQv4.0.3!A6"),
        "{err}"
    );
}

#[test]
fn formula_cells_are_read_by_their_value_and_named() {
    let mut rows = small();
    rows[2].answer_formula = true;
    let caiq = read_bytes(bytes(&SampleWorkbook::new("4.0.3", rows)), "p.xlsx").expect("read");
    assert_eq!(caiq.rows[2].answer, "NA");
    assert!(
        caiq.notes.contains(&CaiqNote::Formula {
            place: "CAIQv4.0.3!C5".to_owned()
        }),
        "{:?}",
        caiq.notes
    );
}

#[test]
fn hostile_strings_lose_their_control_and_direction_characters() {
    let mut rows = small();
    rows[0].description = "ok\u{202e}gnp.exe\u{7}\nsecond line".to_owned();
    rows[0].question = "Q\u{2067}x\u{2069}?".to_owned();
    rows[0].control_title = "T\u{1b}[31mred".to_owned();
    let caiq = read_bytes(bytes(&SampleWorkbook::new("4.0.3", rows)), "p.xlsx").expect("read");
    assert_eq!(caiq.rows[0].description, "ok gnp.exe \nsecond line");
    assert_eq!(caiq.rows[0].question, "Q x ?");
    assert!(!caiq.rows[0].control_title.contains('\u{1b}'));
    let imported = import(
        &caiq,
        Path::new("p.xlsx"),
        "P\u{202e}",
        Date::parse("2026-12-06").expect("date"),
    )
    .expect("ok");
    assert!(crate::model::Audit::from_ron(&imported.audit_text).is_ok());
}

#[test]
fn a_workbook_that_is_not_a_caiq_names_the_header_it_found_and_the_ones_expected() {
    let mut workbook = SampleWorkbook::new("4.0.3", small());
    workbook.headers = vec![
        "ID".into(),
        "Question".into(),
        "Answer".into(),
        "Comment".into(),
    ];
    let err = read_bytes(bytes(&workbook), "other.xlsx").expect_err("refused");
    let message = err.to_string();
    assert!(matches!(err, CaiqError::NotCaiq { .. }));
    assert!(
        message.contains("row 2: \"ID\" | \"Question\" | \"Answer\" | \"Comment\""),
        "{message}"
    );
    assert!(message.contains("\"CSP CAIQ Answer\""), "{message}");
}

#[test]
fn a_caiq_version_3_layout_is_named_as_such() {
    let mut workbook = SampleWorkbook::new("3.1", small());
    workbook.headers = vec![
        "Control Domain".into(),
        "Control ID".into(),
        "Question ID".into(),
        "Control Specification".into(),
        "Consensus Assessment Questions".into(),
        "Consensus Assessment Answers".into(),
    ];
    let err = read_bytes(bytes(&workbook), "v3.xlsx").expect_err("refused");
    assert!(matches!(err, CaiqError::Version3 { .. }), "{err}");
    assert!(err.to_string().contains("CAIQ v3.x layout"), "{err}");
    // A v4-shaped sheet whose A1 says v3 is named too.
    let err =
        read_bytes(bytes(&SampleWorkbook::new("3.0.1", small())), "v3.xlsx").expect_err("refused");
    assert!(matches!(err, CaiqError::Version3 { .. }), "{err}");
}

#[test]
fn size_limits_and_non_spreadsheets_are_refused() {
    let big = vec![b'x'; usize::try_from(crate::fsutil::MAX_FILE_BYTES).expect("fits") + 1];
    let err = read_bytes(big, "big.xlsx").expect_err("refused");
    assert!(err.to_string().contains("16 MiB"), "{err}");
    let err = read_bytes(b"PK\x03\x04 not a zip".to_vec(), "bad.xlsx").expect_err("refused");
    assert!(err.to_string().contains("not a spreadsheet"), "{err}");
    // Rows far below the questions are refused before the sheet is laid out.
    let bytes_far = {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        sheet.set_name("CAIQv4.0.3").expect("name");
        for (c, h) in standard_headers().iter().enumerate() {
            sheet
                .write_string(1, u16::try_from(c).expect("c"), h)
                .expect("h");
        }
        sheet.write_string(60_000, 0, "far").expect("far");
        wb.save_to_buffer().expect("saved")
    };
    let err = read_bytes(bytes_far, "far.xlsx").expect_err("refused");
    assert!(
        err.to_string().contains("over the limit of 50000 rows"),
        "{err}"
    );
}

#[test]
fn a_zip_bomb_is_refused_from_its_directory() {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    zip.start_file("xl/worksheets/sheet1.xml", options)
        .expect("entry");
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&zeros).expect("write");
    }
    let bytes = zip.finish().expect("zip").into_inner();
    let err = read_bytes(bytes, "bomb.xlsx").expect_err("refused");
    assert!(err.to_string().contains("zip bomb"), "{err}");
}

#[test]
fn a_full_size_made_up_caiq_reads_in_order() {
    let rows = made_up_rows(17, 6, 3, 7);
    assert_eq!(rows.len(), 306);
    let caiq =
        read_bytes(bytes(&SampleWorkbook::new("4.1", rows.clone())), "p.xlsx").expect("read");
    assert_eq!(caiq.rows.len(), 306);
    for (read, written) in caiq.rows.iter().zip(&rows) {
        assert_eq!(read.id, written.id);
        assert_eq!(read.answer, written.answer);
        assert_eq!(read.ownership, written.ownership);
        assert_eq!(read.domain, written.domain);
        assert_eq!(read.control_title, written.control_title);
    }
}

/// The samples of `sample_audits/caiq/` (written by `examples/gen_caiq.rs`) load with the
/// questionnaire beside them, and every output shows their shared responsibility.
#[test]
fn the_samples_load_and_every_output_shows_the_shared_responsibility() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_audits/caiq");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&folder)
        .expect("the samples are there")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    let chosen = crate::questionnaire_choice::choose(&paths).expect("questionnaire found");
    let q = chosen.questionnaire;
    assert_eq!((q.id.as_str(), q.version.as_str()), ("csa-caiq", "4.0.3"));
    let today = Date::parse("2026-12-06").expect("date");
    let workspace = crate::workspace::Workspace::load(&paths, &q, today);
    let errors: Vec<String> = workspace
        .findings
        .iter()
        .filter(|f| f.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(workspace.audits.len(), 3);
    let view = crate::view::ComparisonView::of_workspace(&q, &workspace, today);
    assert_eq!(view.ownership.len(), 3);
    for row in &view.ownership {
        assert_eq!(row.total.total(), 24, "{}", row.provider);
    }
    assert!(
        view.ownership
            .iter()
            .all(|row| !row.customer_parts.is_empty())
    );
    assert_eq!(
        view.providers
            .iter()
            .filter(|p| p.self_assessed > 0)
            .count(),
        2
    );
    let markdown = crate::export::report::markdown(&view);
    assert!(markdown.contains("## Shared responsibility"), "{markdown}");
    assert!(
        markdown.contains("### What you still own with Quillfeather Hosting"),
        "{markdown}"
    );
    assert!(markdown.contains("Self-assessed verdicts"), "{markdown}");
    let csv = crate::export::report::csv(&view).expect("csv");
    assert!(
        csv.contains("ownership,Nimbus Hollow Cloud (fictional),"),
        "{csv}"
    );
    assert!(csv.contains("self_assessed,"), "{csv}");
    let section = crate::export::SectionView::new(&view, &q, "kcu").expect("section");
    assert!(
        section
            .rows
            .iter()
            .any(|r| r.cells.iter().any(|c| c.self_assessed))
    );
    crate::export::render_section_png(&section, None).expect("section image");
    let pdf = crate::export::pdf::render(&view, &q).expect("pdf");
    assert!(pdf.len() > 1000);
    // The earlier CAIQ of Nimbus Hollow differs in wording only.
    let old = crate::model::Audit::from_ron(
        &std::fs::read_to_string(folder.join("2025/nimbus-hollow.ron")).expect("read"),
    )
    .expect("parses");
    let new = crate::model::Audit::from_ron(
        &std::fs::read_to_string(folder.join("nimbus-hollow.ron")).expect("read"),
    )
    .expect("parses");
    let diff = crate::history::diff(
        &q,
        (&old, "old"),
        (&new, "new"),
        &crate::model::Comparison::default(),
    );
    assert!(diff.wording_changes > 0);
    assert_eq!(
        diff.wording_changes,
        diff.changes.len(),
        "{:?}",
        diff.changes
    );
}

/// Found by the `caiq_workbook` fuzz target: a cell reference of a hundred letters made
/// calamine's column arithmetic overflow, a panic in a build with overflow checks. The file
/// is refused with a message naming it.
#[test]
fn a_cell_reference_of_a_hundred_letters_is_refused_not_a_panic() {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/hostile/caiq-column-letters-overflow.xlsx"),
    )
    .expect("the fixture");
    let err = read_bytes(bytes, "provider.xlsx").expect_err("refused");
    assert!(err.to_string().contains("provider.xlsx"), "{err}");
}
