"""A cache on disk of standards read from files, so that a new process (``seal score``) need not
parse their YAML, validate them or check their links again.

An entry holds a standard as validated (the models' own pickled state), its merged source data
with the position of every field in its files (unpickled only when something asks for them: an
error to locate, a child standard to merge over it) and the list of files it was read from; it
is named by the SHA-256 of the engine's version, the engine's code that shapes a loaded standard
(:data:`SHAPERS`), the standard's path, the search path and the content of every file under the
standard's folder, and its payload is checked against the SHA-256 written in front of it before
it is used: an entry that is truncated, corrupted or altered is ignored and written again.
Files of a parent standard (``extends``) are recorded with their own hashes and checked on
every read.  The payload is unpickled with only plain values, dates and the classes of the
standard's models allowed (each made as pickling makes them, without running their
validators), so an entry can never run code.

Entries are written to a temporary file in the cache folder and moved into place with
:func:`os.replace`, so that processes loading the same standard at once never read half an
entry.  The folder is ``SEAL_CACHE_DIR`` (see :func:`seal_engine.settings.cache_dir`);
``SEAL_CACHE_DIR=off`` disables the cache.  A folder that cannot be written leaves loading as it
was: the cache is an optimisation and never an error.  The folder keeps the
:data:`MAX_ENTRIES` entries used last.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._raw import SUFFIXES, Raw

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Standard

__all__ = ["MAX_ENTRIES", "SHAPERS", "cached", "cached_raw", "entry_path", "header",
           "store_standard"]

#: entries kept in the cache folder, the ones used last (a read touches its entry)
MAX_ENTRIES = 64

_MAGIC = b"seal-engine standard cache 2\n"  # 2: the validated standard kept, its source lazily
#: the engine's files (in the package) whose code shapes a loaded standard: its models, the
#: YAML reader, assembling, merging and checking; a change to any is a new entry
SHAPERS = ("models/_base.py", "models/standard.py", "_source.py", "_cells.py", "loader/_raw.py",
           "loader/standard.py", "loader/cache.py")
_MODELS = "seal_engine.models.standard"
_ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"),
            ("datetime", "timezone"), ("datetime", "timedelta")}


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles plain values (dicts, lists, strings, numbers, dates) and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


class _StandardUnpickler(_PlainUnpickler):
    """Unpickles plain values and a standard's models: the pydantic models and enumerations
    defined in :mod:`seal_engine.models.standard`, restored from their pickled state (their
    ``__setstate__`` sets their fields; no validator or other code runs)."""

    def find_class(self, module: str, name: str) -> Any:
        if module == _MODELS:
            from pydantic import BaseModel

            found = getattr(sys.modules.get(module), name, None)
            if (isinstance(found, type) and found.__module__ == module
                    and issubclass(found, (BaseModel, Enum))):
                return found
        return super().find_class(module, name)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files_of(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)


_SHAPED: list[str | None] = []


def _shapers_digest() -> str | None:
    """The SHA-256 of the engine's :data:`SHAPERS` (read once a process; ``None``: one of them
    cannot be read, and the cache is not used)."""
    if not _SHAPED:
        package = Path(__file__).resolve().parent.parent
        h = hashlib.sha256()
        try:
            for name in SHAPERS:
                h.update(f"{name}\n".encode() + _sha((package / name).read_bytes()).encode())
        except OSError:
            _SHAPED.append(None)
        else:
            _SHAPED.append(h.hexdigest())
    return _SHAPED[0]


def _key(path: Path, search: Iterable[Path]) -> str | None:
    from .. import __version__
    from ..settings import standards_search_path

    shapers = _shapers_digest()
    if shapers is None:
        return None
    h = hashlib.sha256()
    h.update(f"engine {__version__} {shapers}\n{path}\n".encode())
    for folder in [*search, *standards_search_path()]:
        h.update(f"search {folder}\n".encode())
    for f in _files_of(path):
        h.update(f"{f.relative_to(path) if f != path else f.name}\n".encode())
        h.update(_sha(f.read_bytes()).encode() + b"\n")
    return h.hexdigest()


def entry_path(path: Path, search: Iterable[Path] = ()) -> Path | None:
    """Where the cache entry of the standard at ``path`` is (``None``: cache off)."""
    from ..settings import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    key = _key(path.resolve(), search)
    return None if key is None else folder / "standards" / f"{key}.pickle"


def _positions_out(raw: Raw) -> list[tuple]:
    """The positions as (path of the node, key, position), from the data's root."""
    out: list[tuple] = []
    positions = raw.positions
    stack: list[tuple[Any, tuple]] = [(raw.data, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            items = node.items()
        elif isinstance(node, list):
            items = enumerate(node)
        else:
            continue
        for k, v in items:
            pos = positions.get((id(node), k))
            if pos is not None:
                out.append((where, k, pos))
            if isinstance(v, (dict, list)):
                stack.append((v, (*where, k)))
    return out


def _positions_in(data: Any, found: list[tuple]) -> dict:
    positions: dict = {}
    for where, k, pos in found:
        node = data
        for step in where:
            node = node[step]
        positions[(id(node), k)] = tuple(pos) if isinstance(pos, list) else pos
    return positions


def store_standard(path: Path, search: Iterable[Path], raw: Raw, standard: Standard
                   ) -> Path | None:
    """Write the cache entry of the standard at ``path``, read as ``raw`` and validated, checked
    and compiled as ``standard`` (before anything else has touched it); the entry's path, or
    ``None`` if the cache is off or the folder cannot be written."""
    search = list(search)
    try:
        target = entry_path(path, search)
        if target is None:
            return None
        root = path.resolve()
        deps = []
        for f in raw.files:
            p = Path(f)
            try:
                inside = p.resolve().is_relative_to(root)
            except OSError:
                return None
            if not inside:
                deps.append((str(p), _sha(p.read_bytes())))
        source = pickle.dumps({"data": raw.data, "positions": _positions_out(raw)},
                              protocol=pickle.HIGHEST_PROTOCOL)
        payload = pickle.dumps({"standard": standard, "source": source, "file": raw.file,
                                "files": list(raw.files), "texts": dict(raw.texts),
                                "deps": deps}, protocol=pickle.HIGHEST_PROTOCOL)
        _write_entry(target, payload)
        return target
    except Exception:  # noqa: BLE001 - the cache is never an error: the standard is loaded
        return None


def _write_entry(target: Path, payload: bytes) -> None:
    """Write a cache entry whole or not at all: the payload after its SHA-256 (checked when
    read) into a temporary file of the folder, renamed over ``target`` (concurrent processes
    never see half an entry); then the folder is pruned.  Raises ``OSError``."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(_MAGIC + _sha(payload).encode() + b"\n" + payload)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _prune(target.parent)


def _prune(folder: Path) -> None:
    """Keep the :data:`MAX_ENTRIES` entries used last (each standard changed makes a new one)."""
    entries = []
    for p in folder.glob("*.pickle"):
        try:
            entries.append((p.stat().st_mtime, p))
        except OSError:
            continue
    for _when, p in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        p.unlink(missing_ok=True)


class _LazyRaw(Raw):
    """A standard's source from a cache entry: its files at once, its data and positions
    unpickled (plain values only) when first read, by one thread; a source that does not
    unpickle so (an entry made by something else than this module, its hash matching) is read
    again from the standard's files by ``reread``."""

    def __init__(self, source: bytes, file: str, files: list[str], texts: dict[str, str],
                 reread: Callable[[], Raw] | None):
        self._source = source
        self._reread = reread
        self._lock = threading.Lock()
        self.file = file
        self.files = files
        self.texts = texts

    def __deepcopy__(self, memo: dict) -> _LazyRaw:
        # a deep copy of the standard (Standard.translated) shares its one source, read once
        # and never changed: a lock cannot be copied
        return self

    def __getattr__(self, name: str) -> Any:
        if name not in ("data", "positions") or "_lock" not in self.__dict__:
            raise AttributeError(name)
        with self.__dict__["_lock"]:
            if name not in self.__dict__:
                self._read_source()
        return self.__dict__[name]

    def _read_source(self) -> None:
        try:
            entry = _PlainUnpickler(io.BytesIO(self.__dict__["_source"])).load()
            data = entry["data"]
            positions = _positions_in(data, entry["positions"])
            if not isinstance(data, dict):
                raise TypeError("a standard's source is a mapping")
        except Exception:  # noqa: BLE001 - not an entry written here: the files, read again
            reread = self.__dict__["_reread"]
            if reread is None:
                raise
            raw = reread()
            data, positions = raw.data, raw.positions
        self.data, self.positions = data, positions
        del self._source, self._reread  # the pickled source is not needed again


def cached(path: Path, search: Iterable[Path] = (), reread: Callable[[], Raw] | None = None
           ) -> tuple[Standard, Raw] | None:
    """The standard at ``path`` as it was validated before (not compiled) and its source, if
    an entry for exactly these files (and this engine) is in the cache and checks; ``None``
    otherwise.  ``reread`` reads the source from the files if the entry's does not unpickle
    as plain values when it is first asked for."""
    try:
        target = entry_path(path, search)
        if target is None:
            return None
        blob = target.read_bytes()
    except OSError:
        return None
    if not blob.startswith(_MAGIC):
        return None
    head, sep, payload = blob[len(_MAGIC):].partition(b"\n")
    if not sep or head.decode("ascii", "replace") != _sha(payload):
        return None
    try:
        from ..models import Standard

        entry = _StandardUnpickler(io.BytesIO(payload)).load()
        for file, digest in entry["deps"]:
            if _sha(Path(file).read_bytes()) != digest:
                return None
        standard = entry["standard"]
        if type(standard) is not Standard or not isinstance(entry["source"], bytes):
            return None
        try:
            os.utime(target)
        except OSError:
            pass
        return standard, _LazyRaw(entry["source"], entry["file"], list(entry["files"]),
                                  dict(entry["texts"]), reread)
    except Exception:  # noqa: BLE001 - any damaged entry is a miss, and is written again
        return None


def cached_raw(path: Path, search: Iterable[Path] = ()) -> Raw | None:
    """The source of the standard at ``path`` as :func:`cached` gives it (``None``: no entry
    that checks), its data and positions read."""
    hit = cached(path, search)
    if hit is None:
        return None
    raw = hit[1]
    try:
        return Raw(raw.data, raw.positions, raw.file, raw.files, raw.texts)
    except Exception:  # noqa: BLE001 - a source that does not unpickle as plain values
        return None


_HEADER_KEYS = ("type", "id", "version", "title", "extends")


def header(file: Path, read: Any) -> dict | None:
    """The header of the standard file ``file`` (its ``type``, ``id``, ``version``, ``title``
    and ``extends``; ``None``: not a standard), as ``read(file)`` gives it, kept in the cache
    by the SHA-256 of the engine's version and the file's content (and checked against the
    SHA-256 of its payload), so that finding a standard by id in a new process parses no file
    it parsed before.  ``read`` returns the file's data; it raises for a broken file, and
    nothing is kept."""
    from .. import __version__
    from ..settings import cache_dir

    folder = cache_dir()
    try:
        content = file.read_bytes() if folder is not None else b""
    except OSError:
        content = None
    target = None
    if folder is not None and content is not None:
        key = _sha(f"header 1 engine {__version__}\n".encode() + content)
        target = folder / "headers" / f"{key}.pickle"
        try:
            blob = target.read_bytes()
            head, sep, payload = blob[len(_MAGIC):].partition(b"\n")
            if blob.startswith(_MAGIC) and sep and head.decode("ascii", "replace") == _sha(
                    payload):
                found = _PlainUnpickler(io.BytesIO(payload)).load()
                if found is None or isinstance(found, dict):
                    return found
        except Exception:  # noqa: BLE001 - no entry, or a damaged one: read the file
            pass
    data = read(file)
    found = ({k: data[k] for k in _HEADER_KEYS if k in data}
             if isinstance(data, dict) and data.get("type") == "standard"
             and isinstance(data.get("id"), str) else None)
    if target is not None:
        try:
            _write_entry(target, pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError, ValueError):
            pass
    return found
