"""Verifying the chain and the rows it seals (:func:`verify_audit`), and checkpoints: heads kept
outside the database, signed or not."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ...errors import Problem, StoreError
from ...messages import say
from .. import integrity
from ..engine import Store
from ..schema import audit_head, audit_log, certificate
from .chain import GENESIS, entry_hash
from .seals import _scopes_of_log

__all__ = ["CHECKPOINT_TYPE", "AuditFinding", "AuditReport", "Checkpoint", "audit_checkpoint",
           "read_checkpoint", "store_jwks", "verify_audit"]


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
        from ...signing import sign

        out["token"] = sign({"typ": CHECKPOINT_TYPE, "database": first, "seq": head.seq,
                             "hash": head.hash, "at": at,
                             "iat": int(store.now().timestamp())}, key)
        out["kid"] = key.kid
    return out


def store_jwks(conn: Connection) -> dict[str, Any]:
    """The public keys the store keeps (every key that signed for the programme), as a JWKS."""
    from ..schema import metadata

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
    from ...errors import SignatureError
    from ...signing import verify

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


def _labels(conn: Connection) -> dict[str, str]:
    """How a person names each record: an assessment by its code, a user by e-mail, an
    institution by its code, a standard by id and version."""
    from ..schema import app_user, assessment, institution, standard

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
            integrity.content_findings(conn) + integrity.derived_findings(conn))


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
