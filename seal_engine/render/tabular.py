"""Cells for CSV and XLSX files people open in spreadsheet programs.

A text that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is read by
Excel, LibreOffice and Google Sheets as a formula, so a crafted institution name or plan cell
could run a formula on the reader's machine.  Every CSV and XLSX cell the project writes goes
through :func:`safe_text`, which puts a leading apostrophe before such texts (what spreadsheet
programs themselves do to keep text as text); :func:`unsafe_text` takes it off again when a
file is read back, so a round trip gives the text as it was.  Numbers are written as numbers
and are never changed.  Control characters that XLSX cannot hold are refused with a message.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import Problem, SealError

__all__ = ["FORMULA_START", "MAX_CELL_CHARS", "PAY_COLUMNS", "XLSX_HINT", "bad_character",
           "csv_text", "openpyxl", "pay_rows", "safe_text", "unsafe_text", "xlsx_value"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_HINT = "pip install 'seal-engine[xlsx]'"
#: The most characters a spreadsheet cell holds (Excel's limit).
MAX_CELL_CHARS = 32_767
# characters an XLSX file (XML 1.0) cannot hold: C0 controls but tab, line feed and carriage
# return; lone surrogates; U+FFFE and U+FFFF
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def bad_character(value: str) -> str | None:
    """The first character of ``value`` that a spreadsheet cannot hold, or ``None``."""
    m = _ILLEGAL.search(value)
    return m.group() if m else None


def safe_text(value: str) -> str:
    """``value`` kept as text in a spreadsheet: a leading apostrophe when it would start a
    formula, and also when it already starts with one (so that reading it back is exact)."""
    if value.startswith(FORMULA_START) or value.startswith("'"):
        return "'" + value
    return value


def unsafe_text(value: str) -> str:
    """The text :func:`safe_text` was given."""
    if value.startswith("'") and (value[1:].startswith(FORMULA_START)
                                  or value[1:].startswith("'")):
        return value[1:]
    return value


def xlsx_value(value: Any, where: str = "") -> Any:
    """A value for an openpyxl cell: numbers, dates and booleans as they are, text neutralised
    (openpyxl itself turns any text starting with '=' into a formula).  Control characters
    XLSX cannot hold raise :class:`SealError` naming ``where``."""
    if isinstance(value, str):
        bad = bad_character(value)
        if bad is not None:
            raise SealError(Problem(
                f"text {value[:40]!r} holds the control character {bad!r}, which an Excel "
                "workbook cannot store; remove it", field=where or None))
        value = safe_text(value)
        if len(value) > MAX_CELL_CHARS:
            raise SealError(Problem(
                f"text {value[:40]!r}... is {len(value):,} characters long; a spreadsheet cell "
                f"holds at most {MAX_CELL_CHARS:,}", field=where or None))
        return value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text with every text cell neutralised; ``None`` becomes an empty cell."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([safe_text(str(h)) for h in header])
    for row in rows:
        w.writerow(["" if v is None else safe_text(v) if isinstance(v, str) else v
                    for v in row])
    return buf.getvalue()


def openpyxl():
    """The openpyxl module, or ImportError with the extra to install."""
    try:
        import openpyxl as module
    except ImportError as e:
        raise ImportError(f"Excel files need openpyxl: {XLSX_HINT}") from e
    return module


# ------------------------------------------------------------------------------- pay report

#: Columns of the pay report as one table (CSV, and the data sheet of the workbook).
PAY_COLUMNS = ("article", "indicator", "group", "category", "pay_band", "sex", "value",
               "status", "note")


def pay_rows(report: dict[str, Any]) -> list[list[Any]]:
    """The pay transparency report as rows of :data:`PAY_COLUMNS`, in the order of Article 9
    then Article 10: values as fractions (a gap of 7.1 % is 0.071), ``suppressed`` for a
    suppressed figure, empty with the reason in ``note`` when the data is lacking."""
    by = report["by"]
    out: list[list[Any]] = []

    def label(row) -> str:
        if not by or all(row[b] == "all" for b in by):
            return "all staff"
        return " × ".join(f"{b}={row[b]}" for b in by)

    def add(article, indicator, group, value, lacking=None, category="", band="", sex="",
            status="", note=""):
        if value is None:
            note = note or (lacking or "")
        out.append([article, indicator, group, category, band, sex,
                    round(value, 4) if isinstance(value, float) else value, status, note])

    for row in report["groups"]:
        g = label(row)
        lack = row["lacking"]
        add("9(1)(a)", "gender pay gap (mean)", g, row["pay_gap_mean"], lack.get("pay_gap_mean"))
        add("9(1)(b)", "gender pay gap in complementary or variable components (mean)", g,
            row["bonus_gap_mean"], lack.get("bonus_gap_mean"))
        add("9(1)(c)", "median gender pay gap", g, row["pay_gap_median"],
            lack.get("pay_gap_median"))
        add("9(1)(d)", "median gender pay gap in complementary or variable components", g,
            row["bonus_gap_median"], lack.get("bonus_gap_median"))
        for sex, key in (("women", "bonus_share_women"), ("men", "bonus_share_men")):
            add("9(1)(e)", "share receiving complementary or variable components", g, row[key],
                lack.get(key), sex=sex)
        if not row["quartiles"]:
            add("9(1)(f)", "share in the quartile pay band", g, None, lack.get("quartiles"))
        for q in row["quartiles"]:
            for sex in ("women", "men"):
                add("9(1)(f)", "share in the quartile pay band", g, q[f"{sex}_share"],
                    band=q["quartile"], sex=sex)
    for c in report["categories"]:
        lack = c["lacking"]
        for key, words in (("pay_gap_mean", "gender pay gap in the category (mean, all pay)"),
                           ("basic_pay_gap_mean", "gap in basic pay (mean)"),
                           ("bonus_gap_mean", "gap in complementary or variable components "
                                              "(mean)")):
            add("9(1)(g)", words, "all staff", c[key], lack.get(key), category=c["category"])
    for c in report["categories"]:
        add("10", "joint pay assessment", "all staff", None, category=c["category"],
            status=c["status"], note=c["why"])
    return out
