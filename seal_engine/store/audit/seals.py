"""Sealing business rows: what a transaction wrote, noted by SQLAlchemy events, sealed by the
entry of its record or by an ``audit.seal`` entry at commit; a baseline for rows written before
tamper evidence (see :mod:`seal_engine.store.audit` and :mod:`..integrity`)."""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from json.encoder import encode_basestring as _quote
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.dml import Delete, Insert, Update

from ...messages import say
from .. import integrity
from ..engine import Store
from ..schema import audit_head, audit_log
from .chain import _at, _insert_entry

__all__ = ["ROWS", "seal_baseline", "unnoted"]

# ------------------------------------------------------------------- sealing business rows
#
# Every INSERT, UPDATE and DELETE on a covered table (SQLAlchemy Core statements, which is how
# the services write) is noted with the keys of the rows it touches (an UPDATE or DELETE reads
# them first with its own WHERE).  An entry of a scope seals the rows of that scope written so
# far in the transaction; a row nobody wrote in the transaction keeps its seal, so a row changed
# behind the engine's back stays named even after the engine writes the scope again.  At commit,
# scopes written after their entry are sealed by an ``audit.seal`` entry.

ROWS = "rows_sha256"
_TX = "seal_engine.integrity"


def _state(conn: Connection) -> dict[str, Any]:
    tx = conn.info.get(_TX)
    if tx is None:
        tx = conn.info[_TX] = {"written": {}, "dirty": set(), "any": set(), "busy": False,
                               "appended": False, "sealing": None}
    return tx


def _sealing(conn: Connection, tx: dict[str, Any]) -> bool:
    """Whether this database keeps seals (it does from the migration that made ``row_seal``)."""
    if tx["sealing"] is None:
        tx["busy"] = True
        try:
            tx["sealing"] = integrity.row_seal.name in integrity.table_names(conn)
        finally:
            tx["busy"] = False
    return tx["sealing"]


def _target(conn: Connection, tx: dict[str, Any], scope: str, *, baseline: bool = False):
    """The seals ``scope`` should have once this transaction's writes are sealed: the rows it
    wrote since the scope was last sealed, as they are now; every other row as it was sealed
    (a baseline also seals rows never sealed).  Returns the seals kept and that target."""
    seals = tx.setdefault("seals", {})
    if scope not in seals:  # read once per transaction: only this transaction writes them
        seals[scope] = integrity.sealed(conn, scope).get(scope, {})
    kept = seals[scope]
    written = tx["written"].get(scope, set())
    if baseline:
        current = integrity.scope_rows(conn, scope)
    else:
        only: dict[str, set[str] | None] = {t: None for t in tx["any"]}
        for table_name, key in written:
            if table_name not in tx["any"]:
                only.setdefault(table_name, set()).add(key)  # type: ignore[union-attr]
        current = integrity.scope_rows(conn, scope, only) if only else {}
    target = {k: v[0] for k, v in kept.items()}
    for key in written | {k for k in current if k[0] in tx["any"]} | (
            set(current) if baseline else set()):
        if baseline and key in kept and key not in written:
            continue  # a sealed row stays as sealed, even by a baseline
        if key in current:
            target[key] = current[key]
        else:
            target.pop(key, None)
    return kept, target


def _seal(conn: Connection, tx: dict[str, Any], scope: str, seq: int, *, force: bool = False,
          baseline: bool = False) -> str | None:
    """Seal ``scope`` as entry ``seq`` wrote it; its digest, or ``None`` when nothing changed
    and ``force`` is false."""
    tx["busy"] = True
    try:
        kept, target = _target(conn, tx, scope, baseline=baseline)
        changed = {k: v[0] for k, v in kept.items()} != target
        if changed:
            integrity.write_seals(conn, scope, seq, kept, target)
            tx["seals"][scope] = {k: (h, seq if kept.get(k, ("",))[0] != h else kept[k][1])
                                  for k, h in target.items()}
    finally:
        tx["busy"] = False
    tx["dirty"].discard(scope)
    tx["written"].pop(scope, None)
    if not changed and not force:
        return None
    return integrity.scope_digest(target)


@sa.event.listens_for(Engine, "before_execute")
def _on_execute(conn, clause, multiparams, params, execution_options):
    if not isinstance(clause, (Insert, Update, Delete)):
        return
    cov = integrity.covered_table(getattr(clause.table, "name", ""))
    if cov is None:
        return
    tx = _state(conn)
    if tx["busy"] or not _sealing(conn, tx):
        return
    tx["busy"] = True
    try:
        keys = integrity.written_keys(conn, cov, clause, multiparams, params)
    finally:
        tx["busy"] = False
    if keys is None:  # keys not known: every row of the table counts as written
        tx["any"].add(cov.table)
        return
    for scope, key in keys:
        tx["written"].setdefault(scope, set()).add((cov.table, key))
        tx["dirty"].add(scope)


@sa.event.listens_for(Engine, "commit")
def _on_commit(conn):
    """Seal what the transaction wrote after its last entry (an ``audit.seal`` entry of the
    same actor); a transaction of the engine that wrote business rows with no entry at all (a
    password hash upgraded at sign-in) gets an ``audit.seal`` entry of the system."""
    tx = conn.info.get(_TX)
    if tx is None:
        return
    try:
        if tx["busy"] or not (tx["dirty"] or tx["any"]):
            return
        if tx["appended"]:
            actor, after, store = tx["actor"], tx["seq"], tx["store"]
        elif _schema_current(conn):  # never inside a migration to an older schema
            from .._common import SYSTEM_ID

            actor, after, store = SYSTEM_ID, None, None
        else:
            return
        scopes = set(tx["dirty"])
        if tx["any"]:
            scopes |= set(tx["written"])
        for scope in sorted(scopes):
            head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)
                                .where(audit_head.c.id == 1)).one()
            digest = _seal(conn, tx, scope, head.seq + 1)
            if digest is not None:
                _insert_entry(conn, _at(store), head.seq + 1, head.hash, actor, "audit.seal",
                              scope, {"after": after, ROWS: digest})
    finally:
        conn.info.pop(_TX, None)
        integrity.forget(conn)


_HEAD: list[str] = []


def _schema_current(conn: Connection) -> bool:
    """Whether the database is at this code's newest schema (the seals read its tables)."""
    if "alembic_version" not in integrity.table_names(conn):
        return False
    if not _HEAD:
        from ..migrate import head_revision

        _HEAD.append(head_revision())
    tx = conn.info[_TX]
    tx["busy"] = True
    try:
        current = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        tx["busy"] = False
    return current == _HEAD[0]


@sa.event.listens_for(Engine, "rollback")
@sa.event.listens_for(Engine, "begin")
def _on_rollback(conn):
    """A transaction starts with nothing noted, and what a rolled-back one noted is dropped."""
    conn.info.pop(_TX, None)
    integrity.forget(conn)


#: How many rows apart :class:`_ScopeSeals` keeps the hash of its list's beginning.
_STEP = 16


class _ScopeSeals:
    """A scope's seals while entries are appended in memory: its digest after each entry
    (:func:`.integrity.scope_digest`: the SHA-256 of the sorted ``[table, key, hash]`` triples
    as one JSON list).  The triples are kept sorted with their JSON texts (UTF-8, each with the
    comma that follows it in the list), and the hash of the list's first 16, 32, 48... texts
    is kept too: a digest hashes again only from the first row written since the one before
    (an answer pushed, an evidence item added), not the whole list, joining the texts of each
    16 in one call."""

    def __init__(self, kept: dict[tuple[str, str], tuple[str, int]]):
        self.kept = kept
        self.hashes = {k: h for k, (h, _) in kept.items()}
        self.order = sorted(self.hashes)
        self.texts = {k: self._text(k, h) for k, h in self.hashes.items()}
        # _states[j]: "[" and the texts of order[:j * _STEP] hashed, each followed by ","
        self._states = [hashlib.sha256(b"[")]

    @staticmethod
    def _text(key: tuple[str, str], digest: str) -> bytes:
        """``canonical([table, key, hash])`` and a comma, as UTF-8: each string quoted by the
        encoder :func:`.integrity.canonical` uses for strings."""
        return f"[{_quote(key[0])},{_quote(key[1])},{_quote(digest)}],".encode()

    def put(self, key: tuple[str, str], digest: str) -> bool:
        """Seal one row; whether its seal changed."""
        old = self.hashes.get(key)
        if old == digest:
            return False
        at = bisect.bisect_left(self.order, key)
        if old is None:
            self.order.insert(at, key)
        del self._states[at // _STEP + 1:]  # those that hashed the row's place
        self.hashes[key] = digest
        self.texts[key] = self._text(key, digest)
        return True

    def put_many(self, rows: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
        """Seal several rows, as :meth:`put` one by one would; the keys whose seals changed,
        in the order given (the rows an entry seals: an assessment's answers, its results)."""
        hashes = self.hashes
        changed = [k for k, d in rows.items() if hashes.get(k) != d]
        if not changed:
            return changed
        new = [k for k in changed if k not in hashes]
        at = bisect.bisect_left(self.order, min(changed))  # the first place written
        del self._states[at // _STEP + 1:]
        text = self._text
        for k in changed:
            d = hashes[k] = rows[k]
            self.texts[k] = text(k, d)
        if new:
            self.order.extend(new)
            self.order.sort()
        return changed

    def digest(self) -> str:
        order, text, states = self.order, self.texts.__getitem__, self._states
        h = states[-1].copy()
        i, n = (len(states) - 1) * _STEP, len(order)
        while i + _STEP < n:  # whole steps, a text left after them (it takes no comma)
            h.update(b"".join(map(text, order[i:i + _STEP])))
            i += _STEP
            states.append(h.copy())
        h.update(b"".join(map(text, order[i:]))[:-1] + b"]")
        return h.hexdigest()


@contextmanager
def unnoted(conn: Connection) -> Iterator[None]:
    """Writes made in this block are not noted for sealing: the caller seals them itself,
    with :func:`append_many` in the same transaction."""
    tx = _state(conn)
    was = tx["busy"]
    tx["busy"] = True
    try:
        yield
    finally:
        tx["busy"] = was


def _scopes_of_log(entries) -> tuple[dict[str, tuple[int, str, str]], set[str], set[str]]:
    """From the log: the last sealing entry of each scope ``(seq, digest, action)``, the
    scopes with entries from before tamper evidence, and those sealed by a baseline."""
    last: dict[str, tuple[int, str, str]] = {}
    legacy: set[str] = set()
    baselined: set[str] = set()
    for e in entries:
        scope = integrity.scope_of_entity(e.entity)
        if scope is None:
            continue
        try:
            payload = json.loads(e.payload)
        except ValueError:  # an edited entry: the chain check names it
            continue
        digest = payload.get(ROWS) if isinstance(payload, dict) else None
        if isinstance(digest, str):
            last[scope] = (e.seq, digest, e.action)
            if e.action == "audit.baseline":
                baselined.add(scope)
        else:
            legacy.add(scope)
    return last, legacy, baselined


def seal_baseline(store: Store, actor) -> tuple[int, int, list[str]]:
    """Seal the rows written before this database had tamper evidence, as they are now (an
    admin, once they are checked): one ``audit.baseline`` entry per record that has entries
    from before and rows never sealed.  Rows already sealed keep their seals (a row changed
    behind the engine's back stays named), and records no audit entry ever wrote are left out
    (they are named ``added``).  Returns ``(records sealed, rows sealed, records left out)``."""
    from .._common import refresh, require_admin

    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.seal_rows"))
        entries = conn.execute(sa.select(audit_log.c.seq, audit_log.c.entity,
                                         audit_log.c.payload, audit_log.c.action)
                               .order_by(audit_log.c.seq)).all()
        last, legacy, baselined = _scopes_of_log(entries)
        current = integrity.all_rows(conn)
        seals = integrity.sealed(conn)
        tx = _state(conn)
        done = rows = 0
        left = sorted(s for s in current if s not in legacy and s not in last)
        for scope in sorted(s for s in current if s in legacy and s not in baselined):
            new = [k for k in current[scope] if k not in seals.get(scope, {})]
            if not new:
                continue
            h = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)
                             .where(audit_head.c.id == 1).with_for_update()).one()
            digest = _seal(conn, tx, scope, h.seq + 1, force=True, baseline=True)
            _insert_entry(conn, _at(store), h.seq + 1, h.hash, actor.user_id, "audit.baseline",
                          scope,
                          {"rows": len(new), ROWS: digest})
            done, rows = done + 1, rows + len(new)
    return done, rows, left
