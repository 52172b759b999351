//! Fuzz target: any bytes as the provider's answers in CSV (`import answers.csv`): comma or
//! semicolon, with or without a byte order mark, any quoting. Nothing may panic; what
//! imports must become an audit that writes and reads back.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/import.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check("fuzz.csv", data, true);
});
