"""A bounded, streaming reader of the worksheets of an XLSX workbook someone sent.

A workbook's account of itself cannot be trusted: one value typed in the last cell of a sheet
makes its stated extent a million rows by 16 384 columns, a 17 KB file can inflate to
gigabytes, and a cell may hold a formula where a value is expected.  This reader checks what
every part of the file inflates to before reading it, reads the XML with the standard library
(no DOCTYPE or entities allowed), and yields only the rows and cells the file really holds,
each with its sheet, row and column, so that the caller can bound them and report each problem
where it is.  It needs no optional package (writing workbooks needs openpyxl).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

__all__ = ["MAX_COLUMN", "MAX_ROW", "Cell", "Sheet", "Workbook", "XlsxError", "column_letter",
           "sheet_ref"]

MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_NUMBER = re.compile(r"^\s*[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*$")


class XlsxError(Exception):
    """Something wrong with the workbook: ``message`` (a :class:`~seal_engine.messages.Message`,
    ``xlsx.*``, rendered in the reader's language where it is shown), and where (``sheet``,
    ``ref``, ``row``, ``column``) if known; ``field`` says the sheet and cell as a spreadsheet
    does."""

    def __init__(self, message: Any, sheet: str | None = None, ref: str | None = None,
                 row: int | None = None, column: int | None = None):
        super().__init__(str(message))
        self.message, self.sheet, self.ref, self.row, self.column = message, sheet, ref, row, column

    @property
    def field(self) -> str | None:
        """``'Sheet 1'!B7`` (the sheet and the cell), the sheet alone, or ``None``."""
        if self.sheet is None:
            return None
        return sheet_ref(self.sheet) + (f"!{self.ref}" if self.ref else "")


def _say(code: str, **params: Any) -> Any:
    from .messages import say

    return say(f"xlsx.{code}", **params)


def sheet_ref(name: str) -> str:
    """A sheet's name as a cell reference writes it: ``'Sheet 1'`` (quoted, a quote in it
    doubled), the same in every language."""
    return "'" + name.replace("'", "''") + "'"


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook: its name, its part in the file, and its kind (``worksheet``,
    ``chartsheet``, ``dialogsheet`` ...)."""

    name: str
    part: str | None
    kind: str


@dataclass(frozen=True)
class Cell:
    """One cell the file holds.  ``value`` is text, a number, a boolean or ``None``;
    ``formula`` is its formula (without '=') if it has one, ``error`` an error value such as
    ``#DIV/0!``; ``number_text`` the number as written in the file when it is not finite or
    not a number at all."""

    row: int
    column: int
    value: str | float | bool | None
    formula: str | None = None
    error: str | None = None
    bad_number: str | None = None

    @property
    def ref(self) -> str:
        return f"{column_letter(self.column)}{self.row}"


def column_letter(n: int) -> str:
    """1 -> A, 28 -> AB, 16384 -> XFD."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class Workbook:
    """The sheets of an XLSX workbook, read within bounds.

    ``max_inflated`` bounds the total size the file's parts inflate to, ``max_part`` any one
    part.  Raises :class:`XlsxError` when the file is not a workbook or is over a bound."""

    def __init__(self, content: bytes, *, max_inflated: int = 64 * 2**20,
                 max_part: int = 32 * 2**20):
        self.max_part = max_part
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(content))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
                RuntimeError, NotImplementedError) as e:
            raise XlsxError(_say("unreadable", why=_why(e))) from None
        if len(infos) > 10_000:
            raise XlsxError(_say("too_many_parts", count=len(infos)))
        total = sum(i.file_size for i in infos)
        if total > max_inflated:
            raise XlsxError(_say("inflates", size=total, limit=max_inflated))
        self._names = {i.filename for i in infos}
        self._sizes = {i.filename: i.file_size for i in infos}
        self.sheets = self._read_sheets()
        self._strings: list[str] | None = None

    def close(self) -> None:
        self._zip.close()

    # ------------------------------------------------------------------ parts

    def _read(self, part: str) -> bytes:
        if part not in self._names:
            raise XlsxError(_say("part_missing", part=repr(part)))
        if self._sizes[part] > self.max_part:
            raise XlsxError(_say("part_inflates", part=repr(part), size=self._sizes[part],
                                 limit=self.max_part))
        try:
            data = self._zip.read(part)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError,
                NotImplementedError, zlib.error) as e:
            raise XlsxError(_say("part_unreadable", part=repr(part), why=_why(e))) from None
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise XlsxError(_say("entities", part=repr(part)))
        return data

    def _events(self, part: str, events=("end",)) -> Iterator[tuple[str, ET.Element]]:
        data = self._read(part)
        try:
            yield from ET.iterparse(io.BytesIO(data), events=events)
        except ET.ParseError as e:
            raise XlsxError(_say("bad_xml", part=repr(part), why=_why(e))) from None

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, target part) of ``part``."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        out: dict[str, tuple[str, str]] = {}
        if rels not in self._names:
            return out
        for _ev, el in self._events(rels):
            if _local(el.tag) == "Relationship":
                target = el.get("Target") or ""
                if el.get("TargetMode") == "External":
                    continue
                if target.startswith("/"):
                    path = target.lstrip("/")
                else:
                    path = posixpath.normpath(posixpath.join(folder, target))
                out[el.get("Id") or ""] = (el.get("Type") or "", path)
        return out

    def _read_sheets(self) -> list[Sheet]:
        root = next((p for t, p in self._rels("").values() if t.endswith("/officeDocument")),
                    "xl/workbook.xml")
        rels = self._rels(root)
        sheets = []
        for _ev, el in self._events(root):
            if _local(el.tag) != "sheet":
                continue
            rid = next((v for k, v in el.attrib.items()
                        if _local(k) == "id" and "relationships" in k), None)
            kind, part = rels.get(rid or "", ("", None))
            sheets.append(Sheet(el.get("name") or "", part, kind.rsplit("/", 1)[-1] or "unknown"))
            if len(sheets) > 1000:
                raise XlsxError(_say("too_many_sheets", limit=1000))
        self._shared = next((p for t, p in rels.values() if t.endswith("/sharedStrings")), None)
        return sheets

    def _shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if self._shared is not None and self._shared in self._names:
                for _ev, el in self._events(self._shared):
                    if _local(el.tag) == "si":
                        self._strings.append(_text_of(el))
                        el.clear()
        return self._strings

    # ------------------------------------------------------------------ rows

    def rows(self, sheet: Sheet, max_rows: int = 100_000) -> Iterator[tuple[int, list[Cell]]]:
        """Each row the sheet holds, as (row number, its cells that hold something), in file
        order; rows and cells the file does not hold are never made up.  More than
        ``max_rows`` row records raise :class:`XlsxError`."""
        if sheet.part is None:
            raise XlsxError(_say("no_part"), sheet=sheet.name)
        strings = self._shared_strings()
        row_no = 0
        cells: list[Cell] = []
        seen = 0
        col_no = 0
        in_data = False
        for ev, el in self._events(sheet.part, ("start", "end")):
            tag = _local(el.tag)
            if ev == "start":
                if tag == "sheetData":
                    in_data = True
                elif tag == "row" and in_data:
                    seen += 1
                    if seen > max_rows:
                        raise XlsxError(_say("too_many_rows", limit=max_rows),
                                        sheet=sheet.name)
                    r = el.get("r")
                    row_no = _bounded(r, MAX_ROW, sheet.name, "row") if r else row_no + 1
                    cells = []
                    col_no = 0
                continue
            if tag == "c" and in_data:
                cell = self._cell(el, row_no, col_no, strings, sheet.name)
                col_no = cell.column
                if cell.value is not None or cell.formula is not None or cell.error \
                        or cell.bad_number:
                    cells.append(cell)
                el.clear()
            elif tag == "row" and in_data:
                if cells:
                    yield row_no, cells
                el.clear()
            elif tag == "sheetData":
                in_data = False

    def merged(self, sheet: Sheet) -> list[str]:
        """The merged ranges of a sheet, e.g. ``['C2:C3']``."""
        if sheet.part is None:
            return []
        return [el.get("ref") or "" for _ev, el in self._events(sheet.part)
                if _local(el.tag) == "mergeCell"]

    def _cell(self, el: ET.Element, row_no: int, col_no: int, strings: list[str],
              sheet: str) -> Cell:
        ref = el.get("r")
        if ref:
            m = _REF.match(ref)
            if not m:
                raise XlsxError(_say("bad_ref", ref=repr(ref[:20])), sheet=sheet)
            column = _column_number(m.group(1))
            row = int(m.group(2))
            if not 1 <= column <= MAX_COLUMN or not 1 <= row <= MAX_ROW:
                raise XlsxError(_say("ref_outside", ref=repr(ref)), sheet=sheet)
            if row != row_no:
                raise XlsxError(_say("misfiled", ref=ref, row=row_no), sheet=sheet, ref=ref)
        else:
            row, column = row_no, col_no + 1
            if column > MAX_COLUMN:
                raise XlsxError(_say("too_many_cells", row=row, limit=MAX_COLUMN), sheet=sheet)
        kind = el.get("t") or "n"
        formula = None
        raw_value: str | None = None
        inline: str | None = None
        for child in el:
            name = _local(child.tag)
            if name == "f":
                formula = child.text or ""
            elif name == "v":
                raw_value = child.text
            elif name == "is":
                inline = _text_of(child)
        value: str | float | bool | None = None
        error = bad = None
        if kind == "s":
            try:
                value = strings[int(raw_value or "")]
            except (ValueError, IndexError):
                raise XlsxError(_say("no_shared_text", ref=f"{column_letter(column)}{row}",
                                     index=repr((raw_value or "")[:20])),
                                sheet=sheet, ref=f"{column_letter(column)}{row}",
                                row=row, column=column) from None
        elif kind == "inlineStr":
            value = inline
        elif kind in ("str", "d"):
            value = raw_value
        elif kind == "b":
            value = None if raw_value is None else raw_value.strip() in ("1", "true")
        elif kind == "e":
            error = raw_value or "#VALUE!"
        elif raw_value is not None and raw_value.strip():
            if _NUMBER.match(raw_value):
                number = float(raw_value)
                if number in (float("inf"), float("-inf")):
                    bad = raw_value.strip()[:40]
                else:
                    value = number
            else:
                bad = raw_value.strip()[:40]
        return Cell(row, column, value, formula, error, bad)


def _bounded(text: str, limit: int, sheet: str, what: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= limit:
        raise XlsxError(_say(f"{what}_outside", got=repr(text[:20]), limit=limit), sheet=sheet)
    return int(text)


def _text_of(el: ET.Element) -> str:
    """The text of a shared or inline string: its runs, without phonetic guides."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        for child in node:
            name = _local(child.tag)
            if name == "rPh":
                continue
            if name == "t":
                parts.append(child.text or "")
            else:
                walk(child)

    walk(el)
    return "".join(parts)


def _why(e: BaseException) -> str:
    text = str(e) or type(e).__name__
    return text if len(text) <= 120 else text[:117] + "..."
