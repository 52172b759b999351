//! `provider-audit export FILE... -o OUT.png|OUT.svg [--comparison FILE] [--size WxH]
//! [--section ID]`: the comparison image, or one section's matrix; `-o OUT.pdf`: the
//! meeting's record as one PDF/A document.

use std::path::PathBuf;

use clap::Args;
use provider_audit_core::export::{self, ImageFormat};
use provider_audit_core::model::Questionnaire;
use provider_audit_core::ops::{self, Export};

use super::{EXIT_COULD_NOT_RUN, EXIT_FINDINGS, EXIT_OK};
use crate::output::{Io, say};

/// The arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Audit and comparison files.
    #[arg(value_name = "FILE", required_unless_present = "comparison")]
    files: Vec<PathBuf>,
    /// The file to write: `.png` or `.svg` for the image, `.pdf` for the meeting's record
    /// (the format follows the extension).
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
    /// A comparison file whose audits, weights, must-haves, annotations and decision apply.
    #[arg(long, value_name = "FILE")]
    comparison: Option<PathBuf>,
    /// Image size in pixels [default: 1920x1080; with --section, 1920 wide and as high
    /// as the questions need].
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    size: Option<(u32, u32)>,
    /// Draw this section's questions x providers (e.g. `tech`) instead of the comparison.
    #[arg(long, value_name = "ID")]
    section: Option<String>,
}

impl ExportArgs {
    /// Every file named: the audits and comparisons, and `--comparison`.
    pub fn named_files(&self) -> Vec<PathBuf> {
        self.files.iter().chain(&self.comparison).cloned().collect()
    }
}

/// Parses `1920x1080` (also `1920X1080`).
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (width, height) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("`{text}` is not a size: write WIDTHxHEIGHT, e.g. 1920x1080"))?;
    let number = |part: &str| {
        part.trim()
            .parse::<u32>()
            .map_err(|_| format!("`{text}` is not a size: write WIDTHxHEIGHT, e.g. 1920x1080"))
    };
    Ok((number(width)?, number(height)?))
}

/// Runs `export`: exit code 2 when nothing could be drawn, 1 when some file had an error
/// (the image is still written from the others), 0 otherwise.
pub fn run(args: ExportArgs, questionnaire: &Questionnaire, io: &mut Io) -> anyhow::Result<u8> {
    if export::pdf::is_pdf(&args.output) {
        return run_pdf(args, questionnaire, io);
    }
    if ImageFormat::from_path(&args.output).is_none() {
        anyhow::bail!(
            "cannot tell the format of {}: name it .png or .svg (the image) or .pdf (the record)",
            args.output.display()
        );
    }
    let Some(session) = super::load_for_output(args.files, args.comparison, questionnaire, io)
    else {
        return Ok(EXIT_COULD_NOT_RUN);
    };
    let what = match args.section {
        None => Export::Image(args.size),
        Some(id) => Export::Section {
            id,
            size: args.size,
        },
    };
    ops::export(session.view(), questionnaire, &what, &args.output)?;
    Ok(finish(&args.output, &session, io))
}

/// Says what was written; exit 1 when a file of `session` had errors (the output is made
/// of the others).
fn finish(
    output: &std::path::Path,
    session: &provider_audit_core::session::Session,
    io: &mut Io,
) -> u8 {
    say!(io, "wrote {}", output.display());
    if session.workspace().has_errors() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// `export -o OUT.pdf`: the whole record, every section included, at A4 landscape.
fn run_pdf(args: ExportArgs, questionnaire: &Questionnaire, io: &mut Io) -> anyhow::Result<u8> {
    if args.size.is_some() || args.section.is_some() {
        anyhow::bail!(
            "--size and --section apply to images; the PDF record {} has every section on A4 \
             pages",
            args.output.display()
        );
    }
    let Some(session) = super::load_for_output(args.files, args.comparison, questionnaire, io)
    else {
        return Ok(EXIT_COULD_NOT_RUN);
    };
    ops::export(session.view(), questionnaire, &Export::Pdf, &args.output)?;
    Ok(finish(&args.output, &session, io))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_are_width_x_height() {
        assert_eq!(parse_size("1920x1080"), Ok((1920, 1080)));
        assert_eq!(parse_size("800X600"), Ok((800, 600)));
        assert!(parse_size("1920").is_err());
        assert!(parse_size("axb").is_err());
        assert!(parse_size("-1x5").is_err());
    }
}
