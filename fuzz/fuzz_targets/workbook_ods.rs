//! Fuzz target, structure-aware: the provider's filled workbook as OpenDocument (ods), as
//! LibreOffice saves it. The input is the sheet XML (`content.xml`); the target wraps it in
//! a valid ods container (the `mimetype` first and stored, the manifest), so that the
//! fuzzer works on the table XML instead of on zip headers. Nothing may panic; what imports
//! must become an audit that writes and reads back.

#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

#[path = "common/import.rs"]
mod common;

const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

const MANIFEST: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

fuzz_target!(|data: &[u8]| {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in [
        ("mimetype", MIMETYPE),
        ("META-INF/manifest.xml", MANIFEST),
        ("content.xml", data),
    ] {
        if out.start_file(name, options).is_err() || out.write_all(content).is_err() {
            return;
        }
    }
    let Ok(cursor) = out.finish() else {
        return;
    };
    common::check("fuzz.ods", &cursor.into_inner(), false);
});
