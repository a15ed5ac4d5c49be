"""Appending entries inside the caller's transaction: one (:func:`append`), or many in order
with the chain computed in memory (:func:`append_many`, for bulk writes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import integrity
from .._bulk import insert_rows
from ..engine import Store
from ..schema import audit_head, audit_log
from .chain import _at, _insert_entry, canonical, entry_hash
from .seals import ROWS, _ScopeSeals, _seal, _sealing, _state

__all__ = ["Pending", "append", "append_many"]


def append(conn: Connection, store: Store, actor: str, action: str, entity: str,
           payload: dict[str, Any]) -> tuple[int, str]:
    """Append one entry inside the caller's transaction; return its ``(seq, hash)``.

    The head is read with a row lock (PostgreSQL; SQLite writers already hold the write lock),
    so concurrent writers queue instead of forking the chain.  When the entity is a scope of
    business rows (``assessment:ID``, ``user:ID``, ``institution:ID``, ``standard:PK``,
    ``programme``), the rows this transaction wrote in it are sealed as written by this entry
    and the payload gets ``rows_sha256``, the digest of the scope's seals (see
    :mod:`.integrity`); rows written after the entry, in the same transaction, are sealed by an
    ``audit.seal`` entry at commit."""
    head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)
                        .where(audit_head.c.id == 1).with_for_update()).one()
    seq = head.seq + 1
    tx = _state(conn)
    scope = integrity.scope_of_entity(entity)
    if scope is not None and _sealing(conn, tx):
        payload = {**payload, ROWS: _seal(conn, tx, scope, seq, force=True)}
    tx["appended"] = True
    tx["store"], tx["actor"], tx["seq"] = store, actor, seq
    return _insert_entry(conn, _at(store), seq, head.hash, actor, action, entity, payload)


# the statements of every bulk append, made once (a statement built for each call cost about
# as much as its execution: a push's three took a tenth of its time)
_HEAD = sa.select(audit_head.c.seq, audit_head.c.hash).where(
    audit_head.c.id == 1).with_for_update()
_MOVE_HEAD = audit_head.update().where(audit_head.c.id == 1).values(
    seq=sa.bindparam("to_seq"), hash=sa.bindparam("to_hash"))
_RESEAL = integrity.row_seal.update().where(
    integrity.row_seal.c.scope == sa.bindparam("s"),
    integrity.row_seal.c.table_name == sa.bindparam("t"),
    integrity.row_seal.c.row_key == sa.bindparam("k")).values(
    row_hash=sa.bindparam("h"), seq=sa.bindparam("q"))


@dataclass
class Pending:
    """One entry for :func:`append_many`: ``rows`` are the rows of its entity's scope it
    seals, ``{(table, key): row hash}`` (as :func:`.integrity.rows_of` reads them)."""

    action: str
    entity: str
    payload: dict[str, Any]
    rows: dict[tuple[str, str], str] = field(default_factory=dict)


def append_many(conn: Connection, store: Store, actor: str, entries: list[Pending]
                ) -> list[tuple[int, str]]:
    """Append ``entries`` in order inside the caller's transaction, as :func:`append` would
    one by one (each entry of a scope seals its ``rows`` and carries the digest of the
    scope's seals then), the chain computed in memory and written in one statement per
    table; return each entry's ``(seq, hash)``.  The rows must have been written inside
    :func:`unnoted` (or not at all in this transaction)."""
    if not entries:
        return []
    head = conn.execute(_HEAD).one()
    tx = _state(conn)
    sealing = _sealing(conn, tx)
    scope_of = {e.entity: integrity.scope_of_entity(e.entity) for e in entries}
    scopes = {s for s in scope_of.values() if s}
    state: dict[str, _ScopeSeals] = {}
    if sealing and scopes:
        tx["busy"] = True
        try:
            kept = integrity.sealed_of(conn, sorted(scopes))
        finally:
            tx["busy"] = False
        state = {s: _ScopeSeals(kept.get(s, {})) for s in scopes}
    at = _at(store)
    seq, prev = head.seq, head.hash
    log, seals_new, seals_changed, out = [], [], [], []
    for e in entries:
        seq += 1
        payload = e.payload
        scope = scope_of[e.entity]
        if scope is not None and sealing:
            seals = state[scope]
            kept = seals.kept
            for key in seals.put_many(e.rows) if len(e.rows) > 1 else [
                    k for k, d in e.rows.items() if seals.put(k, d)]:
                row = {"scope": scope, "table_name": key[0], "row_key": key[1],
                       "row_hash": e.rows[key], "seq": seq}
                (seals_changed if key in kept else seals_new).append(row)
            payload = {**payload, ROWS: seals.digest()}
        text = canonical(payload)
        digest = entry_hash(seq, at, actor, e.action, e.entity, text, prev)
        log.append({"seq": seq, "at": at, "actor": actor, "action": e.action,
                    "entity": e.entity, "payload": text, "prev_hash": prev, "hash": digest})
        out.append((seq, digest))
        prev = digest
    tx["busy"] = True
    try:
        insert_rows(conn, audit_log, log)
        if seals_new:
            # a row sealed twice in this call keeps the last of its seals
            last = {(r["scope"], r["table_name"], r["row_key"]): r for r in seals_new}
            insert_rows(conn, integrity.row_seal, list(last.values()))
        if seals_changed:  # in the order sealed: a row sealed twice keeps the last
            conn.execute(_RESEAL, [{"s": r["scope"], "t": r["table_name"], "k": r["row_key"],
                                    "h": r["row_hash"], "q": r["seq"]} for r in seals_changed])
        # the head moves once, over every entry just written (the trigger checks that they
        # are all there and follow it in order: migration 0013)
        conn.execute(_MOVE_HEAD, {"to_seq": log[-1]["seq"], "to_hash": log[-1]["hash"]})
    finally:
        tx["busy"] = False
    for scope in scopes:  # read again from the table if this transaction seals them later
        tx.setdefault("seals", {}).pop(scope, None)
    tx["appended"] = True
    tx["store"], tx["actor"], tx["seq"] = store, actor, seq
    return out
