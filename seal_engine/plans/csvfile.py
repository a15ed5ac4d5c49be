"""A plan as CSV: one row per action with every column, lists joined by '; '.  Text cells that
a spreadsheet would take for a formula are kept as text (see :mod:`seal_engine.render.tabular`)
and read back as they were."""

from __future__ import annotations

import csv
import io

from .._cells import csv_text, unsafe_text
from ..errors import PlanError, Problem
from ..messages import say
from .columns import COLUMNS, MAX_ROWS, cell_value, titles
from .model import ActionPlan
from .reading import Record, header_fields

__all__ = ["plan_csv", "read_csv"]


def plan_csv(plan: ActionPlan, lang: str = "en") -> str:
    """The plan as CSV text, its header row, areas, statuses and units in ``lang``."""
    return csv_text(titles(lang),
                    [[cell_value(r, c.field, lists="; ", lang=lang) for c in COLUMNS]
                     for r in plan.rows])


def _decode(content: bytes, name: str) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = content[:e.start].count(b"\n") + 1
        raise PlanError(Problem(say("planread.csv_not_utf8", byte=str(e.start + 1)), file=name,
                                line=line)) from None


def read_csv(content: bytes, name: str) -> list[Record]:
    """The records of a plan CSV (UTF-8, with or without a byte-order mark; comma, semicolon
    or tab separated, as spreadsheet programs save it)."""
    text = _decode(content, name)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = ","
    if first.count(";") > first.count(","):
        delimiter = ";"
    elif first.count("\t") > first.count(","):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for cells in reader:
            rows.append((last + 1, cells))
            last = reader.line_num
            if len(rows) > MAX_ROWS + 1:
                raise PlanError(Problem(say("planread.file_rows", most=MAX_ROWS), file=name,
                                        line=last))
    except csv.Error as e:
        raise PlanError(Problem(say("planread.malformed_csv", why=str(e)), file=name,
                                line=last + 1)) from None
    if not rows:
        raise PlanError(Problem(say("planread.empty"), file=name))
    line1, header = rows[0]
    mapping = header_fields(header, lambda i: {"file": name, "line": line1,
                                               **({"column": i + 1} if i >= 0 else {})})
    titles = {f: header[i].strip() for i, f in mapping.items()}
    cols = {f: i + 1 for i, f in mapping.items()}
    out: list[Record] = []
    problems: list[Problem] = []
    for n, row in rows[1:]:
        if not any(c.strip() for c in row):
            continue
        extra = [i for i in range(len(header), len(row)) if row[i].strip()]
        extra += [i for i in range(len(header)) if i not in mapping and i < len(row)
                  and row[i].strip()]
        for i in sorted(extra):
            problems.append(Problem(say("planread.untitled"), file=name, line=n, column=i + 1))
        values = {f: unsafe_text(row[i]) if i < len(row) else None for i, f in mapping.items()}
        out.append(Record(values, lambda f, n=n: {
            "file": name, "line": n, "column": cols.get(f), "field": titles.get(f, f)}))
    if problems:
        raise PlanError(problems[:100])
    return out
