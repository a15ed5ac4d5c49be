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
from ..errors import PlanError, Problem, suggestion
from ..messages import Ids, Message, say
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
from .words import key, known, meaning, status_key

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
    """A bad cell value; its message (a :class:`~seal_engine.messages.Message`) says what is
    wrong and what to do."""


def _name(field: str) -> Message:
    """A cell's value named in a problem: 'baseline', 'the action id', 'the cell'."""
    return say(f"planread.name.{field}")


def _quoted(text: Any) -> Message:
    return say("planread.quoted", text=text)


def _listed(words: Any) -> Ids:
    return Ids(items=list(words))


def problems_error(problems: list[Problem]) -> PlanError:
    """One error for many problems, at most :data:`MAX_PROBLEMS` of them listed."""
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        first = problems[0]
        problems = problems[:MAX_PROBLEMS] + [Problem(say("planread.more", n=more),
                                                      file=first.file)]
    return PlanError(problems)


def check_text(value: str, name: str) -> str:
    """``value`` if a spreadsheet can hold it, else :class:`Bad`; ``name`` is the field."""
    ch = bad_character(value)
    if ch is not None:
        raise Bad(say("planread.control", name=_name(name), char=repr(ch)))
    if len(value) > MAX_CELL_CHARS:
        raise Bad(say("planread.too_long", name=_name(name), length=len(value),
                      most=MAX_CELL_CHARS))
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
        raise problems_error([Problem(say("planread.workforce_file"), **where(-1))])
    if "workforce data" in text or text.startswith("#") or "type: assessment" in text:
        raise problems_error([Problem(say("planread.not_a_plan"), **where(-1))])
    for i, h in enumerate(cells):
        k = header_key(h)
        if not k:
            continue
        col = column_of(k)
        if col is None:
            # the titles in the language of the file's other titles
            titles = known().column_titles[known().language_of(list(cells))]
            problems.append(Problem(say(
                "planread.unknown_column", title=repr(str(h)[:60]),
                known=_listed(titles[c.field] for c in COLUMNS)), **where(i)))
        elif col.field in first_at:
            problems.append(Problem(say(
                "planread.column_twice", title=repr(str(h).strip()[:60]),
                other=str(first_at[col.field] + 1)), **where(i)))
        else:
            first_at[col.field] = i
            mapping[i] = col.field
    if "action" not in mapping.values():
        problems.insert(0, Problem(say(
            "planread.no_action_column", title=_quoted(say("planfile.col.action"))),
            **where(-1)))
    if problems:
        raise problems_error(problems)
    return mapping


# ------------------------------------------------------------------------------ values


def to_str(v: Any, name: str = "cell") -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        v = "yes" if v else "no"
    elif isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    elif not isinstance(v, (str, int, float)):
        raise Bad(say("planread.not_text", name=_name(name), kind=type(v).__name__))
    s = check_text(str(v), name).strip()
    return s or None


def to_number(v: Any, name: str) -> float | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise Bad(say("planread.not_number", name=_name(name), value=_shown(v)))
    if isinstance(v, str):
        m = _NUMBER.match(v)
        if not m:
            raise Bad(say("planread.not_number", name=_name(name), value=_shown(v)))
        v = m.group(1).replace(",", ".")
    try:
        f = float(v)
    except (OverflowError, ValueError):
        raise Bad(say("planread.too_large", name=_name(name), value=_shown(v))) from None
    if not math.isfinite(f) or abs(f) > 1e15:
        raise Bad(say("planread.too_many_digits", name=_name(name), value=_shown(v)))
    return f


def to_percent(v: Any, name: str = "progress") -> int | None:
    """A whole number from 0 to 100 (progress)."""
    f = to_number(v, name)
    if f is None:
        return None
    if not f.is_integer():
        raise Bad(say("planread.not_whole", name=_name(name), value=_shown(v)))
    if not 0 <= f <= 100:
        raise Bad(say("planread.outside", name=_name(name), value=str(int(f))))
    return int(f)


def to_position(v: Any) -> float | None:
    f = to_number(v, "no")
    if f is not None and f < 0:
        raise Bad(say("planread.negative", value=_shown(v)))
    return f


def to_quarter(v: Any, name: str) -> str | None:
    s = to_str(v, name)
    if s is None:
        return None
    s2 = s.upper().replace(" ", "")
    try:
        quarter_index(s2)
    except ValueError:
        raise Bad(say("planread.not_quarter", name=_name(name), value=_shown(s))) from None
    return s2


def to_status(v: Any) -> PlanStatus:
    s = to_str(v, "status")
    if s is None:
        return PlanStatus.planned
    found = meaning("statuses", status_key(s))
    if found is not None:
        return PlanStatus(found)
    raise Bad(say("planread.bad_status", value=_shown(s),
                  known=_listed(say(f"plan_status.{x.value}") for x in PlanStatus)))


def to_area(v: Any) -> ActionArea | None:
    s = to_str(v, "area")
    if s is None:
        return None
    k = key(s)
    found = meaning("areas", k) or meaning("areas", k.replace(" and ", " & "))
    if found is not None:
        return found
    for area in ActionArea:
        if k in (area.value, area.value.replace("_", " ")):
            return area
    raise Bad(say("planread.bad_area", value=_shown(s), known=_areas()))


def to_unit(v: Any) -> str | None:
    s = to_str(v, "unit")
    if s is None:
        return None
    u = _UNITS.get(key(s)) or meaning("units", key(s))
    if u is None:
        raise Bad(say("planread.bad_unit", value=_shown(s),
                      known=_listed(say(f"planfile.unit.{u}") for u in UNIT_LABELS)))
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


def _areas() -> Ids:
    """The areas' names, in the reader's language when rendered."""
    return _listed(say(f"planfile.area.{a.value}") for a in AREA_TITLES)


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

        def bad(field, message: Message, rec=rec, out=out):
            where = {n: x for n, x in rec.where(field).items() if n != "sheet"}
            problems.append(Problem(message, record_id=out.get("action"), **where))

        action_failed = False
        try:
            action = to_str(v.get("action"), "action")
        except Bad as e:
            action, action_failed = None, True
            bad("action", e.args[0])
        out["action"] = action if action is not None and _ID.match(action) else None
        for field, fn in (
            ("no", to_position),
            ("baseline", lambda x: to_number(x, "baseline")),
            ("target", lambda x: to_number(x, "target")),
            ("start", lambda x: to_quarter(x, "start")),
            ("end", lambda x: to_quarter(x, "end")),
            ("status", to_status),
            ("progress", to_percent),
            ("benchmarks", lambda x: to_list(x, "benchmarks")),
            ("capacities", lambda x: to_list(x, "capacities")),
            ("unit", to_unit),
            *((f, lambda x, f=f: to_str(x, f)) for f in _TEXT_FIELDS),
        ):
            try:
                out[field] = fn(v.get(field))
            except Bad as e:
                bad(field, e.args[0])
        if action_failed:
            pass
        elif action is None:
            bad("action", say("planread.no_action"))
        elif not _ID.match(action):
            bad("action", say("planread.bad_id", value=_shown(action)))
        elif action in seen:
            where = seen[action]
            if where.get("sheet"):
                bad("action", say("planread.repeated_sheet", action=repr(action),
                                  row=str(where["line"]), sheet=repr(where["sheet"])))
            else:
                bad("action", say("planread.repeated", action=repr(action),
                                  row=str(where["line"])))
        else:
            seen[action] = {"line": rec.where("action").get("line"),
                            "sheet": rec.where("action").get("sheet")}
            if action not in actions and not out.get("activity"):
                shown = ", ".join(list(actions)[:8]) + (", …" if len(actions) > 8 else "")
                bad("action", say("planread.not_in_library", action=repr(action),
                                  standard=f"{standard.id} v{standard.version}",
                                  hint=suggestion(action, list(actions)), known=shown))
        own = action is not None and action not in actions
        out["own"] = own
        area = rec.area
        if area is None:
            area_failed = False
            try:
                area = to_area(v.get("area"))
            except Bad as e:
                bad("area", e.args[0])
                area, area_failed = None, True
            if area is None and action in actions:
                area = actions[action].area
            elif area is None and own and not area_failed:
                bad("area", say("planread.own_no_area", action=repr(action), known=_areas()))
        out["area"] = area
        for b in out.get("benchmarks") or []:
            if b not in benchmark_ids:
                bad("benchmarks", say("planread.bad_benchmark", value=_shown(b),
                                      standard=f"{standard.id} v{standard.version}",
                                      hint=suggestion(b, sorted(benchmark_ids))))
        s, e = out.get("start"), out.get("end")
        if period is not None:
            for name in ("start", "end"):
                q = out.get(name)
                if q is not None and not period[0] <= quarter_index(q) <= period[1]:
                    bad(name, say("planread.outside_period", name=_name(name), value=repr(q),
                                  period=shown_period))
        if s and e and quarter_index(e) < quarter_index(s):
            bad("end", say("planread.end_before_start", end=repr(e), start=repr(s)))
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
