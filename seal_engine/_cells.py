"""Cells for CSV and XLSX files people open in spreadsheet programs.

A text that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is read by
Excel, LibreOffice and Google Sheets as a formula, so a crafted institution name or plan cell
could run a formula on the reader's machine.  Every CSV and XLSX cell the project writes goes
through :func:`safe_text`, which puts a leading apostrophe before such texts (what spreadsheet
programs themselves do to keep text as text); :func:`unsafe_text` takes it off again when a
file is read back, so a round trip gives the text as it was.  Numbers are written as numbers
and are never changed.  Control characters that XLSX cannot hold are refused with a message.

This module is below everything that writes or reads spreadsheets (workforce templates, plans,
reports), so none of them has to import :mod:`seal_engine.render` for a cell; the public names
are :mod:`seal_engine.render.tabular`'s.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .errors import Problem, SealError, install_hint

__all__ = ["FORMULA_START", "MAX_CELL_CHARS", "XLSX_HINT", "bad_character", "csv_text", "openpyxl",
           "safe_text", "unsafe_text", "xlsx_value"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_HINT = install_hint("xlsx")
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
    """CSV text with every text cell neutralised; ``None`` becomes an empty cell.  Lines end
    in a line feed, and a cell holding a line feed or a carriage return is quoted, so that it
    reads back as one cell."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    # the csv module quotes a cell holding a character of the line terminator only: a row with
    # a carriage return in a cell is written as with "\r\n" lines, then ended in "\n"
    crlf = io.StringIO()
    w_crlf = csv.writer(crlf, lineterminator="\r\n")

    def write(cells: list[Any]) -> None:
        if any(isinstance(c, str) and "\r" in c for c in cells):
            crlf.seek(0)
            crlf.truncate()
            w_crlf.writerow(cells)
            buf.write(crlf.getvalue()[:-2] + "\n")
        else:
            w.writerow(cells)

    write([safe_text(str(h)) for h in header])
    for row in rows:
        write(["" if v is None else safe_text(v) if isinstance(v, str) else v for v in row])
    return buf.getvalue()


def openpyxl():
    """The openpyxl module, or ImportError with the extra to install."""
    try:
        import openpyxl as module
    except ImportError as e:
        raise ImportError(f"Excel files need openpyxl: {XLSX_HINT}") from e
    return module
