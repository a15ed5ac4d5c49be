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

The business rows are tied to the chain (see :mod:`.integrity`): an entry seals the rows its
transaction wrote in the record it names and carries the digest of that record's seals
(``rows_sha256``), so :func:`verify_audit` also names every row changed, added or deleted behind
the engine's back.  Checkpoints may be signed with the programme's key (:func:`audit_checkpoint`)
and are then trusted only once their signature holds.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.dml import Delete, Insert, Update

from ..errors import Problem, StoreError
from ..messages import say
from . import integrity
from .engine import Store
from .schema import audit_head, audit_log, certificate

__all__ = ["GENESIS", "AuditEntry", "AuditFinding", "AuditReport", "Checkpoint", "Pending",
           "append", "append_many", "audit_checkpoint", "canonical", "entry_hash", "list_audit",
           "read_checkpoint", "seal_baseline", "unnoted", "value_hash", "verify_audit"]

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


def _at(store: Store | None) -> str:
    now = store.now() if store is not None else dt.datetime.now(dt.UTC)
    return now.isoformat(timespec="microseconds")


def _insert_entry(conn: Connection, at: str, seq: int, prev: str, actor: str,
                  action: str, entity: str, payload: dict[str, Any]) -> tuple[int, str]:
    text = canonical(payload)
    digest = entry_hash(seq, at, actor, action, entity, text, prev)
    conn.execute(audit_log.insert().values(seq=seq, at=at, actor=actor, action=action,
                                           entity=entity, payload=text, prev_hash=prev,
                                           hash=digest))
    conn.execute(audit_head.update().where(audit_head.c.id == 1).values(seq=seq, hash=digest))
    return seq, digest


@dataclass
class Pending:
    """One entry for :func:`append_many`: ``rows`` are the rows of its entity's scope it
    seals, ``{(table, key): row hash}`` (as :func:`.integrity.rows_of` reads them)."""

    action: str
    entity: str
    payload: dict[str, Any]
    rows: dict[tuple[str, str], str] = field(default_factory=dict)


class _ScopeSeals:
    """A scope's seals while entries are appended in memory: its digest after each entry
    (:func:`.integrity.scope_digest`, kept sorted so that each digest is one join and one
    hash, not a sort and a JSON dump of every row)."""

    def __init__(self, kept: dict[tuple[str, str], tuple[str, int]]):
        self.kept = kept
        self.hashes = {k: h for k, (h, _) in kept.items()}
        self.order = sorted(self.hashes)
        self.texts = {k: self._text(k, h) for k, h in self.hashes.items()}

    @staticmethod
    def _text(key: tuple[str, str], digest: str) -> str:
        return json.dumps([key[0], key[1], digest], separators=(",", ":"), ensure_ascii=False)

    def put(self, key: tuple[str, str], digest: str) -> bool:
        """Seal one row; whether its seal changed."""
        old = self.hashes.get(key)
        if old == digest:
            return False
        if old is None:
            bisect.insort(self.order, key)
        self.hashes[key] = digest
        self.texts[key] = self._text(key, digest)
        return True

    def digest(self) -> str:
        body = "[" + ",".join(self.texts[k] for k in self.order) + "]"
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


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


def append_many(conn: Connection, store: Store, actor: str, entries: list[Pending]
                ) -> list[tuple[int, str]]:
    """Append ``entries`` in order inside the caller's transaction, as :func:`append` would
    one by one (each entry of a scope seals its ``rows`` and carries the digest of the
    scope's seals then), the chain computed in memory and written in one statement per
    table; return each entry's ``(seq, hash)``.  The rows must have been written inside
    :func:`unnoted` (or not at all in this transaction)."""
    if not entries:
        return []
    head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)
                        .where(audit_head.c.id == 1).with_for_update()).one()
    tx = _state(conn)
    sealing = _sealing(conn, tx)
    scopes = {s for s in (integrity.scope_of_entity(e.entity) for e in entries) if s}
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
        scope = integrity.scope_of_entity(e.entity)
        if scope is not None and sealing:
            seals = state[scope]
            for key, digest in e.rows.items():
                if seals.put(key, digest):
                    row = {"scope": scope, "table_name": key[0], "row_key": key[1],
                           "row_hash": digest, "seq": seq}
                    (seals_changed if key in seals.kept else seals_new).append(row)
            payload = {**payload, ROWS: seals.digest()}
        text = canonical(payload)
        digest = entry_hash(seq, at, actor, e.action, e.entity, text, prev)
        log.append({"seq": seq, "at": at, "actor": actor, "action": e.action,
                    "entity": e.entity, "payload": text, "prev_hash": prev, "hash": digest})
        out.append((seq, digest))
        prev = digest
    tx["busy"] = True
    try:
        conn.execute(audit_log.insert(), log)
        if seals_new:
            # a row sealed twice in this call keeps the last of its seals
            last = {(r["scope"], r["table_name"], r["row_key"]): r for r in seals_new}
            conn.execute(integrity.row_seal.insert(), list(last.values()))
        for r in seals_changed:
            conn.execute(integrity.row_seal.update().where(
                integrity.row_seal.c.scope == r["scope"],
                integrity.row_seal.c.table_name == r["table_name"],
                integrity.row_seal.c.row_key == r["row_key"]).values(
                row_hash=r["row_hash"], seq=r["seq"]))
        # the head moves one entry at a time (a trigger refuses a jump): one statement
        # executed for each entry
        conn.execute(audit_head.update().where(audit_head.c.id == 1).values(
            seq=sa.bindparam("new_seq"), hash=sa.bindparam("new_hash")),
            [{"new_seq": r["seq"], "new_hash": r["hash"]} for r in log])
    finally:
        tx["busy"] = False
    for scope in scopes:  # read again from the table if this transaction seals them later
        tx.setdefault("seals", {}).pop(scope, None)
    tx["appended"] = True
    tx["store"], tx["actor"], tx["seq"] = store, actor, seq
    return out


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
            from ._common import SYSTEM_ID

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
        from .migrate import head_revision

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


@dataclass(frozen=True)
class AuditFinding:
    """One thing wrong with the log or the data it seals.  ``kind``, for the log: ``edited``,
    ``deleted``, ``reordered``, ``truncated``, ``rewritten`` (differs from a checkpoint),
    ``head``, ``other database`` (a checkpoint written from another database) or ``forged`` (a
    signed checkpoint whose signature does not hold); for business rows (``table``, ``key`` and
    ``scope`` set): ``changed``, ``added`` or ``deleted`` behind the engine's back, ``seals``
    (a record's seals no longer match its audit entry) or ``unsealed`` (rows written before the
    database had tamper evidence, reported once).  ``seq`` is the entry concerned: for a row,
    the last entry that wrote it (0 when none did)."""

    seq: int
    kind: str
    message: str
    table: str | None = None
    key: str | None = None
    scope: str | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class AuditReport:
    """The outcome of :func:`verify_audit`: ``rows_checked`` business rows were recomputed;
    ``unsealed`` lists the records holding rows written before tamper evidence."""

    entries: int
    head_seq: int
    head_hash: str
    anchors_checked: int = 0
    findings: list[AuditFinding] = field(default_factory=list)
    rows_checked: int = 0
    unsealed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def kinds(self) -> set[str]:
        return {f.kind for f in self.findings}


class Checkpoint(NamedTuple):
    """A head kept outside the database: entry ``seq`` has ``hash``; ``first`` is the hash of
    entry 1 (which database it came from); ``token`` the JWS signing it, when signed."""

    seq: int
    hash: str
    where: str
    first: str | None = None
    token: str | None = None


CHECKPOINT_TYPE = "seal-engine audit checkpoint"


def _anchor(seq: Any, digest: Any, source: str) -> tuple[int, str, str]:
    if (isinstance(seq, bool) or not isinstance(seq, int) or seq < 0 or not isinstance(digest, str)
            or len(digest) != 64):
        raise StoreError(Problem(say("store.checkpoint_shape"), file=source))
    return seq, digest.lower(), source


def _token_claims(token: str, source: str) -> dict[str, Any]:
    """The claims of a checkpoint's token, not yet verified (verify_audit checks the
    signature before trusting them)."""
    import base64

    parts = token.strip().split(".")
    try:
        if len(parts) != 3:
            raise ValueError
        body = parts[1] + "=" * (-len(parts[1]) % 4)
        claims = json.loads(base64.urlsafe_b64decode(body.encode("ascii")))
    except (ValueError, UnicodeError):
        raise StoreError(Problem(say("store.checkpoint_not_jws"), file=source,
                                 field="token")) from None
    if not isinstance(claims, dict) or claims.get("typ") != CHECKPOINT_TYPE:
        raise StoreError(Problem(say("store.checkpoint_typ", typ=CHECKPOINT_TYPE), file=source,
                                 field="token"))
    return claims


def read_checkpoint(path: str | Path) -> Checkpoint:
    """The checkpoint in a file written by ``seal audit checkpoint``: JSON ``{"seq", "hash",
    "first", ...}``, with ``token`` when it is signed (then its signed claims are what counts,
    and the readable fields must say the same), or the bare signed token."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise StoreError(Problem(say("store.checkpoint_unreadable", reason=e.strerror),
                                 file=str(path))) from None
    except UnicodeDecodeError:
        raise StoreError(Problem(say("store.checkpoint_utf8"), file=str(path))) from None
    where = str(path)
    if text.strip().count(".") == 2 and not text.strip().startswith("{"):
        data: Any = {"token": text.strip()}
    else:
        try:
            data = json.loads(text)
        except ValueError as e:
            raise StoreError(Problem(say("store.checkpoint_json", reason=str(e)),
                                     file=where)) from None
    if not isinstance(data, dict):
        raise StoreError(Problem(say("store.checkpoint_object"), file=where))
    token = data.get("token")
    if token is not None:
        if not isinstance(token, str):
            raise StoreError(Problem(say("store.checkpoint_token_text"), file=where,
                                     field="token"))
        claims = _token_claims(token, where)
        for name, claim in (("seq", "seq"), ("hash", "hash"), ("first", "database")):
            if name in data and data[name] != claims.get(claim):
                raise StoreError(Problem(
                    say("store.checkpoint_edited", name=name, given=repr(data[name]),
                        signed=repr(claims.get(claim))),
                    file=where, field=name))
        seq, digest, _ = _anchor(claims.get("seq"), claims.get("hash"), where)
        first = claims.get("database")
        return Checkpoint(seq, digest, where, first.lower() if isinstance(first, str) else None,
                          token.strip())
    seq, digest, _ = _anchor(data.get("seq"), data.get("hash"), where)
    first = data.get("first")
    return Checkpoint(seq, digest, where,
                      first.lower() if isinstance(first, str) and len(first) == 64 else None)


def audit_checkpoint(store: Store, key=None) -> dict[str, Any]:
    """The current head as a checkpoint to keep outside the database:
    ``{"seq", "hash", "first", "at", "database"}``; signed when ``key`` (a
    :class:`seal_engine.signing.SigningKey`, the programme's) is given: ``token`` is then a
    JWS of ``{"typ", "database" (the hash of entry 1, naming the database), "seq", "hash",
    "at"}`` and ``kid`` its key."""
    with store.read() as conn:
        head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).one()
        first = conn.execute(sa.select(audit_log.c.hash).where(audit_log.c.seq == 1)
                             ).scalar_one_or_none()
    at = store.now().isoformat(timespec="seconds")
    out = {"seq": head.seq, "hash": head.hash, "first": first, "at": at,
           "database": store.shown_url}
    if key is not None:
        from ..signing import sign

        out["token"] = sign({"typ": CHECKPOINT_TYPE, "database": first, "seq": head.seq,
                             "hash": head.hash, "at": at,
                             "iat": int(store.now().timestamp())}, key)
        out["kid"] = key.kid
    return out


def store_jwks(conn: Connection) -> dict[str, Any]:
    """The public keys the store keeps (every key that signed for the programme), as a JWKS."""
    from .schema import metadata

    keys: list[dict[str, Any]] = []
    table = metadata.tables.get("signing_key")
    if table is not None and table.name in integrity.table_names(conn):
        for r in conn.execute(sa.select(table.c.jwk)):
            try:
                jwk = json.loads(r.jwk)
            except ValueError:
                continue
            if isinstance(jwk, dict):
                keys.append(jwk)
    return {"keys": keys}


def _signed_anchor(anchor: Checkpoint, jwks: dict[str, Any]) -> AuditFinding | None:
    """A finding when a signed checkpoint's signature does not hold against ``jwks``."""
    from ..errors import SignatureError
    from ..signing import verify

    try:
        claims = verify(anchor.token, jwks)
    except SignatureError as e:
        reason = {"unknown_key": "it is signed by a key the programme does not publish",
                  "bad_signature": "its signature does not hold: it was changed or signed "
                                   "by another key",
                  "malformed": "it is not a valid token"}.get(getattr(e, "code", ""), str(e))
        return AuditFinding(anchor.seq, "forged", f"checkpoint {anchor.where} is not genuine "
                            f"({reason}); it was not used")
    if (claims.get("seq"), claims.get("hash")) != (anchor.seq, anchor.hash):
        return AuditFinding(anchor.seq, "forged", f"checkpoint {anchor.where} says entry "
                            f"{anchor.seq} but its signed token does not; it was not used")
    return None


def verify_audit(store: Store, checkpoints: list[tuple] = (), *,
                 jwks: dict[str, Any] | None = None) -> AuditReport:
    """Recompute the chain and compare it with the head, with the entries certificates name and
    with the given checkpoints (:class:`Checkpoint` or ``(seq, hash, where)``); name every entry
    that does not fit.  A signed checkpoint is used only once its signature holds against
    ``jwks`` (default: the public keys the store keeps); a forged one is named.  Then recompute
    every business row and name each one changed, added or deleted behind the engine's back."""
    with store.read() as conn:
        head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).one()
        rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)).all()
        anchors: list[tuple] = [(r.audit_seq, r.audit_hash, f"certificate {r.id}")
                                for r in conn.execute(sa.select(
                                    certificate.c.id, certificate.c.audit_seq,
                                    certificate.c.audit_hash))]
        signed = [a for a in checkpoints if isinstance(a, Checkpoint) and a.token]
        keys = (jwks if jwks is not None else store_jwks(conn)) if signed else {}
        row_data = _rows_data(conn) \
            if integrity.row_seal.name in integrity.table_names(conn) else None
    report = AuditReport(len(rows), head.seq, head.hash)
    add = report.findings.append
    for anchor in checkpoints:
        if isinstance(anchor, Checkpoint) and anchor.token:
            forged = _signed_anchor(anchor, keys)
            if forged is not None:
                add(forged)
                continue
        anchors.append(anchor)
    report.anchors_checked = len(anchors)
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
        origin = anchor[3] if len(anchor) > 3 else None
        if origin is not None and first is not None and origin != first:
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
    if row_data is not None:
        # entries the chain check named, or missing, say nothing about the rows they sealed
        bad = {f.seq for f in report.findings} | (set(range(1, last_seq + 1)) - set(by_seq))
        findings, report.rows_checked, report.unsealed = _rows_report(
            row_data, [r for r in rows if r.seq not in bad], bad, last_seq,
            "truncated" in report.kinds())
        report.findings.extend(findings)
    return report


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


def _labels(conn: Connection) -> dict[str, str]:
    """How a person names each record: an assessment by its code, a user by e-mail, an
    institution by its code, a standard by id and version."""
    from .schema import app_user, assessment, institution, standard

    out = {"programme": "the programme"}
    for r in conn.execute(sa.select(assessment.c.id, assessment.c.code)):
        out[f"assessment:{r.id}"] = f"assessment {r.code}"
    for r in conn.execute(sa.select(app_user.c.id, app_user.c.email)):
        out[f"user:{r.id}"] = f"user {r.email}"
    for r in conn.execute(sa.select(institution.c.id, institution.c.code)):
        out[f"institution:{r.id}"] = f"institution {r.code}"
    for r in conn.execute(sa.select(standard.c.id, standard.c.standard_id, standard.c.version)):
        out[f"standard:{r.id}"] = f"standard {r.standard_id} v{r.version}"
    return out


def _rows_data(conn: Connection):
    return (integrity.all_rows(conn), integrity.sealed(conn), _labels(conn),
            integrity.content_findings(conn))


def _rows_report(data, entries, bad: set[int], last_seq: int, truncation_named: bool
                 ) -> tuple[list[AuditFinding], int, list[str]]:
    """Every business row recomputed against its seal, and every record's seals against the
    last audit entry that sealed it (``entries``: those the chain check found sound; seals
    written by an entry in ``bad`` are the chain check's business, and seals written by an
    entry past the log's end name a truncation, unless one is named already)."""
    current, seals, labels, contents = data
    last, legacy, baselined = _scopes_of_log(entries)
    actions = {e.seq: e.action for e in entries}
    out: list[AuditFinding] = []

    def label(scope: str) -> str:
        return labels.get(scope, scope.replace(":", " "))

    for scope in sorted(set(seals) | set(last)):
        beyond = max((seq for _, seq in seals.get(scope, {}).values() if seq > last_seq),
                     default=0)
        if beyond:
            if not truncation_named:
                out.append(AuditFinding(beyond, "truncated", f"the seals of {label(scope)} "
                                        f"were written by audit entry {beyond}, past the end "
                                        f"of the log (entry {last_seq}): entries were removed "
                                        "from its end, or the seals were forged",
                                        table=integrity.row_seal.name, scope=scope))
            continue
        if any(seq in bad for _, seq in seals.get(scope, {}).values()):
            continue
        got = integrity.scope_digest({k: h for k, (h, _) in seals.get(scope, {}).items()})
        if scope not in last:
            out.append(AuditFinding(0, "seals", f"{label(scope)} has seals no audit entry "
                                    "wrote: they were added behind the engine's back",
                                    table=integrity.row_seal.name, scope=scope))
        elif got != last[scope][1]:
            seq, _, action = last[scope]
            out.append(AuditFinding(seq, "seals", f"the seals of {label(scope)} do not match "
                                    f"audit entry {seq} ({action}) that wrote them: its rows "
                                    "were changed behind the engine's back together with their "
                                    "seals", table=integrity.row_seal.name, scope=scope))
    unsealed: dict[str, int] = {}
    for f in integrity.row_findings(current, seals, set(current) | set(seals)):
        where = f"{f.table} row {integrity.key_text(f.key)} of {label(f.scope)}"
        if f.kind == "added" and f.scope in legacy and f.scope not in baselined:
            unsealed[f.scope] = unsealed.get(f.scope, 0) + 1
            continue
        if f.kind == "added":
            text = f"{where} was added behind the engine's back (no audit entry wrote it)"
        elif f.kind == "changed":
            text = (f"{where} was changed behind the engine's back (it no longer matches "
                    f"what audit entry {f.seq} ({actions.get(f.seq, '?')}) wrote)")
        else:
            text = (f"{where} was deleted behind the engine's back (last written by audit "
                    f"entry {f.seq}, {actions.get(f.seq, '?')})")
        out.append(AuditFinding(f.seq, f.kind, text, table=f.table, key=f.key, scope=f.scope))
    for table_name, key, kind, what in contents:
        out.append(AuditFinding(0, kind, f"{table_name} {integrity.key_text(key)}: {what}",
                                table=table_name, key=key))
    if unsealed:
        count = sum(unsealed.values())
        out.append(AuditFinding(0, "unsealed", f"{count} row(s) of {len(unsealed)} record(s) "
                                "were written before this database had tamper evidence and "
                                "are not sealed, so changes to them cannot be told: check "
                                "them, then seal them as they are with seal audit baseline"))
    return out, sum(len(v) for v in current.values()), sorted(unsealed)


def seal_baseline(store: Store, actor) -> tuple[int, int, list[str]]:
    """Seal the rows written before this database had tamper evidence, as they are now (an
    admin, once they are checked): one ``audit.baseline`` entry per record that has entries
    from before and rows never sealed.  Rows already sealed keep their seals (a row changed
    behind the engine's back stays named), and records no audit entry ever wrote are left out
    (they are named ``added``).  Returns ``(records sealed, rows sealed, records left out)``."""
    from ._common import refresh, require_admin

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
    display name (or 'the command line'), ``actor_id`` what the log holds; ``rows_sha256`` the
    digest of the seals of the record it wrote (kept apart from the ``payload`` it shows)."""

    seq: int
    at: str
    actor_id: str
    actor: str
    action: str
    entity: str
    payload: dict[str, Any]
    hash: str
    rows_sha256: str | None = None


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
        require_admin(actor, say("store.do.read_audit"))
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
        payload = payload if isinstance(payload, dict) else {"value": payload}
        rows = payload.pop(ROWS, None)
        out.append(AuditEntry(r.seq, r.at, r.actor, who, r.action, r.entity, payload, r.hash,
                              rows if isinstance(rows, str) else None))
    return out
