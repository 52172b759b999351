#![allow(clippy::expect_used, reason = "tests fail loudly on bad setup")]

use super::{ImportError, Note, Request, read, to_audit, write};
use crate::model::{Audit, Date, QuestionId, Questionnaire, Verdict};
use crate::template::blank_audit;

/// Text a provider may write: quotes, formulas that must stay text, newlines, emoji,
/// right-to-left text, and a 30 000-character answer.
fn hostile() -> Vec<String> {
    vec![
        "He said \"yes\" to it".to_owned(),
        "=HYPERLINK(\"http://evil\")".to_owned(),
        "+1 and -1 and @sum".to_owned(),
        "line one\nline two\n\nline four".to_owned(),
        "Thumbs 👍🏽 and flags 🇸🇪".to_owned(),
        "עברית and العربية".to_owned(),
        "x".repeat(30_000),
    ]
}

fn today() -> Date {
    Date::parse("2026-12-03").expect("date")
}

/// An audit whose first answers are the hostile texts.
fn answered(questionnaire: &Questionnaire) -> Audit {
    let mut audit =
        Audit::from_ron(&blank_audit(questionnaire, "Hostile AB", today())).expect("parses");
    for ((_, answer), text) in audit.answers.0.iter_mut().zip(hostile()) {
        answer.answer = text;
        answer.verdict = Some(Verdict::Meets);
        answer.evidence = vec![
            "ISO 27001 certificate".to_owned(),
            "SOC 2 report".to_owned(),
        ];
        answer.note = "see the contract, §4".to_owned();
    }
    audit
}

fn write_file(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn a_prefilled_workbook_reads_back_every_answer_byte_for_byte() {
    let q = Questionnaire::builtin();
    let audit = answered(q);
    let bytes = write(
        q,
        Request {
            provider: Some("Hostile AB"),
            sender: Some("Platform team"),
            from: Some(&audit),
        },
    )
    .expect("written");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "hostile.xlsx", &bytes);
    let imported = read(&path, q, false).expect("read back");
    assert_eq!(imported.provider.as_deref(), Some("Hostile AB"));
    assert_eq!(imported.rows.len(), hostile().len());
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    for (row, text) in imported.rows.iter().zip(hostile()) {
        assert_eq!(row.answer, text, "{}", row.id);
        assert_eq!(row.evidence, ["ISO 27001 certificate", "SOC 2 report"]);
        assert_eq!(row.comment, "see the contract, §4");
    }
    let (read_audit, log) = to_audit(q, &imported, "Hostile AB", None, today());
    for (id, answer) in audit.answers.iter().take(hostile().len()) {
        let back = read_audit.answer(id.as_str()).expect("answered");
        assert_eq!(back.answer, answer.answer);
        assert_eq!(back.verdict, None, "the auditor judges");
    }
    assert!(log[0].starts_with("7 answers imported"), "{log:?}");
}

#[test]
fn merging_keeps_the_verdicts_of_unchanged_answers_only() {
    let q = Questionnaire::builtin();
    let audit = answered(q);
    let first = audit.answers.0[0].0.clone();
    let second = audit.answers.0[1].0.clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = format!(
        "id,question,answer,evidence,comment\n{first},,\"He said \"\"yes\"\" to it\",,\n{second},,Changed since last year,,\n"
    );
    let path = write_file(dir.path(), "answers.csv", csv.as_bytes());
    let imported = read(&path, q, false).expect("read");
    let (merged, log) = to_audit(q, &imported, "Hostile AB", Some(audit.clone()), today());
    assert_eq!(
        merged.answer(first.as_str()).and_then(|a| a.verdict),
        Some(Verdict::Meets),
        "unchanged: the verdict stays"
    );
    let changed = merged.answer(second.as_str()).expect("answered");
    assert_eq!(changed.answer, "Changed since last year");
    assert_eq!(changed.verdict, None, "changed: judged again");
    assert!(log.iter().any(|l| l.contains(second.as_str())), "{log:?}");
    let third = &audit.answers.0[2];
    assert_eq!(
        merged.answer(third.0.as_str()),
        Some(&third.1),
        "nothing else changes"
    );
}

#[test]
fn rows_without_an_id_are_matched_by_their_text_and_strays_are_logged() {
    let q = Questionnaire::builtin();
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = "question;answer\n\"WHERE are your data-centers located\";Three sites\nWhat is your favourite colour?;Blue\n";
    let path = write_file(
        dir.path(),
        "semicolons.csv",
        format!("\u{feff}{csv}").as_bytes(),
    );
    let imported = read(&path, q, false).expect("read");
    assert_eq!(imported.rows.len(), 1);
    assert_eq!(imported.rows[0].id, QuestionId::new("tech.az.locations"));
    assert!(matches!(&imported.notes[..], [Note::Unmatched { place, .. }] if place == "CSV!A3"));
}

#[test]
fn bad_inputs_are_named_errors() {
    let q = Questionnaire::builtin();
    let dir = tempfile::tempdir().expect("temp dir");
    let not = write_file(dir.path(), "notes.xlsx", b"plain text, not a workbook");
    assert!(matches!(
        read(&not, q, false),
        Err(ImportError::NotASpreadsheet { .. })
    ));
    let other = crate::model::Questionnaire::parse(
        r#"(format: 1, id: "other", title: "Other", sections: [(id: "a", label: "A", title: "A", items: [(id: "a.q", text: "Q?")])])"#,
    )
    .expect("parses");
    let bytes = write(&other, Request::default()).expect("written");
    let path = write_file(dir.path(), "other.xlsx", &bytes);
    let err = read(&path, q, false).expect_err("another questionnaire");
    assert!(
        err.to_string().contains("`other`"),
        "names the file and the questionnaire: {err}"
    );
    assert!(
        matches!(
            read(&path, q, true),
            Err(ImportError::NoQuestionFound { caiq: false, .. })
        ),
        "--force matches its rows by text, and none matches: refused, not an empty audit"
    );
    let csv = write_file(dir.path(), "no-columns.csv", b"name,value\na,b\n");
    assert!(read(&csv, q, false).is_err());
}

#[test]
fn a_sheet_of_a_million_empty_rows_is_refused_without_laying_it_out() {
    let q = Questionnaire::builtin();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, title) in super::COLUMNS.iter().enumerate() {
        sheet
            .write_string(0, u16::try_from(column).expect("five"), *title)
            .expect("cell");
    }
    sheet.write_string(1, 0, "tech.az.locations").expect("cell");
    sheet.write_string(1, 2, "Three sites.").expect("cell");
    // The last row a sheet can have: a million empty rows between.
    sheet.write_string(1_048_575, 4, " ").expect("cell");
    let bytes = workbook.save_to_buffer().expect("saved");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "rows.xlsx", &bytes);
    let err = read(&path, q, false).expect_err("refused");
    assert!(
        matches!(
            err,
            ImportError::TooManyRows {
                rows: 1_048_576,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().starts_with(&format!(
            "{}: sheet `Sheet1` reaches row 1048576",
            path.display()
        )),
        "{err}"
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    use std::io::Write as _;
    let q = Questionnaire::builtin();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    zip.start_file("[Content_Types].xml", options)
        .expect("entry");
    zip.write_all(b"<Types/>").expect("write");
    zip.start_file("xl/worksheets/sheet1.xml", options)
        .expect("entry");
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&zeros).expect("write");
    }
    let bytes = zip.finish().expect("zip").into_inner();
    assert!(
        bytes.len() < 4 << 20,
        "under the file size limit: {} bytes",
        bytes.len()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "bomb.xlsx", &bytes);
    let err = read(&path, q, false).expect_err("refused");
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("zip bomb"), "{err}");
}

/// An `OpenDocument` spreadsheet of `content`, as a spreadsheet program zips one.
fn ods(content: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("content.xml", content),
    ] {
        zip.start_file(name, options).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

/// Found by the `workbook_ods` fuzz target: a 973-byte sheet that ends inside its table
/// kept the import busy forever. It is refused, naming the file, and promptly.
#[test]
fn an_opendocument_sheet_the_file_ends_inside_is_refused_not_read_forever() {
    let content = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/hostile/ods-table-left-open.content.xml"),
    )
    .expect("the fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "answers.ods", &ods(&content));
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        sender
            .send(read(&path, Questionnaire::builtin(), false).map(|_| ()))
            .ok();
    });
    // Not a timing budget: a generous bound so that a loop fails the test instead of CI.
    let result = receiver
        .recv_timeout(std::time::Duration::from_mins(1))
        .expect("the import ends");
    let err = result.expect_err("refused");
    assert!(matches!(err, ImportError::NotASpreadsheet { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("answers.ods") && text.contains("content.xml is not well-formed"),
        "{text}"
    );
    // A well-formed sheet still reads (the check refuses only what is broken).
    let fine = br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Technical"><table:table-row><table:table-cell office:value-type="string"><text:p>ID</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let path = write_file(dir.path(), "fine.ods", &ods(fine));
    let err = read(&path, Questionnaire::builtin(), false).expect_err("no question in it");
    assert!(
        !err.to_string().contains("well-formed"),
        "a well-formed sheet passes the check: {err}"
    );
}

#[test]
fn an_encrypted_workbook_is_named_as_such() {
    let q = Questionnaire::builtin();
    // The start of an OLE container as office suites write an encrypted workbook: the
    // container's magic number, and the `EncryptedPackage` stream's name in UTF-16.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(4096, 0);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "locked.xlsx", &bytes);
    let err = read(&path, q, false).expect_err("refused");
    assert!(matches!(err, ImportError::Encrypted { .. }), "{err}");
    assert!(err.to_string().contains("password-protected"), "{err}");
}

#[test]
fn a_formula_cell_with_no_computed_value_keeps_its_text_and_the_log_says_so() {
    // What a tool writing "=SUM(1,2) is not a formula…" as a formula leaves: a formula cell
    // with no computed value.
    let q = Questionnaire::builtin();
    let id = q
        .items
        .iter()
        .find(|i| i.kind.is_answerable())
        .expect("a question")
        .id
        .clone();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, name) in ["ID", "Question", "Answer"].iter().enumerate() {
        sheet.write_string(0, column as u16, *name).expect("header");
    }
    sheet.write_string(1, 0, id.as_str()).expect("id");
    sheet.write_string(1, 1, "The question").expect("question");
    sheet
        .write_formula(
            1,
            2,
            rust_xlsxwriter::Formula::new("=SUM(1,2) is not a formula").set_result(""),
        )
        .expect("formula");
    let bytes = without_formula_results(&workbook.save_to_buffer().expect("xlsx"));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "answers.xlsx", &bytes);
    let imported = read(&path, q, true).expect("reads");
    let row = imported
        .rows
        .iter()
        .find(|r| r.id == id)
        .expect("the row is read");
    assert_eq!(row.answer, "=SUM(1,2) is not a formula", "the text is kept");
    let logged: Vec<String> = imported.notes.iter().map(ToString::to_string).collect();
    assert!(
        logged
            .iter()
            .any(|n| n.contains("no computed value; its text was imported as written")),
        "{logged:?}"
    );
    assert!(
        !logged
            .iter()
            .any(|n| n.contains("last computed value was imported")),
        "the log says what happened: {logged:?}"
    );
}

/// `xlsx` with the computed values of its formulas left out, as some tools write them.
fn without_formula_results(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read as _, Write as _};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("an entry");
        let name = file.name().expect("a name").into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("read");
        if name.starts_with("xl/worksheets/") {
            let text = String::from_utf8(content).expect("XML");
            let mut cleaned = String::new();
            let mut rest = text.as_str();
            // `<f>…</f><v>0</v>` becomes `<f>…</f>`.
            while let Some(at) = rest.find("</f><v>") {
                cleaned.push_str(&rest[..at + 4]);
                let after = &rest[at + 4..];
                let end = after.find("</v>").expect("closed") + 4;
                rest = &after[end..];
            }
            cleaned.push_str(rest);
            content = cleaned.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        out.write_all(&content).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

#[test]
fn the_id_column_is_as_wide_as_the_longest_id() {
    let q = Questionnaire::builtin();
    for number in 0..q.sections.len() {
        let longest = q
            .section_items(number)
            .iter()
            .map(|item| item.id.as_str().chars().count())
            .max()
            .unwrap_or(0);
        let width = super::id_column_width(q, number);
        assert!(
            width >= longest as f64,
            "section {number}: {width} < {longest}"
        );
        assert!(width > 12.0 || longest <= 10, "section {number}");
    }
}

#[test]
fn a_caiq_given_to_import_is_refused_and_pointed_to_import_caiq() {
    let q = Questionnaire::builtin();
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = crate::caiq::sample::made_up_rows(2, 2, 2, 1);
    let bytes = crate::caiq::sample::SampleWorkbook::new("4.0.3", rows)
        .to_bytes()
        .expect("written");
    let path = write_file(dir.path(), "caiq.xlsx", &bytes);
    let err = read(&path, q, false).expect_err("refused");
    assert!(
        matches!(err, ImportError::NoQuestionFound { caiq: true, .. }),
        "{err}"
    );
    let message = err.to_string();
    assert!(
        message.contains("9 rows with ids such as `KCU-01.1`"),
        "{message}"
    );
    assert!(message.contains("import caiq"), "{message}");
    let csv = write_file(
        dir.path(),
        "other.csv",
        b"id,question,answer\nx.y,Made up?,Yes\n",
    );
    let err = read(&csv, q, false).expect_err("refused");
    assert!(
        err.to_string().contains("1 row with ids such as `x.y`"),
        "{err}"
    );
}
