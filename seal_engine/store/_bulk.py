"""Bulk writes of many rows to one table, for the store's bulk paths (``seal db import``, the
answer push and the audit entries they append): on SQLite, the rows go to the driver's
``executemany`` with each column's values converted once per column as SQLAlchemy would bind
them (not through SQLAlchemy's per-row parameter processing); and the values a written row
reads back as are worked out from the values written, so that the row can be sealed without
reading it again.

Reading back is only skipped when the values are sure to read back as worked out: each
column's values are bound and then read as SQLAlchemy does (a date written as text, read as a
date), and SQLite's column affinity is followed (an integer written to a ``FLOAT`` column
reads back as a float); a value of any other kind (a number given to a text column, text that
SQLite would take for a number, a column left to its server default) makes
:func:`as_read` answer ``None`` and the caller reads the rows back.  Anything but SQLite goes
through SQLAlchemy Core as before.

Only for writes inside :func:`.audit.unnoted`: these rows are not noted for sealing, the
caller seals them itself."""

from __future__ import annotations

import re
from operator import itemgetter, methodcaller
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

__all__ = ["as_read", "insert_rows"]

#: Text SQLite converts to a number when stored in a column of NUMERIC or INTEGER affinity.
_NUMERIC_TEXT = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")
_NONE = type(None)


def _affinity(declared: str) -> str:
    """SQLite's column affinity of a declared type (https://sqlite.org/datatype3.html 3.1)."""
    declared = declared.upper()
    if "INT" in declared:
        return "integer"
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if "BLOB" in declared or not declared:
        return "blob"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    return "numeric"


class _Column:
    """How one column's values are bound on SQLite and read back."""

    __slots__ = ("affinity", "bind", "name", "read", "server_default")

    def __init__(self, column: sa.Column, dialect):
        impl = column.type.dialect_impl(dialect)
        self.name = column.name
        self.bind = impl.bind_processor(dialect)
        self.read = impl.result_processor(dialect, None)
        self.affinity = _affinity(column.type.compile(dialect=dialect))
        self.server_default = column.server_default is not None


_PLANS: dict[tuple[str, str], dict[str, _Column]] = {}


def _plan(dialect, table: sa.Table) -> dict[str, _Column]:
    key = (dialect.name, table.name)
    plan = _PLANS.get(key)
    if plan is None or any(c.name not in plan for c in table.columns):
        plan = _PLANS[key] = {c.name: _Column(c, dialect) for c in table.columns}
    return plan


def _bound(col: _Column, values: list[Any]) -> list[Any]:
    """A column's values as the driver receives them (each distinct value bound once: a bulk
    write repeats its time stamp and author in every row)."""
    if col.bind is None:
        return values
    bind = col.bind
    try:
        done = {v: bind(v) for v in set(values)}
    except TypeError:  # unhashable values: bound one by one
        return [bind(v) for v in values]
    return list(map(done.__getitem__, values))


def _stored(col: _Column, values: list[Any]) -> list[Any] | None:
    """Bound values as SQLite stores them under the column's affinity, or ``None`` when one
    might be stored otherwise than it was given."""
    kinds = set(map(type, values)) - {_NONE}
    affinity = col.affinity
    if not kinds:
        return values
    if affinity == "text":
        return values if kinds == {str} else None
    if affinity == "blob":
        return values if kinds <= {bytes} else None
    if kinds - {int, float, bool, str}:
        return None
    if str in kinds:  # numeric or integer affinity: text stays text unless it is a number
        if affinity == "real" or any(type(v) is str and _NUMERIC_TEXT.match(v)
                                     for v in set(values)):
            return None
        if kinds != {str}:
            return None
        return values
    if affinity == "real":
        return values if kinds == {float} else [None if v is None else float(v)
                                                for v in values]
    if float in kinds:  # a real that is a whole number would be stored as an integer
        return None
    return values if kinds == {int} else [None if v is None else int(v) for v in values]


def _read(col: _Column, values: list[Any]) -> list[Any]:
    if col.read is None:
        return values
    read = col.read
    try:
        done = {v: read(v) for v in set(values)}
    except TypeError:
        return [read(v) for v in values]
    return list(map(done.__getitem__, values))


def _tuples(rows: list[dict], names: list[str]) -> list[tuple]:
    if len(names) == 1:
        return [(r[names[0]],) for r in rows]
    return list(map(itemgetter(*names), rows))


def _same_keys(rows: list[dict]) -> list[str] | None:
    first = rows[0].keys()
    return list(first) if all(map(first.__eq__, map(_keys, rows))) else None


_keys = methodcaller("keys")


def insert_rows(conn: Connection, table: sa.Table, rows: list[dict]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``, as
    ``conn.execute(table.insert(), rows)`` would."""
    if not rows:
        return
    names = _same_keys(rows) if conn.dialect.name == "sqlite" else None
    if not names or any(c.default is not None for c in table.columns if c.name not in names):
        conn.execute(table.insert(), rows)
        return
    plan = _plan(conn.dialect, table)
    params = _tuples(rows, names)
    bound = [i for i, n in enumerate(names) if plan[n].bind is not None]
    if bound:  # converted column by column
        columns = list(zip(*params, strict=True))
        try:
            for i in bound:
                columns[i] = _bound(plan[names[i]], list(columns[i]))
        except (TypeError, ValueError):  # refused as SQLAlchemy refuses it, with its error
            conn.execute(table.insert(), rows)
            return
        params = list(zip(*columns, strict=True))
    quote = conn.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
           f"VALUES ({', '.join('?' * len(names))})")
    conn.exec_driver_sql(sql, params)


def as_read(conn: Connection, table: sa.Table, rows: list[dict], names: list[str], *,
            hashing: bool = False) -> list[tuple] | None:
    """The values of the columns ``names`` that ``rows`` (as given to :func:`insert_rows`)
    read back as through SQLAlchemy, one tuple a row; ``None`` when that cannot be told
    for sure from the values (not SQLite, a column left out that has a server default, a value
    SQLite might store otherwise than given).  ``hashing``: dates and times as the text
    canonical JSON makes of them (``str``), each distinct one made once."""
    if conn.dialect.name != "sqlite" or not rows:
        return None if rows else []
    plan = _plan(conn.dialect, table)
    if _same_keys(rows) is None:
        return None
    given = rows[0].keys()
    out = []
    for name in names:
        col = plan[name]
        if name not in given:
            if col.server_default:
                return None
            out.append([None] * len(rows))
            continue
        try:
            values = _stored(col, _bound(col, list(map(itemgetter(name), rows))))
        except (TypeError, ValueError):
            return None
        if values is None:
            return None
        values = _read(col, values)
        if hashing and col.read is not None and set(map(type, values)) - _JSON_NATIVE:
            text = {v: v if type(v) in _JSON_NATIVE else str(v) for v in set(values)}
            values = list(map(text.__getitem__, values))
        out.append(values)
    return list(zip(*out, strict=True))


_JSON_NATIVE = {str, int, float, bool, _NONE}
