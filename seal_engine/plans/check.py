"""The SMART check: which rows are not specific, measurable, assigned, relevant and time-bound,
and which statuses do not add up."""

from __future__ import annotations

from ..errors import did_you_mean, suggestion
from ..messages import Ids, Message, render_message, say
from ..models import Standard
from .aims import Aim, indicator_aims, value_message
from .model import UNIT_LABELS, ActionPlan, PlanIssue, PlanRow, PlanStatus, quarter_index
from .pace import indicator_of_row, reach

__all__ = ["check_plan", "intended_direction"]

_BOUNDS = {"percent": (0, 100), "points": (-100, 100), "share": (0, 1), "yes_no": (0, 1)}


def check_plan(plan: ActionPlan, standard: Standard | None = None) -> list[PlanIssue]:
    """Every row that is not SMART — specific (an activity), measurable (a numeric indicator
    with a baseline, and a target that moves from it the way the benchmarks need), achievable
    (given the ``standard``: a target no further from the baseline than the pace the action
    library gives the indicator allows in the row's time frame), assigned (a responsible
    party), relevant (serves a benchmark) and time-bound (start and end quarter inside the plan
    period) — and every status that does not add up (done without evidence of completion, or
    with progress under 100).  Given the ``standard``, unknown benchmarks and actions are
    named, a target moving the wrong way from the baseline is flagged, and an own action whose
    id looks like a mistyped library id says so."""
    out: list[PlanIssue] = []
    lo, hi = quarter_index(plan.start), quarter_index(plan.end)
    period = f"{plan.start}–{plan.end}"
    actions = {a.id: a for a in standard.actions} if standard else None
    benchmarks = {b.id for b in standard.benchmarks()} if standard else None
    for r in plan.rows:
        def add(criterion, message, r=r):
            said = message if isinstance(message, Message) else say("problem.text",
                                                                      text=message)
            out.append(PlanIssue(row=r.no, action=r.action, criterion=criterion,
                                 message=render_message(said), text=said))

        if not r.activity:
            add("specific", say("plan.no_activity"))
        if not r.indicator:
            add("measurable", say("plan.no_indicator"))
        if r.baseline is None:
            add("measurable", say("plan.no_baseline"))
        if r.target is None:
            add("measurable", say("plan.no_target"))
        if r.baseline is not None and r.target is not None:
            if r.baseline == r.target:
                add("measurable", say("plan.target_is_baseline", value=_num(r.target)))
            elif standard is not None:
                wrong = _wrong_way(r, standard)
                if wrong:
                    add("measurable", wrong)
            bounds = _BOUNDS.get(r.unit or "")
            # the unit in the reader's words (planfile.unit.*), as the plan file says it
            unit = say(f"planfile.unit.{r.unit}") if r.unit in UNIT_LABELS else r.unit
            for name, v in (("baseline", r.baseline), ("target", r.target)):
                if bounds and not bounds[0] <= v <= bounds[1]:
                    add("measurable", say(f"plan.{name}_outside", value=_num(v),
                                          low=str(bounds[0]), high=str(bounds[1]), unit=unit))
        if standard is not None:
            slow = _beyond_pace(r, standard)
            if slow:
                add("achievable", slow)
        if not r.responsible:
            add("assigned", say("plan.no_responsible"))
        if not r.benchmarks:
            add("relevant", say("plan.no_benchmark"))
        if benchmarks is not None:
            unknown = [b for b in r.benchmarks if b not in benchmarks]
            if unknown:
                add("relevant", say("plan.unknown_benchmark", n=len(unknown),
                                    ids=Ids(items=unknown)))
        if actions is not None and r.action not in actions:
            if not r.own:
                add("relevant", say("plan.unknown_action", action=r.action))
            else:
                hint = did_you_mean(r.action, list(actions))
                if hint:
                    add("relevant", say("plan.own_action", action=r.action,
                                        hint=suggestion(r.action, list(actions))))
        if not r.start or not r.end:
            add("time_bound", say("plan.no_time_frame"))
        else:
            s, e = quarter_index(r.start), quarter_index(r.end)
            if e < s:
                add("time_bound", say("plan.end_before_start", end=r.end, start=r.start))
            if s < lo or e > hi or s > hi or e < lo:
                add("time_bound", say("plan.outside_period", start=r.start, end=r.end,
                                      period=period))
        if r.status is PlanStatus.done and not r.evidence:
            add("consistent", say("plan.done_no_evidence"))
        if r.status is PlanStatus.done and r.progress < 100:
            add("consistent", say("plan.done_not_complete", progress=str(r.progress)))
        if r.status is PlanStatus.planned and r.progress > 0:
            add("consistent", say("plan.planned_with_progress", progress=str(r.progress)))
    return out


def intended_direction(standard: Standard, row: PlanRow) -> tuple[str, str] | None:
    """Which way a library action's indicator has to move from the row's baseline, and why:
    ``("up", "ST-WE-02 needs at least 30 %")``.  From the rules of the benchmarks the row
    serves that test the indicator (else of any benchmark), else from the library's typical
    baseline and target; ``None`` when nothing says, or the baseline already meets every
    rule."""
    found = _direction(standard, row)
    return None if found is None else (found[0], render_message(found[1]))


def _direction(standard: Standard, row: PlanRow) -> tuple[str, Message] | None:
    """:func:`intended_direction` with its why as a message."""
    action = next((a for a in standard.actions if a.id == row.action), None)
    if action is None or action.indicator is None or row.baseline is None:
        return None
    unit = row.unit or action.indicator.unit
    known = indicator_aims(standard).get(action.id)
    if known is not None and known.aims:
        aims = known.for_benchmarks(row.benchmarks) or known.aims
        failing = [a for a in aims if a.direction and a.holds(row.baseline) is False]
        directional = [a for a in aims if a.direction]
        pool: list[Aim] = failing or directional
        dirs = {a.direction for a in pool}
        if len(dirs) == 1:
            direction = dirs.pop()
            shown = [a for a in pool if a.direction == direction]
            why = list({(a.benchmark, a.needs(unit)): say(
                "plandraft.need", n=1, ids=a.benchmark, needs=a.needs_message(unit))
                for a in shown}.values())
            return direction, say("plancheck.needs", needs=why)  # type: ignore[return-value]
        if dirs:
            return None  # a band the baseline is inside: either way may do
    lib_base, lib_target = action.indicator.baseline, action.indicator.target
    if lib_base is not None and lib_target is not None and lib_base != lib_target:
        direction = "up" if lib_target > lib_base else "down"
        return direction, say("plancheck.library_goes", baseline=value_message(lib_base, unit),
                              target=value_message(lib_target, unit))
    return None


def _wrong_way(r: PlanRow, standard: Standard) -> Message | None:
    found = _direction(standard, r)
    if found is None or r.baseline is None or r.target is None:
        return None
    direction, why = found
    unit = r.unit
    said = {"target": value_message(r.target, unit),
            "baseline": value_message(r.baseline, unit), "why": why}
    if direction == "up" and r.target < r.baseline:
        return say("plancheck.below_baseline", **said)
    if direction == "down" and r.target > r.baseline:
        return say("plancheck.above_baseline", **said)
    return None


def _beyond_pace(r: PlanRow, standard: Standard) -> Message | None:
    """Why the row's target cannot be reached in its time frame at the pace the library gives
    its indicator; ``None`` when it can, or nothing says how fast the indicator moves."""
    if r.baseline is None or r.target is None or not r.start or not r.end:
        return None
    try:
        s, e = quarter_index(r.start), quarter_index(r.end)
    except ValueError:  # pragma: no cover - the row's quarters are checked on reading
        return None
    ind = indicator_of_row(standard, r)
    if ind is None or ind.pace is None or e < s:
        return None
    quarters = e - s + 1
    can = reach(ind.pace, quarters)
    gap = abs(r.target - r.baseline)
    if gap <= can + 1e-9:
        return None
    unit = r.unit or ind.unit
    towards = r.baseline + (can if r.target > r.baseline else -can)
    apart = "points" if unit in ("percent", "points") else unit
    per_year = ind.pace.per_year
    pace = (say("plandraft.pace.points", text=value_message(per_year, "number"),
                n=abs(per_year)) if unit in ("percent", "points") else
            say("plandraft.pace.number", text=value_message(per_year, "number")))
    return say("plancheck.beyond_pace", target=value_message(r.target, unit),
               change=value_message(gap, apart), baseline=value_message(r.baseline, unit),
               when=say("plancheck.quarters", n=quarters, start=r.start, end=r.end),
               pace=pace, can=value_message(can, apart),
               towards=value_message(round(towards, 2), unit), end=r.end)


def _num(v: float) -> str:
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)
