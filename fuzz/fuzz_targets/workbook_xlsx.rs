//! Fuzz target, structure-aware: the provider's filled workbook (xlsx) as `import` reads
//! it. The base is a real workbook of the built-in questionnaire, pre-filled with answers
//! (as `provider-audit workbook --from` writes it); the input replaces one of its parts
//! (the first byte picks which: a section sheet, the shared strings, the workbook, the
//! hidden meta sheet, ...) and the zip is built again around it, so that the fuzzer works
//! on sheet XML inside a valid container instead of on zip headers. Nothing may panic;
//! what imports must become an audit that writes and reads back.

#![no_main]

use std::io::{Read, Write};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use provider_audit::model::Questionnaire;
use provider_audit::workbook;

#[path = "common/import.rs"]
mod common;

/// The parts of the base workbook: (name, bytes), in zip order.
fn base_parts() -> &'static Vec<(String, Vec<u8>)> {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let questionnaire = Questionnaire::builtin();
        let audit = provider_audit::synthetic::audits(questionnaire, 1, 7)
            .into_iter()
            .next()
            .expect("one synthetic audit");
        let request = workbook::Request {
            provider: Some("Fuzz Cloud AB"),
            sender: Some("Platform team"),
            from: Some(&audit),
        };
        let bytes = workbook::write(questionnaire, request).expect("the base workbook");
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the base is a zip");
        (0..archive.len())
            .map(|index| {
                let mut file = archive.by_index(index).expect("a part");
                let mut content = Vec::new();
                file.read_to_end(&mut content).expect("a part reads");
                let name = file.name().expect("a part name").into_owned();
                (name, content)
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, replacement)) = data.split_first() else {
        return;
    };
    let parts = base_parts();
    // Only the XML parts a provider's spreadsheet program rewrites are worth mutating.
    let xml: Vec<usize> = parts
        .iter()
        .enumerate()
        .filter(|(_, (name, _))| name.ends_with(".xml") || name.ends_with(".rels"))
        .map(|(index, _)| index)
        .collect();
    let target = xml[usize::from(selector) % xml.len()];
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (index, (name, content)) in parts.iter().enumerate() {
        let content = if index == target {
            replacement
        } else {
            content
        };
        if out.start_file(name.as_str(), options).is_err() || out.write_all(content).is_err() {
            return;
        }
    }
    let Ok(cursor) = out.finish() else {
        return;
    };
    common::check("fuzz.xlsx", &cursor.into_inner(), false);
});
