//! What the record's text pages say, from the one derived view: the annotations
//! (`annotations.rs`), the shared responsibility of CAIQ audits (`ownership.rs`), the decision with its basis (`decision.rs`), and the whole SHA-256 of
//! every input file and evidence document (`hashes.rs`). Nothing here computes a score, a
//! rank or a list of its own: it only lays out what the view holds. Must not depend on UI
//! crates.

mod annotations;
mod decision;
mod hashes;
mod ownership;

pub(super) use annotations::annotations;
pub(super) use decision::decision;
pub(super) use ownership::ownership;

use super::flow::{CellText, Style};

/// A table cell of one paragraph.
fn cell(text: impl Into<String>, style: Style) -> CellText {
    vec![(text.into(), style)]
}
