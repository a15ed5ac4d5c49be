"""Scoring an assessment against a standard: benchmark status, points, dimension and overall
scores, the certification level reached and what blocks the next one, each with its reasons."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, NamedTuple

from .answers import normalise_answers
from .compilation import BenchmarkRules, CompiledStandard, compiled
from .errors import AssessmentError
from .messages import Ids, Message, render_message, say
from .models import (
    Assessment,
    Benchmark,
    BenchmarkResult,
    BenchmarkStatus,
    Clause,
    DimensionResult,
    Level,
    NextLevel,
    ResultsLevelResult,
    ScoreBasis,
    ScoreResult,
    Standard,
)
from .rules import EvalContext, Missing
from .rules.recording import Readings, RecordingContext

if TYPE_CHECKING:  # pragma: no cover
    from .workforce import WorkforceData

__all__ = ["evaluation_context", "level_for", "percent_of", "score", "summarise"]

S = BenchmarkStatus
_EPS = 1e-9


def evaluation_context(
    standard: Standard,
    assessment: Assessment,
    workforce: WorkforceData | None = None,
) -> EvalContext:
    """What rules see for this assessment and its workforce data (``None``: none given);
    raises :class:`AssessmentError` on bad answers.  Reads nothing."""
    answers, problems = normalise_answers(standard, assessment)
    if problems:
        raise AssessmentError(problems)
    provided, rejected_ids, listed = set(), set(), set()
    for e in assessment.evidence:
        if e.provided:
            provided.add(e.requirement)
        elif e.status == "rejected":
            rejected_ids.add(e.requirement)
        else:
            listed.add(e.requirement)
    evidence = frozenset(provided)
    rejected = frozenset(rejected_ids - provided)
    unreferenced = frozenset(listed - provided)
    metric = workforce.metric if workforce is not None else None
    institution = assessment.institution.model_dump(include={"scope", "sector", "country",
                                                             "region"})
    period = (assessment.period.start, assessment.period.end)
    return EvalContext(answers, evidence, metric, institution, rejected, period, unreferenced)


class Verdict(NamedTuple):
    """A benchmark's status and why: the explanation in words (empty unless asked for), and the
    clauses of the rule that decided it and of the rule for partial credit; ``why`` is the
    explanation's first line as a message."""

    status: BenchmarkStatus
    explanation: list[str]
    clauses: list[Clause]
    partial: list[Clause]
    why: Message | None = None


def _verdict(status: BenchmarkStatus, why: Message, clauses: list[Clause] = (),
             partial: list[Clause] | None = None) -> Verdict:
    lines = [render_message(why), *_lines(clauses)]
    if partial is not None:
        lines += [render_message(say("why.partial_because"))] + [
            "  " + ln for ln in _lines(partial)]
    return Verdict(status, lines, list(clauses), list(partial or []), why)


def benchmark_status(
    standard: Standard, assessment: Assessment, b: Benchmark, ctx: EvalContext,
    rules: BenchmarkRules, explain: bool = True, readings: Readings | None = None,
    nodes: dict | None = None,
) -> Verdict:
    """A benchmark's status and, if ``explain``, why: in words, and clause by clause.

    With ``readings`` (the benchmark's explanations kept by the values their rules read, see
    :mod:`seal_engine.rules.recording`), an explanation made before for the same values is
    taken from there instead of being made again, and a new one is added; with ``nodes`` (a
    compiled standard's :attr:`~seal_engine.compilation.CompiledStandard.readings`), a new
    one is made of the clauses kept there for the values each reads (once the benchmark has
    one explanation kept)."""
    if not b.applicable:
        return _verdict(S.not_applicable, say("why.left_out"))
    if b.id in assessment.not_applicable and b.allow_not_applicable:
        code = "why.claimed" if assessment.claim_accepted(b.id) else "why.claimed_pending"
        return _verdict(S.not_applicable, say(code, reason=assessment.not_applicable[b.id]))
    if not explain or readings is None:
        return _rule_verdict(b, ctx, rules, explain)
    kept = readings.find(ctx)
    if kept is not None:
        return kept
    # the clauses are kept by node from the benchmark's second explanation on: the first
    # assessment a process explains (one ``seal score``) pays for no keeping it may not use
    seen = RecordingContext(ctx, nodes if len(readings) else None)
    made = _rule_verdict(b, seen, rules, explain)  # type: ignore[arg-type]
    readings.keep(seen.log, made)
    return made


def _rule_verdict(b: Benchmark, ctx: EvalContext, rules: BenchmarkRules,
                  explain: bool) -> Verdict:
    """What a benchmark's rules say (after its not-applicable decisions): a function of the
    values they read from ``ctx`` alone."""
    met, partial, applies = rules.met, rules.partially_met, rules.applies_when
    if applies is not None and applies.evaluate(ctx) is False:
        if not explain:
            return Verdict(S.not_applicable, [], [], [])
        return _verdict(S.not_applicable, say("why.condition_fails"), applies.clauses(ctx))
    m = met.evaluate(ctx)
    if m is True:
        if not explain:
            return Verdict(S.met, [], [], [])
        return _verdict(S.met, say("why.met"), met.clauses(ctx))
    p = partial.evaluate(ctx) if partial is not None else None
    if p is True:
        status = S.partially_met
    elif type(m) is Missing or (_untouched(b, ctx) and not _has_data(met, ctx)):
        status = S.not_answered
    else:
        status = S.not_met
    if not explain:
        return Verdict(status, [], [], [])
    clauses = met.clauses(ctx)
    if status is S.partially_met:
        return _verdict(status, say("why.partially_met"), clauses, partial.clauses(ctx))
    if status is S.not_answered:
        missing = [q.id for q in b.questions if q.required and q.id not in ctx.answers]
        why = (say("why.answer", questions=Ids(items=missing)) if missing else
               say("why.data_missing"))
    else:
        fails = sum(1 for c in clauses if c.state != "holds")
        why = say("why.not_met", n=fails) if fails else say("why.not_met_one")
    return _verdict(status, why, clauses)


def _lines(clauses: list[Clause]) -> list[str]:
    return [line for c in clauses for line in c.lines()]


def _has_data(rule, ctx: EvalContext) -> bool:
    """True when the rule reads workforce metrics and workforce data was given."""
    return rule.uses_metrics and ctx.has_workforce


def _untouched(b: Benchmark, ctx: EvalContext) -> bool:
    """True when the institution has not started on this benchmark at all."""
    if not b.questions:
        return False
    if any(q.id in ctx.answers for q in b.questions):
        return False
    return not any(e.id in ctx.evidence for e in b.evidence)


def _reaches(points: float, max_points: float, level: Level, op: str) -> bool:
    if max_points <= 0:
        return False
    diff = points * 100 - level.min_score * max_points
    return diff > _EPS if op == ">" else diff >= -_EPS


def level_for(
    standard: Standard, statuses: dict[str, BenchmarkStatus], points: float, max_points: float,
    pending: frozenset[str] | set[str] = frozenset(),
) -> tuple[Level | None, Level | None, list[str]]:
    """The highest level reached (climbing the ladder from the bottom), the next level and the
    mandatory benchmarks blocking it.  This is the one place the level rule is decided.

    A mandatory benchmark counts only when met, or not applicable by the standard itself or by
    an assessor's decision: those in ``pending`` (the institution's own not-applicable claims
    no assessor has accepted) block their level."""
    op = standard.scoring.threshold_operator
    reached = None
    done = (_MET, _NA)
    for lv, mandatory in compiled(standard).ladder:
        blocking = [bid for bid in mandatory if statuses[bid] not in done or bid in pending]
        if blocking or not _reaches(points, max_points, lv, op):
            return reached, lv, blocking
        reached = lv
    return reached, None, []


_MET, _PARTIAL, _NOT_MET = S.met, S.partially_met, S.not_met
_NA, _UNANSWERED = S.not_applicable, S.not_answered


def _construct(cls, fields: dict[str, Any]):
    """A model built from values the engine made itself, without validating them again (they
    are right by construction; ``tests/test_scoring.py`` checks the result validates)."""
    m = object.__new__(cls)
    object.__setattr__(m, "__dict__", fields)
    object.__setattr__(m, "__pydantic_fields_set__", set(fields))
    object.__setattr__(m, "__pydantic_extra__", None)
    object.__setattr__(m, "__pydantic_private__", None)
    return m


def score(standard: Standard, assessment: Assessment,
          workforce: WorkforceData | None = None, *, explain: bool = True) -> ScoreResult:
    """Score an assessment against a standard, with its workforce data if given.

    A pure function: it reads no file (an assessment's ``workforce:`` file is loaded by
    :func:`~seal_engine.load_workforce_for`, or parsed from memory by
    :func:`~seal_engine.parse_workforce`) and changes neither argument.  Raises
    :class:`AssessmentError` listing every answer that does not fit its question.

    With ``explain=False`` the benchmarks carry no explanation and no clauses (several times
    faster, for scoring many assessments); the statuses, points and level are the same."""
    ctx = evaluation_context(standard, assessment, workforce)
    c = compiled(standard)
    header = {"standard": standard.ref, "institution": assessment.institution,
              "assessment": assessment.id, "period": assessment.period,
              "not_asked": [qid for qid, rule in c.asked_when.items()
                            if rule.evaluate(ctx) is False]}
    if not explain:
        return summarise(standard, _quick_results(standard, c, assessment, ctx), header)
    rules = c.rules
    readings = c.readings
    credit = {S.met: 1.0, S.partially_met: standard.scoring.partial_credit}
    results: list[BenchmarkResult] = []
    for d in standard.dimensions:
        for b in d.benchmarks:
            kept = readings.get(b.id)
            if kept is None:
                kept = readings.setdefault(b.id, Readings())
            v = benchmark_status(standard, assessment, b, ctx, rules[b.id], explain, kept,
                                 readings)
            status = v.status
            worth = standard.credit_of(b)
            claim = claim_state(b.id, b.allow_not_applicable, assessment)
            # a claim no assessor has accepted stays in the count, as not met, until one does
            max_points = worth if (status is not S.not_applicable or (
                claim == "pending" and b.applicable)) else 0.0
            results.append(_construct(BenchmarkResult, {
                "id": b.id, "dimension": d.id, "title": b.title, "status": status,
                "points": worth * credit.get(status, 0.0), "max_points": max_points,
                "mandatory_from": b.mandatory_from, "claim": claim,
                "explanation": list(v.explanation), "clauses": list(v.clauses),
                "partial_clauses": list(v.partial), "why": v.why, "override": None}))
    return summarise(standard, results, header)


def claim_state(benchmark_id: str, allowed: bool, assessment: Assessment) -> str | None:
    """The state of the institution's not-applicable claim on a benchmark (see
    :attr:`BenchmarkResult.claim`)."""
    if benchmark_id not in assessment.not_applicable:
        return None
    if not allowed:
        return "refused"
    return "accepted" if assessment.claim_accepted(benchmark_id) else "pending"


def _quick_results(standard: Standard, c: CompiledStandard, assessment: Assessment,
                   ctx: EvalContext) -> list[BenchmarkResult]:
    """The benchmark results without explanations: the same statuses as
    :func:`benchmark_status` (a test compares them on every example), in one tight loop."""
    partial_credit = standard.scoring.partial_credit
    marked = assessment.not_applicable
    answers, evidence = ctx.answers, ctx.evidence
    has_workforce = ctx.has_workforce
    empty: list = []
    out = []
    new = object.__new__
    setattr_ = object.__setattr__
    for (bid, dim, title, weight, mandatory, applicable, claimable, met, partial, applies,
         uses_metrics, questions, requirements) in c.plan:
        claim = claim_state(bid, claimable, assessment) if bid in marked else None
        if not applicable or (bid in marked and claimable) or (
                applies is not None and applies(ctx) is False):
            status, points = _NA, 0.0
            max_points = weight if (applicable and claim == "pending") else 0.0
        else:
            m = met(ctx)
            max_points = weight
            if m is True:
                status, points = _MET, weight
            elif partial is not None and partial(ctx) is True:
                status, points = _PARTIAL, weight * partial_credit
            elif type(m) is Missing or (
                    questions and not any(q in answers for q in questions)
                    and not any(e in evidence for e in requirements)
                    and not (uses_metrics and has_workforce)):
                status, points = _UNANSWERED, 0.0
            else:
                status, points = _NOT_MET, 0.0
        r = new(BenchmarkResult)
        setattr_(r, "__dict__", {
            "id": bid, "dimension": dim, "title": title, "status": status, "points": points,
            "max_points": max_points, "mandatory_from": mandatory, "claim": claim,
            "explanation": empty, "clauses": empty, "partial_clauses": empty, "why": None,
            "override": None})
        setattr_(r, "__pydantic_fields_set__", _RESULT_FIELDS)
        setattr_(r, "__pydantic_extra__", None)
        setattr_(r, "__pydantic_private__", None)
        out.append(r)
    return out


_RESULT_FIELDS = frozenset(BenchmarkResult.model_fields)


def summarise(standard: Standard, results: list[BenchmarkResult],
              header: dict[str, Any]) -> ScoreResult:
    """A score result from benchmark results: dimension scores, totals, the level reached and
    the next one.  ``header`` gives the result's standard, institution, assessment and period
    (and the questions not asked, if any)."""
    by_dim: dict[str, list[BenchmarkResult]] = {}
    for r in results:
        by_dim.setdefault(r.dimension, []).append(r)
    dims = []
    statuses = tuple(S)
    for d in standard.dimensions:
        rs = by_dim.get(d.id, [])
        points = 0.0
        max_points = 0.0
        counts = dict.fromkeys(statuses, 0)
        for r in rs:
            points += r.points
            max_points += r.max_points
            counts[r.status] += 1
        dims.append(_construct(DimensionResult, {
            "id": d.id, "title": d.title, "score": percent_of(points, max_points),
            "points": points, "max_points": max_points, "counts": counts}))
    total = sum(r.points for r in results)
    total_max = sum(r.max_points for r in results)
    pending = frozenset(r.id for r in results if r.claim == "pending")
    reached, nxt, blocking = level_for(standard, {r.id: r.status for r in results}, total,
                                       total_max, pending)
    next_level = None
    if nxt is not None:
        needed = max(0.0, nxt.min_score * total_max / 100 - total)
        op = standard.scoring.threshold_operator
        if standard.scoring.basis == "benchmarks_met" and not standard.scoring.partial_credit:
            # whole benchmarks: the fewest further benchmarks met that reach the threshold
            k = math.ceil(needed - _EPS)
            while needed > 0 and not _reaches(total + k, total_max, nxt, op):
                k += 1
            needed = float(k)
        elif op == ">" and not _reaches(total, total_max, nxt, ">"):
            needed = _strict_step(standard, results, needed)
        next_level = _construct(NextLevel, {
            "id": nxt.id, "title": nxt.title, "min_score": nxt.min_score,
            "points_needed": round(needed, 4), "blocking": blocking,
            "pending_claims": [b for b in blocking if b in pending]})
    totals = dict.fromkeys(statuses, 0)
    for d in dims:
        for k, n in d.counts.items():
            totals[k] += n
    sc = standard.scoring
    basis = _construct(ScoreBasis, {
        "kind": sc.basis, "partial_credit": sc.partial_credit,
        "threshold_operator": sc.threshold_operator,
        "applicable": sum(1 for r in results if r.max_points > 0),
        "met": totals[S.met], "partially_met": totals[S.partially_met]})
    return _construct(ScoreResult, {
        "standard": header["standard"], "institution": header["institution"],
        "assessment": header["assessment"], "period": header["period"],
        "level": reached.id if reached else None,
        "score": percent_of(total, total_max) or 0.0, "points": total, "max_points": total_max,
        "basis": basis, "not_asked": list(header.get("not_asked", ())), "dimensions": dims,
        "results_levels": _results_levels(standard, dims), "benchmarks": results,
        "next_level": next_level})


def _results_levels(standard: Standard, dims: list[DimensionResult]) -> list[ResultsLevelResult]:
    """The dimensions grouped by the programme's results levels, in the standard's order."""
    out = []
    for rl in standard.results_levels:
        mine = [(d, dim) for d, dim in zip(standard.dimensions, dims, strict=True)
                if d.results_level == rl.id]
        points = sum(dim.points for _, dim in mine)
        max_points = sum(dim.max_points for _, dim in mine)
        counts = dict.fromkeys(tuple(S), 0)
        for _, dim in mine:
            for k, n in dim.counts.items():
                counts[k] += n
        out.append(_construct(ResultsLevelResult, {
            "id": rl.id, "title": rl.title, "dimensions": [d.id for d, _ in mine],
            "score": percent_of(points, max_points), "points": points,
            "max_points": max_points, "counts": counts}))
    return out


def _strict_step(standard: Standard, results: list[BenchmarkResult], gap: float) -> float:
    """With a strict threshold ('more than 60 %') the score must pass it: the fewest further
    points one benchmark can add (full or partial credit) that take the total past ``gap``;
    ``gap`` itself if no single benchmark can."""
    credit = standard.scoring.partial_credit
    steps = set()
    for r in results:
        if r.status in (S.not_met, S.partially_met, S.not_answered) and r.max_points > 0:
            steps.add(r.max_points - r.points)
            if r.status is not S.partially_met and credit > 0:
                steps.add(r.max_points * credit)
    over = [st for st in steps if st > gap + _EPS]
    return min(over) if over else gap


def percent_of(points: float, max_points: float) -> float | None:
    """Points as a percentage of the maximum, rounded to 2 decimals; None when nothing applies."""
    if max_points <= 0:
        return None
    return round(points * 100 / max_points, 2)
