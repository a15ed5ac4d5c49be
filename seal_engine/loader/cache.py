"""A cache on disk of standards read from files, so that a new process (``seal score``) need not
parse their YAML again.

An entry holds a standard's merged data, the position of every field in its files and the list
of files it was read from; it is named by the SHA-256 of the engine's version, the standard's
path, the search path and the content of every file under the standard's folder, and its
payload is checked against the SHA-256 written in front of it before it is used: an entry that
is truncated, corrupted or altered is ignored and written again.  Files of a parent standard
(``extends``) are recorded with their own hashes and checked on every read.  The payload is
unpickled with only plain values and dates allowed, so an entry can never run code.

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
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._raw import SUFFIXES, Raw

__all__ = ["MAX_ENTRIES", "cached_raw", "entry_path", "header", "store_raw"]

#: entries kept in the cache folder, the ones used last (a read touches its entry)
MAX_ENTRIES = 64

_MAGIC = b"seal-engine standard cache 1\n"
_ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"),
            ("datetime", "timezone"), ("datetime", "timedelta")}


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles plain values (dicts, lists, strings, numbers, dates) and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files_of(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)


def _key(path: Path, search: Iterable[Path]) -> str:
    from .. import __version__
    from ..settings import standards_search_path

    h = hashlib.sha256()
    h.update(f"engine {__version__}\n{path}\n".encode())
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
    return folder / "standards" / f"{_key(path.resolve(), search)}.pickle"


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


def store_raw(path: Path, search: Iterable[Path], raw: Raw) -> Path | None:
    """Write the cache entry of the standard at ``path`` read as ``raw``; the entry's path, or
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
        payload = pickle.dumps({"data": raw.data, "positions": _positions_out(raw),
                                "file": raw.file, "files": list(raw.files),
                                "texts": dict(raw.texts), "deps": deps},
                               protocol=pickle.HIGHEST_PROTOCOL)
        _write_entry(target, payload)
        return target
    except (OSError, pickle.PicklingError, RecursionError, ValueError):
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


def cached_raw(path: Path, search: Iterable[Path] = ()) -> Raw | None:
    """The standard at ``path`` as it was read before, if an entry for exactly these files (and
    this engine) is in the cache and checks; ``None`` otherwise."""
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
        entry = _PlainUnpickler(io.BytesIO(payload)).load()
        for file, digest in entry["deps"]:
            if _sha(Path(file).read_bytes()) != digest:
                return None
        data = entry["data"]
        try:
            os.utime(target)
        except OSError:
            pass
        return Raw(data, _positions_in(data, entry["positions"]), entry["file"],
                   list(entry["files"]), dict(entry["texts"]))
    except Exception:  # noqa: BLE001 - any damaged entry is a miss, and is written again
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
