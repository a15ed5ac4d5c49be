"""A plan as JSON: the :class:`~seal_engine.plans.ActionPlan` model, strict JSON (no NaN or
Infinity), read back row by row with every value checked."""

from __future__ import annotations

import json
from typing import Any

from ..errors import PlanError, Problem
from ..messages import say
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
        raise PlanError(Problem(say("planread.json_not_utf8", byte=str(e.start + 1)),
                                file=name)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise PlanError(Problem(say("planread.json_invalid", why=e.msg), file=name,
                                line=e.lineno, column=e.colno)) from None
    except (ValueError, RecursionError) as e:  # huge integers, deep nesting
        said = say("planread.json_nested") if isinstance(e, RecursionError) else say(
            "planread.json_not_plan", why=str(e)[:120])
        raise PlanError(Problem(said, file=name)) from None
    rows = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise PlanError(Problem(say("planread.json_no_rows"), file=name, field="rows"))
    if len(rows) > MAX_ROWS:
        raise PlanError(Problem(say("planread.json_rows", count=len(rows), most=MAX_ROWS),
                                file=name, field="rows"))
    out: list[Record] = []
    problems: list[Problem] = []
    for i, r in enumerate(rows):
        if not isinstance(r, dict):
            problems.append(Problem(say("planread.json_row"), file=name, field=f"rows[{i}]"))
            continue
        for k in r:
            if k not in _FIELDS:
                problems.append(Problem(say("planread.json_field", field=repr(str(k)[:40]),
                                            fields=", ".join(PlanRow.model_fields)),
                                        file=name, field=f"rows[{i}]"))
        values = {k: v for k, v in r.items() if k in _FIELDS and k != "own"}
        for k in ("benchmarks", "capacities"):
            v = values.get(k)
            if v is not None and not isinstance(v, (list, str)):
                problems.append(Problem(say("planread.json_list", field=k), file=name,
                                        field=f"rows[{i}].{k}"))
                values[k] = None
        out.append(Record(values, lambda f, i=i: {"file": name, "field": f"rows[{i}].{f}"}))
    if problems:
        raise PlanError(problems[:100])
    header = {k: data.get(k) for k in ("start", "end", "assessment", "level", "target")
              if isinstance(data.get(k), str)}
    return out, header
