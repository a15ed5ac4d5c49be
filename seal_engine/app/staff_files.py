"""An assessment's staff file as the pages read it: parsed once per process for the same
content (its SHA-256 and name), and its figures (:func:`seal_engine.full_report`) worked out
once per content, breakdown and parity band, instead of on every run of a page.

Who may read it is asked of the store on every call (:func:`seal_engine.store.get_assessment`,
read once per run): what is kept here is found by the content's hash, which only the store
gives, and only to those who may see the file.  A file replaced is another hash, read afresh.
What is kept is shared: callers never change it."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

from seal_engine import WorkforceData, full_report, parse_workforce
from seal_engine.store import Actor, get_assessment, workforce_content

from .session import app_store

__all__ = ["staff_data", "staff_report"]

_LOCK = threading.Lock()
_PARSED: OrderedDict[tuple[str, str], WorkforceData] = OrderedDict()
_PARSED_MAX = 4  # a national file's parse is large: the few files open now
_REPORTS: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
_REPORTS_MAX = 64


def _kept(cache: OrderedDict, key, most: int, make):
    with _LOCK:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    value = make()
    with _LOCK:
        cache[key] = value
        while len(cache) > most:
            cache.popitem(last=False)
    return value


def staff_data(user: Actor, assessment_id: str) -> tuple[str, str, WorkforceData] | None:
    """``(name, sha256, data)`` of the assessment's staff file, or ``None`` without one;
    :class:`~seal_engine.SealError` when ``user`` may not read it or it cannot be read."""
    info = get_assessment(app_store(), user, assessment_id)
    if info.workforce is None:
        return None
    name, digest = info.workforce.name, info.workforce.sha256
    key = (digest, name)
    with _LOCK:
        found = _PARSED.get(key)
        if found is not None:
            _PARSED.move_to_end(key)
            return name, digest, found
    name, content = workforce_content(app_store(), user, assessment_id)
    digest = hashlib.sha256(content).hexdigest()  # what was read, if replaced meanwhile
    data = _kept(_PARSED, (digest, name), _PARSED_MAX, lambda: parse_workforce(content, name))
    return name, digest, data


def staff_report(file: tuple[str, str, WorkforceData], by: tuple[str, ...], *,
                 min_group: int = 5, standard=None) -> dict[str, Any]:
    """:func:`seal_engine.full_report` of a file :func:`staff_data` gave, once per content,
    breakdown, smallest group shown and standard (whose parameters give the parity band)."""
    name, digest, data = file
    std = (standard.id, standard.version) if standard is not None else None
    return _kept(_REPORTS, (digest, name, by, min_group, std), _REPORTS_MAX,
                 lambda: full_report(data, by=by, min_group=min_group, standard=standard))
