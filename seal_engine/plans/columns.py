"""The column layout of a plan file, the way each value is shown in a cell, and the limits a
file read back must keep.

The columns follow the action-plan template public administrations use (activity,
indicators, means of verification, time frame in quarters, required resources, responsible
party, missing capacities) plus the action id that links a row to the library, its status and
progress.  CSV has an Area column; in a workbook and in Markdown the sheet or section is the
area.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import PlanRow
from .words import key, meaning, words

__all__ = ["BY_TITLE", "COLUMNS", "MAX_PLAN_BYTES", "MAX_ROWS", "SHEET_COLUMNS", "Column",
           "cell_text", "cell_value", "column_of", "header_key", "number_cell", "titles"]

#: Most rows a plan file may hold (a plan has tens).
MAX_ROWS = 5_000
#: Largest plan file read, on disk, in bytes; an XLSX is also bounded by what it inflates to.
MAX_PLAN_BYTES = 5_000_000


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    width: float
    in_sheet: bool = True


COLUMNS = [
    Column("no", "No.", 6),
    Column("action", "Action id", 11),
    Column("activity", "Activity", 44),
    Column("benchmarks", "Benchmarks", 13),
    Column("area", "Area", 22, in_sheet=False),
    Column("indicator", "Indicator", 36),
    Column("unit", "Unit", 9),
    Column("baseline", "Baseline", 10),
    Column("target", "Target", 10),
    Column("means_of_verification", "Means of verification", 30),
    Column("start", "Start", 10),
    Column("end", "End", 10),
    Column("resources", "Required resources", 28),
    Column("responsible", "Responsible party", 24),
    Column("capacities", "Missing capacities", 28),
    Column("status", "Status", 13),
    Column("progress", "Progress (%)", 10),
    Column("evidence", "Evidence of completion", 32),
    Column("notes", "Notes", 32),
]
#: The columns of an area sheet and of a Markdown table (no Area: the sheet is the area).
SHEET_COLUMNS = [c for c in COLUMNS if c.in_sheet]


def header_key(text: Any) -> str:
    return key(text)


#: The English titles, the field names and a few other English spellings, to their column;
#: :func:`column_of` also knows each language's titles.
BY_TITLE: dict[str, Column] = {k: c for c in COLUMNS for k in (
    c.title.lower(), c.field, c.field.replace("_", " "))}
BY_TITLE.update({
    "time frame start": BY_TITLE["start"], "start quarter": BY_TITLE["start"],
    "end quarter": BY_TITLE["end"], "time frame end": BY_TITLE["end"],
    "progress": BY_TITLE["progress"], "action": BY_TITLE["action"],
    "responsible": BY_TITLE["responsible"], "evidence": BY_TITLE["evidence"]})
_BY_FIELD = {c.field: c for c in COLUMNS}


def column_of(title: Any) -> Column | None:
    """The column a header cell names, in any of the programme's languages."""
    k = key(title)
    found = BY_TITLE.get(k)
    if found is None:
        field = meaning("columns", k)
        found = _BY_FIELD[field] if field else None
    return found


def titles(lang: str = "en", columns: list[Column] | None = None) -> list[str]:
    """The columns' titles in ``lang``."""
    w = words(lang)
    return [w.columns[c.field] for c in (COLUMNS if columns is None else columns)]


def _num(v: float) -> int | float:
    v = float(v)
    return int(v) if v.is_integer() and abs(v) < 1e15 else v


def number_cell(v: float | None) -> int | float | None:
    """A baseline or target as a number for a cell: 40, not 40.0."""
    return None if v is None else _num(v)


def cell_text(row: PlanRow, field: str, lang: str = "en") -> str:
    """A row's value as text (Markdown) in ``lang``: lists joined by '; ', numbers as written
    with the language's decimal mark (no grouping, so that they read back as they were)."""
    v = getattr(row, field)
    if v is None:
        return ""
    if field in ("benchmarks", "capacities"):
        return "; ".join(v)
    w = words(lang)
    if field == "area":
        return w.areas[v]
    if field == "status":
        return w.status(v)
    if field == "unit":
        return w.unit(v)
    if field in ("baseline", "target", "no", "progress"):
        text = str(_num(v)) if isinstance(_num(v), int) else repr(float(v))
        return text.replace(".", w.decimal)
    return str(v)


def cell_value(row: PlanRow, field: str, *, lists: str = "\n", lang: str = "en") -> Any:
    """A row's value for a spreadsheet cell (XLSX, CSV): numbers stay numbers, list items
    joined by ``lists``, empty as ``None``, areas, statuses and units in ``lang``."""
    v = getattr(row, field)
    if v is None:
        return None
    if field in ("benchmarks", "capacities"):
        return lists.join(v) if v else None
    if field in ("baseline", "target"):
        return _num(v)
    if field in ("no", "progress"):
        return v
    return cell_text(row, field, lang) or None
