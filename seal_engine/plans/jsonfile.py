"""A plan as JSON: the :class:`~seal_engine.plans.ActionPlan` model, strict JSON (no NaN or
Infinity), read back row by row with every value checked."""

from __future__ import annotations

import json
from typing import Any

from ..errors import PlanError, Problem
from ..render.json import dumps
from .columns import MAX_ROWS
from .model import ActionPlan, PlanRow
from .reading import Record

__all__ = ["plan_json", "read_json"]

_FIELDS = set(PlanRow.model_fields)


def plan_json(plan: ActionPlan) -> str:
    return dumps(plan.to_dict()) + "\n"


def read_json(content: bytes, name: str) -> tuple[list[Record], dict[str, Any]]:
    """The records of a plan in JSON, and its header fields (start, end, assessment, level,
    target) as the file gives them."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise PlanError(Problem(f"the file is not UTF-8 text (byte {e.start + 1} cannot be "
                                "read)", file=name)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise PlanError(Problem(f"not valid JSON ({e.msg})", file=name, line=e.lineno,
                                column=e.colno)) from None
    except (ValueError, RecursionError) as e:  # huge integers, deep nesting
        why = "nested too deeply" if isinstance(e, RecursionError) else str(e)[:120]
        raise PlanError(Problem(f"not a plan: {why}", file=name)) from None
    rows = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise PlanError(Problem("expected an object with a 'rows' list", file=name,
                                field="rows"))
    if len(rows) > MAX_ROWS:
        raise PlanError(Problem(f"the file has {len(rows):,} rows, more than {MAX_ROWS:,}",
                                file=name, field="rows"))
    out: list[Record] = []
    problems: list[Problem] = []
    for i, r in enumerate(rows):
        if not isinstance(r, dict):
            problems.append(Problem("a row must be an object", file=name, field=f"rows[{i}]"))
            continue
        for k in r:
            if k not in _FIELDS:
                problems.append(Problem(f"unknown field {str(k)[:40]!r} in a plan row; the "
                                        f"fields are {', '.join(PlanRow.model_fields)}",
                                        file=name, field=f"rows[{i}]"))
        values = {k: v for k, v in r.items() if k in _FIELDS and k != "own"}
        for k in ("benchmarks", "capacities"):
            v = values.get(k)
            if v is not None and not isinstance(v, (list, str)):
                problems.append(Problem(f"{k} must be a list of ids or texts", file=name,
                                        field=f"rows[{i}].{k}"))
                values[k] = None
        out.append(Record(values, lambda f, i=i: {"file": name, "field": f"rows[{i}].{f}"}))
    if problems:
        raise PlanError(problems[:100])
    header = {k: data.get(k) for k in ("start", "end", "assessment", "level", "target")
              if isinstance(data.get(k), str)}
    return out, header
