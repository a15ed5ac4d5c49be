"""The audit trail: a hash-chained, append-only log of every change, written in the same
transaction as the change it records.

Each entry stores ``hash = sha256(canonical_json([seq, at, actor, action, entity, payload,
prev_hash]))`` where ``prev_hash`` is the hash of the entry before (64 zeros for the first), and
the one-row ``audit_head`` holds the last ``seq`` and ``hash``.  Changing, deleting, reordering
or removing the tail of the log breaks the chain; :func:`verify_audit` recomputes it and names
each entry that no longer fits.  Someone able to rewrite the whole tail *and* the head is caught
only by comparing with a head kept outside the database: a checkpoint file
(:func:`audit_checkpoint`) or the entry printed on a certificate.

Payloads are canonical JSON holding ids, codes and hashes, never names, e-mail addresses,
passwords or answer texts (answers are recorded by the SHA-256 of their value), so that the log
never has to be edited to erase personal data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import Problem, StoreError
from .engine import Store
from .schema import audit_head, audit_log, certificate

__all__ = ["GENESIS", "AuditEntry", "AuditFinding", "AuditReport", "append", "audit_checkpoint",
           "canonical", "entry_hash", "list_audit", "read_checkpoint", "value_hash",
           "verify_audit"]

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str)


def value_hash(value: Any) -> str:
    """SHA-256 of a value's canonical JSON: what the log records instead of the value."""
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def entry_hash(seq: int, at: str, actor: str, action: str, entity: str, payload: str,
               prev_hash: str) -> str:
    """The hash of one entry (``payload`` is its stored canonical JSON text)."""
    body = canonical([seq, at, actor, action, entity, payload, prev_hash])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(conn: Connection, store: Store, actor: str, action: str, entity: str,
           payload: dict[str, Any]) -> tuple[int, str]:
    """Append one entry inside the caller's transaction; return its ``(seq, hash)``.

    The head is read with a row lock (PostgreSQL; SQLite writers already hold the write lock),
    so concurrent writers queue instead of forking the chain."""
    head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)
                        .where(audit_head.c.id == 1).with_for_update()).one()
    seq = head.seq + 1
    at = store.now().isoformat(timespec="microseconds")
    text = canonical(payload)
    digest = entry_hash(seq, at, actor, action, entity, text, head.hash)
    conn.execute(audit_log.insert().values(seq=seq, at=at, actor=actor, action=action,
                                           entity=entity, payload=text, prev_hash=head.hash,
                                           hash=digest))
    conn.execute(audit_head.update().where(audit_head.c.id == 1).values(seq=seq, hash=digest))
    return seq, digest


@dataclass(frozen=True)
class AuditFinding:
    """One thing wrong with the log: ``kind`` is ``edited``, ``deleted``, ``reordered``,
    ``truncated``, ``rewritten`` (differs from a checkpoint), ``head`` or ``other database``
    (a checkpoint written from another database)."""

    seq: int
    kind: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class AuditReport:
    """The outcome of :func:`verify_audit`."""

    entries: int
    head_seq: int
    head_hash: str
    anchors_checked: int = 0
    findings: list[AuditFinding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def kinds(self) -> set[str]:
        return {f.kind for f in self.findings}


def _anchor(seq: Any, digest: Any, source: str) -> tuple[int, str, str]:
    if (isinstance(seq, bool) or not isinstance(seq, int) or seq < 0 or not isinstance(digest, str)
            or len(digest) != 64):
        raise StoreError(Problem("a checkpoint needs a whole number 'seq' and a 64-digit "
                                 "'hash'", file=source))
    return seq, digest.lower(), source


def read_checkpoint(path: str | Path) -> tuple[int, str, str]:
    """``(seq, hash, where)`` from a checkpoint file written by ``seal audit checkpoint``
    (JSON ``{"seq": ..., "hash": ...}``)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise StoreError(Problem(f"cannot read the checkpoint: {e.strerror}",
                                 file=str(path))) from None
    except ValueError as e:
        raise StoreError(Problem(f"a checkpoint is JSON ({e})", file=str(path))) from None
    if not isinstance(data, dict):
        raise StoreError(Problem("a checkpoint is a JSON object {seq, hash}", file=str(path)))
    seq, digest, where = _anchor(data.get("seq"), data.get("hash"), str(path))
    first = data.get("first")
    if isinstance(first, str) and len(first) == 64:
        return seq, digest, where, first.lower()  # type: ignore[return-value]
    return seq, digest, where


def audit_checkpoint(store: Store) -> dict[str, Any]:
    """The current head as a checkpoint to keep outside the database:
    ``{"seq", "hash", "at", "database"}``."""
    with store.read() as conn:
        head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).one()
        first = conn.execute(sa.select(audit_log.c.hash).where(audit_log.c.seq == 1)
                             ).scalar_one_or_none()
    return {"seq": head.seq, "hash": head.hash, "first": first,
            "at": store.now().isoformat(timespec="seconds"), "database": store.shown_url}


def verify_audit(store: Store, checkpoints: list[tuple[int, str, str]] = ()) -> AuditReport:
    """Recompute the chain and compare it with the head, with the entries certificates name and
    with the given checkpoints ``(seq, hash, where)``; name every entry that does not fit."""
    with store.read() as conn:
        head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).one()
        rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)).all()
        anchors = [(r.audit_seq, r.audit_hash, f"certificate {r.id}") for r in conn.execute(
            sa.select(certificate.c.id, certificate.c.audit_seq, certificate.c.audit_hash))]
    anchors += list(checkpoints)
    report = AuditReport(len(rows), head.seq, head.hash, anchors_checked=len(anchors))
    add = report.findings.append
    by_hash = {r.hash: r for r in rows}
    depth: dict[str, int | None] = {}
    prev, expected, prev_flagged = GENESIS, 1, False
    for row in rows:
        found_before = len(report.findings)
        if row.seq > expected:
            gap = (f"entry {expected}" if row.seq == expected + 1
                   else f"entries {expected} to {row.seq - 1}")
            add(AuditFinding(expected, "deleted", f"{gap} missing: deleted from the log"))
        own = entry_hash(row.seq, row.at, row.actor, row.action, row.entity, row.payload,
                         row.prev_hash)
        if own != row.hash:
            home = _belongs_at(row, by_hash, depth)
            if home is not None and home != row.seq:
                add(AuditFinding(row.seq, "reordered",
                                 f"entry {row.seq} ({row.action}) was moved: it was written as "
                                 f"entry {home}; the log was reordered"))
            else:
                add(AuditFinding(row.seq, "edited",
                                 f"entry {row.seq} ({row.action}, {row.at}) was edited: its "
                                 "content no longer gives its hash"))
        elif row.prev_hash != prev and row.seq == expected and not prev_flagged:
            if row.prev_hash in by_hash or row.prev_hash == GENESIS:
                add(AuditFinding(row.seq, "reordered",
                                 f"entry {row.seq} follows entry "
                                 f"{by_hash[row.prev_hash].seq if row.prev_hash in by_hash else 0}"
                                 ", not the one before it: the log was reordered"))
            else:
                add(AuditFinding(row.seq - 1, "edited",
                                 f"entry {row.seq - 1} was rewritten (entry {row.seq} no longer "
                                 "follows it)" if row.seq > 1 else
                                 "entry 1 does not start the chain"))
        prev, expected = row.hash, row.seq + 1
        prev_flagged = len(report.findings) > found_before
    last_seq = rows[-1].seq if rows else 0
    last_hash = rows[-1].hash if rows else GENESIS
    if head.seq > last_seq:
        add(AuditFinding(last_seq + 1, "truncated",
                         f"the log ends at entry {last_seq} but its head says {head.seq}: "
                         f"entries {last_seq + 1} to {head.seq} were removed"))
    elif head.seq < last_seq or head.hash != last_hash:
        add(AuditFinding(head.seq, "head", f"the head (entry {head.seq}) does not match the "
                         f"last entry of the log ({last_seq})"))
    by_seq = {r.seq: r for r in rows}
    first = by_seq[1].hash if 1 in by_seq else None
    for anchor in anchors:
        seq, digest, where = anchor[:3]
        if len(anchor) > 3 and first is not None and anchor[3] != first:
            add(AuditFinding(0, "other database",
                             f"{where} was written from another database: its audit trail "
                             "starts with another entry 1 (check SEAL_DATABASE_URL and "
                             "SEAL_DATA_DIR)"))
            continue
        if seq > last_seq:
            add(AuditFinding(seq, "truncated", f"{where} names entry {seq}, but the log ends at "
                             f"entry {last_seq}: entries were removed from its end"))
        elif seq and (seq not in by_seq or by_seq[seq].hash != digest):
            add(AuditFinding(seq, "rewritten", f"entry {seq} is not the one {where} names: "
                             f"the log was rewritten at or before entry {seq}"))
    return report


def _belongs_at(row, by_hash, depth: dict[str, int | None]) -> int | None:
    """The position an entry was written at, found by following ``prev_hash`` links back to
    the start (links survive a reordering): when its content hashes right there, the entry was
    moved, not edited."""
    home = _depth(row.prev_hash, by_hash, depth)
    if home is None:
        return None
    home += 1
    own = entry_hash(home, row.at, row.actor, row.action, row.entity, row.payload,
                     row.prev_hash)
    return home if own == row.hash else None


def _depth(digest: str, by_hash, memo: dict[str, int | None]) -> int | None:
    """How many entries precede and include the one with ``digest`` along the links."""
    path = []
    while digest not in memo:
        if digest == GENESIS:
            memo[digest] = 0
            break
        row = by_hash.get(digest)
        if row is None or digest in path:
            memo[digest] = None
            break
        path.append(digest)
        digest = row.prev_hash
    value = memo[digest]
    for d in reversed(path):
        value = None if value is None else value + 1
        memo[d] = value
    return memo[path[0]] if path else value


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the audit trail as an administrator reads it: ``actor`` is the user's
    display name (or 'the command line'), ``actor_id`` what the log holds."""

    seq: int
    at: str
    actor_id: str
    actor: str
    action: str
    entity: str
    payload: dict[str, Any]
    hash: str


def list_audit(store: Store, actor, *, limit: int = 100, before: int | None = None,
               action: str | None = None) -> list[AuditEntry]:
    """The newest entries of the audit trail (admin): at most ``limit``, those numbered below
    ``before`` when given (to page back), only those whose action starts with ``action`` when
    given (``"review."``, ``"session."``)."""
    from ._common import SYSTEM, SYSTEM_ID, refresh, require_admin
    from .schema import app_user

    limit = max(1, min(int(limit), 1000))
    with store.read() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, "read the audit trail")
        query = sa.select(audit_log, app_user.c.display_name).outerjoin(
            app_user, app_user.c.id == audit_log.c.actor)
        if before is not None:
            query = query.where(audit_log.c.seq < int(before))
        if action:
            query = query.where(audit_log.c.action.startswith(action, autoescape=True))
        rows = conn.execute(query.order_by(audit_log.c.seq.desc()).limit(limit)).all()
    out = []
    for r in rows:
        who = SYSTEM.display_name if r.actor == SYSTEM_ID else (r.display_name
                                                                 or f"user {r.actor}")
        try:
            payload = json.loads(r.payload)
        except ValueError:
            payload = {"unreadable": r.payload}
        out.append(AuditEntry(r.seq, r.at, r.actor, who, r.action, r.entity,
                              payload if isinstance(payload, dict) else {"value": payload},
                              r.hash))
    return out
