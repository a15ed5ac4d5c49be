"""Where workforce data comes in: a file on disk, or bytes from memory (an upload)."""

from __future__ import annotations

import mmap
from collections.abc import Sequence
from pathlib import Path

from ..errors import Problem, SealError, WorkforceError
from ..settings import get_int_setting
from .data import WorkforceData
from .parser import parse_rows
from .reading import looks_like_xlsx, read_rows

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
                return _with_year(parse_rows(read_rows(content, name), grades), year)
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
