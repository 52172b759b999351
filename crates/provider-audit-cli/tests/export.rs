//! Tests of `provider-audit export` and `report` (PNG, SVG, Markdown, CSV), running the
//! real binary over audits generated into a temporary directory: the same fixture gives
//! the same bytes on every machine, so the PNG's SHA-256 is checked against a constant.

use std::fmt::Write as _;
use std::path::Path;

use provider_audit_core::model::{ItemKind, Questionnaire};

use crate::util::run_in;

/// The SHA-256 of the decoded pixels of the PNG drawn for [`golden_fixture`] at the
/// default size (pixels, not file bytes: a new deflate in the encoder does not change the
/// picture). It changes when the drawing, the font, the palette or the built-in
/// questionnaire change: the test then writes the new image to
/// `target/export-golden.new.png`; look at it, then update the constant.
const GOLDEN_PIXELS_SHA256: &str =
    "82f47900e674501224bb8ecfa7cf35a884880101e664033bb219fb978f630ab0";

const VERDICTS: [&str; 5] = ["Meets", "Partial", "Gap", "NoAnswer", "NotApplicable"];

/// A deterministic audit of `provider`: every question answered when `full`, else about
/// two in three; verdicts drawn from `seed` with more gaps for higher `bias`.
fn audit(provider: &str, seed: u64, bias: u64, full: bool) -> String {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let mut text = format!(
        "(\n    format: 1,\n    provider: {provider:?},\n    audited_on: \"2026-10-{:02}\",\n    \
         auditor: \"Platform team\",\n    answers: {{\n",
        seed % 28 + 1
    );
    for item in &Questionnaire::builtin().items {
        if item.kind == ItemKind::Heading || (!full && next() % 3 == 0) {
            continue;
        }
        let roll = next() % 100;
        let verdict = match roll {
            r if r < 62 - bias.min(40) => VERDICTS[0],
            r if r < 80 - bias.min(40) / 2 => VERDICTS[1],
            r if r < 92 => VERDICTS[2],
            r if r < 97 => VERDICTS[3],
            _ => VERDICTS[4],
        };
        let _ = writeln!(
            text,
            "        {:?}: (answer: \"What {provider} said about {}.\", verdict: {verdict}),",
            item.id.as_str(),
            item.id.as_str()
        );
    }
    text.push_str("    },\n)\n");
    text
}

/// Writes `names.len()` audits (`p00.ron`, `p01.ron`, ...) into `dir`.
fn write_audits(dir: &Path, names: &[String], full: bool) -> Vec<String> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let file = format!("p{i:02}.ron");
            let seed = i as u64 + 1;
            std::fs::write(dir.join(&file), audit(name, seed, seed * 2, full)).expect("write");
            file
        })
        .collect()
}

fn names(count: usize) -> Vec<String> {
    const NAMES: [&str; 20] = [
        "Nordlys Cloud AB",
        "Eisenwald Cloud GmbH",
        "Kvarnby Hosting AB",
        "Hyperion Compute Inc.",
        "Skarv Networks Oy",
        "Aurora Datacenter AS",
        "Bergfast IT AB",
        "Cumulus Sky Ltd",
        "Delta Rack SAS",
        "Elbe Compute GmbH",
        "Fjord Hosting AS",
        "Granit Cloud AB",
        "Helix Infrastructure BV",
        "Isar Rechenzentrum GmbH",
        "Jura Serveurs SA",
        "Karst Cloud d.o.o.",
        "Lumen Edge Oy",
        "Mistral Hébergement SAS",
        "Nimbus Polska sp. z o.o.",
        "Orbit Compute Ltd",
    ];
    (0..count)
        .map(|i| NAMES[i % NAMES.len()].to_owned())
        .collect()
}

/// A comparison of `files` with weights, two must-haves, annotations and a decision.
fn comparison(files: &[String], names: &[String]) -> String {
    let audits: Vec<String> = files.iter().map(|f| format!("(path: {f:?})")).collect();
    format!(
        r#"(
    format: 1,
    audits: [{}],
    section_weights: {{"legal": 2.0, "env": 0.5}},
    must_have: ["legal.eu-jurisdiction.operation", "org.iso27001"],
    annotations: [
        (provider: {first:?}, question: "tech.lb.source-ip", flag: Weak, verdict: Partial,
         comment: "PROXY protocol only on request", author: "ak", at: "2026-11-30T10:12:00Z"),
        (provider: {second:?}, question: "tech.az.locations", flag: FollowUp,
         comment: "Ask for the addresses of | the data centres", author: "ml"),
        (provider: {second:?}, question: "org.iso27001", flag: Accepted,
         comment: "Certification audit booked for March", author: "ch"),
    ],
    decision: (provider: {second:?}, rationale: "Best score among those passing every must-have.",
               decided_by: "CISO board", decided_on: "2026-12-01"),
)
"#,
        audits.join(", "),
        first = names[0],
        second = names[1],
    )
}

/// `audit` with the verdict of question `id` replaced.
fn set_verdict(audit: &str, id: &str, verdict: &str) -> String {
    let key = format!("        {id:?}: (");
    audit
        .lines()
        .map(|line| {
            if line.starts_with(&key) {
                format!("{key}answer: \"Set by the test.\", verdict: {verdict}),")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The fixture whose PNG hash is pinned: four full audits and a comparison. The first
/// provider meets both must-haves, the second misses one but the risk is accepted, the
/// third misses one and is knocked out.
fn golden_fixture(dir: &Path) -> Vec<String> {
    let names = names(4);
    let files = write_audits(dir, &names, true);
    let edits = [
        (0, "legal.eu-jurisdiction.operation", "Meets"),
        (0, "org.iso27001", "Meets"),
        (1, "legal.eu-jurisdiction.operation", "Meets"),
        (1, "org.iso27001", "Partial"),
        (2, "legal.eu-jurisdiction.operation", "Gap"),
    ];
    for (index, id, verdict) in edits {
        let path = dir.join(&files[index]);
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, set_verdict(&text, id, verdict)).expect("write");
    }
    std::fs::write(
        dir.join("meeting.comparison.ron"),
        comparison(&files, &names),
    )
    .expect("write");
    vec!["meeting.comparison.ron".to_owned()]
}

fn export(dir: &Path, inputs: &[String], output: &str, extra: &[&str]) -> crate::util::Run {
    let mut args = vec!["export"];
    args.extend(inputs.iter().map(String::as_str));
    args.extend(["-o", output]);
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

fn sha256(bytes: &[u8]) -> String {
    provider_audit_core::fsutil::sha256_hex(bytes)
}

/// SHA-256 of the decoded pixels: the same picture gives the same hash whatever the
/// PNG encoder's compression does.
fn pixels_sha256(png: &[u8]) -> String {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    pixels.truncate(info.buffer_size());
    sha256(&pixels)
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR", "IHDR first");
    let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().expect("4 bytes"));
    (word(16), word(20))
}

/// The text content of every `<text>` element of an SVG, unescaped.
pub(crate) fn svg_texts(svg: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        rest = &rest[start..];
        let open_end = rest.find('>').expect("tag ends") + 1;
        let close = rest.find("</text>").expect("text closes");
        let text = rest[open_end..close]
            .trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        texts.push(text);
        rest = &rest[close..];
    }
    texts
}

fn read_svg(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("the SVG is written")
}

fn summary(dir: &Path, inputs: &[String]) -> serde_json::Value {
    let mut args = vec!["summary", "--format", "json"];
    args.extend(inputs.iter().map(String::as_str));
    let result = run_in(dir, &args);
    serde_json::from_str(&result.stdout).expect("summary JSON")
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn svg_shows_every_provider_section_and_score() {
    let dir = temp();
    let inputs = golden_fixture(dir.path());
    let result = export(dir.path(), &inputs, "out.svg", &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let svg = read_svg(dir.path(), "out.svg");
    assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
    assert!(svg.contains(r#"width="1920" height="1080""#));
    assert!(svg.contains(
        "<title>Infrastructure Provider Audit: comparison of 4 providers, 2026-12-01</title>"
    ));
    assert!(svg.contains(
        "@font-face{font-family:\"Inter\";font-weight:400;src:url(data:font/otf;base64,"
    ));
    assert!(svg.trim_end().ends_with("</svg>"));
    let texts = svg_texts(&svg);
    let json = summary(dir.path(), &inputs);
    for (rank, provider) in json["providers"]
        .as_array()
        .expect("providers")
        .iter()
        .enumerate()
    {
        let name = provider["name"].as_str().expect("name");
        assert!(
            texts.iter().any(|t| t == name),
            "{name} missing from {texts:?}"
        );
        let score = format!("{:.1}", provider["score"].as_f64().expect("score"));
        assert!(texts.contains(&score), "score {score} of {name} missing");
        assert!(texts.contains(&(rank + 1).to_string()), "rank {}", rank + 1);
        for section in provider["sections"].as_array().expect("sections") {
            if let Some(value) = section["score"].as_f64() {
                let cell = format!("{value:.0}");
                assert!(texts.contains(&cell), "section score {cell} of {name}");
            }
        }
    }
    for label in [
        "Technical",
        "Organizational",
        "Legal",
        "Collaboration",
        "Environment",
        "Evidence",
        "Score",
        "Gaps by cause",
        "Weak",
        "Follow-ups",
    ] {
        assert!(texts.iter().any(|t| t == label), "label {label} missing");
    }
    assert!(
        texts.contains(&"weight ×2".to_owned()),
        "section weights shown"
    );
    assert!(texts.iter().any(|t| t.starts_with("Input files, SHA-256")));
}

#[test]
fn png_has_the_size_asked_for_and_the_pinned_pixels() {
    let dir = temp();
    let inputs = golden_fixture(dir.path());
    let result = export(dir.path(), &inputs, "out.png", &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let png = std::fs::read(dir.path().join("out.png")).expect("written");
    assert_eq!(png_size(&png), (1920, 1080));
    let hash = pixels_sha256(&png);
    if hash != GOLDEN_PIXELS_SHA256 {
        let review = crate::util::root().join("target/export-golden.new.png");
        std::fs::write(&review, &png).expect("write the image to review");
        panic!(
            "the image changed (pixels SHA-256 {hash}): look at {}, then pin the new hash",
            review.display()
        );
    }

    let result = export(dir.path(), &inputs, "small.png", &["--size", "1280x720"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let png = std::fs::read(dir.path().join("small.png")).expect("written");
    assert_eq!(png_size(&png), (1280, 720));
}

#[test]
fn identical_input_gives_identical_bytes() {
    let (first, second) = (temp(), temp());
    let inputs = golden_fixture(first.path());
    golden_fixture(second.path());
    for output in ["out.png", "out.svg"] {
        assert_eq!(export(first.path(), &inputs, output, &[]).code, 0);
        let once = std::fs::read(first.path().join(output)).expect("written");
        assert_eq!(export(first.path(), &inputs, output, &[]).code, 0);
        let twice = std::fs::read(first.path().join(output)).expect("written");
        assert!(once == twice, "{output}: two runs differ");
        // Elsewhere, with the audits named in another order: still the same bytes.
        let mut files: Vec<String> = (0..4).map(|i| format!("p{i:02}.ron")).collect();
        files.reverse();
        files.push("meeting.comparison.ron".to_owned());
        assert_eq!(export(second.path(), &files, output, &[]).code, 0);
        let elsewhere = std::fs::read(second.path().join(output)).expect("written");
        assert!(
            once == elsewhere,
            "{output}: the directory or the order matters"
        );
    }
}

#[test]
fn two_and_twenty_providers_fit() {
    for count in [2, 20] {
        let dir = temp();
        let names = names(count);
        let files = write_audits(dir.path(), &names, false);
        for output in ["out.svg", "out.png"] {
            let result = export(dir.path(), &files, output, &[]);
            assert_eq!(result.code, 0, "{count} providers: {}", result.stderr);
        }
        let png = std::fs::read(dir.path().join("out.png")).expect("written");
        assert_eq!(png_size(&png), (1920, 1080));
        let texts = svg_texts(&read_svg(dir.path(), "out.svg"));
        for name in &names {
            assert!(texts.contains(name), "{count} providers: {name} missing");
        }
        let title = format!("Infrastructure Provider Audit: comparison of {count} providers");
        assert!(texts.contains(&title), "{texts:?}");
        // Every provider has a rank, 1 to count.
        for rank in 1..=count {
            assert!(texts.contains(&rank.to_string()), "rank {rank}");
        }
    }
}

#[test]
fn long_names_are_shortened_with_an_ellipsis() {
    let dir = temp();
    let names: Vec<String> = (1..=3)
        .map(|i| {
            format!(
                "Provider {i} Sovereign Cloud Infrastructure, Colocation and Managed Services \
                 Aktiebolag (publ) of Greater Stockholm"
            )
        })
        .collect();
    let files = write_audits(dir.path(), &names, false);
    let result = export(dir.path(), &files, "out.svg", &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let texts = svg_texts(&read_svg(dir.path(), "out.svg"));
    for (i, name) in names.iter().enumerate() {
        let prefix = format!("Provider {} Sov", i + 1);
        let shown: Vec<&String> = texts.iter().filter(|t| t.starts_with(&prefix)).collect();
        assert!(!shown.is_empty(), "{name} not shown");
        for text in shown {
            assert!(text.ends_with('…'), "not shortened: {text}");
            let kept = text.trim_end_matches('…');
            assert!(name.starts_with(kept), "{text} is not a prefix of {name}");
            assert!(!kept.ends_with(' '), "a space before the ellipsis: {text}");
        }
    }
    let result = export(dir.path(), &files, "out.png", &["--size", "1280x720"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
}

#[test]
fn a_decision_and_knock_outs_are_shown() {
    let dir = temp();
    let inputs = golden_fixture(dir.path());
    let json = summary(dir.path(), &inputs);
    let providers = json["providers"].as_array().expect("providers");
    let knocked: Vec<&serde_json::Value> = providers
        .iter()
        .filter(|p| p["knocked_out"] == true)
        .collect();
    assert!(!knocked.is_empty(), "the fixture knocks someone out");
    let result = export(dir.path(), &inputs, "out.svg", &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let texts = svg_texts(&read_svg(dir.path(), "out.svg"));
    assert!(texts.contains(&"Decision:".to_owned()), "{texts:?}");
    assert!(texts.contains(&"Eisenwald Cloud GmbH".to_owned()));
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with(", by CISO board on 2026-12-01"))
    );
    assert!(texts.contains(&"Decided on".to_owned()));
    assert!(texts.contains(&"2026-12-01".to_owned()));
    assert!(texts.contains(&"✓ CHOSEN".to_owned()));
    assert_eq!(
        texts.iter().filter(|t| *t == "✗ OUT").count(),
        knocked.len(),
        "one badge per knocked-out provider"
    );
    let all = texts.join("\n");
    for provider in knocked {
        for id in provider["knocked_out_by"].as_array().expect("ids") {
            let id = id.as_str().expect("id");
            assert!(all.contains(id), "must-have {id} not shown");
        }
    }
    // Eisenwald misses org.iso27001 but the risk is accepted: not knocked out.
    assert!(
        texts.iter().any(
            |t| t.starts_with("Must-have questions not met but accepted")
                && t.contains("Eisenwald Cloud GmbH: org.iso27001")
        ),
        "{all}"
    );
    assert!(all.contains("1 risk accepted"), "{all}");
}

#[test]
fn a_bad_file_among_good_ones_still_gives_the_image() {
    let dir = temp();
    let mut files = write_audits(dir.path(), &names(3), false);
    std::fs::write(
        dir.path().join("broken.ron"),
        "(format: 1, provider: \"X\", answers: {",
    )
    .expect("write");
    files.push("broken.ron".to_owned());
    for output in ["out.png", "out.svg"] {
        let result = export(dir.path(), &files, output, &[]);
        assert_eq!(result.code, 1, "{}", result.stderr);
        assert!(result.stderr.contains("broken.ron"), "{}", result.stderr);
        assert!(dir.path().join(output).is_file(), "{output} written");
    }
    let texts = svg_texts(&read_svg(dir.path(), "out.svg"));
    assert!(texts.contains(&"⚠ Incomplete".to_owned()), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("broken.ron")));
    let png = std::fs::read(dir.path().join("out.png")).expect("written");
    assert_eq!(png_size(&png), (1920, 1080));
}

#[test]
fn changed_audits_are_marked() {
    let dir = temp();
    let names = names(2);
    let files = write_audits(dir.path(), &names, false);
    let comparison = format!(
        "(format: 1, audits: [(path: {:?}, sha256: \"{}\"), (path: {:?})])",
        files[0],
        "0".repeat(64),
        files[1]
    );
    std::fs::write(dir.path().join("c.ron"), comparison).expect("write");
    let result = export(dir.path(), &["c.ron".to_owned()], "out.svg", &[]);
    // A changed audit is an error (exit code 1), and the image is still drawn, marked.
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("changed since the comparison was saved"),
        "{}",
        result.stderr
    );
    let texts = svg_texts(&read_svg(dir.path(), "out.svg"));
    assert!(texts.contains(&"⚠ Audits changed since the comparison was saved".to_owned()));
}

#[test]
fn nothing_is_written_when_nothing_can_be_drawn() {
    let dir = temp();
    let files = write_audits(dir.path(), &names(2), false);
    for (args, expected) in [
        (vec!["missing.ron"], "no audit could be loaded"),
        (
            vec![files[0].as_str(), "-o", "out.jpg"],
            "name it .png or .svg",
        ),
        (vec![files[0].as_str(), "--size", "300x200"], "too small"),
        (vec![files[0].as_str(), "--size", "wide"], "WIDTHxHEIGHT"),
        (
            vec![files[0].as_str(), "--section", "nope"],
            "tech, org, legal, collab, env, evidence",
        ),
    ] {
        let mut all = vec!["export"];
        all.extend(&args);
        if !args.contains(&"-o") {
            all.extend(["-o", "out.png"]);
        }
        let result = run_in(dir.path(), &all);
        assert_eq!(result.code, 2, "{args:?}: {}", result.stderr);
        assert!(
            result.stderr.contains(expected),
            "{args:?}: {}",
            result.stderr
        );
        assert!(!dir.path().join("out.png").exists() && !dir.path().join("out.jpg").exists());
    }
}

#[test]
fn the_section_matrix_shows_questions_by_provider() {
    let dir = temp();
    let inputs = golden_fixture(dir.path());
    let result = export(dir.path(), &inputs, "legal.svg", &["--section", "legal"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let texts = svg_texts(&read_svg(dir.path(), "legal.svg"));
    let questionnaire = Questionnaire::builtin();
    let legal = questionnaire.section_position("legal").expect("legal");
    for item in questionnaire.section_items(legal) {
        assert!(
            texts.contains(&item.id.as_str().to_owned()),
            "{} missing",
            item.id
        );
    }
    for name in names(4) {
        assert!(texts.contains(&name), "{name} missing");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Legal issues: answers by provider"))
    );
    // The must-have question is starred, the accepted risk marked.
    assert!(texts.iter().any(|t| t.starts_with("★ ")), "{texts:?}");
    // The technical section is longer than a slide: the image grows.
    let result = export(dir.path(), &inputs, "tech.png", &["--section", "tech"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let (width, height) = png_size(&std::fs::read(dir.path().join("tech.png")).expect("written"));
    assert_eq!(width, 1920);
    assert!(height > 2000, "{height}");
}

fn report(dir: &Path, inputs: &[String], format: &str) -> String {
    let mut args = vec!["report", "--format", format];
    args.extend(inputs.iter().map(String::as_str));
    let result = run_in(dir, &args);
    assert_eq!(result.code, 0, "{}", result.stderr);
    result.stdout
}

#[test]
fn the_markdown_report_has_everything_for_the_minutes() {
    let dir = temp();
    let inputs = golden_fixture(dir.path());
    let markdown = report(dir.path(), &inputs, "markdown");
    assert!(markdown.starts_with("# Infrastructure Provider Audit: comparison of 4 providers\n"));
    for heading in [
        "## Decision",
        "## Ranking",
        "## Scores by section",
        "## Gaps by cause",
        "## Weights and must-have questions",
        "## Follow-ups",
        "## Annotations",
        "## Input files",
    ] {
        assert!(
            markdown.contains(&format!("\n{heading}\n")),
            "{heading} missing"
        );
    }
    assert!(markdown.contains("**Eisenwald Cloud GmbH**, decided by CISO board on 2026-12-01."));
    assert!(markdown.contains("> Best score among those passing every must-have."));
    // A follow-up is a task; the pipe in its comment does not break the line.
    assert!(markdown.contains("- [ ] **Eisenwald Cloud GmbH**: `tech.az.locations` (Technical)"));
    assert!(markdown.contains("Ask for the addresses of \\| the data centres"));
    assert!(markdown.contains("verdict set to **partial**"));
    // Every table row has as many cells as its header.
    for table in markdown
        .split("\n\n")
        .filter(|block| block.starts_with('|'))
    {
        let widths: Vec<usize> = table
            .lines()
            .map(|l| l.replace("\\|", "").matches('|').count())
            .collect();
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "ragged table:\n{table}"
        );
    }
    // Full hashes of every input.
    for file in [
        "p00.ron",
        "p01.ron",
        "p02.ron",
        "p03.ron",
        "meeting.comparison.ron",
    ] {
        let hash = sha256(&std::fs::read(dir.path().join(file)).expect("read"));
        assert!(markdown.contains(&format!("| `{file}` |")), "{file}");
        assert!(markdown.contains(&hash), "hash of {file}");
    }
    let once = report(dir.path(), &inputs, "markdown");
    assert_eq!(once, markdown, "deterministic");
}

#[test]
fn the_csv_report_has_one_record_per_line_of_fixed_width() {
    let dir = temp();
    let inputs = golden_fixture(dir.path());
    let csv = report(dir.path(), &inputs, "csv");
    assert!(csv.contains("\r\n"), "CRLF line ends");
    assert!(csv.starts_with("record,provider,"), "a header");
    // Read by column name: a record of another width, or a column misspelt or missing, is
    // an error.
    let records =
        provider_audit_core::export::report::read_csv(&csv).expect("the report reads back");
    let count = |kind: &str| records.iter().filter(|r| r.record == kind).count();
    assert_eq!(count("provider"), 4);
    assert_eq!(count("section"), 4 * 6);
    assert_eq!(count("annotation"), 3);
    assert_eq!(count("decision"), 1);
    assert_eq!(count("input"), 5);
    let json = summary(dir.path(), &inputs);
    let first = &json["providers"][0];
    let row = records
        .iter()
        .find(|r| r.record == "provider")
        .expect("provider row");
    assert_eq!(row.provider, first["name"].as_str().expect("name"));
    assert_eq!(
        row.score,
        format!("{:.1}", first["score"].as_f64().expect("score"))
    );
    let note = records
        .iter()
        .find(|r| r.record == "annotation" && r.question == "tech.az.locations")
        .expect("annotation");
    assert_eq!(note.comment, "Ask for the addresses of | the data centres");
}

#[test]
fn the_report_goes_to_a_file_in_the_format_of_its_extension() {
    let dir = temp();
    let inputs = golden_fixture(dir.path());
    let result = run_in(dir.path(), &["report", &inputs[0], "-o", "minutes.csv"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let text = std::fs::read_to_string(dir.path().join("minutes.csv")).expect("written");
    assert!(text.starts_with("record,provider,"));
    let result = run_in(dir.path(), &["report", &inputs[0], "-o", "minutes.md"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let text = std::fs::read_to_string(dir.path().join("minutes.md")).expect("written");
    assert!(text.starts_with("# "));
}

#[test]
fn the_report_lists_every_evidence_document_with_its_state() {
    let result = crate::util::run(&[
        "report",
        "tests/fixtures/alpha.ron",
        "tests/fixtures/documents.ron",
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let section = result
        .stdout
        .split("## Evidence documents")
        .nth(1)
        .expect("an evidence section");
    assert!(section.contains("| Alpha Cloud AB | `evidence.certificates` | `evidence/cert.txt` | verified | 2099-05-01 |"), "{section}");
    assert!(section.contains("| Documents AB | `evidence.certificates` | `evidence/cert.txt` | no hash recorded | **2020-01-31, expired** |"), "{section}");
    assert!(
        section
            .contains("| Documents AB | `evidence.terms` | `evidence/absent.pdf` | missing |  |"),
        "{section}"
    );
    assert!(
        section
            .contains("| Documents AB | `evidence.ownership` | `evidence/cert.txt` | altered |  |"),
        "{section}"
    );
}

/// The five sample audits and the selection meeting's comparison, as absolute paths (last
/// year's audit of Nordlys, its history, is not one the comparison names).
fn sample_files() -> Vec<String> {
    let dir = crate::util::root().join("sample_audits");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("sample_audits")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .filter(|path| !path.ends_with("nordlys-2025.ron"))
        .map(|path| path.display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn the_record_of_the_samples_is_one_pdf_and_the_same_twice() {
    let dir = temp();
    let inputs = sample_files();
    let first = export(dir.path(), &inputs, "record.pdf", &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    // The comparison named alone brings its audits: the same record.
    let comparison = inputs
        .iter()
        .filter(|f| f.ends_with(".comparison.ron"))
        .cloned()
        .collect::<Vec<_>>();
    let second = export(dir.path(), &comparison, "again.PDF", &[]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let bytes = std::fs::read(dir.path().join("record.pdf")).expect("written");
    assert!(bytes.starts_with(b"%PDF-1.7"), "{:?}", &bytes[..16]);
    assert!(
        bytes == std::fs::read(dir.path().join("again.PDF")).expect("written"),
        "the same meeting gives the same bytes"
    );
}

#[test]
fn a_pdf_is_not_written_when_it_cannot_be_made() {
    let dir = temp();
    let inputs = sample_files();
    for (args, expected) in [
        (vec!["missing.ron"], "no audit could be loaded"),
        (
            vec![inputs[0].as_str(), "--size", "1920x1080"],
            "--size and --section apply to images",
        ),
        (
            vec![inputs[0].as_str(), "--section", "tech"],
            "--size and --section apply to images",
        ),
    ] {
        let mut all = vec!["export"];
        all.extend(&args);
        all.extend(["-o", "out.pdf"]);
        let result = run_in(dir.path(), &all);
        assert_eq!(result.code, 2, "{args:?}: {}", result.stderr);
        assert!(
            result.stderr.contains(expected),
            "{args:?}: {}",
            result.stderr
        );
        assert!(!dir.path().join("out.pdf").exists());
    }
}

#[test]
fn a_broken_file_is_named_and_the_record_made_from_the_others() {
    let dir = temp();
    let mut inputs = sample_files();
    std::fs::write(dir.path().join("broken.ron"), "(format: 1, provider: ").expect("write");
    inputs.push("broken.ron".to_owned());
    let result = export(dir.path(), &inputs, "record.pdf", &[]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("broken.ron"), "{}", result.stderr);
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
    let bytes = std::fs::read(dir.path().join("record.pdf")).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
}
