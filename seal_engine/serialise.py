"""Writing YAML that the loader reads back exactly: every generated file (templates, exports)
goes through this serialiser, never through string formatting, so that no value, whatever it
holds (a newline, a '#', a quote, a '- ' at the start), can change the structure around it."""

from __future__ import annotations

import datetime as dt
import math
from enum import Enum
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # pragma: no cover
    from .models import Assessment

__all__ = ["assessment_yaml", "plain", "to_yaml"]

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def plain(value: Any) -> Any:
    """``value`` with enums as their values and tuples as lists, ready for the dumper; an
    infinite or NaN float is refused (it has no YAML the loader accepts)."""
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} cannot be written: numbers must be finite")
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def to_yaml(data: Any, *, flow_leaves: bool = False) -> str:
    """YAML text of ``data`` (mappings keep their order).  Strings are quoted wherever a plain
    scalar would read back as something else.  ``flow_leaves`` writes lists and mappings of
    plain values on one line (``[a, b]``, ``{id: x, version: 1}``), as people write them."""
    return yaml.dump(plain(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=None if flow_leaves else False, width=100)


def assessment_yaml(assessment: Assessment) -> str:
    """An assessment as YAML in field order, empty fields left out; ``parse_assessment`` of
    the text gives the same assessment, and writing that again gives the same text."""
    data = assessment.model_dump(mode="python", exclude_none=True)
    for key in ("answers", "evidence", "not_applicable"):
        if not data.get(key):
            data.pop(key, None)
    data["evidence"] = [{k: v for k, v in item.items() if v is not None}
                        for item in data.get("evidence", [])] or None
    if data["evidence"] is None:
        del data["evidence"]
    return to_yaml(data)
