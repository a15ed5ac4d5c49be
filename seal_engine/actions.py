"""Improvement action plans: a draft from the standard's action library, SMART checks, and
export to Markdown, CSV and XLSX with an import of the edited file back into the plan.

:func:`draft_plan` turns the gaps of an assessment (see :mod:`seal_engine.gaps`) into rows of an
:class:`ActionPlan`, in gap priority order, scheduled in quarters over the plan period (by default
the quarters after the assessment period).  :func:`check_plan` says in words which rows are not
SMART.  :func:`write_plan` / :func:`render_plan` export it; :func:`read_plan` reads an edited
file back, and raises :class:`PlanError` listing every bad cell (file, sheet, row, column) while
leaving the plan it was given unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import PlanError, Problem
from .gaps import GapReport, gap_analysis
from .models import ActionArea, Assessment, Institution, Standard, StandardRef
from .render.markdown import md_table

if TYPE_CHECKING:  # pragma: no cover
    from .workforce import WorkforceData

__all__ = [
    "AREA_TITLES",
    "ActionPlan",
    "PlanError",
    "PlanIssue",
    "PlanRow",
    "PlanStatus",
    "check_plan",
    "draft_plan",
    "plan_quarters",
    "read_plan",
    "render_plan",
    "write_plan",
]

AREA_TITLES: dict[ActionArea, str] = {
    ActionArea.policy_standards: "Policy & standards",
    ActionArea.sensitization: "Sensitization",
    ActionArea.capacity_development: "Capacity development",
    ActionArea.monitoring_evaluation: "Monitoring & evaluation",
    ActionArea.data_collection: "Data collection",
}
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_XLSX_HINT = "pip install 'seal-engine[xlsx]'"


class PlanStatus(str, Enum):
    """Where an action stands."""

    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    dropped = "dropped"


_STATUS_LABELS = {PlanStatus.planned: "planned", PlanStatus.in_progress: "in progress",
                  PlanStatus.done: "done", PlanStatus.dropped: "dropped"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _clean(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


class PlanRow(_Model):
    """One activity of the plan, taken from the standard's action library."""

    no: int = Field(ge=1, description="Position in the plan: gap priority order.")
    action: str = Field(description="Id of the action in the standard's action library.")
    activity: str | None = Field(None, description="What will be done.")
    benchmarks: list[str] = Field(default_factory=list, description="Benchmarks it serves.")
    area: ActionArea
    indicator: str | None = None
    unit: Literal["percent", "number", "share", "yes_no"] | None = None
    baseline: float | None = None
    target: float | None = None
    means_of_verification: str | None = None
    start: str | None = Field(None, pattern=_QUARTER.pattern, description="e.g. 2026-Q1")
    end: str | None = Field(None, pattern=_QUARTER.pattern, description="e.g. 2026-Q3")
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


class ActionPlan(_Model):
    """A draft or edited improvement action plan for one institution."""

    standard: StandardRef
    institution: Institution
    assessment: str = Field(description="Id of the assessment the gaps come from.")
    start: str = Field(pattern=_QUARTER.pattern, description="First quarter of the plan period.")
    end: str = Field(pattern=_QUARTER.pattern, description="Last quarter of the plan period.")
    level: str | None = Field(None, description="Level reached at the assessment.")
    target: str | None = Field(None, description="Level the plan aims at.")
    rows: list[PlanRow] = Field(default_factory=list)
    uncovered: list[str] = Field(
        default_factory=list, description="Gaps no action of the library serves.")

    def row(self, action_id: str) -> PlanRow:
        for r in self.rows:
            if r.action == action_id:
                return r
        raise KeyError(action_id)

    def quarters(self) -> list[str]:
        return plan_quarters(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class PlanIssue(_Model):
    """A row that is not SMART, or whose status does not add up, in words."""

    row: int
    action: str
    criterion: Literal["specific", "measurable", "assigned", "relevant", "time_bound",
                       "consistent"]
    message: str

    def __str__(self) -> str:
        return f"row {self.row} ({self.action}): {self.message}"


# ------------------------------------------------------------------------------ quarters


def _qindex(q: str) -> int:
    m = _QUARTER.match(q)
    if not m:
        raise ValueError(q)
    return int(m.group(1)) * 4 + int(m.group(2)) - 1


def _qlabel(i: int) -> str:
    return f"{i // 4}-Q{i % 4 + 1}"


def _quarter_of(d: dt.date) -> int:
    return d.year * 4 + (d.month - 1) // 3


def plan_quarters(start: str, end: str) -> list[str]:
    """The quarters from ``start`` to ``end``, both included: ``2026-Q1`` … ``2026-Q4``."""
    return [_qlabel(i) for i in range(_qindex(start), _qindex(end) + 1)]


# ------------------------------------------------------------------------------ drafting


def draft_plan(
    standard: Standard,
    assessment: Assessment,
    report: GapReport | None = None,
    *,
    target: str | None = None,
    start: str | None = None,
    quarters: int | None = None,
    workforce: WorkforceData | None = None,
) -> ActionPlan:
    """A draft plan: one row per library action serving a gap, in gap priority order.

    The plan period starts at ``start`` (default: the quarter after the assessment period) and
    lasts ``quarters`` quarters (default: as many as the assessment period, at least four).
    Actions for the gaps on the path to the target start in the first quarter, those for the
    next level one quarter later, and so on; an action longer than the period is shortened to
    fit, with a note.  Baselines are measured from the assessment and its ``workforce`` data
    where the library says how.  Raises :class:`PlanError` for a bad ``start`` or
    ``quarters``."""
    if report is None:
        report = gap_analysis(standard, assessment, target=target, workforce=workforce)
    period = assessment.period
    if start is None:
        first = _quarter_of(period.end) + 1
    else:
        try:
            first = _qindex(start)
        except ValueError:
            raise PlanError(Problem(f"start {start!r} is not a quarter; write it as YYYY-Qn, "
                                    "e.g. '2026-Q1'", field="start")) from None
    if quarters is None:
        quarters = max(4, _quarter_of(period.end) - _quarter_of(period.start) + 1)
    if not 1 <= quarters <= 40:
        raise PlanError(Problem(f"quarters {quarters!r} is out of range; give 1 to 40",
                                field="quarters"))
    last = first + quarters - 1
    steps = [p for p in report.paths if p.reachable and not p.already_reached]
    step = {p.level: n for n, p in enumerate(steps)}
    rows: list[PlanRow] = []
    seen: set[str] = set()
    gap_ids = [g.id for g in report.gaps]
    measured = _measured_baselines(standard, assessment, workforce)
    evidence_only = {g.id: g for g in report.gaps
                     if not g.failing and not g.unanswered and g.missing_evidence}
    for g in report.gaps:
        for a in standard.actions_for(g.id):
            if a.id in seen:
                continue
            seen.add(a.id)
            offset = step.get(g.path, len(steps)) if g.path else len(steps)
            dur = a.duration_quarters
            note = None
            if dur > quarters:
                s, e = first, last
                note = (f"The library expects {dur} quarters; shortened to the plan period "
                        f"{_qlabel(first)}–{_qlabel(last)}. Extend the period or split the "
                        "action.")
            else:
                s = max(first, min(first + offset, last - dur + 1))
                e = s + dur - 1
            ind = a.indicator
            baseline = ind.baseline if ind else None
            if a.id in measured:
                baseline = measured[a.id]
                note = " ".join(filter(None, [note, "Baseline measured from this assessment."]))
            served = [evidence_only[b] for b in a.benchmarks if b in evidence_only]
            if served and len(served) == len([b for b in a.benchmarks if b in gap_ids]):
                titles = "; ".join(e.title for gap in served for e in gap.missing_evidence)
                note = " ".join(filter(None, [
                    f"Only evidence is missing for {', '.join(gap.id for gap in served)}: "
                    f"{titles}. If this action is already done, provide the evidence and mark "
                    "it done.", note]))
            activity = a.title
            if a.description:
                activity += " — " + " ".join(a.description.split())
            rows.append(PlanRow(
                no=len(rows) + 1, action=a.id, activity=activity,
                benchmarks=[b for b in gap_ids if b in a.benchmarks],
                area=a.area, indicator=ind.text if ind else None, unit=ind.unit if ind else None,
                baseline=baseline, target=ind.target if ind else None,
                means_of_verification=a.means_of_verification, start=_qlabel(s), end=_qlabel(e),
                resources=a.resources, responsible=a.responsible, capacities=list(a.capacities),
                notes=note))
    target_id = report.target.level if report.target is not None else None
    return ActionPlan(
        standard=report.standard, institution=report.institution, assessment=report.assessment,
        start=_qlabel(first), end=_qlabel(last), level=report.level, target=target_id,
        rows=rows, uncovered=[g.id for g in report.gaps if not standard.actions_for(g.id)])


def _measured_baselines(standard: Standard, assessment: Assessment,
                        workforce: WorkforceData | None) -> dict[str, float]:
    """Action id -> the institution's current value of the action's indicator, where the
    library gives a ``measure`` and the assessment (or its workforce data) has the value."""
    from .compilation import compiled
    from .rules import Missing
    from .scoring import evaluation_context

    measures = compiled(standard).measures
    if not measures:
        return {}
    ctx = evaluation_context(standard, assessment, workforce)
    out: dict[str, float] = {}
    for action_id, rule in measures.items():
        value = rule.evaluate(ctx)
        if isinstance(value, Missing):
            continue
        unit = next(a.indicator.unit for a in standard.actions if a.id == action_id)
        if isinstance(value, bool):
            value = 1.0 if value else 0.0
        elif rule.type in ("share", "points") and unit == "percent":
            value = value * 100
        out[action_id] = round(float(value), 1 if unit == "percent" else 2)
    return out


# ------------------------------------------------------------------------------ SMART checks




def check_plan(plan: ActionPlan, standard: Standard | None = None) -> list[PlanIssue]:
    """Every row that is not SMART — specific (an activity), measurable (a numeric indicator with
    baseline and target), assigned (a responsible party), relevant (serves a benchmark) and
    time-bound (start and end quarter inside the plan period) — and every status that does not
    add up (done without evidence of completion, or with progress under 100)."""
    out: list[PlanIssue] = []
    lo, hi = _qindex(plan.start), _qindex(plan.end)
    period = f"{plan.start}–{plan.end}"
    actions = {a.id for a in standard.actions} if standard else None
    benchmarks = {b.id for b in standard.benchmarks()} if standard else None
    for r in plan.rows:
        def add(criterion, message, r=r):
            out.append(PlanIssue(row=r.no, action=r.action, criterion=criterion, message=message))

        if not r.activity:
            add("specific", "no activity; say what will be done")
        if not r.indicator:
            add("measurable", "no indicator; say what will be measured")
        if r.baseline is None:
            add("measurable", "no baseline for the indicator yet; fill it in from your own figures")
        if r.target is None:
            add("measurable", "no target for the indicator")
        if r.baseline is not None and r.target is not None:
            if r.baseline == r.target:
                add("measurable", f"the target equals the baseline ({_num(r.target)}); no "
                                  "change is sought")
            bounds = {"percent": (0, 100), "share": (0, 1), "yes_no": (0, 1)}.get(r.unit or "")
            for name, v in (("baseline", r.baseline), ("target", r.target)):
                if bounds and not bounds[0] <= v <= bounds[1]:
                    add("measurable", f"the {name} {_num(v)} is outside {bounds[0]}–"
                                      f"{bounds[1]} for a {r.unit.replace('_', '/')} indicator")
        if not r.responsible:
            add("assigned", "no responsible party")
        if not r.benchmarks:
            add("relevant", "serves no benchmark")
        if benchmarks is not None:
            unknown = [b for b in r.benchmarks if b not in benchmarks]
            if unknown:
                add("relevant", f"{', '.join(unknown)} is not a benchmark of the standard")
        if actions is not None and r.action not in actions:
            add("relevant", f"{r.action!r} is not in the standard's action library")
        if not r.start or not r.end:
            add("time_bound", "no time frame; give a start and an end quarter")
        else:
            s, e = _qindex(r.start), _qindex(r.end)
            if e < s:
                add("time_bound", f"the end quarter {r.end} is before the start quarter "
                                  f"{r.start}")
            if s < lo or e > hi or s > hi or e < lo:
                add("time_bound", f"the time frame {r.start}–{r.end} is not inside the plan "
                                  f"period {period}")
        if r.status is PlanStatus.done and not r.evidence:
            add("consistent", "marked done but no evidence of completion is given")
        if r.status is PlanStatus.done and r.progress < 100:
            add("consistent", f"marked done but progress is {r.progress} %")
        if r.status is PlanStatus.planned and r.progress > 0:
            add("consistent", f"marked planned but progress is {r.progress} %; mark it in "
                              "progress")
    return out


# ------------------------------------------------------------------------------ columns


class _Col:
    def __init__(self, field: str, title: str, width: float, in_xlsx: bool = True):
        self.field, self.title, self.width, self.in_xlsx = field, title, width, in_xlsx


_COLUMNS = [
    _Col("no", "No.", 6),
    _Col("action", "Action id", 11),
    _Col("activity", "Activity", 44),
    _Col("benchmarks", "Benchmarks", 13),
    _Col("area", "Area", 22, in_xlsx=False),
    _Col("indicator", "Indicator", 36),
    _Col("unit", "Unit", 9),
    _Col("baseline", "Baseline", 10),
    _Col("target", "Target", 10),
    _Col("means_of_verification", "Means of verification", 30),
    _Col("start", "Start", 10),
    _Col("end", "End", 10),
    _Col("resources", "Required resources", 28),
    _Col("responsible", "Responsible party", 24),
    _Col("capacities", "Missing capacities", 28),
    _Col("status", "Status", 13),
    _Col("progress", "Progress (%)", 10),
    _Col("evidence", "Evidence of completion", 32),
    _Col("notes", "Notes", 32),
]
_XLSX_COLUMNS = [c for c in _COLUMNS if c.in_xlsx]
_MD_COLUMNS = _XLSX_COLUMNS
_BY_NAME = {k: c for c in _COLUMNS for k in (c.title.lower(), c.field,
                                            c.field.replace("_", " "))}
_BY_NAME.update({"time frame start": _BY_NAME["start"], "start quarter": _BY_NAME["start"],
                 "end quarter": _BY_NAME["end"], "time frame end": _BY_NAME["end"],
                 "progress": _BY_NAME["progress"], "action": _BY_NAME["action"],
                 "responsible": _BY_NAME["responsible"], "evidence": _BY_NAME["evidence"]})


def _num(v: float) -> str:
    v = float(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)


def _text(row: PlanRow, field: str) -> str:
    v = getattr(row, field)
    if v is None:
        return ""
    if field in ("benchmarks", "capacities"):
        return "; ".join(v)
    if field == "area":
        return AREA_TITLES[v]
    if field == "status":
        return _STATUS_LABELS[v]
    if field in ("baseline", "target"):
        return _num(v)
    return str(v)


def _cell(row: PlanRow, field: str) -> Any:
    """A value for a spreadsheet cell: numbers stay numbers, lists one item a line."""
    v = getattr(row, field)
    if v is None:
        return None
    if field in ("benchmarks", "capacities"):
        return "\n".join(v) if v else None
    if field in ("baseline", "target"):
        v = float(v)
        return int(v) if v.is_integer() and abs(v) < 1e15 else v
    if field in ("no", "progress"):
        return v
    return _text(row, field) or None


# ------------------------------------------------------------------------------ rendering


_CENTRED = {"no", "unit", "start", "end", "status", "progress"}


def _lines(value: Any, width: float) -> int:
    """About how many lines a wrapped cell of this width needs."""
    if value is None or isinstance(value, (int, float)):
        return 1
    per_line = max(1, int(width * 1.1) - 2)
    return sum(max(1, math.ceil(len(seg) / per_line)) for seg in str(value).split("\n"))


def _issue_lines(issues: Sequence[PlanIssue]) -> list[str]:
    return [f"- {i}" for i in issues] or ["Every row is SMART."]


def plan_markdown(plan: ActionPlan, standard: Standard | None = None) -> str:
    titles = {lv.id: lv.title for lv in standard.levels} if standard else {}
    out = [f"# Gender equality action plan: {plan.institution.name}", "",
           f"- Standard: {plan.standard.id} v{plan.standard.version}",
           f"- Assessment: {plan.assessment}",
           f"- Plan period: {plan.start} – {plan.end}",
           f"- Level reached: {titles.get(plan.level, plan.level) if plan.level else 'no level'}",
           f"- Target level: {titles.get(plan.target, plan.target) if plan.target else 'none'}",
           ""]
    if plan.uncovered:
        out += [f"Gaps with no action in the library: {', '.join(plan.uncovered)}.", ""]
    for area, title in AREA_TITLES.items():
        rows = [r for r in plan.rows if r.area is area]
        out += [f"## {title}", ""]
        if not rows:
            out += ["No actions in this area.", ""]
            continue
        out.append(md_table([c.title for c in _MD_COLUMNS],
                             [[_text(r, c.field) for c in _MD_COLUMNS] for r in rows]))
        out.append("")
    out += ["## SMART check", "", *_issue_lines(check_plan(plan, standard)), ""]
    return "\n".join(out)


def plan_csv(plan: ActionPlan) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([c.title for c in _COLUMNS])
    for r in plan.rows:
        w.writerow([_text(r, c.field) for c in _COLUMNS])
    return buf.getvalue()


def render_plan(plan: ActionPlan, fmt: str = "markdown", standard: Standard | None = None) -> str:
    """A plan as ``markdown``, ``csv`` or ``json`` text (XLSX: :func:`write_plan`)."""
    if fmt == "markdown":
        return plan_markdown(plan, standard)
    if fmt == "csv":
        return plan_csv(plan)
    if fmt == "json":
        return json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n"
    raise PlanError(Problem(f"unknown format {fmt!r} for a plan output; choose one of "
                            "markdown, csv, json, xlsx", field="format"))


_SUFFIX_FORMAT = {".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".json": "json",
                  ".xlsx": "xlsx"}


def _format_of(path: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    try:
        return _SUFFIX_FORMAT[path.suffix.lower()]
    except KeyError:
        raise PlanError(Problem(
            f"cannot tell the format of {path.name!r}; name it .xlsx, .csv, .md or .json",
            file=str(path))) from None


def write_plan(plan: ActionPlan, path: str | Path, fmt: str | None = None,
               standard: Standard | None = None) -> Path:
    """Write a plan to ``path`` as ``xlsx``, ``csv`` (UTF-8 with a byte-order mark, so that
    spreadsheet programs read accents), ``markdown`` or ``json``; the format defaults to the
    file's suffix."""
    path = Path(path)
    fmt = _format_of(path, fmt)
    if fmt == "xlsx":
        _write_xlsx(plan, path, standard)
    elif fmt == "csv":
        path.write_text(plan_csv(plan), encoding="utf-8-sig", newline="")
    else:
        path.write_text(render_plan(plan, fmt, standard), encoding="utf-8")
    return path


def _openpyxl():
    try:
        import openpyxl
    except ImportError as e:
        raise ImportError(f"Excel files need openpyxl: {_XLSX_HINT}") from e
    return openpyxl


def _write_xlsx(plan: ActionPlan, path: Path, standard: Standard | None) -> None:
    openpyxl = _openpyxl()
    from openpyxl.formatting.rule import CellIsRule, DataBarRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F4E79")
    wrap = Alignment(wrap_text=True, vertical="top")
    head_align = Alignment(wrap_text=True, vertical="center")
    centred = Alignment(wrap_text=True, vertical="top", horizontal="center")
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    issues = check_plan(plan, standard)
    quarters = plan.quarters()
    spare = 200  # rows below the plan that keep the validations, for rows added by hand

    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Summary"
    lib_rows = len(standard.actions) if standard else 0
    cols = {c.field: get_column_letter(n) for n, c in enumerate(_XLSX_COLUMNS, start=1)}
    for area, title in AREA_TITLES.items():
        ws = wb.create_sheet(title)
        rows = [r for r in plan.rows if r.area is area]
        for n, c in enumerate(_XLSX_COLUMNS, start=1):
            cell = ws.cell(row=1, column=n, value=c.title)
            cell.font, cell.fill, cell.alignment, cell.border = head_font, head_fill, \
                head_align, border
            ws.column_dimensions[get_column_letter(n)].width = c.width
        ws.row_dimensions[1].height = 32
        for i, r in enumerate(rows, start=2):
            lines = 1
            for n, c in enumerate(_XLSX_COLUMNS, start=1):
                value = _cell(r, c.field)
                cell = ws.cell(row=i, column=n, value=value)
                cell.alignment = centred if c.field in _CENTRED else wrap
                cell.border = border
                lines = max(lines, _lines(value, c.width))
            # spreadsheet programs do not grow rows for wrapped text on opening: set the height
            ws.row_dimensions[i].height = 15 * min(lines, 12)
        last = len(rows) + 1 + spare
        ws.freeze_panes = "D2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(_XLSX_COLUMNS))}{max(2, len(rows) + 1)}"

        def validate(dv, col, ws=ws, last=last):
            dv.error_style = "stop"
            dv.showErrorMessage = True
            dv.add(f"{cols[col]}2:{cols[col]}{last}")
            ws.add_data_validation(dv)

        validate(DataValidation(
            type="list", formula1='"' + ",".join(_STATUS_LABELS.values()) + '"',
            allow_blank=True, errorTitle="Status",
            error="Pick a status from the list: planned, in progress, done or dropped."),
            "status")
        validate(DataValidation(
            type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
            errorTitle="Progress", error="Enter a whole number from 0 to 100.",
            promptTitle="Progress", prompt="Percent complete, 0 to 100."), "progress")
        q_list = '"' + ",".join(quarters) + '"'
        for col in ("start", "end"):
            validate(DataValidation(
                type="list", formula1=q_list, allow_blank=True, errorTitle="Quarter",
                error=f"Pick a quarter of the plan period {plan.start}–{plan.end}."), col)
        validate(DataValidation(
            type="list", formula1='"percent,number,share,yes_no"', allow_blank=True,
            errorTitle="Unit", error="Pick a unit from the list."), "unit")
        if lib_rows:
            validate(DataValidation(
                type="list", formula1=f"'Action library'!$A$2:$A${lib_rows + 1}",
                allow_blank=False, errorTitle="Action id",
                error="Use an action id from the 'Action library' sheet."), "action")
        rng = f"{cols['status']}2:{cols['status']}{last}"
        for label, colour in (("done", "C6EFCE"), ("in progress", "FFEB9C"),
                              ("dropped", "D9D9D9")):
            ws.conditional_formatting.add(rng, CellIsRule(
                operator="equal", formula=[f'"{label}"'],
                fill=PatternFill("solid", fgColor=colour, bgColor=colour)))
        ws.conditional_formatting.add(
            f"{cols['progress']}2:{cols['progress']}{last}",
            DataBarRule(start_type="num", start_value=0, end_type="num", end_value=100,
                        color="5B9BD5"))
        _print_setup(ws, "landscape", ws.PAPERSIZE_A3, title_row=True)

    # --- summary
    titles = {lv.id: lv.title for lv in standard.levels} if standard else {}
    summary.column_dimensions["A"].width = 28
    for col in "BCDEFG":
        summary.column_dimensions[col].width = 14
    summary["A1"] = f"Gender equality action plan: {plan.institution.name}"
    summary["A1"].font = Font(bold=True, size=14)
    info = [
        ("Institution", f"{plan.institution.name} ({plan.institution.country})"),
        ("Standard", f"{plan.standard.id} v{plan.standard.version}"
                     + (f" — {standard.title}" if standard else "")),
        ("Assessment", plan.assessment),
        ("Plan period", f"{plan.start} – {plan.end}"),
        ("Level reached", titles.get(plan.level, plan.level) if plan.level else "no level"),
        ("Target level", titles.get(plan.target, plan.target) if plan.target else "none"),
    ]
    n = 3
    for k, v in info:
        summary.cell(row=n, column=1, value=k).font = Font(bold=True)
        summary.cell(row=n, column=2, value=v)
        n += 1
    n += 1
    heads = ("Area", "Actions", "Planned", "In progress", "Done", "Dropped", "Avg. progress")
    for i, h in enumerate(heads, start=1):
        c = summary.cell(row=n, column=i, value=h)
        c.font, c.fill, c.alignment, c.border = head_font, head_fill, head_align, border
    first_area_row = n + 1
    for title in AREA_TITLES.values():
        n += 1
        ref = f"'{title}'!"
        st = f"{ref}${cols['status']}$2:${cols['status']}$1000"
        pr = f"{ref}${cols['progress']}$2:${cols['progress']}$1000"
        ids = f"{ref}${cols['action']}$2:${cols['action']}$1000"
        values = [title, f"=COUNTA({ids})"] + [
            f'=COUNTIF({st},"{lab}")' for lab in _STATUS_LABELS.values()] + [
            f'=IFERROR(ROUND(AVERAGEIFS({pr},{st},"<>dropped",{ids},"<>"),0),"")']
        for i, v in enumerate(values, start=1):
            summary.cell(row=n, column=i, value=v).border = border
    n += 1
    summary.cell(row=n, column=1, value="Total").font = Font(bold=True)
    for i in range(2, 7):
        letter = get_column_letter(i)
        c = summary.cell(row=n, column=i, value=f"=SUM({letter}{first_area_row}:{letter}{n - 1})")
        c.font, c.border = Font(bold=True), border
    summary.cell(row=n, column=1).border = border
    n += 2
    notes = [("SMART check", [str(i) for i in issues] or ["Every row is SMART."])]
    if plan.uncovered:
        notes.append(("Gaps with no action in the library",
                      [", ".join(plan.uncovered) + ": add an activity of your own in Notes "
                       "of a related row, or ask for a library action."]))
    notes.append(("How to use this workbook", [
        "One sheet per area. Edit status (pick from the list), progress (0–100), start and end "
        "quarter (pick from the list), evidence of completion and notes.",
        "Keep the Action id column: it links a row to the standard's action library. To add a "
        "row, pick an id listed on the 'Action library' sheet.",
        "Mark an action done only with evidence of completion; it feeds the next "
        "self-assessment.",
        f"To read it back: seal actions <assessment file> --plan {path.name}",
    ]))
    summary.column_dimensions["B"].width = 14
    for head, lines in notes:
        summary.cell(row=n, column=1, value=head).font = Font(bold=True)
        n += 1
        for ln in lines:
            summary.merge_cells(start_row=n, start_column=1, end_row=n, end_column=7)
            summary.cell(row=n, column=1, value=ln).alignment = wrap
            summary.row_dimensions[n].height = 15 * _lines(ln, 28 + 6 * 14)
            n += 1
        n += 1
    _print_setup(summary, "portrait", summary.PAPERSIZE_A4)

    # --- action library (for reference and the action id list)
    if standard:
        lib = wb.create_sheet("Action library")
        lib_cols = [("Action id", 11), ("Title", 44), ("Area", 22), ("Benchmarks", 13),
                    ("Indicator", 36), ("Duration (quarters)", 11), ("Effort", 9),
                    ("Responsible", 24)]
        for i, (h, w) in enumerate(lib_cols, start=1):
            c = lib.cell(row=1, column=i, value=h)
            c.font, c.fill, c.alignment = head_font, head_fill, head_align
            lib.column_dimensions[get_column_letter(i)].width = w
        for r, a in enumerate(standard.actions, start=2):
            vals = [a.id, a.title, AREA_TITLES[a.area], "\n".join(a.benchmarks),
                    a.indicator.text if a.indicator else None, a.duration_quarters, a.effort,
                    a.responsible]
            for i, v in enumerate(vals, start=1):
                lib.cell(row=r, column=i, value=v).alignment = wrap
            lib.row_dimensions[r].height = 15 * max(
                _lines(str(v), w) for v, (_h, w) in zip(vals, lib_cols, strict=True)
                if v is not None)
        lib.freeze_panes = "B2"
        _print_setup(lib, "landscape", lib.PAPERSIZE_A4, title_row=True)
    wb.save(path)


def _print_setup(ws, orientation: str, paper: int, title_row: bool = False) -> None:
    """Print one page wide, as many pages long as needed, the header on each page."""
    ws.page_setup.orientation = orientation
    ws.page_setup.paperSize = paper
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_row:
        ws.print_title_rows = "1:1"


# ------------------------------------------------------------------------------ reading


class _Record:
    """One row of an edited file: its raw values by field, and where each cell is."""

    def __init__(self, values: dict[str, Any], where: Callable[[str], dict], area=None):
        self.values, self.where, self.area = values, where, area


class _Bad(Exception):
    pass


def _to_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


def _to_number(v: Any, name: str) -> float | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        raise _Bad(f"{name} {v!r} is not a number; enter a number such as 40")
    if isinstance(v, (int, float)):
        f = float(v)
    else:
        s = str(v).strip()
        try:
            f = float(s)
        except ValueError:
            raise _Bad(f"{name} {v!r} is not a number; enter a number such as 40") from None
    if not math.isfinite(f):
        raise _Bad(f"{name} {v!r} is not a finite number")
    return f


def _to_int(v: Any, name: str, lo: int, hi: int, hint: str) -> int | None:
    if isinstance(v, str):
        v = v.strip().rstrip("%").strip()
    f = _to_number(v, name)
    if f is None:
        return None
    if not f.is_integer():
        raise _Bad(f"{name} {_to_str(v)!r} is not a whole number; {hint}")
    if not lo <= f <= hi:
        raise _Bad(f"{name} {int(f)} is outside {lo}–{hi}; {hint}")
    return int(f)


def _to_position(v: Any) -> float | None:
    f = _to_number(v, "No.")
    if f is not None and f < 0:
        raise _Bad(f"No. {_num(f)} is negative; give the row's position in the plan")
    return f


def _to_quarter(v: Any, name: str) -> str | None:
    s = _to_str(v)
    if s is None:
        return None
    s2 = s.upper().replace(" ", "")
    if not _QUARTER.match(s2):
        raise _Bad(f"{name} quarter {s!r} is not a quarter; write it as YYYY-Qn, e.g. '2026-Q3'")
    return s2


def _to_status(v: Any) -> PlanStatus:
    s = _to_str(v)
    if s is None:
        return PlanStatus.planned
    key = s.lower().replace("_", " ").replace("-", " ")
    key = " ".join(key.split())
    for st, label in _STATUS_LABELS.items():
        if key == label:
            return st
    raise _Bad(f"status {s!r} is not one of planned, in progress, done, dropped; pick one "
               "from the list")


def _to_area(v: Any) -> ActionArea:
    s = _to_str(v)
    key = " ".join((s or "").lower().replace(" and ", " & ").split())
    for area, title in AREA_TITLES.items():
        if key in (title.lower(), area.value, area.value.replace("_", " ")):
            return area
    raise _Bad(f"area {s!r} is not one of {', '.join(AREA_TITLES.values())}")


def _to_list(v: Any) -> list[str]:
    if isinstance(v, (list, tuple)):
        v = "\n".join(str(x) for x in v)
    s = _to_str(v)
    if s is None:
        return []
    return [p.strip() for p in re.split(r"[;\n]", s) if p.strip()]


def _parse(records: list[_Record], standard: Standard, base: ActionPlan, file: str) -> ActionPlan:
    problems: list[Problem] = []
    actions = {a.id: a for a in standard.actions}
    benchmark_ids = [b.id for b in standard.benchmarks()]
    lo, hi = _qindex(base.start), _qindex(base.end)
    period = f"{base.start}–{base.end}"
    seen: dict[str, dict] = {}
    parsed: list[tuple[float, int, dict]] = []
    for k, rec in enumerate(records):
        v = rec.values
        action = _to_str(v.get("action"))
        before = len(problems)

        def bad(field, message, rec=rec, action=action):
            where = {k: x for k, x in rec.where(field).items() if k != "sheet"}
            problems.append(Problem(message, record_id=action, **where))

        out: dict[str, Any] = {}
        if action is None:
            bad("action", "no action id; give the id of an action from the standard's action "
                          "library")
        elif action not in actions:
            shown = ", ".join(list(actions)[:8]) + (", …" if len(actions) > 8 else "")
            bad("action", f"action id {action!r} is not in the action library of "
                          f"{standard.id} v{standard.version}; use one of {shown}")
        elif action in seen:
            where = seen[action]
            sheet = f" of sheet {where['sheet']!r}" if where.get("sheet") else ""
            bad("action", f"action {action!r} is already in row {where['line']}{sheet}; keep "
                          "one row per action")
        else:
            seen[action] = {"line": rec.where("action").get("line"),
                            "sheet": rec.where("action").get("sheet")}
        out["action"] = action
        for field, fn in (
            ("no", lambda x: _to_position(x)),
            ("baseline", lambda x: _to_number(x, "baseline")),
            ("target", lambda x: _to_number(x, "target")),
            ("start", lambda x: _to_quarter(x, "start")),
            ("end", lambda x: _to_quarter(x, "end")),
            ("status", _to_status),
            ("progress", lambda x: _to_int(x, "progress", 0, 100,
                                           "enter a whole number from 0 to 100")),
            ("benchmarks", _to_list),
            ("capacities", _to_list),
        ):
            try:
                out[field] = fn(v.get(field))
            except _Bad as e:
                bad(field, str(e))
        if rec.area is not None:
            out["area"] = rec.area
        elif _to_str(v.get("area")) is None and action in actions:
            out["area"] = actions[action].area
        else:
            try:
                out["area"] = _to_area(v.get("area"))
            except _Bad as e:
                bad("area", str(e))
        unit = _to_str(v.get("unit"))
        if unit is not None:
            u = unit.lower().replace("/", "_").replace(" ", "_")
            u = {"%": "percent", "yes_no": "yes_no", "yesno": "yes_no"}.get(u, u)
            if u not in ("percent", "number", "share", "yes_no"):
                bad("unit", f"unit {unit!r} is not one of percent, number, share, yes_no")
            unit = u
        out["unit"] = unit
        for b in out.get("benchmarks") or []:
            if b not in benchmark_ids:
                bad("benchmarks", f"benchmark {b!r} is not a benchmark of {standard.id} "
                                  f"v{standard.version}")
        s, e = out.get("start"), out.get("end")
        for name in ("start", "end"):
            q = out.get(name)
            if q is not None and not lo <= _qindex(q) <= hi:
                bad(name, f"{name} quarter {q!r} is outside the plan period {period}; pick a "
                          "quarter in the period")
        if s and e and _qindex(e) < _qindex(s):
            bad("end", f"end quarter {e!r} is before start quarter {s!r}; the end must be the "
                       "start or later")
        for field in ("activity", "indicator", "means_of_verification", "resources",
                      "responsible", "evidence", "notes"):
            out[field] = _to_str(v.get(field))
        if len(problems) == before:
            no = out.pop("no")
            parsed.append((no if no is not None else math.inf, k, out))
    if problems:
        raise PlanError(problems)
    parsed.sort(key=lambda t: (t[0], t[1]))
    rows = []
    for n, (_no, _k, out) in enumerate(parsed, start=1):
        out["status"] = out["status"] or PlanStatus.planned
        out["progress"] = out["progress"] if out["progress"] is not None else 0
        rows.append(PlanRow(no=n, **out))
    return base.model_copy(update={"rows": rows}, deep=True)


def _header_map(cells: Sequence[Any], file: str, where_header: Callable[[int], dict]
                ) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for i, h in enumerate(cells):
        key = " ".join(str(h or "").split()).lower()
        col = _BY_NAME.get(key)
        if col is not None and col.field not in mapping.values():
            mapping[i] = col.field
    if "action" not in mapping.values():
        raise PlanError(Problem(
            "no 'Action id' column in the header row; keep the header row as exported",
            **where_header(0)))
    return mapping


def _records_csv(path: Path) -> list[_Record]:
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise PlanError(Problem("the file is empty; export a plan to start from", file=str(path)))
    header = rows[0]
    mapping = _header_map(header, str(path), lambda i: {"file": str(path), "line": 1})
    titles = {f: header[i].strip() for i, f in mapping.items()}
    cols = {f: i + 1 for i, f in mapping.items()}
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        values = {f: row[i] if i < len(row) else None for i, f in mapping.items()}
        out.append(_Record(values, lambda f, n=n: {
            "file": str(path), "line": n, "column": cols.get(f), "field": titles.get(f, f)}))
    return out


def _split_md(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [c.strip().replace("\\|", "|").replace("<br>", "\n") for c in cells]


def _records_md(path: Path) -> list[_Record]:
    lines = path.read_text(encoding="utf-8").splitlines()
    area_by_title = {t.lower(): a for a, t in AREA_TITLES.items()}
    area = None
    out = []
    i = 0
    found = False
    while i < len(lines):
        ln = lines[i]
        if ln.startswith("## "):
            area = area_by_title.get(ln[3:].strip().lower())
        elif ln.lstrip().startswith("|") and i + 1 < len(lines) and re.match(
                r"^\s*\|?\s*:?-{3,}", lines[i + 1]):
            header = _split_md(ln)
            keys = [" ".join(h.split()).lower() for h in header]
            if "action id" not in keys:
                i += 1
                continue
            found = True
            mapping = _header_map(header, str(path), lambda _i: {"file": str(path)})
            titles = {f: header[j] for j, f in mapping.items()}
            cols = {f: j + 1 for j, f in mapping.items()}
            i += 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = _split_md(lines[i])
                values = {f: cells[j] if j < len(cells) else None for j, f in mapping.items()}
                sheet = next((t for a, t in AREA_TITLES.items() if a is area), None)
                out.append(_Record(values, lambda f, n=i + 1, sheet=sheet, cols=cols,
                                   titles=titles: {
                    "file": str(path), "line": n, "column": cols.get(f),
                    "field": f"{sheet} › {titles.get(f, f)}" if sheet else titles.get(f, f),
                    "sheet": sheet}, area))
                i += 1
            continue
        i += 1
    if not found:
        raise PlanError(Problem("no plan table with an 'Action id' column found; keep the "
                                "tables as exported", file=str(path)))
    return out


def _records_xlsx(path: Path) -> list[_Record]:
    openpyxl = _openpyxl()
    from openpyxl.utils import get_column_letter

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl raises zipfile, KeyError, InvalidFileException ...
        raise PlanError(Problem(f"cannot read it as an Excel workbook ({e}); save it as .xlsx",
                                file=str(path))) from None
    try:
        out = []
        found = False
        for area, title in AREA_TITLES.items():
            if title not in wb.sheetnames:
                continue
            found = True
            ws = wb[title]
            rows = list(ws.iter_rows(values_only=True))
            if not rows:
                continue
            header = list(rows[0])
            mapping = _header_map(header, str(path), lambda _i, title=title: {
                "file": str(path), "line": 1, "field": f"{title}!A1"})
            titles = {f: str(header[i]).strip() for i, f in mapping.items()}
            cols = {f: i + 1 for i, f in mapping.items()}
            for n, row in enumerate(rows[1:], start=2):
                if not any(c is not None and str(c).strip() for c in row):
                    continue
                values = {f: row[i] if i < len(row) else None for i, f in mapping.items()}

                def where(f, n=n, title=title, cols=cols, titles=titles):
                    col = cols.get(f)
                    cell = f"{get_column_letter(col)}{n}" if col else str(n)
                    return {"file": str(path), "line": n, "column": col,
                            "field": f"{title}!{cell} ({titles.get(f, f)})", "sheet": title}

                out.append(_Record(values, where, area))
        if not found:
            raise PlanError(Problem(
                "no area sheet found; expected sheets named "
                + ", ".join(repr(t) for t in AREA_TITLES.values()), file=str(path)))
        return out
    finally:
        wb.close()


def _records_json(path: Path) -> list[_Record]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise PlanError(Problem(f"not valid JSON ({e})", file=str(path))) from None
    rows = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise PlanError(Problem("expected an object with a 'rows' list", file=str(path),
                                field="rows"))
    out = []
    for i, r in enumerate(rows):
        if not isinstance(r, dict):
            raise PlanError(Problem("a row must be an object", file=str(path),
                                    field=f"rows[{i}]"))
        out.append(_Record(dict(r), lambda f, i=i: {"file": str(path), "field": f"rows[{i}].{f}"},
                           None))
    return out


def read_plan(path: str | Path, standard: Standard, base: ActionPlan,
              fmt: str | None = None) -> ActionPlan:
    """Read an edited plan (XLSX, CSV, Markdown or JSON, by suffix) into a copy of ``base``.

    The file's rows become the plan's rows, ordered by their No. column; the header (institution,
    period, target) stays that of ``base``.  Raises :class:`PlanError` listing every bad cell —
    unknown action id, bad status, progress outside 0–100, a quarter outside the plan period, an
    end before the start, an unknown benchmark, a repeated action — each with its file, row,
    column and (XLSX) sheet; ``base`` is never changed."""
    path = Path(path)
    fmt = _format_of(path, fmt)
    if not path.is_file():
        raise PlanError(Problem("no such file", file=str(path)))
    if fmt == "xlsx":
        records = _records_xlsx(path)
    elif fmt == "csv":
        records = _records_csv(path)
    elif fmt == "markdown":
        records = _records_md(path)
    else:
        records = _records_json(path)
    plan = _parse(records, standard, base, str(path))
    try:
        return ActionPlan.model_validate(plan.model_dump())
    except ValidationError as e:  # pragma: no cover - _parse checks every field first
        raise PlanError(Problem(str(e), file=str(path))) from None
