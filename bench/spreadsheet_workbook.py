#!/usr/bin/env python3
"""The comparison workbook a spreadsheet user would build from the same audits.

Used by bench/spreadsheet.sh. Reads the questionnaire from `provider-audit questionnaire`
(JSON for the items, Markdown for the section titles; the short section labels from
`provider-audit summary --format json` of one audit) and the verdicts from the audit RON
files with a line-by-line parser, and writes an .xlsx with openpyxl:

- "Summary" (first, so it is what LibreOffice draws to PNG): providers x sections, each
  cell a formula reading the section sheet's score row, the overall score (AVERAGE of the
  section scores), the answers below Meets (COUNTIF), the rank (RANK plus a COUNTIF
  tie-break) and a ranking table (INDEX/MATCH on the rank); a colour scale on the scores
  from the app's gap red through partial amber to meets green.
- One sheet per section: questions (headings as plain rows) x providers, the verdict word
  in each cell, filled by conditional formatting with the app's verdict colours, and a
  score row: SUMPRODUCT(COUNTIF(range, verdicts), values) / SUMPRODUCT(COUNTIF(range,
  verdicts)) over the "Verdicts" table (Meets 1, Partial 0.5, Gap 0, NoAnswer 0;
  NotApplicable and blanks are left out, as in the product's formula).
- "Verdicts" (last): that table.

Usage: spreadsheet_workbook.py --bin target/release/provider-audit -o book.xlsx AUDIT.ron...
       (--expect-scores FILE.csv compares a CSV of the Summary sheet, as LibreOffice
       computed it, with `provider-audit summary --format json`; exit 1 on a difference)
"""

import argparse
import json
import re
import subprocess
import sys

# The light palette of src/palette.rs.
MEETS = "3F9B5C"
PARTIAL = "E3B03B"
GAP = "C03E32"
NO_ANSWER = "8E5AA8"
NOT_APPLICABLE = "E2E4E7"
SURFACE = "EEEFF1"
TEXT_DARK = "141619"
TEXT_LIGHT = "FFFFFF"

# (verdict, value in the formula, fill, text colour: Palette::text_on)
VERDICTS = [
    ("Meets", 1.0, MEETS, TEXT_DARK),
    ("Partial", 0.5, PARTIAL, TEXT_DARK),
    ("Gap", 0.0, GAP, TEXT_LIGHT),
    ("NoAnswer", 0.0, NO_ANSWER, TEXT_LIGHT),
    ("NotApplicable", None, NOT_APPLICABLE, TEXT_DARK),
]

ANSWER = re.compile(r'^\s*"(?P<id>[A-Za-z0-9_.-]+)":\s*\(\s*$')
VERDICT = re.compile(r"^\s*verdict:\s*(?:Some\()?(?P<v>[A-Za-z]+)\)?,?\s*$")
PROVIDER = re.compile(r'^\s*provider:\s*"(?P<p>(?:[^"\\]|\\.)*)",?\s*$')


def read_audit(path):
    """(provider, {item id: verdict}) from an audit RON file, line by line: an answer
    opens with `"id": (` on its own line and its verdict is a `verdict: X,` line."""
    provider, verdicts, current = None, {}, None
    with open(path, encoding="utf-8") as file:
        for line in file:
            if provider is None:
                match = PROVIDER.match(line)
                if match:
                    provider = match.group("p")
                    continue
            match = ANSWER.match(line)
            if match:
                current = match.group("id")
                continue
            match = VERDICT.match(line)
            if match and current is not None:
                verdicts[current] = match.group("v")
                current = None
    if provider is None:
        sys.exit(f"spreadsheet_workbook.py: no provider in {path}")
    return provider, verdicts


def questionnaire(binary):
    items = json.loads(
        subprocess.run(
            [binary, "questionnaire", "--format", "json"],
            check=True, capture_output=True, text=True,
        ).stdout
    )
    markdown = subprocess.run(
        [binary, "questionnaire"], check=True, capture_output=True, text=True
    ).stdout
    titles = dict(
        (m.group(2), m.group(1))
        for m in re.finditer(r"^## (.*) \(`([^`]+)`\)\s*$", markdown, re.M)
    )
    sections = []
    for item in items:
        if not sections or sections[-1][0] != item["section"]:
            sections.append((item["section"], titles.get(item["section"], item["section"]), []))
        sections[-1][2].append(item)
    return sections


def build(binary, audit_paths, out):
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sections = questionnaire(binary)
    # The product's short section labels ("Technical", ...) name the sheets.
    labels = {
        section["id"]: section["label"]
        for section in summary_json(binary, audit_paths[:1])["providers"][0]["sections"]
    }
    audits = [read_audit(path) for path in audit_paths]
    providers = [provider for provider, _ in audits]
    n = len(providers)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=SURFACE)

    book = Workbook()
    summary = book.active
    summary.title = "Summary"

    # The verdict values, which every score formula reads.
    values = book.create_sheet("Verdicts")
    values.append(["Verdict", "Value"])
    for verdict, value, fill, text in VERDICTS:
        values.append([verdict, value])
        cell = values.cell(row=values.max_row, column=1)
        cell.fill = PatternFill("solid", fgColor=fill)
        cell.font = Font(color=text)
    values.append(["(NotApplicable and blank cells are left out of the scores)"])
    scored = len([v for v in VERDICTS if v[1] is not None])
    names_ref = f"Verdicts!$A$2:$A${1 + scored}"
    values_ref = f"Verdicts!$B$2:$B${1 + scored}"

    # A sheet per section: questions x providers.
    score_refs = []  # per section: (sheet name, score row)
    for section_id, title, items in sections:
        name = labels.get(section_id, section_id)[:31]
        sheet = book.create_sheet(name)
        sheet["A1"] = title
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(["Id", "Question"] + providers)
        for cell in sheet[2]:
            cell.font = bold
            cell.fill = header_fill
        first = 3
        for item in items:
            indent = "    " * item["depth"]
            row = [item["id"], indent + item["text"]]
            if item["kind"] != "heading":
                row += [verdicts.get(item["id"], "") for _, verdicts in audits]
            sheet.append(row)
            if item["kind"] == "heading":
                sheet.cell(row=sheet.max_row, column=2).font = bold
        last = sheet.max_row
        score_row = last + 1
        sheet.cell(row=score_row, column=2, value="Section score (0 to 100)").font = bold
        for column in range(3, 3 + n):
            letter = get_column_letter(column)
            rng = f"{letter}{first}:{letter}{last}"
            sheet.cell(
                row=score_row,
                column=column,
                value=(
                    f"=IFERROR(100*SUMPRODUCT(COUNTIF({rng},{names_ref}),{values_ref})"
                    f"/SUMPRODUCT(COUNTIF({rng},{names_ref})),\"\")"
                ),
            ).number_format = "0.0"
            sheet.cell(
                row=score_row + 1,
                column=column,
                value=f'=COUNTIF({rng},"Partial")+COUNTIF({rng},"Gap")+COUNTIF({rng},"NoAnswer")',
            )
        sheet.cell(row=score_row + 1, column=2, value="Answers below Meets").font = bold
        matrix = f"C{first}:{get_column_letter(2 + n)}{last}"
        for verdict, _, fill, text in VERDICTS:
            sheet.conditional_formatting.add(
                matrix,
                CellIsRule(
                    operator="equal",
                    formula=[f'"{verdict}"'],
                    fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                    font=Font(color=text),
                ),
            )
        sheet.column_dimensions["A"].width = 34
        sheet.column_dimensions["B"].width = 60
        for column in range(3, 3 + n):
            sheet.column_dimensions[get_column_letter(column)].width = 13
        sheet.freeze_panes = "C3"
        score_refs.append((name, score_row))

    # The summary: section scores per provider, overall, gaps, rank, ranking.
    sheet_count = len(score_refs)
    summary["A1"] = f"Provider comparison: {n} providers, {sheet_count} sections"
    summary["A1"].font = Font(bold=True, size=13)
    header = ["Provider"] + [section_id for section_id, _ in score_refs]
    header += ["Score", "Below Meets", "Rank"]
    summary.append(header)
    for cell in summary[2]:
        cell.font = bold
        cell.fill = header_fill
    first = 3
    last = first + n - 1
    score_col = get_column_letter(2 + sheet_count)
    gaps_col = get_column_letter(3 + sheet_count)
    rank_col = get_column_letter(4 + sheet_count)
    for index, provider in enumerate(providers):
        row = first + index
        column_letter = get_column_letter(3 + index)  # the provider's column in a section sheet
        cells = [provider]
        for section_id, score_row in score_refs:
            cells.append(f"='{section_id}'!{column_letter}{score_row}")
        cells.append(f"=AVERAGE(B{row}:{get_column_letter(1 + sheet_count)}{row})")
        below = "+".join(
            f"'{section_id}'!{column_letter}{score_row + 1}" for section_id, score_row in score_refs
        )
        cells.append(f"={below}")
        # Rank by score, ties broken by fewer answers below Meets, then by row.
        cells.append(
            f"=RANK({score_col}{row},${score_col}${first}:${score_col}${last})"
            f"+COUNTIFS(${score_col}${first}:${score_col}${last},{score_col}{row},"
            f"${gaps_col}${first}:${gaps_col}${last},\"<\"&{gaps_col}{row})"
            f"+COUNTIFS(${score_col}${first}:{score_col}{row},{score_col}{row},"
            f"${gaps_col}${first}:{gaps_col}{row},{gaps_col}{row})-1"
        )
        summary.append(cells)
        for column in range(2, 3 + sheet_count):
            summary.cell(row=row, column=column).number_format = "0.0"
    summary.conditional_formatting.add(
        f"B{first}:{score_col}{last}",
        ColorScaleRule(
            start_type="num", start_value=0, start_color=GAP,
            mid_type="num", mid_value=50, mid_color=PARTIAL,
            end_type="num", end_value=100, end_color=MEETS,
        ),
    )

    # The ranking, in order, as INDEX/MATCH on the rank column.
    top = last + 2
    summary.cell(row=top, column=1, value="Ranking").font = bold
    summary.cell(row=top + 1, column=1, value="#").font = bold
    summary.cell(row=top + 1, column=2, value="Provider").font = bold
    summary.cell(row=top + 1, column=3, value="Score").font = bold
    for k in range(1, n + 1):
        row = top + 1 + k
        match = f"MATCH({k},${rank_col}${first}:${rank_col}${last},0)"
        summary.cell(row=row, column=1, value=k)
        summary.cell(row=row, column=2, value=f"=INDEX($A${first}:$A${last},{match})")
        summary.cell(
            row=row, column=3, value=f"=INDEX(${score_col}${first}:${score_col}${last},{match})"
        ).number_format = "0.0"
    summary.conditional_formatting.add(
        f"C{top + 2}:C{top + 1 + n}",
        ColorScaleRule(
            start_type="num", start_value=0, start_color=GAP,
            mid_type="num", mid_value=50, mid_color=PARTIAL,
            end_type="num", end_value=100, end_color=MEETS,
        ),
    )
    summary.column_dimensions["A"].width = 16
    for column in range(2, 5 + sheet_count):
        summary.column_dimensions[get_column_letter(column)].width = 15
    summary.freeze_panes = "B3"

    book.move_sheet(values, offset=len(book.sheetnames) - 1 - book.index(values))
    book.save(out)
    answered = sum(len(v) for _, v in audits)
    print(
        f"wrote {out}: {n} providers, {sheet_count} section sheets, "
        f"{sum(len(items) for _, _, items in sections)} rows of questions, {answered} verdicts"
    )


def expect_scores(binary, audit_paths, csv_path):
    """Compare the Summary sheet as LibreOffice computed it (CSV) with the product: every
    section score, the overall score and the ranking."""
    import csv

    product = summary_json(binary, audit_paths)["providers"]
    with open(csv_path, encoding="utf-8") as file:
        rows = list(csv.reader(file))
    header = rows[1]
    names = {provider["name"] for provider in product}
    sheet = {row[0]: dict(zip(header, row)) for row in rows[2:] if row and row[0] in names}
    worst, compared = 0.0, 0
    for provider in product:
        row = sheet.get(provider["name"])
        if row is None:
            sys.exit(f"spreadsheet_workbook.py: {provider['name']} is missing from the Summary sheet")
        pairs = [(row["Score"], provider["score"])]
        pairs += [(row[s["label"]], s["score"]) for s in provider["sections"] if s["score"] is not None]
        for got, want in pairs:
            worst = max(worst, abs(float(got) - float(want)))
            compared += 1
    sheet_order = sorted(sheet, key=lambda name: float(sheet[name]["Rank"]))
    same_order = [p["name"] for p in product] == sheet_order
    print(
        f"workbook (as LibreOffice computes it) vs provider-audit summary: {compared} scores, "
        f"largest difference {worst:.2g} points; ranking {'identical' if same_order else 'DIFFERENT'}"
    )
    if worst > 1e-6 or not same_order:
        sys.exit(1)


def summary_json(binary, audit_paths):
    return json.loads(
        subprocess.run(
            [binary, "summary", "--format", "json", *audit_paths],
            check=True, capture_output=True, text=True,
        ).stdout
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="the provider-audit binary")
    parser.add_argument("-o", "--out", help="the .xlsx to write")
    parser.add_argument("--expect-scores", metavar="CSV",
                        help="check a CSV of the Summary sheet against `summary --format json`")
    parser.add_argument("audits", nargs="+")
    args = parser.parse_args()
    if args.out:
        build(args.bin, args.audits, args.out)
    if args.expect_scores:
        expect_scores(args.bin, args.audits, args.expect_scores)


if __name__ == "__main__":
    main()
