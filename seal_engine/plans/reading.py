"""Turning the rows of an edited plan file into plan rows, checking every cell.

Each format's reader (:mod:`.xlsx`, :mod:`.csvfile`, :mod:`.markdown`, :mod:`.jsonfile`) gives
:class:`Record` objects: the raw values of one row by field, and where each cell is.  This
module checks them all and reports every bad cell at once, each located, as one
:class:`~seal_engine.PlanError`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from .._cells import MAX_CELL_CHARS, bad_character
from ..errors import PlanError, Problem, did_you_mean
from ..models import ActionArea, Standard
from .columns import COLUMNS, column_of, header_key
from .model import (
    ACTION_ID,
    AREA_TITLES,
    UNIT_LABELS,
    PlanRow,
    PlanStatus,
    quarter_index,
)
from .words import key, known, status_key

__all__ = ["Bad", "Record", "check_text", "header_fields", "parse_records", "problems_error"]

_ID = re.compile(ACTION_ID)
_NUMBER = re.compile(r"^\s*([-+]?(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?)"
                     r"\s*%?\s*$")
_UNITS = {"percent": "percent", "%": "percent", "number": "number", "share": "share",
          "yes_no": "yes_no", "yes/no": "yes_no", "yesno": "yes_no", "yes no": "yes_no",
          "points": "points", "percentage points": "points", "percentage point": "points",
          "pp": "points", "p.p.": "points"}
_TEXT_FIELDS = ("activity", "indicator", "means_of_verification", "resources", "responsible",
                "evidence", "notes")
#: Most problems one error lists before it says how many more there are.
MAX_PROBLEMS = 100


class Record:
    """One row of an edited file: its raw values by field, where each cell is (``where(field)``
    gives ``file``, ``line``, ``column``, ``field`` and, in a workbook, ``sheet``), and the area
    its sheet or section gives."""

    def __init__(self, values: dict[str, Any], where: Callable[[str], dict],
                 area: ActionArea | None = None):
        self.values, self.where, self.area = values, where, area


class Bad(Exception):
    """A bad cell value; the message says what is wrong and what to do."""


def problems_error(problems: list[Problem]) -> PlanError:
    """One error for many problems, at most :data:`MAX_PROBLEMS` of them listed."""
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        first = problems[0]
        problems = problems[:MAX_PROBLEMS] + [Problem(
            f"... and {more} more problem{'s' if more != 1 else ''}; fix these first",
            file=first.file)]
    return PlanError(problems)


def check_text(value: str, name: str) -> str:
    """``value`` if a spreadsheet can hold it, else :class:`Bad`."""
    ch = bad_character(value)
    if ch is not None:
        raise Bad(f"{name} holds the control character {ch!r}, which a spreadsheet cannot "
                  "store; remove it")
    if len(value) > MAX_CELL_CHARS:
        raise Bad(f"{name} is {len(value):,} characters long; a cell holds at most "
                  f"{MAX_CELL_CHARS:,}")
    return value


def header_fields(cells: Sequence[Any], where: Callable[[int], dict]) -> dict[int, str]:
    """Position -> field of each header cell; an unknown or repeated title is a problem (its
    values would otherwise be lost without a word), and so is a missing 'Action id'."""
    mapping: dict[int, str] = {}
    problems: list[Problem] = []
    first_at: dict[str, int] = {}
    keys = {header_key(h) for h in cells}
    text = " ".join(str(h) for h in cells if h is not None).lower()
    if "sex" in keys and ({"headcount", "person_id", "person id"} & keys):
        raise problems_error([Problem(
            "this is not an action plan: it is a workforce data file; seal metrics reads it, "
            "and an assessment names it in its 'workforce:' field", **where(-1))])
    if "workforce data" in text or text.startswith("#") or "type: assessment" in text:
        raise problems_error([Problem(
            "this is not an action plan exported by seal actions (it looks like a workforce "
            "file or an assessment); give the plan file written by seal actions -o",
            **where(-1))])
    for i, h in enumerate(cells):
        k = header_key(h)
        if not k:
            continue
        col = column_of(k)
        if col is None:
            titles = known().column_titles[known().language_of(list(cells))]
            shown = ", ".join(titles[c.field] for c in COLUMNS)
            problems.append(Problem(
                f"the column title {str(h)[:60]!r} is not a plan column; rename it back to one "
                f"of {shown}, or delete the column", **where(i)))
        elif col.field in first_at:
            problems.append(Problem(
                f"the column {str(h).strip()[:60]!r} appears twice (also column "
                f"{first_at[col.field] + 1}); keep one", **where(i)))
        else:
            first_at[col.field] = i
            mapping[i] = col.field
    if "action" not in mapping.values():
        problems.insert(0, Problem(
            "no 'Action id' column in the header row; keep the header row as exported",
            **where(-1)))
    if problems:
        raise problems_error(problems)
    return mapping


# ------------------------------------------------------------------------------ values


def to_str(v: Any, name: str = "the cell") -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        v = "yes" if v else "no"
    elif isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    elif not isinstance(v, (str, int, float)):
        raise Bad(f"{name} must be text, not {type(v).__name__}")
    s = check_text(str(v), name).strip()
    return s or None


def to_number(v: Any, name: str) -> float | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise Bad(f"{name} {_shown(v)} is not a number; enter a number such as 40")
    if isinstance(v, str):
        m = _NUMBER.match(v)
        if not m:
            raise Bad(f"{name} {_shown(v)} is not a number; enter a number such as 40")
        v = m.group(1).replace(",", ".")
    try:
        f = float(v)
    except (OverflowError, ValueError):
        raise Bad(f"{name} {_shown(v)} is too large a number") from None
    if not math.isfinite(f) or abs(f) > 1e15:
        raise Bad(f"{name} {_shown(v)} is too large a number; a plan's figures are at most "
                  "15 digits")
    return f


def to_int(v: Any, name: str, lo: int, hi: int, hint: str) -> int | None:
    f = to_number(v, name)
    if f is None:
        return None
    if not f.is_integer():
        raise Bad(f"{name} {_shown(v)} is not a whole number; {hint}")
    if not lo <= f <= hi:
        raise Bad(f"{name} {int(f)} is outside {lo}–{hi}; {hint}")
    return int(f)


def to_position(v: Any) -> float | None:
    f = to_number(v, "No.")
    if f is not None and f < 0:
        raise Bad(f"No. {_shown(v)} is negative; give the row's position in the plan")
    return f


def to_quarter(v: Any, name: str) -> str | None:
    s = to_str(v, name)
    if s is None:
        return None
    s2 = s.upper().replace(" ", "")
    try:
        quarter_index(s2)
    except ValueError:
        raise Bad(f"{name} quarter {_shown(s)} is not a quarter; write it as YYYY-Qn, e.g. "
                  "'2026-Q3'") from None
    return s2


def to_status(v: Any) -> PlanStatus:
    s = to_str(v, "status")
    if s is None:
        return PlanStatus.planned
    found = known().statuses.get(status_key(s))
    if found is not None:
        return PlanStatus(found)
    raise Bad(f"status {_shown(s)} is not one of planned, in progress, done, dropped; pick one "
              "from the list")


def to_area(v: Any) -> ActionArea | None:
    s = to_str(v, "area")
    if s is None:
        return None
    k = key(s)
    found = known().areas.get(k) or known().areas.get(k.replace(" and ", " & "))
    if found is not None:
        return found
    for area in ActionArea:
        if k in (area.value, area.value.replace("_", " ")):
            return area
    raise Bad(f"area {_shown(s)} is not one of {', '.join(AREA_TITLES.values())}")


def to_unit(v: Any) -> str | None:
    s = to_str(v, "unit")
    if s is None:
        return None
    u = _UNITS.get(key(s)) or known().units.get(key(s))
    if u is None:
        raise Bad(f"unit {_shown(s)} is not one of {', '.join(UNIT_LABELS.values())}")
    return u


def to_list(v: Any, name: str) -> list[str]:
    if isinstance(v, (list, tuple)):
        items = []
        for x in v:
            t = to_str(x, name)
            if t is not None:
                items.append(t)
        v = "\n".join(items)
    s = to_str(v, name)
    if s is None:
        return []
    return [p.strip() for p in re.split(r"[;\n]", s) if p.strip()]


def _shown(v: Any) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "...'"


# ------------------------------------------------------------------------------ rows


def parse_records(records: list[Record], standard: Standard, period: tuple[int, int] | None
                  ) -> list[PlanRow]:
    """Plan rows from the records, ordered by their No. (rows without one last) and numbered
    1, 2, 3… again.  ``period`` (first and last quarter) bounds the time frames; ``None``
    checks only that each is a quarter and ends no earlier than it starts.  Raises
    :class:`PlanError` listing every bad cell."""
    problems: list[Problem] = []
    actions = {a.id: a for a in standard.actions}
    benchmark_ids = {b.id for b in standard.benchmarks()}
    shown_period = None
    if period is not None:
        from .model import quarter_label

        shown_period = f"{quarter_label(period[0])}–{quarter_label(period[1])}"
    seen: dict[str, dict] = {}
    parsed: list[tuple[float, int, dict]] = []
    for k, rec in enumerate(records):
        v = rec.values
        before = len(problems)
        out: dict[str, Any] = {}

        def bad(field, message, rec=rec, out=out):
            where = {n: x for n, x in rec.where(field).items() if n != "sheet"}
            problems.append(Problem(message, record_id=out.get("action"), **where))

        action_failed = False
        try:
            action = to_str(v.get("action"), "the action id")
        except Bad as e:
            action, action_failed = None, True
            bad("action", str(e))
        out["action"] = action if action is not None and _ID.match(action) else None
        for field, fn in (
            ("no", to_position),
            ("baseline", lambda x: to_number(x, "baseline")),
            ("target", lambda x: to_number(x, "target")),
            ("start", lambda x: to_quarter(x, "start")),
            ("end", lambda x: to_quarter(x, "end")),
            ("status", to_status),
            ("progress", lambda x: to_int(x, "progress", 0, 100,
                                          "enter a whole number from 0 to 100")),
            ("benchmarks", lambda x: to_list(x, "benchmarks")),
            ("capacities", lambda x: to_list(x, "capacities")),
            ("unit", to_unit),
            *((f, lambda x, f=f: to_str(x, f.replace("_", " "))) for f in _TEXT_FIELDS),
        ):
            try:
                out[field] = fn(v.get(field))
            except Bad as e:
                bad(field, str(e))
        if action_failed:
            pass
        elif action is None:
            bad("action", "no action id; give the id of an action from the standard's action "
                          "library, or an id of your own for an action of your own")
        elif not _ID.match(action):
            bad("action", f"action id {_shown(action)} is not an id; use letters, digits, '.', "
                          "'_' and '-' (at most 80), starting with a letter or digit")
        elif action in seen:
            where = seen[action]
            sheet = f" of sheet {where['sheet']!r}" if where.get("sheet") else ""
            bad("action", f"action {action!r} is already in row {where['line']}{sheet}; keep "
                          "one row per action")
        else:
            seen[action] = {"line": rec.where("action").get("line"),
                            "sheet": rec.where("action").get("sheet")}
            if action not in actions and not out.get("activity"):
                shown = ", ".join(list(actions)[:8]) + (", …" if len(actions) > 8 else "")
                bad("action", f"action id {action!r} is not in the action library of "
                              f"{standard.id} v{standard.version}"
                              f"{did_you_mean(action, list(actions))}; use one of {shown}, or, "
                              "for an action of your own, give it an activity (and the "
                              "benchmarks it serves)")
        own = action is not None and action not in actions
        out["own"] = own
        area = rec.area
        if area is None:
            area_failed = False
            try:
                area = to_area(v.get("area"))
            except Bad as e:
                bad("area", str(e))
                area, area_failed = None, True
            if area is None and action in actions:
                area = actions[action].area
            elif area is None and own and not area_failed:
                bad("area", f"no area for your own action {action!r}; give one of "
                            f"{', '.join(AREA_TITLES.values())}")
        out["area"] = area
        for b in out.get("benchmarks") or []:
            if b not in benchmark_ids:
                bad("benchmarks", f"benchmark {_shown(b)} is not a benchmark of {standard.id} "
                                  f"v{standard.version}{did_you_mean(b, sorted(benchmark_ids))}")
        s, e = out.get("start"), out.get("end")
        if period is not None:
            for name in ("start", "end"):
                q = out.get(name)
                if q is not None and not period[0] <= quarter_index(q) <= period[1]:
                    bad(name, f"{name} quarter {q!r} is outside the plan period {shown_period}; "
                              "pick a quarter in the period")
        if s and e and quarter_index(e) < quarter_index(s):
            bad("end", f"end quarter {e!r} is before start quarter {s!r}; the end must be the "
                       "start or later")
        if len(problems) == before:
            no = out.pop("no")
            parsed.append((no if no is not None else math.inf, k, out))
        if len(problems) > 10 * MAX_PROBLEMS:
            break
    if problems:
        raise problems_error(problems)
    parsed.sort(key=lambda t: (t[0], t[1]))
    rows = []
    for n, (_no, _k, out) in enumerate(parsed, start=1):
        out["status"] = out["status"] or PlanStatus.planned
        out["progress"] = out["progress"] if out["progress"] is not None else 0
        rows.append(PlanRow(no=n, **out))
    return rows
