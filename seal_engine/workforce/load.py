"""Where workforce data comes in: a file on disk, or bytes from memory (an upload), read by
:func:`parse_rows`, which picks the builder of the file's shape."""

from __future__ import annotations

import csv
import mmap
from collections.abc import Sequence
from itertools import chain, islice, repeat
from operator import itemgetter
from pathlib import Path

from ..errors import Problem, SealError, WorkforceError
from ..settings import get_int_setting
from .aggregated import AggregatedBuilder
from .columns import DEFAULT_GRADES, MAX_CELL_CHARS, MAX_COLUMNS
from .data import WorkforceData
from .parser import CHUNK, Parser
from .per_person import PersonBuilder
from .reading import Rows, looks_like_xlsx, read_rows

__all__ = ["load_workforce", "parse_workforce"]


def load_workforce(path: str | Path, grades: Sequence[str] | None = None, *,
                   name: str | None = None, year: int | None = None) -> WorkforceData:
    """Read and check a workforce CSV or XLSX file.

    ``grades`` (entry to top) overrides the file's ``# grades:`` line and the default
    :data:`~seal_engine.workforce.columns.DEFAULT_GRADES`; ``name`` is what errors call the file
    (default: its path).  The file is read as a stream (a CSV is mapped, not copied, into
    memory).  Raises :class:`WorkforceError` listing every problem found; nothing is imported
    from a file with errors."""
    path = Path(path)
    name = name or str(path)
    if not path.is_file():
        raise WorkforceError(Problem(f"no such workforce file {name!r}", file=name))
    from .._source import check_size

    try:
        check_size(path, "SEAL_MAX_DATA_BYTES")
    except SealError as e:
        raise WorkforceError([Problem(p.message, file=name) for p in e.problems]) from None
    try:
        with path.open("rb") as f:
            head = f.read(8)
            f.seek(0)
            if looks_like_xlsx(head, name) or not head:
                content = f.read(8) if not head else head
                return _with_year(parse_rows(read_rows(content, name, file=f), grades), year)
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as content:
                rows = read_rows(content, name)
                rows.path = path  # the fast path's reader maps the file itself
                return _with_year(parse_rows(rows, grades), year)
    except OSError as e:
        raise WorkforceError(Problem(f"cannot read the file ({e.strerror or e})",
                                     file=name)) from None


def parse_workforce(content: bytes, name: str, grades: Sequence[str] | None = None, *,
                    year: int | None = None) -> WorkforceData:
    """Check workforce data held in memory (an upload, a stored file): CSV text or an XLSX
    workbook, told apart by its first bytes.  ``name`` is what errors call it; it is never
    used as a path.  ``year`` is the year the data describes when the file does not say (its
    ``# year:`` line); for an assessment's data, the year its period ends.  Raises
    :class:`WorkforceError` as :func:`load_workforce` does."""
    limit = get_int_setting("SEAL_MAX_DATA_BYTES")
    if len(content) > limit:
        raise WorkforceError(Problem(
            f"file is {len(content)} bytes, over the limit of {limit} bytes (raise "
            "SEAL_MAX_DATA_BYTES if it is genuine)", file=name))
    return _with_year(parse_rows(read_rows(bytes(content), name), grades), year)


def _with_year(data: WorkforceData, year: int | None) -> WorkforceData:
    if data.year is None and year is not None:
        data.year = year
    return data


def parse_rows(rows: Rows, grades: Sequence[str] | None = None):
    """Check the rows of a workforce file and build its :class:`WorkforceData`; raises
    :class:`WorkforceError` listing every problem."""
    p = Parser(rows, grades)
    it = iter(rows)
    header = None
    try:
        for line, cells in it:
            first = next((c.strip() for c in cells if c.strip()), None)
            if first is None:
                continue
            if first.startswith("#"):
                p.settings_line(",".join(c for c in cells if c.strip()), line,
                                after_header=False)
                continue
            header = (line, cells)
            break
    except csv.Error as e:
        raise rows.error(e) from None
    if header is None:
        p.problem("the file has no header row; start with the column names (run 'seal "
                  "workforce-template' for a blank file)")
        p.fail_if_problems()
    hline, hcells = header
    shape, columns = p.header(hline, hcells)
    p.grades = p.arg_grades or p.file_grades or DEFAULT_GRADES
    p.fail_if_problems()
    builder = (AggregatedBuilder if shape == "aggregated" else PersonBuilder)(p)
    width = len(columns)
    if shape == "per_person" and getattr(rows, "content", None) is not None:
        from .fast import fast_person_rows  # pyarrow and numpy for a large CSV, if installed

        n = fast_person_rows(rows.content, getattr(rows, "path", None), rows.delimiter, p,
                             builder, hline, width)
        if n is not None:
            return builder.finish(n)
    used = [(c, i - 1) for c, i in p.columns.items()]
    limit = get_int_setting("SEAL_MAX_DATA_ROWS")
    n = 0
    seen = hline
    while True:
        try:
            batch = list(islice(it, CHUNK))
        except csv.Error as e:
            raise rows.error(e) from None
        if not batch:
            break
        seen += len(batch)
        lines, chunk = [b[0] for b in batch], [b[1] for b in batch]
        if not _plain(chunk, width):
            lines, chunk = _odd_rows(p, batch, width)
        if not chunk:
            continue
        n += len(chunk)
        _check_size(p, lines, chunk, seen, limit)
        builder.add(lines, _columns(chunk, used))
    if n == 0 and not p.problems.items:
        p.problem("the file has no data rows below the header", line=hline)
        p.fail_if_problems()
    return builder.finish(n)  # checks across rows, then raises every problem found


_ODD = ("#", " ", "\t", "")
_FIRST = itemgetter(0)


def _plain(chunk: list[list[str]], width: int) -> bool:
    """Whether every row has the header's width and none is a comment or starts blank (none
    needs :func:`_odd_rows`)."""
    if set(map(len, chunk)) != {width}:
        return False
    return not any(map(str.startswith, map(_FIRST, chunk), repeat(_ODD[:3]))) and (
        "" not in map(_FIRST, chunk))


def _odd_rows(p: Parser, batch, width: int) -> tuple[list[int], list[list[str]]]:
    """The data rows of a batch with comments, blank rows or rows of another width."""
    lines: list[int] = []
    chunk: list[list[str]] = []
    for line, cells in batch:
        c0 = cells[0] if cells else ""
        if not c0 or c0[0] in "# \t":
            first = next((c.strip() for c in cells if c.strip()), None)
            if first is None:
                continue
            if first.startswith("#"):
                p.settings_line(",".join(c for c in cells if c.strip()), line, after_header=True)
                continue
        if len(cells) != width:
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                count = (f"more than {MAX_COLUMNS}" if len(cells) > MAX_COLUMNS
                         else str(len(cells)))
                p.problems.row("long row", line, None, None, lambda k=count: (
                    f"the row has {k} values but the header has {width} columns"))
                continue
            cells = cells[:width] + [""] * (width - len(cells))
        lines.append(line)
        chunk.append(cells)
    return lines, chunk


def _check_size(p: Parser, lines: list[int], chunk: list[list[str]], seen: int,
                limit: int) -> None:
    """Refuse a file past the row limit, and a cell longer than a cell may be."""
    if seen > limit:
        raise WorkforceError(Problem(f"the file has more than {limit} rows (raise "
                                     "SEAL_MAX_DATA_ROWS if it is genuine)", file=p.file,
                                     line=lines[-1]))
    if max(map(len, chain.from_iterable(chunk))) > MAX_CELL_CHARS:  # the longest cell
        from .reading import check_cells

        for line, cells in zip(lines, chunk, strict=True):
            check_cells(p.file, line, cells)


def _columns(chunk: list[list[str]], used: list[tuple[str, int]]) -> dict[str, tuple[str, ...]]:
    transposed = list(zip(*chunk, strict=True))
    return {c: transposed[i] for c, i in used}
