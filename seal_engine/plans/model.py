"""The action plan as data: its rows, the plan, what the SMART check says, and quarters.

A plan period is counted in calendar quarters written ``YYYY-Qn`` (four digits, 1000 to 9999).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic.json_schema import SkipJsonSchema

from ..errors import PlanError, Problem
from ..messages import say
from ..models import ActionArea, Institution, Period, SealModel, StandardRef

__all__ = [
    "ACTION_ID",
    "AREA_TITLES",
    "QUARTER",
    "STATUS_LABELS",
    "UNIT_LABELS",
    "ActionPlan",
    "AnswerFirst",
    "Milestone",
    "PlanIssue",
    "PlanRow",
    "PlanStatus",
    "SetAside",
    "default_period",
    "plan_quarters",
    "quarter_index",
    "quarter_label",
]

AREA_TITLES: dict[ActionArea, str] = {
    ActionArea.policy_standards: "Policy & standards",
    ActionArea.sensitization: "Sensitization",
    ActionArea.capacity_development: "Capacity development",
    ActionArea.monitoring_evaluation: "Monitoring & evaluation",
    ActionArea.data_collection: "Data collection",
}

#: A quarter: four ASCII digits (1000 to 9999), '-Q' and 1 to 4.
QUARTER = re.compile(r"^([1-9][0-9]{3})-Q([1-4])$")
#: An action id: what a library id may be, and what the institution's own ids must be.
ACTION_ID = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,79}$"
_FIRST, _LAST = 1000 * 4, 9999 * 4 + 3


class PlanStatus(str, Enum):
    """Where an action stands."""

    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    dropped = "dropped"


STATUS_LABELS: dict[PlanStatus, str] = {
    PlanStatus.planned: "planned", PlanStatus.in_progress: "in progress",
    PlanStatus.done: "done", PlanStatus.dropped: "dropped"}


#: An indicator's unit in words, as every rendering of a plan shows it (the code is stored).
UNIT_LABELS: dict[str, str] = {"percent": "percent", "points": "percentage points",
                               "number": "number", "share": "share", "yes_no": "yes/no"}


def _clean(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


class PlanRow(SealModel):
    """One activity of the plan: an action of the standard's library, or one of the
    institution's own (``own``)."""

    no: int = Field(ge=1, description="Position in the plan: gap priority order.")
    action: str = Field(pattern=ACTION_ID,
                        description="Id of the action: from the library, or the institution's "
                                    "own for an action of its own.")
    own: bool = Field(False, description="The institution's own action, not from the library.")
    activity: str | None = Field(None, description="What will be done.")
    benchmarks: list[str] = Field(default_factory=list, description="Benchmarks it serves.")
    area: ActionArea
    indicator: str | None = None
    unit: Literal["percent", "points", "number", "share", "yes_no"] | None = Field(
        None, description="'points' are percentage points: a difference of two shares.")
    baseline: float | None = Field(None, allow_inf_nan=False)
    target: float | None = Field(None, allow_inf_nan=False)
    means_of_verification: str | None = None
    start: str | None = Field(None, pattern=QUARTER.pattern, description="e.g. 2026-Q1")
    end: str | None = Field(None, pattern=QUARTER.pattern, description="e.g. 2026-Q3")
    resources: str | None = Field(None, description="Required resources.")
    responsible: str | None = Field(None, description="Responsible party.")
    capacities: list[str] = Field(default_factory=list,
                                  description="Required but missing capacities.")
    status: PlanStatus = PlanStatus.planned
    progress: int = Field(0, ge=0, le=100, description="Percent complete.")
    evidence: str | None = Field(None, description="Evidence of completion.")
    notes: str | None = None

    _strip = field_validator(
        "activity", "indicator", "means_of_verification", "start", "end", "resources",
        "responsible", "evidence", "notes", mode="before")(_clean)

    @field_validator("baseline", "target")
    @classmethod
    def _fifteen_digits(cls, v: float | None) -> float | None:
        # a spreadsheet keeps 15 significant digits: so does the plan, so that it round-trips
        return None if v is None else float(f"{v:.15g}")

    @field_validator("benchmarks", "capacities", mode="before")
    @classmethod
    def _items(cls, v: Any) -> Any:
        if isinstance(v, list):
            return [x.strip() for x in v if isinstance(x, str) and x.strip()] + [
                x for x in v if not isinstance(x, str)]
        return v

    @property
    def label(self) -> str:
        return f"row {self.no} ({self.action})"


class SetAside(SealModel):
    """A library action that serves a gap but is not proposed, and why: its indicator is
    already where the benchmarks need it (``at_target``), its gaps are not on the path to
    the plan's target level (``beyond_target``), or the move it would seek misses where the
    gap is and other actions address it (``refocused``, from the indicator's ``refocus``)."""

    action: str
    title: str
    benchmarks: list[str] = Field(description="The gaps it serves.")
    reason: Literal["at_target", "beyond_target", "refocused"]
    note: str = Field(description="Why, in words.")
    instead: list[str] = Field(default_factory=list,
                               description="For 'refocused': the actions that address the gap.")


class AnswerFirst(SealModel):
    """A benchmark not answered yet: the self-assessment cannot tell whether it is met, so the
    plan proposes no action for it, only that it be answered first."""

    benchmark: str
    title: str
    questions: list[str] = Field(default_factory=list,
                                 description="Its required questions with no answer.")
    note: str = Field(description="What to do, in words.")


class Milestone(SealModel):
    """Where a row's indicator should stand at the end of a year, at the pace the standard
    gives: one a year from the row's start until the value its benchmark needs is reached
    (inside the row's time frame and, for a value further away than the plan, beyond it)."""

    action: str
    quarter: str = Field(pattern=QUARTER.pattern, description="e.g. 2027-Q4")
    target: float = Field(allow_inf_nan=False)


class ActionPlan(SealModel):
    """A draft or edited improvement action plan for one institution."""

    standard: StandardRef
    institution: Institution
    assessment: str = Field(description="Id of the assessment the gaps come from.")
    start: str = Field(pattern=QUARTER.pattern, description="First quarter of the plan period.")
    end: str = Field(pattern=QUARTER.pattern, description="Last quarter of the plan period.")
    level: str | None = Field(None, description="Level reached at the assessment.")
    target: str | None = Field(None, description="Level the plan aims at.")
    rows: list[PlanRow] = Field(default_factory=list)
    uncovered: list[str] = Field(
        default_factory=list, description="Gaps that no proposed library action serves: none in "
        "the library, or each one already at its target.")
    set_aside: list[SetAside] = Field(
        default_factory=list, description="Library actions serving gaps that are not proposed, "
        "with the reason.")
    answer_first: list[AnswerFirst] = Field(
        default_factory=list, description="Benchmarks not answered yet: answer them first; no "
        "action is proposed for them.")
    milestones: list[Milestone] = Field(
        default_factory=list, description="Yearly milestones of rows whose indicator moves "
        "further than a year's pace, in row order.")
    notes: list[str] = Field(default_factory=list, description="About the plan as a whole.")

    def row(self, action_id: str) -> PlanRow:
        for r in self.rows:
            if r.action == action_id:
                return r
        raise KeyError(action_id)

    def quarters(self) -> list[str]:
        return plan_quarters(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class PlanIssue(SealModel):
    """A row that is not SMART, or whose status does not add up, in words."""

    row: int
    action: str
    criterion: Literal["specific", "measurable", "achievable", "assigned", "relevant",
                       "time_bound", "consistent"]
    message: str
    #: ``message`` as data (a :class:`~seal_engine.messages.Message`), not in the JSON
    text: SkipJsonSchema[Any] = Field(None, exclude=True, repr=False)

    def __str__(self) -> str:
        return f"row {self.row} ({self.action}): {self.message}"

    def render(self, lang: str = "en") -> str:
        """The issue in ``lang``: its row, its action and what is wrong."""
        from ..messages import render_message, say

        what = self.message if self.text is None else self.text
        return render_message(say("plan.issue", row=str(self.row), action=self.action,
                                  what=what), lang=lang)


# ------------------------------------------------------------------------------ quarters


def quarter_index(q: str) -> int:
    """A running number of the quarter ``YYYY-Qn``; ValueError if it is not one."""
    m = QUARTER.match(q) if isinstance(q, str) else None
    if not m:
        raise ValueError(q)
    return int(m.group(1)) * 4 + int(m.group(2)) - 1


def quarter_label(i: int) -> str:
    """The quarter of a running number; ValueError outside the years 1000 to 9999."""
    if not _FIRST <= i <= _LAST:
        raise ValueError(i)
    return f"{i // 4}-Q{i % 4 + 1}"


def quarter_of(d: dt.date) -> int:
    return d.year * 4 + (d.month - 1) // 3


def plan_quarters(start: str, end: str) -> list[str]:
    """The quarters from ``start`` to ``end``, both included: ``2026-Q1`` … ``2026-Q4``."""
    return [quarter_label(i) for i in range(quarter_index(start), quarter_index(end) + 1)]


def default_period(period: Period, start: str | None = None,
                   quarters: int | None = None, *, assessment: Any = None) -> tuple[int, int]:
    """The plan period (first and last quarter, as running numbers) for an assessment period:
    from ``start`` (default: the quarter after the assessment period) for ``quarters``
    quarters (default: as many as the assessment period, at least four).  Raises
    :class:`PlanError` for a bad ``start`` or ``quarters``, or a period past the year 9999;
    when the assessment's period is what puts it there, the error is located at the end of the
    period in the file of ``assessment`` (the assessment ``period`` is from), if given."""
    if start is None:
        first = quarter_of(period.end) + 1
    else:
        try:
            first = quarter_index(start)
        except ValueError:
            raise PlanError(Problem(say("planperiod.bad_start", start=repr(start)),
                                    field="start")) from None
    if quarters is None:
        quarters = max(4, quarter_of(period.end) - quarter_of(period.start) + 1)
    if not isinstance(quarters, int) or not 1 <= quarters <= 40:
        raise PlanError(Problem(say("planperiod.bad_quarters", quarters=repr(quarters)),
                                field="quarters"))
    last = first + quarters - 1
    if not _FIRST <= first <= last <= _LAST:
        years = {"first": str(first // 4), "last": str(last // 4)}
        if start is not None:
            raise PlanError(Problem(say("planperiod.beyond_start", **years), field="start"))
        origin = getattr(assessment, "origin", None)
        file, line, col = origin.locate(["period", "end"]) if origin is not None else (
            None, None, None)
        raise PlanError(Problem(
            say("planperiod.beyond_period", end=period.end, **years), file=file,
            line=line, column=col, field="period.end", record_id=getattr(assessment, "id", None)))
    return first, last
