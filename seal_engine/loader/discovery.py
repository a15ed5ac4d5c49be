"""Finding standards by id and version on the standards search path (loading the one an
assessment names is :func:`~seal_engine.loader.standard.standard_for`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .._source import read_source
from ..errors import SealError, StandardError, suggestion
from ..messages import say
from ..settings import standards_search_path
from ._raw import STANDARD_FILES, SUFFIXES

__all__ = ["StandardInfo", "find_standard", "list_standards"]


@dataclass(frozen=True)
class StandardInfo:
    """A standard found on the search path: its id, version, title, where it is, what it
    extends."""

    id: str
    version: int
    title: str
    path: Path
    extends: str | None = None


def _candidates(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return
    for p in sorted(folder.iterdir()):
        if p.name.startswith(("_", ".")):
            continue
        if p.is_dir() and any((p / n).is_file() for n in STANDARD_FILES):
            yield p
        elif p.is_file() and p.suffix in SUFFIXES:
            yield p


#: Headers read, by file, size and time of change: finding a standard for each of many
#: assessments (an import) reads the search path's files once, not once per assessment.
_HEADERS: dict[tuple[str, int, int], dict | None] = {}


def _header(path: Path) -> dict | None:
    file = path
    if path.is_dir():
        file = next(path / n for n in STANDARD_FILES if (path / n).is_file())
    try:
        st = file.stat()
    except OSError:
        return None
    key = (str(file.resolve()), st.st_size, st.st_mtime_ns)
    if key in _HEADERS:
        return _HEADERS[key]
    from .cache import header

    try:  # kept on disk by the file's content: a new process parses no file read before
        found = header(file, lambda f: read_source(f).data)
    except SealError:
        return None  # a broken file elsewhere on the path must not stop other commands
    if len(_HEADERS) > 256:
        _HEADERS.clear()
    _HEADERS[key] = found
    return found


def list_standards(folders: Iterable[Path] | None = None) -> list[StandardInfo]:
    """Standards found in ``folders`` (default: SEAL_STANDARDS_PATH, then the bundled ones)."""
    found = []
    for folder in folders if folders is not None else standards_search_path():
        for p in _candidates(Path(folder)):
            h = _header(p)
            if h is None:
                continue
            version = h.get("version", 0)
            if isinstance(version, bool) or not isinstance(version, int):
                continue
            ext = h.get("extends")
            title = h.get("title", "")
            found.append(StandardInfo(
                h["id"], version, title if isinstance(title, str) else "", p,
                f"{ext.get('id')} v{ext.get('version')}" if isinstance(ext, dict) else None))
    return found


def find_standard(standard_id: str, version: int | None = None,
                  folders: Iterable[Path] | None = None) -> Path:
    """The path of a standard by id (and version; the newest if omitted).

    Raises :class:`StandardError` saying which ids and versions are known, with a "did you
    mean" for a near miss (case aside)."""
    every = list_standards(folders)
    infos = [i for i in every if i.id == standard_id]
    if not infos:
        folded = [i for i in every if i.id.lower() == str(standard_id).lower()]
        if folded:
            infos = folded
    if version is not None:
        exact = [i for i in infos if i.version == version]
        if not exact:
            if infos:
                have = ", ".join(f"v{v}" for v in sorted({i.version for i in infos}))
                raise StandardError(say("discovery.no_version", id=standard_id,
                                        version=version, have=have))
            raise StandardError(_unknown(standard_id, every))
        return exact[0].path
    if not infos:
        raise StandardError(_unknown(standard_id, every))
    return max(infos, key=lambda i: i.version).path


def _unknown(standard_id: str, every: list[StandardInfo]):
    ids = sorted({i.id for i in every})
    known = ", ".join(ids) or say("discovery.none")
    return say("discovery.unknown", id=standard_id, hint=suggestion(standard_id, ids),
               known=known)
