"""Tamper evidence for business data: every row the services write is sealed by the audit entry
that wrote it.

Each business row belongs to a *scope*, the record an audit entry names as its ``entity``:
``assessment:ID`` (the assessment and everything of it: answers, claims, evidence, reviews,
requests, plan, workforce file, team, stored results, certificate, comments and threads),
``user:ID`` (the user, their role grants and preferences), ``institution:ID`` (the institution
and its commitment), ``standard:PK`` (the standard and its files) and ``programme`` (the keys
that signed certificates and the report templates).  A row's hash is the SHA-256 of the
canonical JSON of its table, its key and every column but large binary ones (a file's content
is covered by its ``sha256`` column, which :func:`content_findings` checks against the
content).

``row_seal`` keeps, per scope, each row's hash and the audit entry that last wrote it; every
audit entry of a scope carries in its payload ``rows_sha256``, the digest of all the scope's
row hashes at that moment (:func:`scope_digest`), so the seals are authenticated by the hash
chain: changing a row is caught by its seal, changing the seal too is caught by the entry, and
changing the entry breaks the chain.

Not covered (volatile, not business data, or the chain itself): see :data:`NOT_COVERED`.  Columns
derived from other sealed rows (a stored result's status letters and points by dimension, from
its ``result_benchmark`` rows) are left out of their row's hash and checked against those rows
instead (:func:`derived_findings`).

This module only reads and writes rows; :mod:`.audit` decides when to seal and reports what
does not fit.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import dataclass
from json.encoder import encode_basestring as _quote
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .schema import Hash, metadata

__all__ = ["COVERED", "NOT_COVERED", "Covered", "RowFinding", "all_rows", "c_encoder", "canonical",
           "content_findings", "derived_findings", "row_findings", "row_seal", "rows_of",
           "scope_digest", "scope_of_entity", "scope_rows", "sealed", "sealed_of", "write_seals",
           "written_keys", "written_rows"]

row_seal = sa.Table(
    "row_seal", metadata,
    sa.Column("scope", sa.String(160), primary_key=True,
              comment="The audit entity the row belongs to, e.g. assessment:ID"),
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("row_key", sa.String(400), primary_key=True,
              comment="Canonical JSON list of the row's key values"),
    sa.Column("row_hash", Hash, nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False,
              comment="The audit entry that last wrote the row"),
)


@dataclass(frozen=True)
class Covered:
    """A table whose rows are sealed: the kind of scope they belong to, the column holding the
    scope's id (``None``: the one ``programme`` scope) and the columns of the row's key."""

    table: str
    scope: str
    by: str | None
    key: tuple[str, ...]


COVERED: tuple[Covered, ...] = (
    Covered("assessment", "assessment", "id", ("id",)),
    Covered("answer", "assessment", "assessment_id", ("question_id",)),
    Covered("na_claim", "assessment", "assessment_id", ("benchmark_id",)),
    Covered("evidence", "assessment", "assessment_id", ("id",)),
    Covered("evidence_review", "assessment", "assessment_id", ("evidence_id",)),
    Covered("benchmark_review", "assessment", "assessment_id", ("benchmark_id",)),
    Covered("evidence_request", "assessment", "assessment_id", ("id",)),
    Covered("action_plan", "assessment", "assessment_id", ("assessment_id",)),
    Covered("workforce_file", "assessment", "assessment_id", ("assessment_id",)),
    Covered("assignment", "assessment", "assessment_id", ("id",)),
    Covered("result_assessment", "assessment", "assessment_id", ("kind",)),
    Covered("result_benchmark", "assessment", "assessment_id", ("kind", "benchmark_id")),
    Covered("certificate", "assessment", "assessment_id", ("id",)),
    Covered("answer_comment", "assessment", "assessment_id", ("question_id",)),
    Covered("benchmark_message", "assessment", "assessment_id", ("id",)),
    Covered("app_user", "user", "id", ("id",)),
    Covered("role_grant", "user", "user_id", ("id",)),
    Covered("user_preference", "user", "user_id", ("user_id",)),
    Covered("user_language", "user", "user_id", ("user_id",)),
    Covered("api_token", "user", "user_id", ("id",)),
    Covered("notice_setting", "user", "user_id", ("user_id",)),
    Covered("institution", "institution", "id", ("id",)),
    Covered("commitment", "institution", "institution_id", ("id",)),
    Covered("column_mapping", "institution", "institution_id", ("version",)),
    Covered("standard", "standard", "id", ("id",)),
    Covered("standard_file", "standard", "standard_pk", ("path",)),
    Covered("signing_key", "programme", None, ("kid",)),
    Covered("report_template", "programme", None, ("id",)),
)

#: Tables left out, and why.
NOT_COVERED: dict[str, str] = {
    "audit_log": "the hash chain itself (verified entry by entry)",
    "audit_head": "the chain's head (compared with the last entry and with checkpoints)",
    "row_seal": "the seals themselves (authenticated by the entries' rows_sha256)",
    "evidence_blob": "content-addressed: each file is checked against its own SHA-256, which "
                     "the sealed evidence rows name",
    "user_session": "volatile: sign-ins and sign-outs (their starts and ends are audited)",
    "sign_in_throttle": "volatile: counts of failed sign-ins, forgotten after 15 minutes",
    "alembic_version": "the schema revision",
    "api_rate": "volatile: requests counted per API token for throttling",
    "notice": "the delivery log of e-mail notices (so that none is sent twice); not business "
              "data, and each run's sends are counted in the audit trail",
}

SCOPES = ("assessment", "user", "institution", "standard", "programme")
_BY_TABLE = {c.table: c for c in COVERED}


#: ``json.dumps`` with these options builds the same encoder on every call; one is kept.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                              default=str)


def c_encoder(*, sort_keys: bool, default=None):
    """The compact, UTF-8 C encoder a ``json.JSONEncoder`` with these options builds on every
    call, built once (about half of what encoding a row costs): call it ``(value, 0)`` and join
    the parts; ``None`` where the C accelerator is missing."""
    from json import encoder

    if encoder.c_make_encoder is None or encoder.c_encode_basestring is None:
        return None
    return encoder.c_make_encoder(None, default, encoder.c_encode_basestring, None, ":", ",",
                                  sort_keys, False, True)


_C_CANONICAL = c_encoder(sort_keys=True, default=str)
#: The same, keys in the order given (a row's object is built in sorted order).
_C_AS_IS = c_encoder(sort_keys=False, default=str)


def canonical(value: Any) -> str:
    """Canonical JSON (sorted keys, no spaces, UTF-8 kept as is): what the audit log's entries,
    row keys and seals are hashed from; the one definition every writer and the verification
    use, since a seal holds only while they agree byte for byte."""
    if _C_CANONICAL is None:
        return _CANONICAL.encode(value)
    return "".join(_C_CANONICAL(value, 0))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scope_of_entity(entity: str) -> str | None:
    """The scope an audit entry's entity names, or ``None`` when it names none."""
    kind = entity.split(":", 1)[0]
    return entity if kind in SCOPES and (kind == "programme") == (":" not in entity) else None


def _present(conn: Connection) -> list[tuple[Covered, sa.Table]]:
    """The covered tables this database has (a table of a later migration may be absent)."""
    names = table_names(conn)
    return [(c, metadata.tables[c.table]) for c in COVERED
            if c.table in metadata.tables and c.table in names]


_TABLES = "seal_engine.tables"
#: Per engine, the tables of a database that has seals: read once (a table is added only by a
#: migration, and a store refuses a database whose schema is not current).
_KNOWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def table_names(conn: Connection) -> set[str]:
    """The tables of the database, read once per transaction, or once per engine once the
    seals' table is there (the audit module forgets the transaction's at commit and
    rollback)."""
    cache = conn.info.get(_TABLES)
    if cache is None:
        cache = _KNOWN.get(conn.engine)
        if cache is None:
            cache = frozenset(sa.inspect(conn).get_table_names())
            if row_seal.name in cache:
                _KNOWN[conn.engine] = cache
        conn.info[_TABLES] = cache
    return cache


def forget(conn: Connection) -> None:
    conn.info.pop(_TABLES, None)


def _hashed_columns(table: sa.Table) -> list[sa.Column]:
    """The columns a row's hash covers: all but large binary ones (see :func:`content_findings`)
    and those derived from other sealed rows (``info["derived"]``, see
    :func:`derived_findings`)."""
    return [c for c in table.columns
            if not isinstance(c.type, sa.LargeBinary) and "derived" not in c.info]


#: Types whose equal values are always written the same (``True == 1`` is kept apart by the
#: type): a column of only these is told apart by value, others by ``repr``.
_EQUAL_IS_SAME = frozenset({str, int, bool, type(None)})


def _row_entries(cov: Covered, names: list[str], rows) -> list[tuple[str, str, str, str]]:
    """``(scope, table, key, hash)`` for each row (the values of the hashed columns
    ``names``, in that order).  A row's hash is the SHA-256 of
    ``canonical([table, key, {column: value}])``, its key ``canonical([key values])``; both
    are made here as the same C encoder makes them, with less work a row: the object's
    members are written column by column, each distinct value of a column (by type and
    value: ``1``, ``1.0`` and ``True`` are told apart; by ``repr`` where equal values are
    written apart, as ``0.0`` and ``-0.0``) encoded once, and joined in sorted
    order; a key of one text is quoted directly (:func:`_row_entries_plain` is the
    definition, kept for Pythons without the C encoder, for values that cannot be told
    apart that way, and for the tests)."""
    rows = rows if isinstance(rows, list) else list(rows)
    if _C_AS_IS is None or not rows:
        return _row_entries_plain(cov, names, rows)
    encode, quote = _C_AS_IS, _quote
    where = {c: i for i, c in enumerate(names)}
    columns = list(zip(*rows, strict=True))
    members = []  # per column in sorted order: '"name":value' of each row
    try:
        for n in sorted(names):
            label = quote(n) + ":"
            column = columns[where[n]]
            types = list(map(type, column))
            if _EQUAL_IS_SAME.issuperset(types):
                typed = list(zip(types, column, strict=True))
            else:  # 0.0 == -0.0, Decimal 1.0 == 1.00, one instant at two offsets: told
                # apart by their repr, so a row's text never depends on the other rows
                typed = list(zip(types, map(repr, column), strict=True))
            text = {t: label + "".join(encode(v, 0))
                    for t, v in dict(zip(typed, column, strict=True)).items()}
            members.append(list(map(text.__getitem__, typed)))
    except (TypeError, KeyError):  # a value that cannot be a key (a list, a dict)
        return _row_entries_plain(cov, names, rows)
    objects = ["{" + ",".join(m) + "}" for m in zip(*members, strict=True)]
    out = []
    append, sha256, name = out.append, hashlib.sha256, cov.table
    by = None if cov.by is None else where[cov.by]
    keys = [where[k] for k in cov.key]
    one = keys[0] if len(keys) == 1 else None
    prefix = f"{cov.scope}:"
    head = f"[{quote(name)},"
    for r, obj in zip(rows, objects, strict=True):
        scope = cov.scope if by is None else prefix + r[by]
        k = r[one] if one is not None else None
        key = (f"[{quote(k)}]" if type(k) is str
               else "".join(encode([r[one]] if one is not None else [r[i] for i in keys], 0)))
        append((scope, name, key,
                sha256((head + quote(key) + "," + obj + "]").encode("utf-8")).hexdigest()))
    return out


def _row_entries_plain(cov: Covered, names: list[str], rows
                       ) -> list[tuple[str, str, str, str]]:
    """:func:`_row_entries` as defined: each row's key and text by :func:`canonical`."""
    out = []
    encode, name, sha256 = canonical, cov.table, hashlib.sha256
    where = {c: i for i, c in enumerate(names)}
    by = None if cov.by is None else where[cov.by]
    keys = [where[k] for k in cov.key]
    one = keys[0] if len(keys) == 1 else None
    prefix = f"{cov.scope}:"
    for r in rows:
        scope = cov.scope if by is None else f"{prefix}{r[by]}"
        key = encode([r[one]] if one is not None else [r[i] for i in keys])
        text = encode([name, key, dict(zip(names, r, strict=True))])
        out.append((scope, name, key, sha256(text.encode("utf-8")).hexdigest()))
    return out


def scope_rows(conn: Connection, scope: str,
               only: dict[str, set[str] | None] | None = None) -> dict[tuple[str, str], str]:
    """The current rows of ``scope``: ``{(table, key): row hash}``; with ``only``, just the
    tables it names, and of each the rows whose keys it lists (``None``: all of them)."""
    kind, _, ident = scope.partition(":")
    out: dict[tuple[str, str], str] = {}
    for cov, table in _present(conn):
        if cov.scope != kind or (only is not None and cov.table not in only):
            continue
        keys = None if only is None else only[cov.table]
        query = _scope_select(cov, table)
        if keys is not None:
            first = {json.loads(k)[0] for k in keys}
            query = query.where(table.c[cov.key[0]].in_(sorted(first, key=str)))
        for _, name, key, digest in _row_entries(cov, _names(table),
                                                 conn.execute(query, {"ident": ident})):
            if keys is None or key in keys:
                out[(name, key)] = digest
    return out


_SCOPE_SELECT: dict[str, sa.Select] = {}


def _scope_select(cov: Covered, table: sa.Table) -> sa.Select:
    """The hashed columns of a covered table's rows of one record (its id bound as
    ``ident``), made once per table: built for each call it cost about as much as running
    it (an answer push reads its assessment's row this way)."""
    query = _SCOPE_SELECT.get(cov.table)
    if query is None or query.selected_columns[0].table is not table:
        query = sa.select(*_hashed_columns(table))
        if cov.by is not None:
            query = query.where(table.c[cov.by] == sa.bindparam("ident"))
        _SCOPE_SELECT[cov.table] = query
    return query


def all_rows(conn: Connection, tables: set[str] | None = None
             ) -> dict[str, dict[tuple[str, str], str]]:
    """Every current row of the covered tables (or of ``tables``), by scope."""
    out: dict[str, dict[tuple[str, str], str]] = {}
    for cov, table in _present(conn):
        if tables is not None and cov.table not in tables:
            continue
        for scope, name, key, digest in _row_entries(
                cov, _names(table), conn.execute(sa.select(*_hashed_columns(table)))):
            out.setdefault(scope, {})[(name, key)] = digest
    return out


def scope_digest(rows: dict[tuple[str, str], str]) -> str:
    """The digest of a scope's row hashes, as its audit entries carry it (``rows_sha256``)."""
    return _sha(canonical(sorted([t, k, h] for (t, k), h in rows.items())))


def sealed(conn: Connection, scope: str | None = None) -> dict[str, dict[tuple[str, str],
                                                                       tuple[str, int]]]:
    """The seals kept, by scope: ``{(table, key): (row hash, seq)}``."""
    query = sa.select(row_seal)
    if scope is not None:
        query = query.where(row_seal.c.scope == scope)
    out: dict[str, dict[tuple[str, str], tuple[str, int]]] = {}
    for r in conn.execute(query):
        out.setdefault(r.scope, {})[(r.table_name, r.row_key)] = (r.row_hash, r.seq)
    return out


def sealed_of(conn: Connection, scopes: list[str]
              ) -> dict[str, dict[tuple[str, str], tuple[str, int]]]:
    """The seals kept of ``scopes`` (as :func:`sealed`), read in a few statements."""
    out: dict[str, dict[tuple[str, str], tuple[str, int]]] = {}
    for i in range(0, len(scopes), _CHUNK):
        part = scopes[i:i + _CHUNK]
        query = (_SEALS_OF_ONE, {"scope": part[0]}) if len(part) == 1 else (  # a push's one
            sa.select(row_seal).where(row_seal.c.scope.in_(part)), {})
        for r in conn.execute(*query):
            out.setdefault(r.scope, {})[(r.table_name, r.row_key)] = (r.row_hash, r.seq)
    return out


_SEALS_OF_ONE = sa.select(row_seal).where(row_seal.c.scope == sa.bindparam("scope"))


def rows_of(conn: Connection, table_name: str, ids: list[str]
            ) -> dict[str, dict[tuple[str, str], str]]:
    """The current rows of a covered table belonging to the records ``ids`` (the scope's id
    column in ``ids``), hashed as :func:`scope_rows` hashes them: ``{scope: {(table, key):
    row hash}}``, read in a few statements."""
    cov = _BY_TABLE[table_name]
    table = metadata.tables[table_name]
    out: dict[str, dict[tuple[str, str], str]] = {}
    for i in range(0, len(ids), _CHUNK):
        query = sa.select(*_hashed_columns(table)).where(
            table.c[cov.by].in_(ids[i:i + _CHUNK]))
        for scope, name, key, digest in _row_entries(cov, _names(table), conn.execute(query)):
            out.setdefault(scope, {})[(name, key)] = digest
    return out


def written_rows(conn: Connection, table_name: str, rows: list[dict]
                 ) -> dict[str, dict[tuple[str, str], str]]:
    """The rows of a covered table just written by :func:`._bulk.insert_rows`, hashed as
    :func:`rows_of` would hash them read back (``{scope: {(table, key): row hash}}``): from the
    values written when :func:`._bulk.as_read` can tell what they read back as, else read
    back by their records' ids."""
    from ._bulk import as_read

    cov = _BY_TABLE[table_name]
    table = metadata.tables[table_name]
    names = _names(table)
    values = as_read(conn, table, rows, names, hashing=True)
    if values is None:
        return rows_of(conn, table_name, list(dict.fromkeys(r[cov.by] for r in rows)))
    out: dict[str, dict[tuple[str, str], str]] = {}
    for scope, name, key, digest in _row_entries(cov, names, values):
        out.setdefault(scope, {})[(name, key)] = digest
    return out


def _names(table: sa.Table) -> list[str]:
    return [c.name for c in _hashed_columns(table)]


_CHUNK = 500


def write_seals(conn: Connection, scope: str, seq: int,
                kept: dict[tuple[str, str], tuple[str, int]],
                target: dict[tuple[str, str], str]) -> None:
    """Make the seals of ``scope`` ``target``, those that change as written by entry ``seq``."""
    for table_name, key in [k for k in kept if k not in target]:
        conn.execute(row_seal.delete().where(row_seal.c.scope == scope,
                                             row_seal.c.table_name == table_name,
                                             row_seal.c.row_key == key))
    new = [{"scope": scope, "table_name": t, "row_key": k, "row_hash": h, "seq": seq}
           for (t, k), h in target.items() if (t, k) not in kept]
    if new:
        conn.execute(row_seal.insert(), new)
    for (t, k), h in target.items():
        if (t, k) in kept and kept[(t, k)][0] != h:
            conn.execute(row_seal.update().where(
                row_seal.c.scope == scope, row_seal.c.table_name == t,
                row_seal.c.row_key == k).values(row_hash=h, seq=seq))


def written_keys(conn: Connection, cov: Covered, stmt, multiparams, params
                 ) -> list[tuple[str, str]] | None:
    """``(scope, key)`` of the rows an INSERT, UPDATE or DELETE statement on a covered table
    is about to write (an UPDATE or DELETE reads them with its own WHERE first); ``None`` when
    they cannot be told."""
    needed = list(cov.key) + ([cov.by] if cov.by is not None else [])
    table = stmt.table
    if stmt.is_insert:
        try:
            base = dict(stmt.compile(dialect=conn.dialect).params)
        except sa.exc.SQLAlchemyError:
            return None
        rows = list(multiparams) if multiparams else [params or {}]
        out = []
        for given in rows:
            m = {**base, **(given or {})}
            if any(m.get(c) is None for c in needed):
                return None
            out.append(_scoped(cov, m))
        return out
    if params or multiparams:  # values bound at execution: the WHERE cannot be read alone
        return None
    query = sa.select(*[table.c[c] for c in needed])
    if stmt.whereclause is not None:
        query = query.where(stmt.whereclause)
    return [_scoped(cov, r._mapping) for r in conn.execute(query)]


def _scoped(cov: Covered, m) -> tuple[str, str]:
    scope = cov.scope if cov.by is None else f"{cov.scope}:{m[cov.by]}"
    return scope, canonical([m[k] for k in cov.key])


def covered_table(name: str) -> Covered | None:
    return _BY_TABLE.get(name)


@dataclass(frozen=True)
class RowFinding:
    """A row that does not match its seal: ``kind`` is ``changed``, ``added`` or ``deleted``;
    ``seq`` is the audit entry that last wrote it (0 when none did)."""

    scope: str
    table: str
    key: str
    kind: str
    seq: int


def row_findings(current: dict[str, dict[tuple[str, str], str]],
                 seals: dict[str, dict[tuple[str, str], tuple[str, int]]],
                 scopes: set[str]) -> list[RowFinding]:
    """Compare the rows of ``scopes`` with their seals."""
    out = []
    for scope in sorted(scopes):
        rows, kept = current.get(scope, {}), seals.get(scope, {})
        for (t, k), h in sorted(rows.items()):
            if (t, k) not in kept:
                out.append(RowFinding(scope, t, k, "added", 0))
            elif kept[(t, k)][0] != h:
                out.append(RowFinding(scope, t, k, "changed", kept[(t, k)][1]))
        for (t, k), (_, seq) in sorted(kept.items()):
            if (t, k) not in rows:
                out.append(RowFinding(scope, t, k, "deleted", seq))
    return out


def content_findings(conn: Connection) -> list[tuple[str, str, str, str]]:
    """Stored files whose content no longer gives the SHA-256 kept with them (``changed``),
    and files a sealed row names that are no longer stored (``deleted``):
    ``(table, key, kind, what)``."""
    out = []
    names = table_names(conn)
    blobs: set[str] = set()
    for name, key_col in (("workforce_file", "assessment_id"), ("evidence_blob", "sha256"),
                          ("report_template", "id")):
        if name not in metadata.tables or name not in names:
            continue
        table = metadata.tables[name]
        for r in conn.execute(sa.select(table.c[key_col], table.c.sha256, table.c.content)):
            content = bytes(r.content) if r.content is not None else b""
            if name == "evidence_blob":
                blobs.add(r.sha256)
            if hashlib.sha256(content).hexdigest() != r.sha256:
                out.append((name, canonical([r[0]]), "changed",
                            "its content no longer gives its SHA-256: the file was replaced "
                            "behind the engine's back"))
    if "evidence_blob" not in names:
        return out
    for cov, table in _present(conn):
        for column in table.columns:
            if not any(fk.target_fullname == "evidence_blob.sha256" for fk in column.foreign_keys):
                continue
            for digest, in conn.execute(sa.select(column).where(column.is_not(None)).distinct()):
                if digest not in blobs:
                    out.append(("evidence_blob", canonical([digest]), "deleted",
                                f"the file {cov.table}.{column.name} names is no longer stored: "
                                "it was deleted behind the engine's back"))
                    blobs.add(digest)
    return out


def derived_findings(conn: Connection) -> list[tuple[str, str, str, str]]:
    """Stored results whose status letters or points by dimension (``result_assessment``'s
    derived columns, left out of its seal) no longer match the result's sealed
    ``result_benchmark`` rows: ``(table, key, kind, what)``, as :func:`content_findings`."""
    from ._letters import same_points, summary_of

    if not {"result_assessment", "result_benchmark"} <= table_names(conn):
        return []
    ra, rb = metadata.tables["result_assessment"], metadata.tables["result_benchmark"]
    kept = {(r.assessment_id, r.kind): (r.statuses, r.dimension_points) for r in conn.execute(
        sa.select(ra.c.assessment_id, ra.c.kind, ra.c.statuses, ra.c.dimension_points))}
    rows = conn.execute(sa.select(rb.c.assessment_id, rb.c.kind, rb.c.benchmark_id,
                                  rb.c.dimension_id, rb.c.status, rb.c.points, rb.c.max_points)
                        .order_by(rb.c.assessment_id, rb.c.kind)
                        .execution_options(yield_per=20_000))
    out = []

    def check(key: tuple[str, str], benchmarks: list) -> None:
        letters, points = summary_of(benchmarks)
        have = kept.pop(key, None)
        if have is None:
            return  # benchmark rows without their result row: the seals name those
        if have[0] != letters or not same_points(have[1], points):
            out.append(("result_assessment", canonical(list(key)), "changed",
                        "its status letters or points by dimension no longer match its "
                        "sealed benchmark results: they were changed behind the engine's back"))

    key, group = None, []
    for r in rows:
        k = (r.assessment_id, r.kind)
        if k != key:
            if key is not None:
                check(key, group)
            key, group = k, []
        group.append(r)
    if key is not None:
        check(key, group)
    for key, (letters, points) in sorted(kept.items()):
        if letters or points not in (None, "{}"):
            out.append(("result_assessment", canonical(list(key)), "changed",
                        "it has status letters or points by dimension but no benchmark "
                        "results: they were changed behind the engine's back"))
    return out


def key_text(key: str) -> str:
    """A row key as a person reads it."""
    try:
        values = json.loads(key)
    except ValueError:
        return key
    return ", ".join(str(v) for v in values) if isinstance(values, list) else key
