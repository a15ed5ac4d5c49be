"""The files KoboToolbox and ODK Central export, read as tables with their place in the file.

What is recognised, from the metadata columns the export tools add (never from the name of
the file):

========================  =======================================================================
``kobo-xlsx``             KoboToolbox XLSX: the main sheet (``_uuid``, ``_submission_time``,
                          ``_index``) and one sheet per repeat joined on ``_parent_index``
``kobo-csv``              KoboToolbox CSV: ``;`` separated (``,`` also read), main section only
``odk-csv``               ODK Central CSV (``SubmissionDate``, ``KEY``; groups joined with ``-``)
``odk-zip``               ODK Central ZIP: the main CSV and one CSV per repeat (``PARENT_KEY``)
``json``                  a JSON export: a list of submissions (or ``{"results": [...]}`` from
                          Kobo's API, ``{"value": [...]}`` from Central's OData), flat
                          ``group/question`` keys or nested groups, repeats as lists
========================  =======================================================================

Every table keeps its source (file, and sheet or member), header row and row numbers, so that
each problem found later is located by file, sheet, row and column.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from .._xlsx import Workbook, XlsxError, column_letter, sheet_ref
from ..errors import AssessmentError, Problem
from ..messages import Ids, say

__all__ = ["Export", "SubmissionError", "Table", "read_export"]

#: Metadata columns that tell the tools apart.
KOBO_MARKS = ("_uuid", "_submission_time", "_index", "_id", "_validation_status")
ODK_MARKS = ("KEY", "SubmissionDate", "PARENT_KEY", "FormVersion", "ReviewState")
#: Bounds on what an export may hold (one export is one or a few institutions' answers).
MAX_BYTES = 50 * 2**20
MAX_ROWS = 20_000


class SubmissionError(AssessmentError):
    """A form export or questionnaire workbook that cannot be imported: every problem,
    located by file, sheet, row and column."""


@dataclass
class Table:
    """A table of an export: ``source`` (the file, or the ZIP member), ``sheet`` (for a
    workbook), its header and its rows as (row number, cells by column index)."""

    source: str
    sheet: str | None
    header: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)

    def column_name(self, index: int) -> str:
        """How to name column ``index`` (0-based) to a person: its letter in a workbook, its
        number in a CSV, with its header."""
        head = self.header[index] if index < len(self.header) else ""
        where = column_letter(index + 1) if self.sheet is not None else str(index + 1)
        return f"{where} ({head})" if head else where

    def problem(self, message, row: int | None = None, index: int | None = None,
                record_id: str | None = None) -> Problem:
        """A problem located in this table: file, sheet, row and column; its field says the
        sheet and cell as a spreadsheet does (``'main'!C2 (q1)``, the same in every language),
        or the column's header in a CSV."""
        head = self.header[index] if index is not None and index < len(self.header) else ""
        if self.sheet is not None:
            where = sheet_ref(self.sheet)
            if index is not None:
                where += f"!{column_letter(index + 1)}{row if row is not None else ''}"
                where += f" ({head})" if head else ""
        else:
            where = head or None
        return Problem(message, file=self.source, line=row,
                       column=None if index is None else index + 1,
                       field=where, record_id=record_id)


@dataclass
class Export:
    """An export read as tables: ``dialect`` (see the module), ``sep`` the separator of group
    names in its headers, the ``main`` table and every other table (candidate repeats)."""

    dialect: str
    sep: str
    main: Table
    others: list[Table]
    #: repeat tables of a JSON export, by the key that held them
    nested: dict[str, Table] = field(default_factory=dict)


class _Refused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _kind(header: list[str]) -> str | None:
    names = set(header)
    if names & set(ODK_MARKS) and ("KEY" in names or "SubmissionDate" in names):
        return "odk"
    if names & {"_uuid", "_submission_time", "_index", "_parent_index"}:
        return "kobo"
    return None


def read_export(content: bytes, name: str) -> Export:
    """The tables of an export file; raises :class:`SubmissionError` with a
    located problem when the file is none of the dialects above."""
    try:
        return _read(content, name)
    except _Refused as e:
        raise SubmissionError(e.problem) from None


def _read(content: bytes, name: str) -> Export:
    if len(content) > MAX_BYTES:
        raise _Refused(Problem(say("forms.too_big", size=len(content), limit=MAX_BYTES),
                               file=name))
    head = content[:4]
    if head.startswith(b"PK"):
        if _is_workbook(content):
            return _xlsx(content, name)
        return _zip(content, name)
    text = _text(content, name)
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        return _json(stripped, name)
    return _csv_export(text, name, name)


def _text(content: bytes, name: str) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _Refused(Problem(say("forms.not_text", byte=e.start + 1), file=name)) from None


def _is_workbook(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return "xl/workbook.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


# ------------------------------------------------------------------------ workbooks


def _cells(cells) -> list[Any]:
    """A row's values by column (1-based column n at index n - 1), empty cells None."""
    out: list[Any] = [None] * max((c.column for c in cells), default=0)
    for c in cells:
        out[c.column - 1] = c.value
    return out


def _sheet_table(wb: Workbook, sheet, source: str) -> Table | None:
    rows = wb.rows(sheet, max_rows=MAX_ROWS)
    first = next(rows, None)
    if first is None:
        return None
    header_row, cells = first
    header = [("" if v is None else str(v)).strip() for v in _cells(cells)]
    table = Table(source, sheet.name, header, header_row)
    for row_no, cells in rows:
        values = _cells(cells)
        if row_no == header_row + 1 and _is_hxl(values):
            continue  # Kobo's second header row of HXL tags
        table.rows.append((row_no, values))
    return table


def _is_hxl(values: list[Any]) -> bool:
    texts = [v for v in values if v not in (None, "")]
    return bool(texts) and all(isinstance(v, str) and v.startswith("#") for v in texts)


def _xlsx(content: bytes, name: str) -> Export:
    try:
        wb = Workbook(content)
        tables = []
        for sheet in wb.sheets:
            if sheet.kind != "worksheet":
                continue
            t = _sheet_table(wb, sheet, name)
            if t is not None:
                tables.append(t)
        wb.close()
    except XlsxError as e:
        raise _Refused(Problem(e.message, file=name, line=e.row, field=e.field)) from None
    if not tables:
        raise _Refused(Problem(say("forms.no_header_sheet"), file=name))
    main = tables[0]
    kind = _kind(main.header)
    if kind is None:
        raise _Refused(main.problem(say("forms.not_an_export_workbook",
                                        kobo=Ids(items=list(KOBO_MARKS[:3]))),
                                    row=main.header_row))
    return Export(f"{kind}-xlsx", "/" if kind == "kobo" else "-", main, tables[1:])


# ------------------------------------------------------------------------ CSV and ZIP


def _csv_table(text: str, source: str) -> Table:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader, [])]
        table = Table(source, None, header, 1)
        for values in reader:
            if reader.line_num > MAX_ROWS + 2:
                raise _Refused(Problem(say("forms.too_many_rows", limit=MAX_ROWS),
                                       file=source))
            if any(v.strip() for v in values):
                table.rows.append((reader.line_num, list(values)))
    except csv.Error as e:
        raise _Refused(Problem(say("forms.bad_csv", error=str(e)), file=source,
                               line=reader.line_num)) from None
    if table.rows and _is_hxl(table.rows[0][1]):
        table.rows.pop(0)
    return table


def _csv_export(text: str, source: str, name: str) -> Export:
    table = _csv_table(text, source)
    kind = _kind(table.header)
    if kind is None:
        raise _Refused(table.problem(say("forms.not_an_export_csv"), row=1))
    return Export(f"{kind}-csv", "/" if kind == "kobo" else "-", table, [])


def _zip(content: bytes, name: str) -> Export:
    try:
        z = zipfile.ZipFile(io.BytesIO(content))
        members = [i for i in z.infolist() if i.filename.lower().endswith(".csv")
                   and not i.is_dir()]
        if sum(i.file_size for i in members) > MAX_BYTES:
            raise _Refused(Problem(say("forms.zip_too_big", limit=MAX_BYTES), file=name))
        tables = [_csv_table(_text(z.read(i), f"{name}/{i.filename}"),
                             f"{name}/{i.filename}") for i in members]
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as e:
        raise _Refused(Problem(say("forms.bad_zip", error=str(e)), file=name)) from None
    mains = [t for t in tables if "PARENT_KEY" not in t.header and _kind(t.header) == "odk"]
    if len(mains) != 1:
        raise _Refused(Problem(say(
            "forms.zip_mains", n=len(mains),
            files=Ids(items=[t.source.rsplit('/', 1)[-1] for t in tables])), file=name))
    return Export("odk-zip", "-", mains[0], [t for t in tables if t is not mains[0]])


# ------------------------------------------------------------------------ JSON


def _json(text: str, name: str) -> Export:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise _Refused(Problem(say("forms.bad_json", error=e.msg), file=name, line=e.lineno,
                               column=e.colno)) from None
    except RecursionError:
        raise _Refused(Problem(say("forms.json_deep"), file=name)) from None
    if isinstance(data, dict):
        for key in ("results", "value", "submissions"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list) or not all(isinstance(s, dict) for s in data):
        raise _Refused(Problem(say("forms.json_shape"), file=name))
    if len(data) > MAX_ROWS:
        raise _Refused(Problem(say("forms.json_too_many", n=len(data), limit=MAX_ROWS),
                               file=name))
    try:
        flat = [_flatten(s) for s in data]
    except RecursionError:
        raise _Refused(Problem(say("forms.json_deep"), file=name)) from None
    header: list[str] = list(dict.fromkeys(k for f in flat for k in f[0]))
    main = Table(name, None, header, 0)
    nested: dict[str, Table] = {}
    counts: dict[str, int] = {}
    for i, (fields, lists) in enumerate(flat, 1):
        main.rows.append((i, [fields.get(h) for h in header]))
        for key, items in lists.items():
            sub = nested.setdefault(key, Table(f"{name}", f"{key}", [], 0))
            for item in items:
                counts[key] = counts.get(key, 0) + 1
                inner, _deeper = _flatten(item) if isinstance(item, dict) else ({}, {})
                for k in inner:
                    if k not in sub.header:
                        sub.header.append(k)
                sub.rows.append((counts[key], [inner, i]))
    for sub in nested.values():  # rows as cells in header order, with their submission
        sub.header.append("_parent_index")
        sub.rows = [(n, [cells.get(h) for h in sub.header[:-1]] + [parent])
                    for n, (cells, parent) in sub.rows]
    for i in range(len(main.rows)):
        main.rows[i][1].append(i + 1)
    main.header.append("_index")
    return Export("json", "/", main, [], nested)


def _flatten(obj: dict, prefix: str = "") -> tuple[dict[str, Any], dict[str, list]]:
    """Nested groups joined with '/' (the form's own names, never split); lists of objects
    (repeats) kept apart by their key."""
    fields: dict[str, Any] = {}
    lists: dict[str, list] = {}
    for k, v in obj.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict) and k not in ("__system",):
            inner, deeper = _flatten(v, key + "/")
            fields.update(inner)
            lists.update(deeper)
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            lists[key] = v
        else:
            fields[key] = v
    return fields, lists
