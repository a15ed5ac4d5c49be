"""JSON output: strict (no NaN or Infinity, which are not JSON) and readable."""

from __future__ import annotations

import json
import math
from typing import Any

from ..errors import Problem, SealError

__all__ = ["dumps"]


def _finite(value: Any, path: str = "") -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        raise SealError(Problem(f"the value at {path or 'the top'} is {value!r}, which JSON "
                                "cannot hold; this is a bug in the figures, please report it"))
    if isinstance(value, dict):
        return {k: _finite(v, f"{path}.{k}" if path else str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """``data`` as JSON text; a non-finite number raises :class:`SealError` instead of writing
    invalid JSON."""
    return json.dumps(_finite(data), indent=indent, ensure_ascii=False, allow_nan=False)
