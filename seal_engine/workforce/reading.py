"""Reading the rows of a workforce file, CSV or XLSX, streamed and bounded.

:func:`read_rows` gives ``(line, cells)`` pairs, one record at a time, each cell a ``str``; it
never holds the whole file as text or as cells.  Every limit is on what the file holds once
decoded or inflated, not only on its size on disk:

* a CSV is decoded in blocks of at most :data:`BLOCK_BYTES` ending at a line break, so a line
  (a record may span several) is at most that long; NUL bytes, bytes that are not UTF-8, and
  csv errors are located by line and column;
* an XLSX workbook is refused when its parts inflate to more than ``SEAL_MAX_DATA_BYTES``
  (the sizes in the zip directory bound what is inflated: more data fails its check); the
  sheet is parsed as a stream and its rows are read as the sheet stores them, so a value typed
  in the last cell of a sheet costs one row, not a million, and the parser keeps no element
  it has read;
* a cell holds at most :data:`~seal_engine.workforce.columns.MAX_CELL_CHARS` characters, a row
  at most :data:`~seal_engine.workforce.columns.MAX_COLUMNS` cells (:func:`check_cells` and the
  parser check what a CSV gives; a sheet keeps one cell more to mark that there were more), and
  a file at most ``SEAL_MAX_DATA_ROWS`` rows (the parser counts them as they come).

Every problem is a :class:`~seal_engine.errors.WorkforceError` naming the file, the line (the
row of a sheet) and the column.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import mmap
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from .._source import shorten_repr
from ..errors import Problem, WorkforceError
from ..settings import get_int_setting
from .columns import MAX_CELL_CHARS, MAX_COLUMNS

__all__ = ["BLOCK_BYTES", "Rows", "check_cells", "forget_pages", "looks_like_xlsx",
           "read_rows"]

#: CSV text is decoded in blocks of at most this many bytes, each ending at a line break; a
#: longer line is refused.
BLOCK_BYTES = 1 << 20
_MAX_ZIP_MEMBERS = 10_000


def looks_like_xlsx(content: Any, name: str) -> bool:
    return bytes(content[:4]) == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm"))


class Rows:
    """The records of one workforce file: iterate for ``(line, cells)``.  ``kind`` is
    ``"csv"`` or ``"xlsx"``; ``sheet`` the sheet read; ``delimiter`` the CSV separator."""

    def __init__(self, records: Iterator[tuple[int, list[str]]], kind: str, name: str,
                 sheet: str | None = None, delimiter: str | None = None, reader: Any = None,
                 content: Any = None):
        self._records = records
        self.kind = kind
        self.name = name
        self.sheet = sheet
        self.delimiter = delimiter
        self._reader = reader
        self.content = content  # a CSV's bytes (or its mmap), for the fast path

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        """The records; a CSV one that cannot be parsed raises ``csv.Error``, which
        :meth:`error` turns into a located :class:`WorkforceError` (so that reading a CSV
        without quotes needs no Python code a row)."""
        return self._records

    def error(self, e: Exception) -> WorkforceError:
        line = self._reader.line_num if self._reader is not None else None
        return _csv_error(self.name, e, line)  # type: ignore[arg-type]


def _fail(name: str, message: str, line: int | None = None, column: int | None = None):
    return WorkforceError(Problem(message, file=name, line=line, column=column))


def read_rows(content: Any, name: str, *, file: Any = None) -> Rows:
    """The rows of ``content`` (``bytes``, or an ``mmap`` of the file): an XLSX workbook when it
    starts as a zip file does (or ``name`` ends in ``.xlsx``), else CSV text.  ``file``, an
    open binary file of the same content, lets a workbook be read without a copy in memory.
    Raises :class:`WorkforceError` for what cannot be read at all."""
    head = bytes(content[:8])
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(name, "this is an old Excel .xls workbook, which cannot be read; save it "
                          "as .xlsx (Excel Workbook) or as 'CSV UTF-8'")
    if looks_like_xlsx(content, name):
        return _xlsx_rows(file if file is not None else io.BytesIO(content), name)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _fail(name, "file is UTF-16 text ('Unicode text' in Excel); save it as "
                          "'CSV UTF-8' instead")
    return _csv_rows(content, name)


# ------------------------------------------------------------------------------- CSV


def _sniff_delimiter(first_block: str) -> str:
    for ln in first_block.splitlines():
        if ln.strip() and not ln.lstrip().startswith("#"):
            counts = {d: ln.count(d) for d in (",", ";", "\t")}
            best = max(counts, key=lambda d: (counts[d], d == ","))
            return best if counts[best] else ","
    return ","


def _csv_rows(content: Any, name: str) -> Rows:
    size = len(content)
    start = 3 if bytes(content[:3]) == codecs.BOM_UTF8 else 0
    # a file with only carriage returns (old Mac) breaks its lines at b"\r"
    newline = b"\n" if content.find(b"\n", start, start + BLOCK_BYTES) != -1 or \
        content.find(b"\r", start, start + BLOCK_BYTES) == -1 else b"\r"

    def blocks() -> Iterator[io.StringIO]:
        pos = start
        line = 1  # the line the block starts on
        while pos < size:
            end = min(pos + BLOCK_BYTES, size)
            if end < size:
                cut = content.rfind(newline, pos, end)
                if cut == -1:
                    raise _fail(name, f"line {line} is longer than {BLOCK_BYTES} bytes; this "
                                "is not a workforce CSV file (or its line breaks are lost)",
                                line=line)
                end = cut + 1
            raw = bytes(content[pos:end])
            nul = raw.find(b"\x00")
            if nul != -1:
                ln, col = _position(raw, nul, line, newline)
                raise _fail(name, "the file holds a NUL byte, so it is not a text CSV file; "
                            "save it as 'CSV UTF-8'", line=ln, column=col)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                ln, col = _position(raw, e.start, line, newline)
                bad = raw[e.start:e.start + 1]
                raise _fail(name, f"file is not UTF-8 text (byte {bad!r} here: {e.reason}); "
                            "save it as 'CSV UTF-8'", line=ln, column=col) from None
            yield io.StringIO(text, newline="")
            line += raw.count(newline)
            pos = end

    it = blocks()
    first = next(it, None)
    if first is None:
        return Rows(iter(()), "csv", name, delimiter=",")
    delimiter = _sniff_delimiter(first.getvalue()[:BLOCK_BYTES])
    lines = itertools.chain(first, itertools.chain.from_iterable(it))
    quoted = content.find(b'"', start) != -1
    forget_pages(content)  # that search read the whole file in: its pages are read again later
    if quoted:
        return Rows(_csv_records(lines, name, delimiter), "csv", name, delimiter=delimiter)
    # no quotes: one record a line, numbered as they come
    reader = csv.reader(lines, delimiter=delimiter)
    return Rows(zip(itertools.count(1), reader), "csv", name, delimiter=delimiter,
                reader=reader, content=content)


def forget_pages(content: Any, at: int = 0, length: int | None = None) -> None:
    """Let the kernel drop the pages of a file's map that were read (they stay in the page
    cache, and are read in again when touched): a search through a large file would
    otherwise keep all of it resident, counting the file once more for every such pass."""
    if isinstance(content, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
        with contextlib.suppress(OSError, ValueError):
            content.madvise(mmap.MADV_DONTNEED, at, len(content) - at if length is None
                            else length)


def _position(raw: bytes, offset: int, first_line: int, newline: bytes) -> tuple[int, int]:
    before = raw[:offset]
    line = first_line + before.count(newline)
    tail = before[before.rfind(newline) + 1:]
    return line, len(tail.decode("utf-8", "replace")) + 1


def _csv_error(name: str, e: csv.Error, line: int) -> WorkforceError:
    text = str(e)
    if "field larger than field limit" in text:
        text = (f"a cell is longer than {csv.field_size_limit()} characters (an unclosed "
                "quote \" makes the rest of the file one cell)")
    return _fail(name, f"malformed CSV: {text}", line=line)


def _csv_records(lines, name: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Records of a CSV with quotes, which may span lines: numbered by their first line."""
    reader = csv.reader(lines, delimiter=delimiter)
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise _csv_error(name, e, last + 1) from None
        yield last + 1, cells
        last = reader.line_num


def check_cells(name: str, line: int, cells: list[str]) -> None:
    """Raise for a cell longer than MAX_CELL_CHARS (the first one, located)."""
    for i, c in enumerate(cells, start=1):
        if len(c) > MAX_CELL_CHARS:
            raise _fail(name, f"the cell holds {len(c)} characters, more than the "
                        f"{MAX_CELL_CHARS} a cell may hold ({shorten_repr(c, 40)})",
                        line=line, column=i)


# ------------------------------------------------------------------------------- XLSX
#
# A workbook is read with the standard library (zipfile and the expat XML parser, no network,
# no entities): the workbook part names the sheets, its relationships say where each is, the
# shared strings part holds the texts, and the sheet part is parsed as a stream, cell by cell,
# keeping at most MAX_COLUMNS + 1 cells a row.  Nothing else of the workbook is read.

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# what reading a damaged zip member can raise: a bad header or checksum, bad deflate data, an
# unknown compression method, encryption, a truncated file
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError,
               EOFError, ValueError)
_STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _col_number(ref: str) -> int:
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            n = n * 26 + ord(ch) - 96
        else:
            break
    return n


class _Workbook:
    def __init__(self, source, name: str):
        self.name = name
        limit = get_int_setting("SEAL_MAX_DATA_BYTES")
        try:
            self.zip = zipfile.ZipFile(source)
            infos = self.zip.infolist()
        except _ZIP_ERRORS as e:
            raise _fail(name, f"not a readable Excel workbook ({shorten_repr(str(e), 100)}); "
                        "save it as .xlsx or as 'CSV UTF-8'") from None
        if len(infos) > _MAX_ZIP_MEMBERS:
            raise _fail(name, f"the workbook holds {len(infos)} parts; a workbook of workforce "
                        "data holds a few dozen")
        self.parts = {i.filename.lstrip("/"): i for i in infos}
        if "mimetype" in self.parts and b"opendocument" in self._read("mimetype", 200):
            raise _fail(name, "this is an OpenDocument spreadsheet (.ods); save it as .xlsx "
                              "(Excel Workbook) or as 'CSV UTF-8'")
        if "xl/workbook.xml" not in self.parts:
            raise _fail(name, "not a readable Excel workbook (a zip file without "
                              "xl/workbook.xml); save it as .xlsx or as 'CSV UTF-8'")
        inflated = sum(i.file_size for i in infos)
        if inflated > limit:
            raise _fail(name, f"the workbook inflates to {inflated} bytes, over the limit of "
                        f"{limit} bytes (raise SEAL_MAX_DATA_BYTES if it is genuine)")

    def _damaged(self, part: str, e: Exception) -> WorkforceError:
        return _fail(self.name, f"the workbook is damaged: part {part} cannot be read "
                     f"({type(e).__name__}: {shorten_repr(str(e), 80)})")

    def _open(self, part: str):
        try:
            return self.zip.open(self.parts[part])
        except _ZIP_ERRORS as e:
            raise self._damaged(part, e) from None

    def _read(self, part: str, at_most: int | None = None) -> bytes:
        with self._open(part) as f:
            try:
                return f.read(at_most) if at_most is not None else f.read()
            except _ZIP_ERRORS as e:
                raise self._damaged(part, e) from None

    def _events(self, part: str, events=("end",)):
        """``(event, element)`` of a part, streamed; a document type (entities) is refused."""
        from xml.etree.ElementTree import XMLPullParser

        f = self._open(part)
        parser = XMLPullParser(events)
        head = True
        try:
            while True:
                try:
                    chunk = f.read(1 << 16)
                except _ZIP_ERRORS as e:
                    raise self._damaged(part, e) from None
                if not chunk:
                    break
                if head:
                    if b"<!DOCTYPE" in chunk[:4096] or b"<!ENTITY" in chunk[:4096]:
                        raise _fail(self.name, f"the workbook part {part} declares a document "
                                    "type, which a workbook never needs; it is refused")
                    head = False
                parser.feed(chunk)
                yield from parser.read_events()
            parser.close()
            yield from parser.read_events()
        finally:
            f.close()

    def _xml_error(self, part: str, e: Exception):
        return _fail(self.name, f"not a readable Excel workbook (part {part}: "
                     f"{type(e).__name__}: {shorten_repr(str(e), 100)})")

    def sheets(self) -> list[tuple[str, str]]:
        """(sheet name, part) in workbook order."""
        from xml.etree.ElementTree import ParseError

        rels: dict[str, str] = {}
        rel_part = "xl/_rels/workbook.xml.rels"
        try:
            if rel_part in self.parts:
                for _ev, el in self._events(rel_part):
                    if _local(el.tag) == "Relationship":
                        target = el.get("Target", "")
                        target = target.lstrip("/") if target.startswith("/") else \
                            "xl/" + target
                        rels[el.get("Id", "")] = target
            out = []
            for _ev, el in self._events("xl/workbook.xml"):
                if _local(el.tag) == "sheet":
                    rid = el.get(f"{{{_REL_NS}}}id") or el.get(f"{{{_STRICT_REL_NS}}}id") or ""
                    part = rels.get(rid, "")
                    part = "/".join(p for p in part.split("/") if p not in ("", "."))
                    out.append((el.get("name", ""), part))
        except ParseError as e:
            raise self._xml_error("xl/workbook.xml", e) from None
        if not out:
            raise _fail(self.name, "the workbook has no sheets")
        return out

    def date_styles(self) -> frozenset[int]:
        """The cell styles (indexes into ``cellXfs``) that show a number as a date or time, so
        that a date typed in a number column is refused rather than read as its serial
        number."""
        from xml.etree.ElementTree import ParseError

        part = "xl/styles.xml"
        if part not in self.parts:
            return frozenset()
        custom: dict[int, str] = {}
        styles: list[int] = []
        in_xfs = False
        try:
            for ev, el in self._events(part, ("start", "end")):
                tag = _local(el.tag)
                if tag == "numFmt" and ev == "end":
                    fid = el.get("numFmtId", "")
                    if fid.isdigit():
                        custom[int(fid)] = el.get("formatCode", "")
                elif tag == "cellXfs":
                    in_xfs = ev == "start"
                elif tag == "xf" and ev == "end" and in_xfs:
                    fid = el.get("numFmtId", "0")
                    styles.append(int(fid) if fid.isdigit() else 0)
        except ParseError as e:
            raise self._xml_error(part, e) from None

        def is_date(fid: int) -> bool:
            if 14 <= fid <= 22 or 45 <= fid <= 47:
                return True
            code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", custom.get(fid, "")).lower()
            return bool(re.search(r"[dmyhs]", code)) and "general" not in code

        return frozenset(i for i, fid in enumerate(styles) if is_date(fid))

    def shared_strings(self) -> list[str]:
        from xml.etree.ElementTree import ParseError

        part = next((p for p in self.parts if p.lower() == "xl/sharedstrings.xml"), None)
        if part is None:
            return []
        out: list[str] = []
        texts: list[str] = []
        size = 0
        phonetic = 0
        root = None
        try:
            for ev, el in self._events(part, ("start", "end")):
                tag = _local(el.tag)
                if ev == "start":
                    if root is None:
                        root = el
                    if tag == "si":
                        texts, size = [], 0
                    elif tag == "rPh":  # a phonetic reading, not part of the text
                        phonetic += 1
                    continue
                if tag == "t" and el.text and not phonetic and size <= MAX_CELL_CHARS:
                    texts.append(el.text)
                    size += len(el.text)
                elif tag == "rPh":
                    phonetic -= 1
                elif tag == "si":
                    out.append("".join(texts))
                    root.clear()  # keep no parsed element: memory stays flat
        except ParseError as e:
            raise self._xml_error(part, e) from None
        return out


def _xlsx_rows(source, name: str) -> Rows:
    wb = _Workbook(source, name)
    sheets = wb.sheets()
    chosen = _choose_sheet([s for s, _p in sheets])
    part = dict(sheets)[chosen]
    if part not in wb.parts:
        raise _fail(name, f"sheet {chosen!r} is missing from the workbook ({part or 'no part'})")
    return Rows(_sheet_records(wb, chosen, part), "xlsx", name, sheet=chosen)


def _choose_sheet(names: list[str]) -> str:
    chosen = next((s for s in names if s.strip().lower() in ("workforce", "data")), None)
    if chosen is None:
        chosen = next((s for s in names if s.strip().lower() != "readme"), names[0])
    return chosen


def _number_text(v: str) -> str:
    """A numeric cell's stored text as it would be typed: 12 for '12' or '12.0'."""
    if "." in v or "E" in v or "e" in v:
        try:
            f = float(v)
        except ValueError:
            return v
        if f.is_integer() and abs(f) < 1e16:
            return str(int(f))
        return repr(f) if abs(f) < 1e16 else v
    return v


def _date_text(v: str) -> str:
    """A date cell as the date it shows (a number column then refuses it by name)."""
    import datetime as dt

    try:
        serial = float(v)
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(serial))
    except (ValueError, OverflowError):
        return v
    return day.isoformat()


def _sheet_records(wb: _Workbook, sheet: str, part: str) -> Iterator[tuple[int, list[str]]]:
    from xml.etree.ElementTree import ParseError

    name = wb.name
    limit = get_int_setting("SEAL_MAX_DATA_ROWS")
    strings = wb.shared_strings()
    dates = wb.date_styles()
    row_no = 0
    count = 0
    cells: dict[int, str] = {}
    col = 0
    data = None
    try:
        for ev, el in wb._events(part, ("start", "end")):
            tag = _local(el.tag)
            if ev == "start":
                if tag == "row":
                    r = el.get("r")
                    row_no = int(r) if r and r.isdigit() and len(r) < 9 else row_no + 1
                    cells = {}
                    col = 0
                elif tag == "sheetData":
                    data = el
                continue
            if tag == "c":
                ref = el.get("r")
                col = max(1, _col_number(ref[:4])) if ref else col + 1
                text = _cell_value(el, strings, dates)
                if text is _NO_VALUE:
                    raise _fail(name, "the cell holds a formula with no saved result; open the "
                                "file in Excel and save it again, or paste the values only",
                                line=row_no, column=col)
                if text:
                    if len(text) > MAX_CELL_CHARS:
                        raise _fail(name, f"the cell holds more than the {MAX_CELL_CHARS} "
                                    f"characters a cell may hold ({shorten_repr(text, 40)})",
                                    line=row_no, column=col)
                    # beyond MAX_COLUMNS, one cell is kept to say there were more
                    cells.setdefault(min(col, MAX_COLUMNS + 1), text)
                el.clear()
            elif tag == "row":
                if data is not None:
                    data.clear()  # keep no parsed row: memory stays flat
                count += 1
                if count > limit:
                    raise _fail(name, f"sheet {sheet!r} has more than {limit} rows (raise "
                                "SEAL_MAX_DATA_ROWS if it is genuine)", line=row_no)
                if cells:
                    out = [""] * max(cells)
                    for c, text in cells.items():
                        out[c - 1] = text
                    yield row_no, out
            elif tag == "sheetData":
                return
    except ParseError as e:
        raise _fail(name, f"sheet {sheet!r} cannot be read after row {row_no} "
                    f"({shorten_repr(str(e), 100)})", line=row_no or None) from None
    except _ZIP_ERRORS as e:  # damaged data, a checksum that fails
        raise _fail(name, f"sheet {sheet!r} is damaged after row {row_no} "
                    f"({shorten_repr(str(e), 100)})", line=row_no or None) from None


_NO_VALUE = object()  # a formula cell without its result


def _cell_value(el, strings: list[str], dates: frozenset[int] = frozenset()):
    t = el.get("t", "n")
    if t == "inlineStr":
        return "".join(x.text or "" for x in el.iter() if _local(x.tag) == "t")
    v = None
    formula = False
    for child in el:
        tag = _local(child.tag)
        if tag == "v":
            v = child.text
        elif tag == "f":
            formula = True
    if v is None:
        return _NO_VALUE if formula else ""
    if t == "s":
        try:
            return strings[int(v)]
        except (ValueError, IndexError):
            return ""
    if t == "b":  # TRUE/FALSE: a yes/no flag reads it; a number column refuses it
        return "true" if v.strip() == "1" else "false"
    if t == "n":
        style = el.get("s", "")
        if style.isdigit() and int(style) in dates:
            return _date_text(v.strip())
        return _number_text(v.strip())
    return v  # str (a formula's text), e (an error such as #N/A), d (an ISO date)
