"""How fast an indicator can move: the pace the standard gives an indicator of its action
library (:class:`~seal_engine.models.Pace`: at most so much a year, with its source), the
target a row can reach in its time frame at that pace, and the yearly milestones on the way to
a value further away.

A share moves only as posts fall vacant, a pay gap as the people in the better-paid posts
change: a target that needs more than the pace allows is not attainable in its time frame.
"""

from __future__ import annotations

import math

from ..models import Indicator, Pace, Standard
from .aims import number_text
from .model import _LAST, PlanRow

__all__ = ["indicator_of_row", "pace_text", "paced_path", "reach"]

#: Decimals a paced target is written with, by unit.
_DECIMALS = {"percent": 1, "points": 1, "number": 2, "share": 3, "yes_no": 0}
#: Most yearly milestones listed for one row.
MAX_MILESTONES = 30


def pace_text(pace: Pace, unit: str | None, lang: str = "en") -> str:
    """'5 percentage points a year', '0.05 a year' (in ``lang``)."""
    from ..messages import render_message, say

    n = number_text(pace.per_year, "number", lang)
    if unit in ("percent", "points"):
        said = say("plandraft.pace.points", text=n, n=abs(pace.per_year))
    else:
        said = say("plandraft.pace.number", text=n)
    return render_message(said, lang=lang)


def change_text(value: float, unit: str | None, lang: str = "en") -> str:
    """A distance between two values of an indicator: '21.2 percentage points', '3'."""
    return number_text(abs(value), "points" if unit in ("percent", "points") else unit, lang)


def reach(pace: Pace, quarters: int) -> float:
    """How far the indicator can move in ``quarters`` quarters at ``pace``."""
    return pace.per_year * quarters / 4


def _toward(baseline: float, sign: int, distance: float, unit: str | None) -> float:
    """``baseline`` moved ``distance`` in direction ``sign``, rounded for a plan without going
    further than ``distance``."""
    d = _DECIMALS.get(unit or "", 2)
    scale = 10 ** d
    step = math.floor(distance * scale + 1e-9) / scale
    return float(f"{baseline + sign * step:.10g}")


def paced_path(baseline: float, need: float, pace: Pace, first: int, last: int,
               unit: str | None) -> tuple[float, list[tuple[int, float]]]:
    """The target a row running from quarter ``first`` to ``last`` (running numbers) can reach
    from ``baseline`` towards ``need`` at ``pace``, and its yearly milestones (quarter, value):
    one at the end of each year from the row's start until ``need`` is reached (or the year
    9999 ends), when ``need`` is further than the row can go or the row lasts more than a year
    (else none)."""
    sign = 1 if need > baseline else -1
    distance = abs(need - baseline)
    quarters = last - first + 1
    can = reach(pace, quarters)
    target = need if distance <= can + 1e-9 else _toward(baseline, sign, can, unit)
    if target == need and quarters <= 4:
        return target, []
    milestones: list[tuple[int, float]] = []
    for year in range(1, MAX_MILESTONES + 1):
        q = first + 4 * year - 1
        if q > _LAST:  # no quarter after 9999-Q4 can be written
            break
        moved = pace.per_year * year
        value = need if moved >= distance - 1e-9 else _toward(baseline, sign, moved, unit)
        milestones.append((q, value))
        if value == need:
            break
    return target, milestones


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(a.split()).lower() == \
        " ".join(b.split()).lower()


def indicator_of_row(standard: Standard, row: PlanRow) -> Indicator | None:
    """The library indicator a row measures: its action's, unless the row names another
    indicator of the library (an edited row), and only in the same unit; ``None`` for an
    indicator the library does not have."""
    action = next((a for a in standard.actions if a.id == row.action), None)
    ind = action.indicator if action is not None else None
    if ind is None or not (row.indicator is None or _same(row.indicator, ind.text)):
        ind = next((a.indicator for a in standard.actions if a.indicator is not None
                    and _same(row.indicator, a.indicator.text)), None)
    if ind is None or (row.unit is not None and row.unit != ind.unit):
        return None
    return ind
