//! Painting the comparison image: one function per panel, each drawing what the layout
//! (computed in the parent module) placed. Reads the view and the layout only.

use super::{
    Align, Canvas, CellFormat, Column, ComparisonView, DateSource, DrawingBackend, ExportError,
    Font, GapCounts, Layout, PALETTE, ProviderRow, Rect, Rgb, SEPARATOR, causes, counted,
    gaps_text, heat_cell, ids_or, one_line, px, shorten, title_text, weight,
};

/// The title, what the comparison is made of, and the date.
pub(super) fn title_block<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let title_font = Font::semibold(px(u, 44.0));
    let subtitle_font = Font::regular(px(u, 22.0));
    let date_font = Font::semibold(px(u, 36.0));
    let caption_font = Font::regular(px(u, 18.0));
    let title_baseline = layout.title_top + title_font.cap_height() + 4.0 * u;
    let subtitle_baseline = title_baseline + 46.0 * u;

    let mut date_width = 0.0;
    if let Some(date) = &view.date {
        let caption = match date.source {
            DateSource::Decision => "Decided on",
            DateSource::LatestAudit => "Latest audit",
        };
        date_width = date_font.width(&date.date).max(caption_font.width(caption));
        canvas.text(
            caption,
            layout.right,
            layout.title_top + caption_font.cap_height(),
            caption_font,
            PALETTE.muted,
            Align::Right,
        )?;
        canvas.text(
            &date.date,
            layout.right,
            subtitle_baseline,
            date_font,
            PALETTE.text,
            Align::Right,
        )?;
    }
    let text_width = layout.right - layout.left - date_width - 48.0 * u;
    canvas.text(
        &shorten(&title_text(view), title_font, text_width),
        layout.left,
        title_baseline,
        title_font,
        PALETTE.text,
        Align::Left,
    )?;
    let parts = match &view.comparison_file {
        Some(file) => vec![
            format!("Comparison {}", one_line(file)),
            counted(
                view.must_have.len(),
                "must-have question",
                "must-have questions",
            ),
            counted(view.weak_answers(), "weak answer", "weak answers"),
            counted(view.follow_ups(), "follow-up", "follow-ups"),
        ],
        None => vec!["No comparison file: all weights 1, no must-have questions".to_owned()],
    };
    canvas.text(
        &shorten(&parts.join(SEPARATOR), subtitle_font, text_width),
        layout.left,
        subtitle_baseline,
        subtitle_font,
        PALETTE.muted,
        Align::Left,
    )
}

/// The decision band and the warning bands.
pub(super) fn notices<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    for notice in &layout.notices {
        canvas.fill(notice.rect, notice.background)?;
        if let Some(bar) = notice.bar {
            canvas.fill(
                Rect::new(notice.rect.x, notice.rect.y, 6.0 * u, notice.rect.h),
                bar,
            )?;
        }
        let Some((_, font)) = notice.spans.first() else {
            continue;
        };
        let line = font.px * 1.45;
        let first = Rect::new(
            notice.rect.x,
            notice.rect.y + font.px * 0.35,
            notice.rect.w,
            line,
        );
        let baseline = first.centred_baseline(*font);
        let start = notice.rect.x + 22.0 * u;
        let end = notice.rect.right() - 16.0 * u;
        let mut x = start;
        for (text, span_font) in &notice.spans {
            let fitted = shorten(text, *span_font, end - x);
            if fitted.is_empty() {
                break;
            }
            canvas.text(&fitted, x, baseline, *span_font, notice.text, Align::Left)?;
            x += span_font.width(&fitted);
            if fitted != *text {
                break;
            }
        }
        for (i, text) in notice.more.iter().enumerate() {
            let baseline = baseline + line * (i + 1) as f64;
            canvas.text(text, start, baseline, *font, notice.text, Align::Left)?;
        }
    }
    Ok(())
}

/// The header labels, the row separators, and the tints of the chosen and knocked-out
/// rows.
pub(super) fn table_frame<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    let columns = &layout.columns;
    for (row, provider) in layout.rows.iter().zip(&view.providers) {
        if provider.chosen {
            canvas.fill(*row, PALETTE.background.lerp(PALETTE.accent, 0.12))?;
            canvas.fill(Rect::new(row.x, row.y, 6.0 * u, row.h), PALETTE.accent)?;
        } else if provider.knocked_out() {
            canvas.fill(*row, PALETTE.background.lerp(PALETTE.knocked_out, 0.07))?;
        }
        canvas.hrule(
            layout.left,
            layout.right,
            row.bottom() - 1.0,
            1.0,
            PALETTE.grid,
        )?;
    }
    canvas.hrule(
        layout.left,
        layout.right,
        layout.header.bottom() - 2.0 * u,
        2.0 * u,
        PALETTE.text,
    )?;

    let header = layout.header;
    let label_baseline = header.y + 22.0 * u + fonts.header.cap_height() / 2.0;
    let detail_baseline = label_baseline + 22.0 * u;
    let label = |column: Column, label: &str, detail: &str, align: Align| {
        let (x, width) = match align {
            Align::Left => (column.x + 12.0 * u, column.w - 16.0 * u),
            Align::Centre => (column.centre(), column.w - 8.0 * u),
            Align::Right => (column.right() - 12.0 * u, column.w - 16.0 * u),
        };
        let label = shorten(label, fonts.header, width);
        canvas.text(&label, x, label_baseline, fonts.header, PALETTE.text, align)?;
        let detail = shorten(detail, fonts.header_detail, width);
        canvas.text(
            &detail,
            x,
            detail_baseline,
            fonts.header_detail,
            PALETTE.muted,
            align,
        )
    };
    label(columns.rank, "Rank", "", Align::Centre)?;
    label(columns.name, "Provider", "in ranking order", Align::Left)?;
    label(columns.score, "Score", "0–100", Align::Centre)?;
    // One size for every section label, as large as lets the widest fit.
    let section_font = columns.sections.first().map_or(fonts.header, |column| {
        let widest = view
            .sections
            .iter()
            .map(|s| fonts.header.width(&one_line(&s.label)))
            .fold(0.0, f64::max);
        let room = column.w - 8.0 * u;
        if widest <= room {
            fonts.header
        } else {
            Font::semibold((fonts.header.px * room / widest).max(px(u, 12.0)))
        }
    });
    for (column, section) in columns.sections.iter().zip(&view.sections) {
        let weight = if (section.weight - 1.0).abs() > f64::EPSILON {
            format!("weight ×{}", weight(section.weight))
        } else {
            String::new()
        };
        let width = column.w - 8.0 * u;
        canvas.text(
            &shorten(&one_line(&section.label), section_font, width),
            column.centre(),
            label_baseline,
            section_font,
            PALETTE.text,
            Align::Centre,
        )?;
        canvas.text(
            &shorten(&weight, fonts.header_detail, width),
            column.centre(),
            detail_baseline,
            fonts.header_detail,
            PALETTE.muted,
            Align::Centre,
        )?;
    }
    label(columns.weak, "Weak", "answers", Align::Centre)?;
    label(columns.follow_ups, "Follow-ups", "to send", Align::Centre)
}

/// The ranking: rank, provider, chosen and knocked-out marks, score.
pub(super) fn ranking<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    let columns = &layout.columns;
    for (row, provider) in layout.rows.iter().zip(&view.providers) {
        let rank_colour = if provider.knocked_out() {
            PALETTE.knocked_out
        } else {
            PALETTE.text
        };
        canvas.text(
            &provider.rank.to_string(),
            columns.rank.centre(),
            row.centred_baseline(fonts.name),
            fonts.name,
            rank_colour,
            Align::Centre,
        )?;
        provider_name(canvas, provider, columns.name.cell(*row), layout)?;
        // The overall score, coloured on the heat map's scale.
        let cell = columns.score.cell(*row).inset(3.0 * u, 3.0 * u);
        let fill = PALETTE.score(provider.score);
        canvas.fill(cell, fill)?;
        canvas.text(
            &format!("{:.1}", provider.score),
            cell.x + cell.w / 2.0,
            cell.centred_baseline(fonts.cell),
            fonts.cell,
            PALETTE.text_on(fill),
            Align::Centre,
        )?;
    }
    Ok(())
}

/// A small label on a coloured background; returns its width.
pub(super) fn badge<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    text: &str,
    x: f64,
    centre_y: f64,
    font: Font,
    colour: Rgb,
    u: f64,
) -> Result<f64, ExportError> {
    let w = font.width(text) + 14.0 * u;
    let h = font.px * 1.7;
    let rect = Rect::new(x, centre_y - h / 2.0, w, h);
    canvas.fill(rect, colour)?;
    canvas.text(
        text,
        rect.x + w / 2.0,
        rect.centred_baseline(font),
        font,
        PALETTE.text_on(colour),
        Align::Centre,
    )?;
    Ok(w)
}

/// The provider's name and its marks. Tall rows: the name, then a line with the badge
/// (chosen, knocked out) and the must-have questions it misses or when it was audited.
/// Short rows: the name and the badge on one line.
pub(super) fn provider_name<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    provider: &ProviderRow,
    cell: Rect,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    let x = cell.x + 12.0 * u;
    let width = cell.w - 20.0 * u;
    let badge_text = if provider.chosen {
        Some(("✓ CHOSEN", PALETTE.accent))
    } else if provider.knocked_out() {
        Some(("✗ OUT", PALETTE.knocked_out))
    } else {
        None
    };
    let badge_w = badge_text.map_or(0.0, |(text, _)| {
        fonts.badge.width(text) + 14.0 * u + 10.0 * u
    });
    let name = one_line(&provider.name);
    if !layout.tall {
        let name = shorten(&name, fonts.name, width - badge_w);
        let baseline = cell.centred_baseline(fonts.name);
        canvas.text(&name, x, baseline, fonts.name, PALETTE.text, Align::Left)?;
        if let Some((text, colour)) = badge_text {
            let badge_x = x + fonts.name.width(&name) + 10.0 * u;
            let centre_y = baseline - fonts.name.cap_height() / 2.0;
            badge(canvas, text, badge_x, centre_y, fonts.badge, colour, u)?;
        }
        return Ok(());
    }
    let gap = 10.0 * u;
    let block = fonts.name.cap_height() + gap + fonts.detail.px;
    let name_baseline = cell.y + (cell.h - block) / 2.0 + fonts.name.cap_height();
    let detail_baseline = name_baseline + gap + fonts.detail.px;
    canvas.text(
        &shorten(&name, fonts.name, width),
        x,
        name_baseline,
        fonts.name,
        PALETTE.text,
        Align::Left,
    )?;
    let mut detail_x = x;
    if let Some((text, colour)) = badge_text {
        let centre_y = detail_baseline - fonts.detail.cap_height() / 2.0;
        detail_x += badge(canvas, text, x, centre_y, fonts.badge, colour, u)? + 10.0 * u;
    }
    let room = x + width - detail_x;
    let (detail, colour) = if provider.knocked_out() {
        (
            ids_or(
                "misses",
                &provider.knocked_out_by,
                format!(
                    "misses {}",
                    counted(provider.knocked_out_by.len(), "must-have", "must-haves")
                ),
                fonts.detail,
                room,
            ),
            PALETTE.knocked_out,
        )
    } else if !provider.waived.is_empty() {
        (
            ids_or(
                "risk accepted:",
                &provider.waived,
                counted(provider.waived.len(), "risk accepted", "risks accepted"),
                fonts.detail,
                room,
            ),
            PALETTE.text,
        )
    } else {
        let audited = provider
            .audited_on
            .as_deref()
            .map_or_else(String::new, |date| format!("audited {}", one_line(date)));
        (audited, PALETTE.muted)
    };
    canvas.text(
        &shorten(&detail, fonts.detail, room),
        detail_x,
        detail_baseline,
        fonts.detail,
        colour,
        Align::Left,
    )
}

/// The heat map: one cell per section and provider, coloured by the section score, with
/// the score and the number of gaps.
pub(super) fn heat_map<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    for (row, provider) in layout.rows.iter().zip(&view.providers) {
        for (column, cell) in layout.columns.sections.iter().zip(&provider.sections) {
            let rect = heat_cell(column.cell(*row), u);
            let Some(score) = cell.score else {
                canvas.fill(rect, PALETTE.not_applicable)?;
                canvas.text(
                    "–",
                    rect.x + rect.w / 2.0,
                    rect.centred_baseline(fonts.cell),
                    fonts.cell,
                    PALETTE.muted,
                    Align::Centre,
                )?;
                continue;
            };
            let fill = PALETTE.score(score);
            canvas.fill(rect, fill)?;
            heat_cell_text(
                canvas,
                rect,
                &format!("{score:.0}"),
                cell.gaps.total(),
                PALETTE.text_on(fill),
                layout,
            )?;
        }
    }
    Ok(())
}

/// A heat-map cell's score and gaps, in the table's cell format.
pub(super) fn heat_cell_text<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    rect: Rect,
    score: &str,
    gaps: usize,
    ink: Rgb,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    let centre = rect.x + rect.w / 2.0;
    match layout.cell_format {
        CellFormat::TwoLines => {
            let gap = 6.0 * u;
            let block = fonts.cell.cap_height() + gap + fonts.cell_detail.px;
            let score_baseline = rect.y + (rect.h - block) / 2.0 + fonts.cell.cap_height();
            canvas.text(
                score,
                centre,
                score_baseline,
                fonts.cell,
                ink,
                Align::Centre,
            )?;
            canvas.text(
                &gaps_text(gaps),
                centre,
                score_baseline + gap + fonts.cell_detail.px * 0.9,
                fonts.cell_detail,
                ink,
                Align::Centre,
            )
        }
        CellFormat::OneLine => {
            let detail = format!(" · {gaps}");
            let total = fonts.cell.width(score) + fonts.cell_detail.width(&detail);
            let baseline = rect.centred_baseline(fonts.cell);
            let x = centre - total / 2.0;
            canvas.text(score, x, baseline, fonts.cell, ink, Align::Left)?;
            canvas.text(
                &detail,
                x + fonts.cell.width(score),
                baseline,
                fonts.cell_detail,
                ink,
                Align::Left,
            )
        }
        CellFormat::ScoreOnly => {
            let baseline = rect.centred_baseline(fonts.cell);
            canvas.text(score, centre, baseline, fonts.cell, ink, Align::Centre)
        }
    }
}

/// Gap bars stacked by cause, one per provider, on a common scale, with a legend in the
/// header.
pub(super) fn gap_bars<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    let column = layout.columns.bars;
    let header = layout.header;
    let label_baseline = header.y + 22.0 * u + fonts.header.cap_height() / 2.0;
    canvas.text(
        "Gaps by cause",
        column.x,
        label_baseline,
        fonts.header,
        PALETTE.text,
        Align::Left,
    )?;
    let legend_baseline = label_baseline + 22.0 * u;
    let swatch = fonts.header_detail.cap_height() * 1.1;
    let mut x = column.x;
    for (label, _, colour) in causes(&GapCounts::default()) {
        let width = swatch + 6.0 * u + fonts.header_detail.width(label);
        if x + width > column.right() + 1.0 {
            break;
        }
        canvas.fill(
            Rect::new(x, legend_baseline - swatch, swatch, swatch),
            colour,
        )?;
        canvas.text(
            label,
            x + swatch + 6.0 * u,
            legend_baseline,
            fonts.header_detail,
            PALETTE.muted,
            Align::Left,
        )?;
        x += width + 14.0 * u;
    }

    let most = view
        .providers
        .iter()
        .map(|p| p.gaps.total())
        .max()
        .unwrap_or(0)
        .max(1);
    let total_w = fonts.cell.width(&most.to_string()) + 12.0 * u;
    let bar_room = (column.w - total_w).max(0.0);
    let label_font = fonts.cell_detail;
    for (row, provider) in layout.rows.iter().zip(&view.providers) {
        let bar_h = (row.h * 0.5).min(40.0 * u);
        let y = row.y + (row.h - bar_h) / 2.0;
        let mut x = column.x;
        for (_, count, colour) in causes(&provider.gaps) {
            if count == 0 {
                continue;
            }
            let w = bar_room * count as f64 / most as f64;
            let segment = Rect::new(x, y, w, bar_h);
            canvas.fill(segment, colour)?;
            let label = count.to_string();
            if label_font.width(&label) + 8.0 * u <= w && label_font.px * 1.1 <= bar_h {
                canvas.text(
                    &label,
                    x + w / 2.0,
                    segment.centred_baseline(label_font),
                    label_font,
                    PALETTE.text_on(colour),
                    Align::Centre,
                )?;
            }
            x += w;
        }
        canvas.text(
            &provider.gaps.total().to_string(),
            x + 8.0 * u,
            row.centred_baseline(fonts.cell),
            fonts.cell,
            PALETTE.text,
            Align::Left,
        )?;
    }
    Ok(())
}

/// Weak answers and follow-ups per provider.
pub(super) fn counts<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let fonts = layout.fonts;
    let columns = &layout.columns;
    for (row, provider) in layout.rows.iter().zip(&view.providers) {
        let baseline = row.centred_baseline(fonts.cell);
        for (column, count) in [
            (columns.weak, provider.gaps.weak),
            (columns.follow_ups, provider.follow_ups),
        ] {
            let colour = if count == 0 {
                PALETTE.not_asked
            } else {
                PALETTE.annotation
            };
            canvas.text(
                &count.to_string(),
                column.centre(),
                baseline,
                fonts.cell,
                colour,
                Align::Centre,
            )?;
        }
    }
    Ok(())
}

/// The knock-out note under the table, when the rows have no room for it.
pub(super) fn knock_outs<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    layout: &Layout,
) -> Result<(), ExportError> {
    let font = layout.knock_out_font;
    for (i, (line, colour)) in layout.knock_outs.iter().enumerate() {
        let baseline = layout.knock_out_top + font.cap_height() + font.line_height() * i as f64;
        canvas.text(line, layout.left, baseline, font, *colour, Align::Left)?;
    }
    Ok(())
}

/// How to read the image, and the input files with their short hashes.
pub(super) fn footnote<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    layout: &Layout,
) -> Result<(), ExportError> {
    let font = layout.footnote_font;
    canvas.hrule(
        layout.left,
        layout.right,
        layout.footnote_top - 12.0 * layout.u,
        1.0,
        PALETTE.grid,
    )?;
    for (i, line) in layout.footnote.iter().enumerate() {
        let baseline = layout.footnote_top + font.cap_height() + font.line_height() * i as f64;
        canvas.text(
            line,
            layout.left,
            baseline,
            font,
            PALETTE.muted,
            Align::Left,
        )?;
    }
    Ok(())
}
