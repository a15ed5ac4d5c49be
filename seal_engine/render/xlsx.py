"""Excel workbooks for people: the pay transparency report.

The first sheet is the report as an HR officer reads it (the indicators of Article 9 in the
directive's order, each on annual pay and per hour, the categories of workers, the joint pay
assessment of Article 10); the
second, ``Data``, holds the same figures as one plain table for other programs.  Percentages are
numbers formatted as percentages; every text goes through
:func:`~seal_engine.render.tabular.xlsx_value`, so none can start a formula.
"""

from __future__ import annotations

import io
from typing import Any

from .tabular import PAY_COLUMNS, openpyxl, pay_rows, xlsx_value
from .words import LACKING, SUPPRESSED

__all__ = ["pay_workbook"]

_PERCENT = "0.0%"
_WIDTHS = {"A": 30, "B": 10, "C": 9, "D": 9, "E": 15, "F": 15, "G": 15, "H": 15, "I": 15,
           "J": 15, "K": 60}
_TEXT_WIDTH = sum(_WIDTHS.values())  # characters across the merged text lines
_BASIS = {"annual": "annual", "hourly": "hourly", "period": "as given"}


class _Sheet:
    def __init__(self, ws, styles):
        self.ws = ws
        self.s = styles
        self.row = 0

    def line(self, *values: Any, bold: bool = False, size: int | None = None,
             wrap: bool = False, percent: tuple[int, ...] = ()) -> None:
        self.row += 1
        for i, v in enumerate(values, start=1):
            cell = self.ws.cell(row=self.row, column=i, value=_value(v))
            if bold or size:
                cell.font = self.s.Font(bold=bold, size=size or 11)
            if isinstance(cell.value, float) and i in percent:
                cell.number_format = _PERCENT
            number = isinstance(cell.value, (int, float)) or v in (SUPPRESSED, None)
            cell.alignment = self.s.Alignment(
                wrap_text=wrap, vertical="top",
                horizontal="right" if number and not wrap else None)

    def text(self, value: str, *, bold: bool = False, size: int | None = None) -> None:
        """A line of text across the sheet's width (merged, wrapped)."""
        self.line(value, bold=bold, size=size)
        cell = self.ws.cell(row=self.row, column=1)
        cell.alignment = self.s.Alignment(wrap_text=True, vertical="top")
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row,
                            end_column=len(_WIDTHS))
        lines = max(1, len(value) // (_TEXT_WIDTH - 20) + 1)
        if lines > 1:
            self.ws.row_dimensions[self.row].height = 15 * lines

    def header(self, *titles: str) -> None:
        self.line(*titles, bold=True, wrap=True)
        fill = self.s.PatternFill("solid", fgColor="DDE6F0")
        for i in range(1, len(titles) + 1):
            cell = self.ws.cell(row=self.row, column=i)
            cell.fill = fill
            if i > 1:
                cell.alignment = self.s.Alignment(wrap_text=True, vertical="top",
                                                  horizontal="center")
        longest = max(len(t) for t in titles)
        self.ws.row_dimensions[self.row].height = 15 * max(1, min(4, longest // 13 + 1))

    def blank(self) -> None:
        self.row += 1


def _value(v: Any) -> Any:
    if v is None:
        return LACKING
    if isinstance(v, str):
        return xlsx_value(v)
    return v


def _label(group: dict[str, str], by: list[str]) -> str:
    if not by or all(group[b] == "all" for b in by):
        return "all staff"
    return " × ".join(str(group[b]) for b in by)


def pay_workbook(report: Any) -> bytes:
    """The pay transparency report (a :class:`~seal_engine.workforce.pay.PayReport`) as an
    XLSX workbook (its bytes): every indicator on annual pay and per hour."""
    module = openpyxl()
    styles = module.styles
    wb = module.Workbook()
    ws = wb.active
    ws.title = "Pay report"
    for col, width in _WIDTHS.items():
        ws.column_dimensions[col].width = width
    sh = _Sheet(ws, styles)
    shape = "aggregated rows" if report.shape == "aggregated" else "one row per person"
    year = f", {report.year}" if report.year else ""
    sh.text("Pay transparency report (Directive (EU) 2023/970, Articles 9 and 10)", bold=True,
            size=14)
    sh.text(f"Workforce file: {report.file} ({shape}{year})")
    if report.shape != "aggregated":
        sh.text(f"Pay level, {report.pay_level}.")
    for b in report.bases:
        said = b.derivation if b.lacking is None else f"{LACKING} {b.lacking}"
        sh.text(f"{b.title[0].upper()}{b.title[1:]}: {said}.")
    sh.text("Gaps are (men's pay - women's) / men's: positive when men are paid more, negative "
            "when women are.")
    sh.text(f"With pay: {report.women_with_pay} women and {report.men_with_pay} men. "
            f"Figures resting on fewer than {report.min_group} women or men show "
            f"'{SUPPRESSED}'; {LACKING} means the data is lacking.")
    if report.note:
        sh.text(f"Note: {report.note}.")
    by = report.by
    shown = {b.key for b in report.bases if b.lacking is None}
    sh.blank()
    sh.line("Article 9(1) indicators", bold=True, size=12)
    for ind in report.indicators:
        sh.text(f"({ind.letter}) {ind.title}. {ind.definition}.")
    sh.header("Group", "Pay", "Women", "Men", "(a) Gender pay gap, mean",
              "(b) Gap in complementary or variable pay, mean", "(c) Gender pay gap, median",
              "(d) Gap in complementary or variable pay, median",
              "(e) Women receiving complementary or variable pay",
              "(e) Men receiving complementary or variable pay")
    top = sh.row
    for g in report.groups:
        for f in g.figures:
            if f.basis in shown:
                sh.line(_label(g.group, by), _BASIS[f.basis], g.women, g.men, f.pay_gap_mean,
                        f.bonus_gap_mean, f.pay_gap_median, f.bonus_gap_median,
                        f.bonus_share_women, f.bonus_share_men, percent=(5, 6, 7, 8, 9, 10))
    ws.freeze_panes = ws.cell(row=top + 1, column=2)
    sh.text("Complementary or variable pay: bonuses, allowances, overtime, benefits in kind; "
            "its gaps compare the women and men who receive it, annual amounts first.")
    sh.blank()
    sh.line("(f) Women and men in each quartile pay band (1 = the lowest paid quarter), bands of "
            "whole people", bold=True, size=12)
    sh.header("Group", "Pay", "Band", "People", "Women", "Men")
    for g in report.groups:
        for f in g.figures:
            if f.basis not in shown:
                continue
            if not f.quartiles:
                sh.line(_label(g.group, by), _BASIS[f.basis], None, None, None, None)
            for q in f.quartiles:
                sh.line(_label(g.group, by), _BASIS[f.basis], q.quartile, q.people,
                        q.women_share, q.men_share, percent=(5, 6))
    sh.blank()
    col = report.category_column
    sh.line(f"(g) Pay gap by category of workers ({col or 'none'}), basic and complementary "
            "pay apart", bold=True, size=12)
    if col is None:
        sh.text("The file has neither a category nor a grade column.")
    else:
        sh.header(col.capitalize(), "Pay", "Women", "Men", "Gender pay gap, mean (all pay)",
                  "Gap in basic pay, mean", "Gap in complementary or variable pay, mean",
                  "Women receiving complementary pay", "Men receiving complementary pay",
                  "Article 10", "Why")
        for c in report.categories:
            for f in c.figures:
                if f.basis not in shown:
                    continue
                tested = f.basis == c.basis
                sh.line(c.category, _BASIS[f.basis], c.women, c.men, f.pay_gap_mean,
                        f.basic_pay_gap_mean, f.bonus_gap_mean, f.bonus_share_women,
                        f.bonus_share_men, c.status if tested else "", c.why if tested else "",
                        percent=(5, 6, 7, 8, 9))
                if not tested:
                    continue
                status = ws.cell(row=sh.row, column=10)
                status.alignment = styles.Alignment(horizontal="center", vertical="top")
                ws.cell(row=sh.row, column=11).alignment = styles.Alignment(wrap_text=True,
                                                                            vertical="top")
                ws.row_dimensions[sh.row].height = 15 * max(1, len(c.why) // 55 + 1)
                if c.status == "flagged":
                    status.font = styles.Font(bold=True, color="9C0006")
    a = report.joint_pay_assessment
    sh.blank()
    sh.line("Article 10: joint pay assessment", bold=True, size=12)
    sh.text(f"{a.definition}.")
    sh.text(a.summary[0].upper() + a.summary[1:] + ".", bold=a.needed)
    for c in a.categories:
        sh.text(f"Flagged: {c.category} - {c.why}.")
    for c in a.justified:
        sh.text(f"Justified: {c.category} - {c.justification}")
    if a.covers:
        sh.text("The joint pay assessment, with the workers' representatives, must cover:",
                bold=True)
        for i, item in enumerate(a.covers):
            sh.text(f"({'abcdefg'[i]}) {item}")
    sh.text(a.note)
    data = wb.create_sheet("Data")
    data.append([xlsx_value(c) for c in PAY_COLUMNS])
    for cell in data[1]:
        cell.font = styles.Font(bold=True)
    for r in pay_rows(report):
        data.append([xlsx_value(v) if isinstance(v, str) else v for v in r])
    for letter, width in zip("ABCDEFGHIJ", (9, 62, 24, 20, 9, 9, 7, 10, 16, 80), strict=True):
        data.column_dimensions[letter].width = width
    data.freeze_panes = "A2"
    for sheet in (ws, data):  # printed: landscape, as wide as the page
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
