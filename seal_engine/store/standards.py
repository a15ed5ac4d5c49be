"""Standards in the database: their source texts (so that they are parsed again exactly as
they were written), id, version and content hash.  An adaptation is stored after the standard
it extends and parsed with it as its parent.  Adding standards is the admin's; reading them is
anyone's."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import content_hash, find_standard, parse_standard
from ..errors import NotFoundError, Problem, StoreError
from ..messages import say
from ..models import Standard
from . import audit
from ._common import Actor, aware, new_id, once_per_run, refresh, require_admin
from .engine import Store
from .schema import standard, standard_file

__all__ = ["StoredStandard", "add_standard", "get_standard", "list_stored_standards",
           "standard_sources"]

_SUFFIXES = (".yaml", ".yml", ".json")
_HEADERS = ("standard.yaml", "standard.yml", "standard.json")


@dataclass(frozen=True)
class StoredStandard:
    pk: str
    id: str
    version: int
    title: str
    content_hash: str
    extends: str | None
    validity_years: int | None
    added_at: object


def standard_sources(path: str | Path) -> tuple[str, dict[str, str]]:
    """``("file", {name: text})`` for a standard file, ``("folder", {relative name: text})``
    for a standard folder: the files the loader reads (names starting with '_' or '.'
    skipped), as text."""
    path = Path(path)
    if path.is_file():
        return "file", {path.name: path.read_text(encoding="utf-8")}
    if not any((path / h).is_file() for h in _HEADERS):
        raise StoreError(Problem(say("store.not_a_standard"),
                                 file=str(path)))
    files = {}
    for p in sorted(path.rglob("*")):
        rel = p.relative_to(path)
        if (p.is_file() and p.suffix in _SUFFIXES
                and not any(part.startswith(("_", ".")) for part in rel.parts)):
            files[rel.as_posix()] = p.read_text(encoding="utf-8")
    return "folder", files


_CACHE: dict[str, Standard] = {}
_LOCK = threading.Lock()


def _parse(layout: str, files: dict[str, str], name: str, parents: list[Standard]) -> Standard:
    if layout == "file":
        (fname, text), = files.items()
        return parse_standard(text, fname, parents=parents)
    return parse_standard(files, name, parents=parents)


def standard_by_pk(conn: Connection, pk: str) -> Standard:
    """The stored standard ``pk``, parsed from its texts (once per process and content; its
    row read once per run of a page)."""
    from .engine import run_memo

    memo = run_memo()
    if memo is not None and ("standard", pk) in memo:
        return memo[("standard", pk)]
    row = conn.execute(sa.select(standard).where(standard.c.id == pk)).first()
    if row is None:
        raise NotFoundError(say("store.no_stored_standard", id=pk))
    with _LOCK:
        cached = _CACHE.get(row.content_hash)
    if cached is not None:
        if memo is not None:
            memo[("standard", pk)] = cached
        return cached
    parents = [standard_by_pk(conn, row.extends_pk)] if row.extends_pk else []
    files = {f.path: f.text for f in conn.execute(
        sa.select(standard_file.c.path, standard_file.c.text).where(
            standard_file.c.standard_pk == pk).order_by(standard_file.c.path))}
    parsed = _parse(row.layout, files, f"{row.standard_id} v{row.version} (stored)", parents)
    with _LOCK:
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[row.content_hash] = parsed
    return parsed


def standard_pk(conn: Connection, standard_id: str, version: int) -> str | None:
    found = conn.execute(sa.select(standard.c.id).where(
        standard.c.standard_id == standard_id, standard.c.version == version)).first()
    return found.id if found else None


def insert_standard(conn: Connection, actor: Actor, store: Store, path: str | Path,
                    search: list[Path] | None = None) -> str:
    """Store the standard at ``path`` (and, first, the one it extends, found on the standards
    path) inside the caller's transaction; return its key.  The same standard stored again is
    a no-op; the same id and version with other content is refused."""
    layout, files = standard_sources(path)
    parents: list[Standard] = []
    parent_pk = None
    from .. import load_standard

    loaded = load_standard(path, search_path=search)
    if loaded.extends is not None:
        ref = loaded.extends
        parent_pk = standard_pk(conn, ref.id, ref.version)
        if parent_pk is None:
            near = [Path(path).parent, *(search or [])]
            parent_pk = insert_standard(conn, actor, store, find_standard(
                ref.id, ref.version, near + _search_path()), search)
        parents = [standard_by_pk(conn, parent_pk)]
    parsed = _parse(layout, files, str(path), parents)
    digest = content_hash(parsed)
    existing = conn.execute(sa.select(standard).where(
        standard.c.standard_id == parsed.id, standard.c.version == parsed.version)).first()
    if existing is not None:
        if existing.content_hash == digest:
            return existing.id
        raise StoreError(Problem(
            say("store.standard_changed", standard=parsed.id, version=parsed.version,
                stored=existing.content_hash[:12], given=digest[:12]), file=str(path),
            field="version"))
    pk = new_id()
    conn.execute(standard.insert().values(
        id=pk, standard_id=parsed.id, version=parsed.version, content_hash=digest,
        title=parsed.title, layout=layout, extends_pk=parent_pk,
        validity_years=parsed.validity_years, added_at=store.now(), added_by=actor.user_id))
    conn.execute(standard_file.insert(), [{"standard_pk": pk, "path": name, "text": text}
                                          for name, text in files.items()])
    audit.append(conn, store, actor.user_id, "standard.add", f"standard:{pk}",
                 {"standard": parsed.id, "version": parsed.version, "content_hash": digest})
    with _LOCK:
        _CACHE.setdefault(digest, parsed)
    return pk


def _search_path() -> list[Path]:
    from ..settings import standards_search_path

    return standards_search_path()


def _info(conn: Connection, row) -> StoredStandard:
    ext = None
    if row.extends_pk:
        p = conn.execute(sa.select(standard.c.standard_id, standard.c.version).where(
            standard.c.id == row.extends_pk)).one()
        ext = f"{p.standard_id} v{p.version}"
    return StoredStandard(row.id, row.standard_id, row.version, row.title, row.content_hash,
                          ext, row.validity_years, aware(row.added_at))


def add_standard(store: Store, actor: Actor, path: str | Path) -> StoredStandard:
    """Store a standard file or folder (admin), with the standard it extends if that is not
    stored yet."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.add_standards"))
        pk = insert_standard(conn, actor, store, path)
        return _info(conn, conn.execute(sa.select(standard).where(standard.c.id == pk)).one())


def list_stored_standards(store: Store) -> list[StoredStandard]:
    """The stored standards, by id and version."""
    with store.read() as conn:
        rows = conn.execute(sa.select(standard).order_by(standard.c.standard_id,
                                                         standard.c.version)).all()
        return [_info(conn, r) for r in rows]


def get_standard(store: Store, standard_id: str, version: int | None = None) -> Standard:
    """A stored standard by id and version (the newest stored when ``version`` is None)."""
    with store.read() as conn:
        query = sa.select(standard.c.id).where(standard.c.standard_id == standard_id)
        if version is not None:
            query = query.where(standard.c.version == version)
        row = once_per_run(conn, ("standard_key", standard_id, version), lambda: conn.execute(
            query.order_by(standard.c.version.desc())).first())
        if row is None:
            shown = f"{standard_id} v{version}" if version is not None else standard_id
            raise NotFoundError(say("store.standard_not_stored_add", standard=shown))
        return standard_by_pk(conn, row.id)
