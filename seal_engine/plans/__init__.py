"""Improvement action plans.

* :mod:`.model` — the plan as data: :class:`PlanRow`, :class:`ActionPlan`, :class:`PlanStatus`,
  :class:`PlanIssue`, :class:`SetAside`, and plan quarters;
* :mod:`.draft` — :func:`draft_plan`: the library actions that serve the gaps, aimed where the
  gaps need them (:mod:`.aims` reads which way each indicator has to move from the rules);
* :mod:`.check` — :func:`check_plan`, the SMART check;
* the files: :mod:`.columns` (the column layout), :mod:`.xlsx`, :mod:`.csvfile`,
  :mod:`.markdown`, :mod:`.jsonfile` (each format's writer and reader), :mod:`.reading` (every
  cell read back checked, problems located) and :mod:`.files` (:func:`write_plan`,
  :func:`render_plan`, :func:`read_plan`).
"""

from ..errors import PlanError
from .check import check_plan
from .draft import draft_plan
from .files import read_plan, render_plan, write_plan
from .model import (
    AREA_TITLES,
    ActionPlan,
    PlanIssue,
    PlanRow,
    PlanStatus,
    SetAside,
    plan_quarters,
)

__all__ = [
    "AREA_TITLES",
    "ActionPlan",
    "PlanError",
    "PlanIssue",
    "PlanRow",
    "PlanStatus",
    "SetAside",
    "check_plan",
    "draft_plan",
    "plan_quarters",
    "read_plan",
    "render_plan",
    "write_plan",
]
