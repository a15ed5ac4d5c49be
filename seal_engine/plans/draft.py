"""Drafting a plan: the library actions that serve the gaps, aimed where the gaps need them.

Each proposed row's baseline is the institution's current value of the action's indicator
(measured from the assessment and its workforce data where the library says how), and its
target moves from that baseline towards what the failing benchmark needs of the indicator (see
:mod:`seal_engine.plans.aims`), no faster than the pace the library gives the indicator, with
a milestone each year for a value further away (see :mod:`seal_engine.plans.pace`).  An action
whose indicator is already where the benchmarks need it is not proposed: it is set aside with
the reason; so is one whose move would miss where the gap is (the indicator's ``refocus``).  A
benchmark not answered yet gets no action: the plan asks for it to be answered first.  With a
target level, only the actions on the path to that level are proposed and the rest are set
aside.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..compilation import compiled
from ..errors import PlanError, Problem, SealError
from ..gaps import GapReport, gap_analysis
from ..messages import Ids, render_message, say
from ..models import Action, Assessment, BenchmarkStatus, ScoreResult, Standard
from ..resolve import level_id
from ..rules import Missing, compile_rule
from ..scoring import evaluation_context
from ..scoring import score as score_fn
from .aims import Aim, clause_figures, indicator_aims, number_text
from .model import (
    ActionPlan,
    AnswerFirst,
    Milestone,
    PlanRow,
    SetAside,
    default_period,
    quarter_label,
)
from .pace import change_text, pace_text, paced_path

if TYPE_CHECKING:  # pragma: no cover
    from ..workforce import WorkforceData

__all__ = ["draft_plan", "measured_baselines"]


def draft_plan(
    standard: Standard,
    assessment: Assessment,
    report: GapReport | None = None,
    *,
    result: ScoreResult | None = None,
    target: str | None = None,
    start: str | None = None,
    quarters: int | None = None,
    workforce: WorkforceData | None = None,
    lang: str = "en",
) -> ActionPlan:
    """A draft plan: one row per library action serving a gap, in gap priority order.

    Without ``target`` every gap gets its actions, the path to the next level first.  With
    ``target`` (a level id or title) only the actions on the path to that level are proposed;
    the others are listed in ``plan.set_aside`` (``beyond_target``).  An action whose indicator
    already meets what its benchmarks need (or, when no rule says, the library's target) is set
    aside too (``at_target``), and a gap left with no proposed action is listed in
    ``plan.uncovered``.

    The plan period starts at ``start`` (default: the quarter after the assessment period) and
    lasts ``quarters`` quarters (default: as many as the assessment period, at least four).
    Actions on the path to the target start in the first quarter, those for the next level one
    quarter later, and so on; an action longer than the period is shortened to fit, with a
    note.  ``report`` and ``result`` (the gap analysis and the score of this assessment) are
    computed when not given.  The draft's notes (on the plan, its rows, the actions set aside
    and the benchmarks to answer first) are written in ``lang``, the reader's language (give
    ``standard`` in it too, for its titles): once drafted they are the focal point's to edit.
    Raises :class:`PlanError` for a bad ``start`` or ``quarters``, or a ``report`` made for
    another target."""
    w = _Words(lang)
    first, last = default_period(assessment.period, start, quarters, assessment=assessment)
    length = last - first + 1
    if result is None:
        result = score_fn(standard, assessment, workforce)
    wanted = level_id(standard, target, "target") if target is not None else None
    if report is None:
        report = gap_analysis(standard, assessment, result, wanted, workforce=workforce)
    elif wanted is not None and (report.target is None or report.target.level != wanted):
        raise PlanError(Problem(say(
            "plandraft.other_target", made=repr(report.target.level if report.target else None),
            wanted=repr(wanted)), field="target"))
    titles = {lv.id: lv.title for lv in standard.levels}
    notes: list[str] = []
    scope: set[str] | None = None  # gaps the plan proposes actions for; None: all of them
    path = report.target
    if wanted is not None and path is not None:
        if path.already_reached:
            scope = set()
            notes.append(w("plandraft.reached", level=path.title))
        elif path.reachable:
            scope = set(path.benchmarks)
        else:
            notes.append(w("plandraft.unreachable", level=path.title,
                           reasons="; ".join(w.each(path.reasons_why, path.reasons))))
    steps = [p for p in report.paths if p.reachable and not p.already_reached]
    step = {p.level: n for n, p in enumerate(steps)}
    gaps = {g.id: g for g in report.gaps}
    # a benchmark not answered yet cannot be judged: answer it first, no action for it
    unanswered = [g for g in report.gaps if g.status is BenchmarkStatus.not_answered]
    first_answer = {g.id for g in unanswered}
    gap_ids = [g.id for g in report.gaps if g.id not in first_answer]
    measured = measured_baselines(standard, assessment, workforce)
    aims = indicator_aims(standard)
    evidence_only = {g.id: g for g in report.gaps
                     if not g.failing and not g.unanswered and g.missing_evidence}
    rows: list[PlanRow] = []
    milestones: list[Milestone] = []
    aside: list[SetAside] = []
    seen: set[str] = set()
    refocus = _Refocus(standard, assessment, workforce)
    # (action, gaps it serves, those in scope, the gap that brought it, baseline, decision)
    candidates: list[tuple[Action, list[str], list[str], str | None, float | None, _Decision]]
    candidates = []
    for g in report.gaps:
        if g.id in first_answer:
            continue
        for a in standard.actions_for(g.id):
            if a.id in seen:
                continue
            seen.add(a.id)
            served = [b for b in gap_ids if b in a.benchmarks]
            in_scope = [b for b in served if scope is None or b in scope]
            if not in_scope:
                later = [gaps[b].path for b in served if gaps[b].path]
                where = w("plandraft.later", level=titles[later[0]]) if later else ""
                aside.append(SetAside(
                    action=a.id, title=a.title, benchmarks=served, reason="beyond_target",
                    note=w("plandraft.beyond", n=len(served), ids=", ".join(served),
                           target=path.title if path else w("plandraft.the_target"),
                           later=where)))
                continue
            baseline = measured.get(a.id, a.indicator.baseline if a.indicator else None)
            decision = _aim(a, baseline, in_scope, result, aims.get(a.id), w)
            candidates.append((a, served, in_scope, g.path, baseline, decision))
    for a, served, _scoped, gap_path, baseline, decision in candidates:
        if decision.at_target is None and _no_change(baseline, decision.target):
            decision = _Decision(decision.target, at_target=w(
                "plandraft.at_target_same", what=_what(a.indicator.text, baseline,
                                                        a.indicator.unit, w)))
        if decision.at_target is not None:
            aside.append(SetAside(action=a.id, title=a.title, benchmarks=served,
                                  reason="at_target", note=decision.at_target))
            continue
        elsewhere = refocus.applies(a, baseline, decision.target, w)
        if elsewhere is not None:
            aside.append(SetAside(action=a.id, title=a.title, benchmarks=served,
                                  reason="refocused", note=elsewhere,
                                  instead=list(a.indicator.refocus.instead)))  # type: ignore
            continue
        row, marks = _row(a, len(rows) + 1, served, gap_path, step, len(steps), first, last,
                          length, baseline, decision, a.id in measured, evidence_only, w)
        rows.append(row)
        milestones += marks
    proposed_for = {b for r in rows for b in r.benchmarks if scope is None or b in scope}
    in_plan_rows = {r.action: r for r in rows}
    for n, x in enumerate(aside):
        if x.reason == "refocused":
            aside[n] = x.model_copy(update={"note": x.note + _instead_words(
                standard, x.instead, in_plan_rows, aside, w)})
            continue
        if x.reason != "at_target":
            continue
        # a gap no proposed row serves: say what it still lacks (its indicator is met, so
        # the action would seek no change; an action of the institution's own is needed)
        alone = [b for b in x.benchmarks if b not in proposed_for and (scope is None or
                                                                      b in scope)]
        if alone:
            lacks = "; ".join(t for b in alone for t in w.each(gaps[b].failing_why,
                                                               gaps[b].failing))
            aside[n] = x.model_copy(update={"note": w(
                "plandraft.alone", n=len(alone), note=x.note, ids=", ".join(alone),
                lacks=lacks or w("plandraft.its_evidence"))})
    target_id = path.level if path is not None else None
    in_plan = [g for g in gap_ids if scope is None or g in scope]
    if unanswered:
        notes.append(w("plandraft.unanswered", n=len(unanswered)))
    return ActionPlan(
        standard=report.standard, institution=report.institution, assessment=report.assessment,
        start=quarter_label(first), end=quarter_label(last), level=report.level,
        target=target_id, rows=rows, set_aside=aside, notes=notes,
        uncovered=[g for g in in_plan if g not in proposed_for],
        answer_first=[_answer_first(g, w) for g in unanswered], milestones=milestones)


class _Words:
    """The draft's words in its reader's language: a message rendered, a value of an
    indicator written out, messages kept beside their English (a gap's failing clauses)
    rendered."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, code: str, /, **params) -> str:
        return render_message(say(code, **params), lang=self.lang)

    def num(self, value: float | None, unit: str | None) -> str:
        return number_text(value, unit, self.lang)

    def each(self, messages, english: Sequence[str]) -> list[str]:
        """``messages`` rendered in the language, else ``english`` as it is."""
        if self.lang == "en" or not messages or len(messages) != len(english):
            return list(english)
        return [render_message(m, lang=self.lang) for m in messages]


class _Decision:
    """A row's target and a note on it; or, for an action not needed, why (``at_target``).
    ``why`` says what the benchmarks need of the indicator, when a rule says."""

    def __init__(self, target: float | None, note: str | None = None,
                 at_target: str | None = None, why: str | None = None):
        self.target, self.note, self.at_target, self.why = target, note, at_target, why


def _no_change(baseline: float | None, target: float | None) -> bool:
    """Whether a row would aim at its baseline (a target that seeks no change)."""
    return baseline is not None and target is not None and float(target) == float(baseline)


def _aim(a: Action, baseline: float | None, gaps: Sequence[str], result: ScoreResult,
         aims, w: _Words) -> _Decision:
    """Where the row should aim: the target, a note when it differs from the library's, or
    why the action is not needed (``at_target``)."""
    ind = a.indicator
    if ind is None:
        return _Decision(None)
    lib = ind.target
    unit = ind.unit
    if aims is None:  # no measure: the library's figures as they are
        return _Decision(lib)
    order = {b: n for n, b in enumerate(gaps)}
    gap_aims = sorted((_evaluate(x, baseline, result, aims.factors)
                       for x in aims.for_benchmarks(gaps)), key=lambda x: order[x.benchmark])
    failing = [x for x in gap_aims if x.state != "holds"]
    if failing:
        # aim at what the first gap (in priority order) failing on this indicator needs
        first = [x for x in gap_aims if x.benchmark == failing[0].benchmark]
        return _towards(lib, [x for x in first if x.state != "holds"], baseline, unit, w,
                        band=len({x.direction for x in first if x.direction}) == 2)
    if gap_aims:
        return _Decision(lib, at_target=w(
            "plandraft.at_target_needs", what=_what(ind.text, baseline, unit, w),
            needs=_needs_words(gap_aims, unit, w)))
    # the gaps' rules do not test this indicator: what the standard asks of it elsewhere, or
    # the library's own direction (up unless its typical baseline is above its target)
    if baseline is None or lib is None:
        return _Decision(lib)
    others = [x.evaluated("holds" if x.holds(baseline) else "fails", None) for x in aims.aims]
    failing = [x for x in others if x.state == "fails" and x.direction]
    if failing:
        return _towards(lib, [x for x in failing if x.benchmark == failing[0].benchmark],
                        baseline, unit, w)
    down = any(x.direction == "down" for x in others) or (
        not others and ind.baseline is not None and ind.baseline > lib)
    reached = baseline <= lib if down else baseline >= lib
    if reached:
        why = _needs_words([x for x in others if x.threshold is not None], unit, w)
        return _Decision(lib, at_target=w(
            "plandraft.at_target_library_and" if why else "plandraft.at_target_library",
            what=_what(ind.text, baseline, unit, w), target=w.num(lib, unit), needs=why))
    return _Decision(lib)


def _evaluate(aim: Aim, baseline: float | None, result: ScoreResult,
              factors: dict[str, float]) -> Aim:
    """The aim as this assessment's scored clauses show it: their state and threshold where a
    clause compares the same expression, else the baseline against the threshold."""
    try:
        clauses = result.benchmark(aim.benchmark).clauses
    except KeyError:  # pragma: no cover - the gap comes from this result
        clauses = []
    for key, op, threshold, state in clause_figures(clauses):
        if key == aim.expression and op == aim.op:
            t = None if threshold is None else float(f"{threshold * factors[key]:.10g}")
            return aim.evaluated(state, t)  # type: ignore[arg-type]
    holds = aim.holds(baseline)
    return aim.evaluated("unknown" if holds is None else "holds" if holds else "fails", None)


def _towards(lib: float | None, failing: list[Aim], baseline: float | None,
             unit: str | None, w: _Words, band: bool = False) -> _Decision:
    """The target for failing aims: the library's when it meets them and moves the right way
    from the baseline, else what they need; for a band (between two bounds) the nearer
    bound."""
    first = failing[0]
    if first.op == "==":
        need = first.needed(unit)
        why = _needs_words([first], unit, w)
        if need is None or (lib is not None and first.holds(lib)):
            return _Decision(lib, why=why)
        return _Decision(need, _changed(need, lib, [first], unit, w), why=why)
    same = [x for x in failing if x.direction == first.direction and x.threshold is not None]
    needs = [x.needed(unit) for x in same]
    if not needs:
        return _Decision(lib)
    why = _needs_words(same, unit, w)
    up = first.direction == "up"
    need = max(needs) if up else min(needs)  # type: ignore[type-var]
    good = not band and lib is not None and all(x.holds(lib) for x in same) and (
        baseline is None or (lib > baseline if up else lib < baseline))
    if band and lib is not None and need == lib:
        return _Decision(lib, why=why)
    if good:
        return _Decision(lib, why=why)
    return _Decision(need, _changed(need, lib, same, unit, w), why=why)


def _changed(need: float, lib: float | None, aims: list[Aim], unit: str | None,
             w: _Words) -> str:
    needs = _needs_words(aims, unit, w)
    if lib is None:
        return w("plandraft.target_set", target=w.num(need, unit), needs=needs)
    return w("plandraft.target_set_library", target=w.num(need, unit), needs=needs,
             library=w.num(lib, unit))


def _needs_words(aims: Sequence[Aim], unit: str | None, w: _Words) -> str:
    """'WE-16 needs at least 40 %', 'PC-03 and PC-05 need at least 50 %'."""
    by_need: dict[str, list[str]] = {}
    for x in aims:
        ids = by_need.setdefault(x.needs(unit, w.lang), [])
        if x.benchmark not in ids:
            ids.append(x.benchmark)
    parts = []
    for needs, ids in by_need.items():
        parts.append(w("plandraft.need", n=len(ids), ids=Ids(items=ids, join="and"),
                       needs=needs))
    return "; ".join(parts)


def _what(text: str, value: float | None, unit: str | None, w: _Words) -> str:
    return w("plandraft.what", indicator=text[:1].lower() + text[1:],
             value=w.num(value, unit))


def _row(a: Action, no: int, served: list[str], gap_path: str | None, step: dict[str, int],
         n_steps: int, first: int, last: int, length: int, baseline: float | None,
         decision: _Decision, measured: bool, evidence_only: dict, w: _Words
         ) -> tuple[PlanRow, list[Milestone]]:
    offset = step.get(gap_path, n_steps) if gap_path else n_steps
    dur = a.duration_quarters
    notes: list[str] = []
    if dur > length:
        s, e = first, last
        notes.append(w("plandraft.shortened", n=dur, first=quarter_label(first),
                       last=quarter_label(last)))
    else:
        s = max(first, min(first + offset, last - dur + 1))
        e = s + dur - 1
    if measured:
        notes.append(w("plandraft.measured"))
    target, marks, paced = _paced(a, baseline, decision, s, e, w)
    if paced is not None and target != decision.target:
        notes.append(paced)  # the pace note says what is needed and what the row can reach
    else:
        notes += [x for x in (decision.note, paced) if x]
    only = [evidence_only[b] for b in served if b in evidence_only]
    if only and len(only) == len(served):
        titles = "; ".join(e.title for gap in only for e in gap.missing_evidence)
        notes.insert(0, w("plandraft.only_evidence", ids=", ".join(gap.id for gap in only),
                          titles=titles))
    activity = a.title
    if a.description:
        activity += " — " + " ".join(a.description.split())
    ind = a.indicator
    row = PlanRow(
        no=no, action=a.id, activity=activity, benchmarks=served, area=a.area,
        indicator=ind.text if ind else None, unit=ind.unit if ind else None,
        baseline=baseline, target=target if ind else None,
        means_of_verification=a.means_of_verification, start=quarter_label(s),
        end=quarter_label(e), resources=a.resources, responsible=a.responsible,
        capacities=list(a.capacities), notes=" ".join(notes) or None)
    return row, [Milestone(action=a.id, quarter=quarter_label(q), target=v) for q, v in marks]


def _paced(a: Action, baseline: float | None, decision: _Decision, first: int, last: int,
           w: _Words) -> tuple[float | None, list[tuple[int, float]], str | None]:
    """The row's target at the pace the library gives its indicator, the yearly milestones
    (quarter, value) and a note on them; the decision's target, no milestones and no note
    when the indicator has no pace."""
    ind = a.indicator
    need = decision.target
    if ind is None or ind.pace is None or baseline is None or need is None or need == baseline:
        return need, [], None
    unit = ind.unit
    target, marks = paced_path(baseline, need, ind.pace, first, last, unit)
    if not marks:
        return target, [], None
    pace = w("plandraft.pace_source", pace=pace_text(ind.pace, unit, w.lang),
             source=ind.pace.source[:1].lower() + ind.pace.source[1:].rstrip("."))
    later = [(q, v) for q, v in marks if q != last]  # the row's own end is its target
    steps = "; ".join(f"{quarter_label(q)}: {w.num(v, unit)}" for q, v in later)
    if target == need:
        return target, marks, w("plandraft.milestones", pace=pace, steps=steps)
    why = decision.why or w("plandraft.library_target", target=w.num(need, unit))
    return target, marks, w(
        "plandraft.paced", n=len(later), why=why[:1].upper() + why[1:],
        change=change_text(need - baseline, unit, w.lang), baseline=w.num(baseline, unit),
        pace=pace, quarter=quarter_label(last), target=w.num(target, unit), steps=steps)


class _Refocus:
    """Whether an action's move misses where the gap is: its indicator's ``refocus`` rule,
    evaluated on the assessment (compiled and evaluated only when an action needs it)."""

    def __init__(self, standard: Standard, assessment: Assessment,
                 workforce: WorkforceData | None):
        self.standard, self.assessment, self.workforce = standard, assessment, workforce
        self._ctx = None

    def applies(self, a: Action, baseline: float | None, target: float | None,
                w: _Words) -> str | None:
        """The note for setting the action aside, or ``None`` when its move is wanted."""
        ind = a.indicator
        rf = ind.refocus if ind is not None else None
        if rf is None or baseline is None or target is None or target == baseline:
            return None
        if ("up" if target > baseline else "down") != rf.direction:
            return None
        try:
            rule = compile_rule(rf.when, compiled(self.standard).env, record_id=a.id,
                                field_name="indicator.refocus.when", expect="bool")
        except SealError as e:
            raise PlanError(e.problems) from None
        if self._ctx is None:
            self._ctx = evaluation_context(self.standard, self.assessment, self.workforce)
        if rule.evaluate(self._ctx) is not True:
            return None
        unit = ind.unit  # type: ignore[union-attr]
        text = ind.text[:1].lower() + ind.text[1:]  # type: ignore[union-attr]
        source = rf.source[:1].lower() + rf.source[1:].rstrip(".")
        return w(f"plandraft.refocus.{'down' if rf.direction == 'down' else 'up'}",
                 reason=rf.reason.rstrip("."), source=source, indicator=text,
                 baseline=w.num(baseline, unit), target=w.num(target, unit))


def _instead_words(standard: Standard, instead: Sequence[str], rows: dict[str, PlanRow],
                   aside: Sequence[SetAside], w: _Words) -> str:
    """'; the plan targets that gap instead with A-WE-02a (row 5, …)'."""
    if not instead:
        return "."
    titles = {a.id: a.title for a in standard.actions}
    why = {x.action: x.reason for x in aside}
    parts = []
    for i in instead:
        r = rows.get(i)
        if r is not None:
            what = (r.indicator or "")[:1].lower() + (r.indicator or "")[1:]
            said = {"action": i, "title": titles.get(i, ""), "no": str(r.no),
                    "indicator": what, "target": w.num(r.target, r.unit)}
            parts.append(w("plandraft.instead_row", baseline=w.num(r.baseline, r.unit),
                           **said) if r.baseline is not None else
                         w("plandraft.instead_row_to", **said))
        else:
            state = {"at_target": "at_target", "beyond_target": "beyond_target"
                     }.get(why.get(i, ""), "not_gaps")
            parts.append(w("plandraft.instead_aside", action=i, title=titles.get(i, ""),
                           why=w(f"plandraft.aside.{state}")))
    return w("plandraft.instead", actions="; ".join(parts))


def _answer_first(g, w: _Words) -> AnswerFirst:
    # the plan's note and the section heading say why: no action until it can be judged
    if g.unanswered:
        note = w("plandraft.answer_first", ids=", ".join(g.unanswered))
    else:
        note = w("plandraft.data_first", failing="; ".join(w.each(g.failing_why, g.failing)))
    return AnswerFirst(benchmark=g.id, title=g.title, questions=list(g.unanswered), note=note)


def measured_baselines(standard: Standard, assessment: Assessment,
                       workforce: WorkforceData | None) -> dict[str, float]:
    """Action id -> the institution's current value of the action's indicator, in the
    indicator's units, where the library gives a ``measure`` and the assessment (or its
    workforce data) has the value."""
    measures = compiled(standard).measures
    if not measures:
        return {}
    ctx = evaluation_context(standard, assessment, workforce)
    units = {a.id: a.indicator.unit for a in standard.actions if a.indicator is not None}
    out: dict[str, float] = {}
    for action_id, rule in measures.items():
        value = rule.evaluate(ctx)
        if isinstance(value, Missing):
            continue
        if action_id not in units:  # pragma: no cover - a measure belongs to an action
            continue
        unit = units[action_id]
        if isinstance(value, bool):
            value = 1.0 if value else 0.0
        elif rule.type in ("share", "points") and unit in ("percent", "points"):
            value = value * 100
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            continue
        out[action_id] = round(value, 1 if unit in ("percent", "points") else 2)
    return out
