"""Answer values as canonical JSON that reads back to the same Python values, dates included
(YAML gives ``datetime.date`` for ``2025-06-30``; JSON has no dates, so they are tagged)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from ..answers import without_empty_cells
from ..errors import Problem, StoreError
from ..messages import say
from .integrity import c_encoder

__all__ = ["decode", "encode"]

_DATE, _DATETIME = "$date", "$datetime"


def _plain(value: Any, where: str) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StoreError(Problem(say("store.not_storable_number", value=repr(value)),
                                     field=where))
        return value
    if isinstance(value, dt.datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, where) for v in value]
    if isinstance(value, dict):
        if any(not isinstance(k, str) or k.startswith("$") for k in value):
            raise StoreError(Problem(say("store.table_rows"),
                                     field=where))
        return {k: _plain(v, where) for k, v in value.items()}
    raise StoreError(Problem(say("store.answer_type", type=type(value).__name__), field=where))


def encode(value: Any, where: str = "answer") -> str:
    """The JSON text stored for an answer value (key order kept: it is the file's).  A table's
    empty cells (``None``, NaN, blank text) are stored as absent and its empty rows not at all;
    a table left with no row is stored as not answered (``null``)."""
    kind = type(value)
    if _SCALAR is not None and (kind in _PLAIN or (kind is float and math.isfinite(value))):
        return "".join(_SCALAR(value, 0))  # text, a number, yes/no or nothing: as it is
    cleaned = without_empty_cells(value)
    if cleaned == [] and value:
        cleaned = None
    return _ENCODER.encode(_plain(cleaned, where))


#: ``json.dumps`` with these options builds the same encoder on every call; one is kept.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_PLAIN = (str, int, bool, type(None))
#: ``_ENCODER``'s C encoder, made once, for answers that are one scalar.
_SCALAR = c_encoder(sort_keys=False)


def _hook(obj: dict) -> Any:
    if len(obj) == 1:
        if _DATE in obj:
            return dt.date.fromisoformat(obj[_DATE])
        if _DATETIME in obj:
            return dt.datetime.fromisoformat(obj[_DATETIME])
    return obj


def decode(text: str) -> Any:
    """The answer value stored as ``text``."""
    return json.loads(text, object_hook=_hook)
