//! The text pages of the record (annotations, decision, hashes): paragraphs and tables laid
//! out top to bottom in the page's pixels and broken onto as many pages as they need. A
//! table continued on the next page repeats its header, and every continued page says what
//! it continues. The result is a list of marks per page, drawn by `mod.rs` on the same
//! canvas as the pictures. Must not depend on UI crates.

use crate::export::canvas::{Align, Rect};
use crate::export::image::PALETTE;
use crate::export::text::{Font, wrap};
use crate::labels::one_line;
use crate::palette::Rgb;

/// A page of the record in pixels: A4 landscape, 1920 pixels wide like the comparison image.
pub(super) const PAGE: (u32, u32) = (1920, 1358);

const LEFT: f64 = 72.0;
/// The room a heading needs under it to stay on its page.
const KEEP_WITH_HEADING: f64 = 240.0;
/// Paragraphs of at most this many lines are never broken across pages.
const KEEP_LINES: usize = 6;
const TOP: f64 = 64.0;
/// Room kept at the bottom for the page's footer.
const BOTTOM: f64 = 84.0;

/// How a piece of text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Style {
    /// Body text.
    Body,
    /// Body text in semibold.
    Strong,
    /// Smaller, muted: ids, authors, times.
    Muted,
    /// In the colour of knock-outs: a warning.
    Warning,
    /// The chosen provider, large.
    Large,
}

impl Style {
    fn font(self) -> Font {
        match self {
            Self::Body => Font::regular(19.0),
            Self::Strong | Self::Warning => Font::semibold(19.0),
            Self::Muted => Font::regular(17.0),
            Self::Large => Font::semibold(30.0),
        }
    }

    fn colour(self) -> Rgb {
        match self {
            Self::Body | Self::Strong | Self::Large => PALETTE.text,
            Self::Muted => PALETTE.muted,
            Self::Warning => PALETTE.knocked_out,
        }
    }
}

/// One thing drawn on a text page.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Mark {
    /// One line of text, its baseline at `baseline`.
    Text {
        text: String,
        x: f64,
        baseline: f64,
        font: Font,
        colour: Rgb,
        align: Align,
    },
    /// A filled rectangle.
    Fill { rect: Rect, colour: Rgb },
}

/// A cell of a table: paragraphs stacked, each in its style.
pub(super) type CellText = Vec<(String, Style)>;

/// A table's columns: headers and shares of the page's width.
pub(super) struct Columns<'a> {
    /// Header and share (the shares add up to 1).
    pub(super) columns: &'a [(&'a str, f64)],
}

/// Laid-out text pages.
pub(super) struct Flow {
    pages: Vec<Vec<Mark>>,
    /// The top-level title of each page (for the footer and "continued").
    titles: Vec<String>,
    /// Pages where a title starts, with the title (for the bookmarks).
    starts: Vec<(usize, String)>,
    y: f64,
    /// The heading the current page continues, if it is broken.
    heading: String,
}

fn width() -> f64 {
    f64::from(PAGE.0) - 2.0 * LEFT
}

fn bottom() -> f64 {
    f64::from(PAGE.1) - BOTTOM
}

impl Flow {
    pub(super) fn new() -> Self {
        Self {
            pages: Vec::new(),
            titles: Vec::new(),
            starts: Vec::new(),
            y: TOP,
            heading: String::new(),
        }
    }

    fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    fn text(&mut self, text: &str, x: f64, baseline: f64, style: Style, align: Align) {
        self.mark(Mark::Text {
            text: text.to_owned(),
            x,
            baseline,
            font: style.font(),
            colour: style.colour(),
            align,
        });
    }

    fn rule(&mut self, y: f64, thickness: f64, colour: Rgb) {
        self.mark(Mark::Fill {
            rect: Rect::new(LEFT, y, width(), thickness),
            colour,
        });
    }

    /// Starts a page for the top-level `title`.
    pub(super) fn title(&mut self, title: &str) {
        self.starts.push((self.pages.len(), title.to_owned()));
        self.new_page(title);
        let font = Font::semibold(40.0);
        let baseline = TOP + font.cap_height();
        self.mark(Mark::Text {
            text: one_line(title),
            x: LEFT,
            baseline,
            font,
            colour: PALETTE.text,
            align: Align::Left,
        });
        self.y = baseline + 20.0;
        self.rule(self.y, 3.0, PALETTE.accent);
        self.y += 30.0;
        self.heading.clear();
    }

    fn new_page(&mut self, title: &str) {
        self.pages.push(Vec::new());
        self.titles.push(title.to_owned());
        self.y = TOP;
    }

    /// Breaks the page unless `height` more pixels fit; a broken page starts with what it
    /// continues.
    fn room_for(&mut self, height: f64) -> bool {
        if self.y + height <= bottom() {
            return false;
        }
        let title = self.titles.last().cloned().unwrap_or_default();
        self.new_page(&title);
        let continued = if self.heading.is_empty() {
            format!("{} (continued)", one_line(&title))
        } else {
            format!("{} › {} (continued)", one_line(&title), self.heading)
        };
        let style = Style::Muted;
        self.text(
            &continued,
            LEFT,
            TOP + style.font().cap_height(),
            style,
            Align::Left,
        );
        self.y = TOP + style.font().line_height() + 16.0;
        true
    }

    /// A heading inside the current title, kept with the lines that follow it.
    pub(super) fn heading(&mut self, heading: &str) {
        let font = Font::semibold(26.0);
        self.y += 14.0;
        self.heading.clear();
        // Kept with what follows: a table's header and a few rows, or a short paragraph.
        self.room_for(font.line_height() + KEEP_WITH_HEADING);
        self.heading = one_line(heading);
        let baseline = self.y + font.cap_height();
        self.mark(Mark::Text {
            text: self.heading.clone(),
            x: LEFT,
            baseline,
            font,
            colour: PALETTE.text,
            align: Align::Left,
        });
        self.y = baseline + 16.0;
    }

    /// Space between blocks.
    pub(super) fn gap(&mut self, height: f64) {
        self.y += height;
    }

    /// A paragraph over the page's width (indented by `indent` pixels), wrapped at spaces;
    /// line breaks in `text` start new lines.
    pub(super) fn paragraph(&mut self, text: &str, style: Style, indent: f64) {
        let font = style.font();
        let lines = lines_of(text, font, width() - indent);
        if lines.len() <= KEEP_LINES {
            self.room_for(font.line_height() * lines.len() as f64);
        }
        for line in lines {
            self.room_for(font.line_height());
            self.text(
                &line,
                LEFT + indent,
                self.y + font.cap_height() + (font.line_height() - font.px) / 2.0,
                style,
                Align::Left,
            );
            self.y += font.line_height();
        }
    }

    /// A table: a header row, then `rows`, each cell wrapped in its column; the header
    /// repeats at the top of every page the table runs onto.
    pub(super) fn table(&mut self, columns: &Columns<'_>, rows: &[Vec<CellText>]) {
        let xs = column_xs(columns);
        let laid_rows: Vec<LaidRow> = rows.iter().map(|row| lay_row(row, &xs)).collect();
        // The header is never left alone at the foot of a page.
        let first = laid_rows.first().map_or(0.0, |(_, height)| *height);
        self.room_for(header_height() + first);
        self.table_header(columns, &xs);
        for (laid, height) in laid_rows {
            if self.room_for(height) {
                self.table_header(columns, &xs);
            }
            for (lines, (x, _)) in laid.iter().zip(&xs) {
                let mut y = self.y + 6.0;
                for (line, style) in lines {
                    let font = style.font();
                    self.text(
                        line,
                        x + 8.0,
                        y + font.cap_height() + 4.0,
                        *style,
                        Align::Left,
                    );
                    y += font.line_height();
                }
            }
            self.y += height;
            self.rule(self.y - 1.0, 1.0, PALETTE.grid);
        }
        self.y += 10.0;
    }

    fn table_header(&mut self, columns: &Columns<'_>, xs: &[(f64, f64)]) {
        let style = Style::Strong;
        let font = style.font();
        self.mark(Mark::Fill {
            rect: Rect::new(LEFT, self.y, width(), font.line_height() + 12.0),
            colour: PALETTE.surface,
        });
        for ((header, _), (x, _)) in columns.columns.iter().zip(xs) {
            self.text(
                header,
                x + 8.0,
                self.y + 6.0 + font.cap_height() + 4.0,
                style,
                Align::Left,
            );
        }
        self.y += font.line_height() + 12.0;
        self.rule(self.y - 2.0, 2.0, PALETTE.text);
    }

    /// The pages laid out, each with its title, and where each title starts.
    pub(super) fn finish(self) -> FlowPages {
        FlowPages {
            pages: self.pages.into_iter().zip(self.titles).collect(),
            starts: self.starts,
        }
    }
}

/// What a flow produced.
pub(super) struct FlowPages {
    /// Each page's marks and its title.
    pub(super) pages: Vec<(Vec<Mark>, String)>,
    /// Pages (counted from the first of the flow) where a title starts.
    pub(super) starts: Vec<(usize, String)>,
}

/// The height of a table's header row.
fn header_height() -> f64 {
    Style::Strong.font().line_height() + 12.0
}

/// A row laid out: each cell's lines with their styles, and the row's height.
type LaidRow = (Vec<Vec<(String, Style)>>, f64);

/// A row's cells as lines in their columns, and the row's height.
fn lay_row(row: &[CellText], xs: &[(f64, f64)]) -> LaidRow {
    let laid: Vec<Vec<(String, Style)>> = row
        .iter()
        .zip(xs)
        .map(|(cell, (_, w))| {
            cell.iter()
                .flat_map(|(text, style)| {
                    lines_of(text, style.font(), w - 16.0)
                        .into_iter()
                        .map(move |line| (line, *style))
                })
                .collect()
        })
        .collect();
    let height = laid
        .iter()
        .map(|lines| {
            lines
                .iter()
                .map(|(_, style)| style.font().line_height())
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
        + 12.0;
    (laid, height)
}

/// The left edge and width of each column.
fn column_xs(columns: &Columns<'_>) -> Vec<(f64, f64)> {
    let mut x = LEFT;
    columns
        .columns
        .iter()
        .map(|(_, share)| {
            let w = width() * share;
            let column = (x, w);
            x += w;
            column
        })
        .collect()
}

/// `text` as lines of at most `max_width` pixels: its own line breaks kept, each line
/// cleaned of control characters and wrapped at spaces; a word wider than a line (a long
/// file path) is broken between characters rather than shortened, so nothing is lost.
fn lines_of(text: &str, font: Font, max_width: f64) -> Vec<String> {
    text.lines()
        .map(one_line)
        .filter(|line| !line.is_empty())
        .flat_map(|line| {
            let words: Vec<String> = line
                .split(' ')
                .flat_map(|word| break_word(word, font, max_width))
                .collect();
            wrap(&words.join(" "), font, max_width, usize::MAX)
        })
        .collect()
}

/// `word` in pieces that each fit `max_width`, cut between grapheme clusters.
fn break_word(word: &str, font: Font, max_width: f64) -> Vec<String> {
    if font.width(word) <= max_width {
        return vec![word.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut last = 0;
    for cut in crate::labels::cut_points(word).chain(std::iter::once(word.len())) {
        if cut > start && font.width(&word[start..cut]) > max_width && last > start {
            pieces.push(word[start..last].to_owned());
            start = last;
        }
        last = cut;
    }
    pieces.push(word[start..].to_owned());
    pieces
}

#[cfg(test)]
mod tests {
    use super::{Columns, Flow, Mark, PAGE, Style, bottom};
    use crate::export::text::register_fonts;

    fn baselines(marks: &[Mark]) -> Vec<f64> {
        marks
            .iter()
            .filter_map(|mark| match mark {
                Mark::Text { baseline, .. } => Some(*baseline),
                Mark::Fill { .. } => None,
            })
            .collect()
    }

    #[test]
    fn long_text_runs_onto_further_pages_inside_the_margins() {
        register_fonts().expect("font");
        let mut flow = Flow::new();
        flow.title("Annotations");
        let long = "A rationale that goes on and on about load balancers. ".repeat(400);
        flow.paragraph(&long, Style::Body, 0.0);
        let pages = flow.finish().pages;
        assert!(pages.len() > 1, "{} pages", pages.len());
        for (marks, title) in &pages {
            assert_eq!(title, "Annotations");
            for baseline in baselines(marks) {
                assert!(baseline > 0.0 && baseline <= bottom(), "{baseline}");
            }
        }
        assert!(f64::from(PAGE.1) > bottom());
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_not_shortened() {
        register_fonts().expect("font");
        let font = super::Style::Body.font();
        let path = "evidence/nordlys/granitvalv-ssf200-certificate-of-conformity-2026.txt";
        let lines = super::lines_of(&format!("File {path} read"), font, 300.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|line| font.width(line) <= 300.0));
        assert!(!lines.concat().contains(crate::labels::ELLIPSIS));
        assert!(lines.concat().replace(' ', "").contains(path));
    }

    #[test]
    fn a_table_continued_on_the_next_page_repeats_its_header() {
        register_fonts().expect("font");
        let mut flow = Flow::new();
        flow.title("Decision");
        flow.heading("Input files");
        let rows: Vec<_> = (0..120)
            .map(|i| {
                vec![
                    vec![(format!("audit-{i}.ron"), Style::Body)],
                    vec![("0".repeat(64), Style::Muted)],
                ]
            })
            .collect();
        flow.table(
            &Columns {
                columns: &[("File", 0.4), ("SHA-256", 0.6)],
            },
            &rows,
        );
        let pages = flow.finish().pages;
        assert!(pages.len() >= 2);
        for (marks, _) in &pages {
            let headers = marks
                .iter()
                .filter(|m| matches!(m, Mark::Text { text, .. } if text == "SHA-256"))
                .count();
            assert_eq!(headers, 1, "the header once on every page");
        }
        let second = &pages[1].0;
        assert!(second.iter().any(
            |m| matches!(m, Mark::Text { text, .. } if text == "Decision › Input files (continued)")
        ));
    }
}
