//! The structure-aware workbook targets' container: a valid workbook's parts, one of its XML
//! parts replaced by the fuzzer's input, zipped again, so that the fuzzer works on sheet XML
//! inside a valid container instead of on zip headers.

use std::io::{Read, Write};

/// The parts of the workbook `bytes`: (name, content), in zip order.
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the base is a zip");
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).expect("a part");
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("a part reads");
            let name = file.name().expect("a part name").into_owned();
            (name, content)
        })
        .collect()
}

/// The workbook of `parts` with the XML part the first byte of `data` picks (a sheet, the
/// shared strings, the workbook, ...; those a spreadsheet program rewrites) replaced by the
/// rest of `data`; `None` for empty input.
pub fn with_part_replaced(parts: &[(String, Vec<u8>)], data: &[u8]) -> Option<Vec<u8>> {
    let (&selector, replacement) = data.split_first()?;
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
        out.start_file(name.as_str(), options).ok()?;
        out.write_all(content).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}
