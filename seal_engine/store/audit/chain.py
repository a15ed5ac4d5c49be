"""The hash chain: each entry's canonical JSON and hash, and writing entries with the
head that follows them (see :mod:`seal_engine.store.audit`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from json.encoder import encode_basestring as _quote
from typing import Any

from sqlalchemy.engine import Connection

from ..engine import Store
from ..integrity import canonical
from ..schema import audit_head, audit_log

__all__ = ["GENESIS", "canonical", "entry_hash", "value_hash"]

GENESIS = "0" * 64


_CONTROL = re.compile(r"[\x00-\x1f]")


def string_list(values: tuple[str, ...] | list[str]) -> str:
    """:func:`canonical` of a list of strings, without building the encoder's state for each
    (a bulk write names tens of thousands of rows by their keys): JSON escapes only ``"``,
    ``\\`` and control characters in a string, so text without control characters is quoted
    here and anything else is left to the encoder."""
    joined = "".join(values)
    if not values or _CONTROL.search(joined):
        return canonical(list(values))
    if '"' in joined or "\\" in joined:
        values = [v.replace("\\", "\\\\").replace('"', '\\"') for v in values]
    return '["' + '","'.join(values) + '"]'


def value_hash(value: Any) -> str:
    """SHA-256 of a value's canonical JSON: what the log records instead of the value (a
    text quoted directly, as the encoder quotes it)."""
    text = _quote(value) if type(value) is str else canonical(value)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_hash(seq: int, at: str, actor: str, action: str, entity: str, payload: str,
               prev_hash: str) -> str:
    """The hash of one entry (``payload`` is its stored canonical JSON text): the SHA-256 of
    ``canonical([seq, at, actor, action, entity, payload, prev_hash])``, written directly
    when the sequence number is an integer and the rest are texts (each quoted by the
    encoder canonical JSON uses for strings)."""
    if type(seq) is int and str is type(at) is type(actor) is type(action) is type(
            entity) is type(payload) is type(prev_hash):
        body = (f"[{seq},{_quote(at)},{_quote(actor)},{_quote(action)},{_quote(entity)},"
                f"{_quote(payload)},{_quote(prev_hash)}]")
    else:
        body = canonical([seq, at, actor, action, entity, payload, prev_hash])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


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
