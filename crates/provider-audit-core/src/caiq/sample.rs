//! CAIQ-shaped workbooks with made-up questions, for tests, benchmarks and the samples:
//! the published layout (version in A1, header in row 2, merged control and domain cells,
//! a trailing notice row), never CSA's text.

use rust_xlsxwriter::{Format, Formula, Workbook, XlsxError};

/// One question row as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SampleRow {
    /// `KCU-01.1`.
    pub id: String,
    /// The question.
    pub question: String,
    /// `Yes`, `No`, `NA`, blank or anything else.
    pub answer: String,
    /// The SSRM ownership as written.
    pub ownership: String,
    /// The implementation description.
    pub description: String,
    /// The CSC responsibilities.
    pub customer_duties: String,
    /// The control id (`KCU-01`).
    pub control_id: String,
    /// The control's title.
    pub control_title: String,
    /// The domain's title.
    pub domain: String,
    /// Write the answer as a formula whose cached value is `answer`.
    pub answer_formula: bool,
}

/// A CAIQ-shaped workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleWorkbook {
    /// The questions sheet's name (`CAIQv4.0.3`).
    pub sheet: String,
    /// Cell A1 (`v4.0.3`).
    pub version: String,
    /// The header row, in column order; an empty string is an empty column.
    pub headers: Vec<String>,
    /// The questions.
    pub rows: Vec<SampleRow>,
    /// Control id, title and specification on the first row of a control only, domain
    /// title on the first row of a domain only, each merged down (as published).
    pub merged: bool,
    /// Columns (0-based) to hide.
    pub hidden: Vec<u16>,
    /// A trailing notice row (merged A:D).
    pub notice: Option<String>,
}

/// The published header row: the ten headers and the two empty columns.
#[must_use]
pub fn standard_headers() -> Vec<String> {
    let h = super::EXPECTED_HEADERS;
    [
        h[0], h[1], h[2], h[3], h[4], h[5], "", "", h[6], h[7], h[8], h[9],
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

impl SampleWorkbook {
    /// A workbook of `rows` in the published layout, merged, with a notice row.
    #[must_use]
    pub fn new(version: &str, rows: Vec<SampleRow>) -> Self {
        Self {
            sheet: format!("CAIQv{version}"),
            version: format!("v{version}"),
            headers: standard_headers(),
            rows,
            merged: true,
            hidden: Vec::new(),
            notice: Some("© 2026 Example notice: made-up questions for testing".to_owned()),
        }
    }

    /// The workbook's bytes (xlsx).
    ///
    /// # Errors
    /// Only if `rust_xlsxwriter` fails.
    pub fn to_bytes(&self) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let intro = workbook.add_worksheet();
        intro.set_name("Introduction")?;
        intro.write_string(0, 0, "Made-up CAIQ-shaped workbook")?;
        let sheet = workbook.add_worksheet();
        sheet.set_name(&self.sheet)?;
        sheet.write_string(0, 0, &self.version)?;
        sheet.write_string(0, 1, "Made-up questionnaire for testing")?;
        let key = |text: &str| {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let column = |name: &str| {
            self.headers
                .iter()
                .position(|h| !h.is_empty() && key(h) == key(name))
                .and_then(|c| u16::try_from(c).ok())
        };
        for (c, header) in self.headers.iter().enumerate() {
            if !header.is_empty() {
                sheet.write_string(1, u16::try_from(c).unwrap_or(0), header)?;
            }
        }
        let h = super::EXPECTED_HEADERS;
        let plain = Format::new();
        let mut row_number = 2_u32;
        for (index, row) in self.rows.iter().enumerate() {
            let r = row_number;
            for (name, value) in [
                (h[0], &row.id),
                (h[1], &row.question),
                (h[3], &row.ownership),
                (h[4], &row.description),
                (h[5], &row.customer_duties),
            ] {
                if let Some(c) = column(name)
                    && !value.is_empty()
                {
                    sheet.write_string(r, c, value)?;
                }
            }
            if let Some(c) = column(h[2]) {
                if row.answer_formula {
                    sheet.write_formula(
                        r,
                        c,
                        Formula::new(format!("=\"{}\"", row.answer)).set_result(&row.answer),
                    )?;
                } else if !row.answer.is_empty() {
                    sheet.write_string(r, c, &row.answer)?;
                }
            }
            let first_of =
                |key: fn(&SampleRow) -> &str| index == 0 || key(&self.rows[index - 1]) != key(row);
            let span = |key: fn(&SampleRow) -> &str| {
                self.rows[index..]
                    .iter()
                    .take_while(|other| key(other) == key(row))
                    .count()
            };
            let control_key: fn(&SampleRow) -> &str = |r| r.control_id.as_str();
            let domain_key: fn(&SampleRow) -> &str = |r| r.domain.as_str();
            let groups = [
                (h[6], control_key, row.control_id.clone()),
                (
                    h[7],
                    control_key,
                    format!("Made-up specification of {}", row.control_id),
                ),
                (h[8], control_key, row.control_title.clone()),
                (h[9], domain_key, row.domain.clone()),
            ];
            for (name, key, value) in groups {
                let Some(c) = column(name) else { continue };
                if !self.merged {
                    sheet.write_string(r, c, &value)?;
                } else if first_of(key) {
                    let rows = u32::try_from(span(key)).unwrap_or(1);
                    if rows > 1 {
                        sheet.merge_range(r, c, r + rows - 1, c, &value, &plain)?;
                    } else {
                        sheet.write_string(r, c, &value)?;
                    }
                }
            }
            row_number += 1;
        }
        if let Some(notice) = &self.notice {
            sheet.merge_range(row_number, 0, row_number, 3, notice, &plain)?;
        }
        for &c in &self.hidden {
            sheet.set_column_hidden(c)?;
        }
        workbook.save_to_buffer()
    }
}

/// Made-up words for made-up questions.
const TOPICS: [&str; 12] = [
    "lantern ledger",
    "vault rota",
    "badge register",
    "courier log",
    "spare-key cabinet",
    "patch calendar",
    "tape carousel",
    "escalation tree",
    "sandbox fence",
    "keystore diary",
    "visitor book",
    "drill schedule",
];
const ASKS: [&str; 6] = [
    "Is the {} reviewed by a named person at least once a quarter?",
    "Is every change to the {} approved before it takes effect?",
    "Do you keep the {} for at least two years?",
    "Is the {} tested against a written scenario every year?",
    "Can customers request an extract of the {}?",
    "Is access to the {} limited to staff who need it?",
];
const DOMAINS: [(&str, &str); 17] = [
    ("KCU", "Key Custody"),
    ("AGK", "Access Gatekeeping"),
    ("B&R", "Backup and Recovery Drills"),
    ("LNT", "Lantern Keeping"),
    ("CRR", "Courier Routes"),
    ("VST", "Visitor Stewardship"),
    ("PCH", "Patch Cadence"),
    ("ESC", "Escalation Paths"),
    ("SBX", "Sandbox Fencing"),
    ("TPC", "Tape Carousels"),
    ("DRL", "Drill Planning"),
    ("BDG", "Badge Registers"),
    ("KSD", "Keystore Diaries"),
    ("ORB", "Orbit Hygiene"),
    ("WHL", "Whistle Logs"),
    ("QRY", "Query Budgets"),
    ("MNT", "Mantrap Upkeep"),
];

/// A deterministic made-up CAIQ of `domains` domains (at most 17), `controls` controls per
/// domain and `questions` questions per control; `seed` varies the answers.
#[must_use]
pub fn made_up_rows(
    domains: usize,
    controls: usize,
    questions: usize,
    seed: u64,
) -> Vec<SampleRow> {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((state >> 33) % (n as u64)).unwrap_or(0)
    };
    let ownerships = [
        "CSP-owned",
        "CSP-owned",
        "CSP-owned",
        "Shared CSP and CSC",
        "CSC-owned",
        "3rd-party outsourced",
        "Shared CSP and 3rd-party",
        "",
    ];
    let mut rows = Vec::new();
    for (d, (code, title)) in DOMAINS.iter().take(domains).enumerate() {
        for c in 1..=controls {
            let control_id = format!("{code}-{c:02}");
            let topic = TOPICS[(d * 5 + c) % TOPICS.len()];
            for q in 1..=questions {
                let answer = ["Yes", "Yes", "Yes", "Yes", "No", "NA", ""][next(7)];
                let ownership = ownerships[next(ownerships.len())];
                let description = if answer == "Yes" && next(4) > 0 {
                    format!(
                        "Our {topic} is kept by the operations team (made-up answer {})",
                        next(1000)
                    )
                } else {
                    String::new()
                };
                let customer_duties = if matches!(ownership, "Shared CSP and CSC" | "CSC-owned") {
                    format!("The customer keeps their own copy of the {topic}.")
                } else {
                    String::new()
                };
                rows.push(SampleRow {
                    id: format!("{control_id}.{q}"),
                    question: ASKS[(c + q) % ASKS.len()].replace("{}", topic),
                    answer: answer.to_owned(),
                    ownership: ownership.to_owned(),
                    description,
                    customer_duties,
                    control_id: control_id.clone(),
                    control_title: format!("{title}: {topic}"),
                    domain: (*title).to_owned(),
                    answer_formula: false,
                });
            }
        }
    }
    rows
}
